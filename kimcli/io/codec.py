"""Records to plain JSON values and back, for the cache; both directions made from the table.

A speed trick, kept here: each record becomes a list of its fields in the table's order, and
the decoders are generated once per process from the field table as straight-line Python
(`tuple.__new__` over the values, no keyword handling, no per-field dispatch), which makes a
cache hit several times faster than rebuilding records generically. A decoder checks each
record's length, so a damaged entry raises instead of building wrong records; the cache treats
any exception as a miss. `tests/test_cache.py` round-trips every field of the table.
"""

from __future__ import annotations

from typing import Any

from kimcli import dates
from kimcli.domain.dataset import DATASET, Dataset
from kimcli.domain.fields import FieldType, Spec, row_blanks

T = FieldType
FORMAT = 7  # the layout below; the field table's shape is part of the key as well
_new = tuple.__new__


def _point(p: dates.Point | None) -> list[Any] | None:
    return None if p is None else [p.year, p.month, p.day, p.approximate, p.uncertain]


def _date(d: dates.EDTFDate | None) -> list[Any] | None:
    if d is None:
        return None
    return [_point(d.start), _point(d.end), d.interval, d.start_mode, d.end_mode]


def _whole_point(values: list[Any]) -> dates.Point:
    if len(values) != 5:
        raise ValueError("point")
    return _new(dates.Point, values)


def _undate(v: list[Any] | None) -> dates.EDTFDate | None:
    if v is None:
        return None
    start, end, interval, start_mode, end_mode = v
    return _new(dates.EDTFDate, (_whole_point(start) if start else None,
                                 _whole_point(end) if end else None,
                                 interval, start_mode, end_mode))


def _untexts(v: list[list[str]] | None) -> tuple[tuple[str, str], ...] | None:
    return None if v is None else tuple([(name, text) for name, text in v])


def encode(record: Any, spec: Spec) -> list[Any]:
    out: list[Any] = []
    for f, value in zip(spec.fields, record, strict=False):
        kind = f.type
        if kind is T.DATE or kind is T.DAY:
            out.append(_date(value))
        elif kind is T.TEXTS or kind is T.REFS:
            out.append(list(value))
        elif kind is T.LIST:
            assert f.of is not None
            out.append(None if value is None else [encode(item, f.of) for item in value])
        elif kind is T.TABLE:
            assert f.of is not None
            out.append([encode(item, f.of) for item in value.values()])
        elif kind is T.RECORD:
            assert f.of is not None
            out.append(None if value is None else encode(value, f.of))
        elif kind is T.TRANSLATIONS:
            out.append(None if value is None else [list(pair) for pair in value])
        else:
            out.append(value)
    if spec.line:
        out.append(record.line)
    return out


_DIRECT: dict[str, bool] = {}
_DATE_FIELDS = ("start", "end", "interval", "start_mode", "end_mode")
_POINT_FIELDS = ("year", "month", "day", "approximate", "uncertain")


def direct(spec: Spec) -> bool:
    """Whether a record of `spec` is already its own encoding, as JSON: its tuple holds its
    fields in the table's order (and its line last), dates and points hold exactly what
    `_date` writes, and no field anywhere is a mapping (TABLE, encoded as a list of values).
    Then JSON encoders may write the record itself, tuples as arrays, with encode()'s bytes."""
    found = _DIRECT.get(spec.name)
    if found is None:
        names = tuple(f.name for f in spec.fields) + (("line",) if spec.line else ())
        found = (getattr(spec.cls, "_fields", None) == names
                 and dates.EDTFDate._fields == _DATE_FIELDS
                 and dates.Point._fields == _POINT_FIELDS
                 and all(f.type is not T.TABLE and (f.of is None or direct(f.of))
                         for f in spec.fields))
        _DIRECT[spec.name] = found
    return found


