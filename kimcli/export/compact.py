"""Records in the cache's compact form (lists, codec.py) straight to plain values, generated.

A speed trick, kept here: `domain.plain.plain(record, spec, keep=keep)` walks the field table
for every field of every record; the converters below are generated once per process from the
same table as straight-line Python over the compact lists the cache database holds, so that an
export streamed from the database neither decodes records nor dispatches per field. They give
plain()'s values exactly (compact: empty fields left out; `keep`: references to milestones
outside it dropped); `tests/io/test_export_stream.py` compares them on every record.
"""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import Any

from kimcli.domain.fields import FieldType, Spec, Target
from kimcli.io import codec

T = FieldType
_AS_IS = frozenset((T.TEXT, T.ID, T.CHOICE, T.REF))


def _edtf(v: list[Any]) -> str:
    date = codec._undate(v)
    assert date is not None
    return date.edtf()


def _source(spec: Spec) -> str:
    """`conv_<spec>(v, keep)`: the plain mapping of one compact record."""
    lines = [f"def conv_{spec.name}(v, keep):", "    out = {}"]
    for i, f in enumerate(spec.fields):
        if f.name == spec.key:
            continue
        item, name, kind = f"v[{i}]", repr(f.name), f.type
        if kind in _AS_IS:
            lines += [f"    if {item} is not None:", f"        out[{name}] = {item}"]
        elif kind is T.FLAG:
            lines += [f"    if {item}:", f"        out[{name}] = {item}"]
        elif kind is T.DATE or kind is T.DAY:
            lines += [f"    if {item} is not None:", f"        out[{name}] = edtf({item})"]
        elif kind is T.REFS and f.target is Target.MILESTONE:
            lines += [f"    x = [r for r in {item} if keep is None or r in keep]",
                      "    if x:", f"        out[{name}] = x"]
        elif kind is T.TEXTS or kind is T.REFS:
            lines += [f"    if {item}:", f"        out[{name}] = list({item})"]
        elif kind is T.TRANSLATIONS:
            lines += [f"    if {item}:", f"        out[{name}] = dict({item})"]
        elif kind is T.LIST:
            assert f.of is not None
            refs = f.of.milestone_refs
            test = " and ".join(f"r[{j}] in keep" for j in refs)
            where = f" if keep is None or ({test})" if refs else ""
            lines += [f"    if {item}:",
                      f"        x = [conv_{f.of.name}(r, keep) for r in {item}{where}]",
                      "        if x:", f"            out[{name}] = x"]
        elif kind is T.RECORD:
            assert f.of is not None
            lines += [f"    if {item} is not None:", f"        x = conv_{f.of.name}({item}, keep)",
                      "        if x:", f"            out[{name}] = x"]
        else:  # a mapping of records: not in the records that are exported this way
            raise ValueError(f"{spec.name}.{f.name}")
    lines.append("    return out")
    return "\n".join(lines) + "\n"


_CONVERTERS: dict[str, Callable[[list[Any], Container[str] | None], dict[str, Any]]] = {}


def converter(spec: Spec) -> Callable[[list[Any], Container[str] | None], dict[str, Any]]:
    """`conv(compact_record, keep)` for records of `spec` (every spec below it has no
    mapping field: codec.direct)."""
    found = _CONVERTERS.get(spec.name)
    if found is None:
        namespace: dict[str, Any] = {"edtf": _edtf}
        specs = [spec, *codec._specs(spec, {}).values()]
        for s in specs:
            exec(_source(s), namespace)
        _CONVERTERS.update((s.name, namespace[f"conv_{s.name}"]) for s in specs)
        found = _CONVERTERS[spec.name]
    return found
