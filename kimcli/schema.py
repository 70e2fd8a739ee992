"""The dataset format as a JSON Schema (draft 2020-12), derived from the field table."""

from __future__ import annotations

from typing import Any

from kimcli.domain.dataset import DATASET
from kimcli.domain.fields import Field, FieldType, Spec

T = FieldType
_SLUG = "^[a-z0-9][a-z0-9._-]*$"
_EDTF_POINT = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?[~?%]?"
_EDTF = rf"^({_EDTF_POINT}|({_EDTF_POINT}|\.\.)?/({_EDTF_POINT}|\.\.)?)$"
_DAY = r"^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])[~?%]?$"


def _date(pattern: str, doc: str) -> dict[str, Any]:
    # YAML reads an unquoted 2012 as a number and 2022-01-01 as a date; both are allowed.
    forms: list[dict[str, Any]] = [{"type": "string", "pattern": pattern}]
    if pattern == _EDTF:
        forms.append({"type": "integer", "minimum": 1, "maximum": 9999})
    return {"anyOf": forms, "description": doc}


def _field(f: Field, owner: Spec) -> dict[str, Any]:
    doc = f.doc
    if f.type is T.TEXT:
        return {"type": "string", "description": doc}
    if f.type is T.ID:
        return {"type": "string", "pattern": _SLUG, "description": doc}
    if f.type is T.DATE:
        return _date(_EDTF, doc + " (EDTF subset: 2012, 2020-11, 2022-01-01, 2017/2020, "
                     "2019/.., ../2020; qualifiers ~ ? %)")
    if f.type is T.DAY:
        return _date(_DAY, doc + " (a day: 2026-12-03)")
    if f.type is T.FLAG:
        return {"type": "boolean", "description": doc}
    if f.type is T.CHOICE:
        return {"enum": list(f.choices), "description": doc}
    if f.type is T.REF:
        return {"type": "string", "description": doc}
    if f.type in (T.TEXTS, T.REFS):
        return {"type": "array", "items": {"type": "string"}, "description": doc}
    if f.type is T.TRANSLATIONS:
        return {"type": "object", "additionalProperties": False, "description": doc,
                "properties": {name: {"type": "string"} for name in owner.translatable}}
    assert f.of is not None
    if f.type is T.LIST:
        return {"type": "array", "items": record(f.of), "description": doc}
    if f.type is T.TABLE:
        return {"type": "object", "additionalProperties": record(f.of), "description": doc}
    return record(f.of)


def record(spec: Spec) -> dict[str, Any]:
    return {"type": "object", "additionalProperties": False, "description": spec.doc,
            "required": [f.name for f in spec.written if f.required],
            "properties": {f.name: _field(f, spec) for f in spec.written}}


SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://github.com/kim-timeline/kim/kim.schema.json",
    "title": "kim dataset",
    **record(DATASET),
}