def _decoder_source(spec: Spec, names: dict[str, str], row: bool = False) -> str:
    """Python source of `dec_<spec>(v)`, one expression per field in the table's order; with
    `row`, of `dec_<spec>_row(v)` for a timeline row, which has only the fields marked `row`
    (every other field is the blank a row holds, fields.row_blanks)."""
    parts = []
    blanks = row_blanks(spec) if row else {}
    for index, f in enumerate(spec.fields):
        item = f"v[{index}]"
        kind = f.type
        if f.name in blanks:
            parts.append(repr(blanks[f.name]))
        elif kind is T.DATE or kind is T.DAY:
            parts.append(f"undate({item})")
        elif kind is T.TEXTS or kind is T.REFS:
            parts.append(f"tuple({item})")
        elif kind is T.LIST:
            assert f.of is not None
            parts.append(f"tuple([dec_{f.of.name}(x) for x in {item}])")
        elif kind is T.TABLE:
            assert f.of is not None
            key = [g.name for g in f.of.fields].index(f.of.key or "")
            parts.append(f"{{x[{key}]: dec_{f.of.name}(x) for x in {item}}}")
        elif kind is T.RECORD:
            assert f.of is not None
            parts.append(f"(None if {item} is None else dec_{f.of.name}({item}))")
        elif kind is T.TRANSLATIONS:
            parts.append(f"untexts({item})")
        else:
            parts.append(item)
    size = len(spec.fields) + (1 if spec.line else 0)
    if spec.line:
        parts.append(repr(blanks["line"]) if row else f"v[{len(spec.fields)}]")
    names[spec.name] = spec.cls.__name__
    values = ", ".join(parts)
    return (f"def dec_{spec.name}{'_row' if row else ''}(v):\n"
            f"    if len(v) != {size}:\n"
            f"        raise ValueError({spec.name!r})\n"
            f"    return new({spec.cls.__name__}, ({values},))\n")


def _specs(spec: Spec, seen: dict[str, Spec]) -> dict[str, Spec]:
    for f in spec.fields:
        if f.of is not None and f.of.name not in seen:
            seen[f.of.name] = f.of
            _specs(f.of, seen)
    return seen


_DECODERS: dict[str, Any] = {}


def _decoders() -> dict[str, Any]:
    if not _DECODERS:
        namespace: dict[str, Any] = {"new": _new, "undate": _undate, "untexts": _untexts}
        names: dict[str, str] = {}
        for spec in _specs(DATASET, {}).values():
            namespace[spec.cls.__name__] = spec.cls
            exec(_decoder_source(spec, names), namespace)
            if any(f.row for f in spec.fields):
                exec(_decoder_source(spec, names, row=True), namespace)
        _DECODERS.update((k, v) for k, v in namespace.items() if k.startswith("dec_"))
    return _DECODERS


def decoder(name: str) -> Any:
    """`dec_<name>`: a record of that spec (or `<spec>_row`: a timeline row) from its plain
    values."""
    return _decoders()[f"dec_{name}"]


def shape() -> str:
    """The field table's shape, so that a cache made under another table is not read (a
    timeline row's fields too: the cache keeps rows)."""
    return ";".join(f"{s.name}:" + ",".join(f"{f.name}/{f.type.value}{'/row' * f.row}"
                                             for f in s.fields)
                    for s in [DATASET, *_specs(DATASET, {}).values()])


def dataset_to_record(ds: Dataset) -> dict[str, Any]:
    position = {m.id: i for i, m in enumerate(ds.milestones)}
    values = [getattr(ds, f.name) for f in DATASET.fields]
    return {"fields": encode(values, DATASET),
            "chronological": [position[m.id] for m in ds.chronological()]}


def dataset_from_record(record: dict[str, Any], path: str, digest: str = "") -> Dataset:
    decoders = _decoders()
    values = record["fields"]
    if len(values) != len(DATASET.fields):
        raise ValueError("dataset")
    fields: dict[str, Any] = {}
    for f, value in zip(DATASET.fields, values, strict=True):
        if f.type is T.LIST:
            assert f.of is not None
            decode = decoders[f"dec_{f.of.name}"]
            fields[f.name] = tuple([decode(x) for x in value])
        elif f.type is T.TABLE:
            assert f.of is not None
            decode = decoders[f"dec_{f.of.name}"]
            fields[f.name] = {x[0]: decode(x) for x in value}
        elif f.type is T.DAY or f.type is T.DATE:
            fields[f.name] = _undate(value)
        elif f.type is T.TRANSLATIONS:
            fields[f.name] = _untexts(value)
        else:
            fields[f.name] = value
    dataset = Dataset(**fields, path=path, digest=digest)
    milestones = dataset.milestones
    order = record["chronological"]
    if sorted(order) != list(range(len(milestones))):  # each milestone exactly once
        raise ValueError("chronological")
    object.__setattr__(dataset, "_chronological", tuple([milestones[i] for i in order]))
    return dataset
