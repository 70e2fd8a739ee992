"""Records to plain values in the dataset's own format (JSON-ready), guided by the field table."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from kimcli.domain.fields import FieldType, Spec, Target

T = FieldType
_EMPTY: tuple[Any, ...] = (None, [], {}, ())
_AS_IS = frozenset((T.TEXT, T.ID, T.CHOICE, T.REF, T.FLAG))


def value(f_type: FieldType, v: Any, of: Spec | None = None, *, compact: bool = True,
          keep: Container[str] | None = None) -> Any:
    """One field's value: a date as its EDTF text, lists as lists, records as mappings."""
    if v is None or f_type in _AS_IS:
        return v
    if f_type is T.DATE or f_type is T.DAY:
        return v.edtf()
    if f_type is T.TEXTS or f_type is T.REFS:
        return list(v)
    if f_type is T.TRANSLATIONS:
        return dict(v)
    assert of is not None
    if f_type is T.LIST:
        refs = of.milestone_refs
        return [plain(item, of, compact=compact, keep=keep) for item in v
                if keep is None or not refs or all(item[i] in keep for i in refs)]
    if f_type is T.TABLE:
        return {key: plain(item, of, compact=compact, keep=keep) for key, item in v.items()}
    return plain(v, of, compact=compact, keep=keep)


def plain(record: Any, spec: Spec, *, compact: bool = True,
          keep: Container[str] | None = None) -> dict[str, Any]:
    """A record as a mapping of its written fields; `compact` leaves out empty ones, `keep`
    (milestone ids) drops references to milestones outside it."""
    out: dict[str, Any] = {}
    key = spec.key
    for f, v in zip(spec.fields, record, strict=False):
        name = f.name
        if name == key:
            continue
        kind = f.type
        if kind in _AS_IS:
            if compact and (v is None or (kind is T.FLAG and not v)):
                continue
            out[name] = v
            continue
        if keep is not None and kind is T.REFS and f.target is Target.MILESTONE:
            v = tuple(x for x in v if x in keep)
        converted = value(kind, v, f.of, compact=compact, keep=keep)
        if compact and converted in _EMPTY:
            continue
        out[name] = converted
    return out
