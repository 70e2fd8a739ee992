"""The dataset format as a JSON Schema (draft 2020-12), for editors and other tools."""

from __future__ import annotations

from typing import Any

_SLUG = "^[a-z0-9][a-z0-9._-]*$"
_EDTF_POINT = r"\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?[~?%]?"
_EDTF = rf"^({_EDTF_POINT}|({_EDTF_POINT}|\.\.)?/({_EDTF_POINT}|\.\.)?)$"


def _text() -> dict[str, Any]:
    return {"type": "string"}


def _date() -> dict[str, Any]:
    # YAML reads an unquoted 2012 as a number and 2022-01-01 as a date; both are allowed.
    return {
        "anyOf": [
            {"type": "string", "pattern": _EDTF},
            {"type": "integer", "minimum": 1, "maximum": 9999},
        ],
        "description": "EDTF subset: 2012, 2020-11, 2022-01-01, 2017/2020, 2019/.., ../2020; "
        "qualifiers ~ ? %",
    }


def _ids() -> dict[str, Any]:
    return {"type": "array", "items": {"type": "string"}}


def _obj(required: list[str], props: dict[str, Any], description: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {"type": "object", "additionalProperties": False,
                           "required": required, "properties": props}
    if description:
        out["description"] = description
    return out


_TRANSLATION = _obj([], {"title": _text(), "summary": _text(), "date_label": _text(),
                         "kind": _text()},
                    "English texts for this milestone")

_MILESTONE = _obj(
    ["id", "title", "date", "kind", "summary"],
    {
        "id": {"type": "string", "pattern": _SLUG},
        "title": _text(),
        "date": _date(),
        "kind": _text(),
        "summary": _text(),
        "date_label": _text(),
        "description": _text(),
        "phase": _text(),
        "tags": _ids(),
        "aliases": _ids(),
        "actors": _ids(),
        "sources": _ids(),
        "refs": {"type": "array", "items": _obj(
            ["to", "rel"], {"to": _text(), "rel": _text(), "note": _text(), "sources": _ids()})},
        "facts": {"type": "array", "items": _obj(
            ["text"], {"text": _text(), "sources": _ids(),
                       "confidence": {"enum": ["primary", "confirmed", "secondary"]}})},
        "key_dates": {"type": "array", "items": _obj(
            ["date", "label"], {"date": _date(), "label": _text(), "sources": _ids()})},
        "disputes": {"type": "array", "items": _obj(
            ["topic", "claims"],
            {"topic": _text(), "note": _text(),
             "claims": {"type": "array", "items": _obj(
                 ["claim"], {"claim": _text(), "sources": _ids()})}})},
        "en": _TRANSLATION,
    },
)

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://github.com/kim-timeline/kim/kim.schema.json",
    "title": "kim dataset",
    **_obj(
        ["title", "milestones"],
        {
            "title": _text(),
            "language": _text(),
            "description": _text(),
            "en": _obj([], {"title": _text(), "description": _text()}),
            "relations": {"type": "object", "additionalProperties": _obj(
                ["label", "inverse"],
                {"label": _text(), "inverse": _text(), "ordered": {"type": "boolean"},
                 "en": _obj([], {"label": _text(), "inverse": _text()})})},
            "sources": {"type": "object", "additionalProperties": _obj(
                ["title"],
                {"title": _text(), "url": _text(),
                 "publisher": _text(), "type": _text(), "date": _date(), "note": _text()})},
            "actors": {"type": "object", "additionalProperties": _obj(
                ["name"], {"name": _text(), "abbr": _text(), "role": _text(), "sources": _ids()})},
            "glossary": {"type": "array", "items": _obj(
                ["term", "definition"],
                {"term": _text(), "definition": _text(), "aliases": _ids(), "sources": _ids(),
                 "see": _ids()})},
            "phases": {"type": "array", "items": _obj(
                ["id", "title", "date"],
                {"id": {"type": "string", "pattern": _SLUG}, "title": _text(), "date": _date(),
                 "summary": _text()})},
            "milestones": {"type": "array", "items": _MILESTONE},
        },
    ),
}
