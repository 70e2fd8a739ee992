"""Records to plain values in the dataset's own format (JSON-ready), guided by the field table."""

from __future__ import annotations

from collections.abc import Container
from typing import Any

from kimcli.domain.fields import FieldType, Spec, Target

T = FieldType
_EMPTY: tuple[Any, ...] = (None, [], {}, ())


def value(f_type: FieldType, v: Any, of: Spec | None = None, *, compact: bool = True,
          keep: Container[str] | None = None) -> Any:
    """One field's value: a date as its EDTF text, lists as lists, records as mappings."""
    if v is None:
        return None
    if f_type is T.DATE or f_type is T.DAY:
        return v.edtf()
    if f_type is T.TEXTS or f_type is T.REFS:
        return list(v)
    if f_type is T.TRANSLATIONS:
        return dict(v)
    if f_type is T.LIST:
        assert of is not None
        return [plain(item, of, compact=compact, keep=keep) for item in v
                if keep is None or _kept(item, of, keep)]
    if f_type is T.TABLE:
        assert of is not None
        return {key: plain(item, of, compact=compact, keep=keep) for key, item in v.items()}
    if f_type is T.RECORD:
        assert of is not None
        return plain(v, of, compact=compact, keep=keep)
    return v


def _kept(item: Any, spec: Spec, keep: Container[str]) -> bool:
    """False for a record that exists only to point at a milestone left out (a reference)."""
    return all(getattr(item, f.name) in keep for f in spec.fields
               if f.type is T.REF and f.target is Target.MILESTONE and f.required)


def plain(record: Any, spec: Spec, *, compact: bool = True,
          keep: Container[str] | None = None) -> dict[str, Any]:
    """A record as a mapping of its written fields; `compact` leaves out empty ones, `keep`
    (milestone ids) drops references to milestones outside it."""
    out: dict[str, Any] = {}
    for f in spec.written:
        v = getattr(record, f.name)
        if f.type is T.REFS and f.target is Target.MILESTONE and keep is not None:
            v = tuple(x for x in v if x in keep)
        if f.type is T.FLAG and compact and not v:
            continue
        converted = value(f.type, v, f.of, compact=compact, keep=keep)
        if compact and converted in _EMPTY:
            continue
        out[f.name] = converted
    return out
