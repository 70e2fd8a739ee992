"""Two datasets compared, guided by the field table: what was added, removed, renamed, changed.

Pure: no terminal, no disk. Every change is a `Change` (a kind, the field it concerns and the
old and new values as plain JSON-ready values); milestones, sources and actors are grouped by
id. The order is deterministic: milestones in the new dataset's time order (removed ones in
the old one's), fields in the field table's order, items in the order they are written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any

from kimcli.domain.dataset import DATASET_FIELDS, Dataset
from kimcli.domain.fields import (
    ACTOR,
    DISPUTE,
    FACT,
    MILESTONE,
    REF,
    SOURCE,
    Field,
    FieldType,
    Milestone,
    Spec,
    Target,
    text_in,
)
from kimcli.domain.plain import plain, value
from kimcli.fuzzy import fold

T = FieldType
SIMILAR = 0.6  # difflib ratio of folded texts from which a removed and an added text pair up


class ChangeType(str, Enum):
    """What happened to a field or an item. A date field changes with DATE; REWORDED is a
    fact, OPENED / SETTLED a dispute, CITED / UNCITED a source cited by the record."""

    FIELD = "field"
    DATE = "date"
    ADDED = "added"
    REMOVED = "removed"
    CHANGED = "changed"
    REWORDED = "reworded"
    OPENED = "opened"
    SETTLED = "settled"
    CITED = "cited"
    UNCITED = "uncited"


@dataclass(frozen=True)
class Change:
    """One change: its type, the field it concerns, the values before and after."""

    type: ChangeType
    field: str
    old: Any = None
    new: Any = None
    parts: tuple[Change, ...] = ()  # a changed item's own changes (a dispute's claims …)


@dataclass(frozen=True)
class Entry:
    """A milestone, source or actor named in the diff: its id, title (and English title)."""

    id: str
    title: str
    title_en: str | None = None
    date: str | None = None


@dataclass(frozen=True)
class Group:
    """The changes to one record kept on both sides."""

    entry: Entry
    changes: tuple[Change, ...]


@dataclass(frozen=True)
class Section:
    added: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()
    changed: tuple[Group, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True)
class Diff:
    dataset: tuple[Change, ...]
    milestones: Section
    renamed: tuple[tuple[Entry, Entry], ...]  # (old, new): the same content under a new id
    sources: Section
    actors: Section

    @property
    def empty(self) -> bool:
        return not (self.dataset or self.renamed) and all(
            s.empty for s in (self.milestones, self.sources, self.actors))


# -- entry points ------------------------------------------------------------------------------


def compare(old: Dataset, new: Dataset) -> Diff:
    """Everything that differs from `old` to `new`."""
    old_ms, new_ms = old.by_id(), new.by_id()
    gone = [m for m in old.chronological() if m.id not in new_ms]
    came = [m for m in new.chronological() if m.id not in old_ms]
    renamed: list[tuple[Entry, Entry]] = []
    for m in list(gone):
        content = _content(m)
        twin = next((n for n in came if _content(n) == content), None)
        if twin is not None:
            renamed.append((_milestone_entry(m), _milestone_entry(twin)))
            gone.remove(m)
            came.remove(twin)
    changed = []
    for m in new.chronological():
        was = old_ms.get(m.id)
        if was is not None:
            found = record_changes(was, m, MILESTONE, old, new)
            if found:
                changed.append(Group(_milestone_entry(m), found))
    milestones = Section(tuple(_milestone_entry(m) for m in came),
                         tuple(_milestone_entry(m) for m in gone), tuple(changed))
    sources = _table(old.sources, new.sources, SOURCE, old, new,
                     lambda s: Entry(s.id, s.title, date=s.date.edtf() if s.date else None))
    actors = _table(old.actors, new.actors, ACTOR, old, new,
                    lambda a: Entry(a.id, a.name, text_in(a.en, "name")))
    top: list[Change] = []
    for f in DATASET_FIELDS:
        if f.name not in ("milestones", "sources", "actors"):
            top += _field_changes(f, getattr(old, f.name), getattr(new, f.name), old, new)
    return Diff(tuple(top), milestones, tuple(renamed), sources, actors)


def record_changes(old_rec: Any, new_rec: Any, spec: Spec, old: Dataset, new: Dataset
                   ) -> tuple[Change, ...]:
    """The changes between two versions of one record, field by field of its spec."""
    out: list[Change] = []
    for f in spec.fields:
        if f.name == spec.key or f.name == "id":
            continue
        out += _field_changes(f, getattr(old_rec, f.name), getattr(new_rec, f.name), old, new)
    return tuple(out)


# -- fields ------------------------------------------------------------------------------------


def _field_changes(f: Field, a: Any, b: Any, old: Dataset, new: Dataset) -> list[Change]:
    if a == b:
        return []
    if f.type is T.DATE or f.type is T.DAY:
        return [Change(ChangeType.DATE, f.name, value(f.type, a), value(f.type, b))]
    if f.type is T.REFS and f.target is Target.SOURCE:
        return ([Change(ChangeType.UNCITED, f.name, _source(old, s), None)
                 for s in a if s not in b]
                + [Change(ChangeType.CITED, f.name, None, _source(new, s))
                   for s in b if s not in a])
    if f.type in (T.REFS, T.TEXTS):
        return ([Change(ChangeType.REMOVED, f.name, x, None) for x in a if x not in b]
                + [Change(ChangeType.ADDED, f.name, None, x) for x in b if x not in a])
    if f.type is T.TRANSLATIONS:
        da, db = dict(a or ()), dict(b or ())
        return [Change(ChangeType.FIELD, f"{f.name}.{k}", da.get(k), db.get(k))
                for k in dict.fromkeys([*da, *db]) if da.get(k) != db.get(k)]
    if f.type is T.LIST and f.of is not None:
        return _list_changes(f, f.of, a, b, old, new)
    if f.type is T.TABLE and f.of is not None:
        spec = f.of
        out = [Change(ChangeType.REMOVED, f.name, plain(a[k], spec) | {"id": k}, None)
               for k in a if k not in b]
        out += [Change(ChangeType.ADDED, f.name, None, plain(b[k], spec) | {"id": k})
                for k in b if k not in a]
        out += [Change(ChangeType.CHANGED, f.name, plain(a[k], spec) | {"id": k},
                       plain(b[k], spec) | {"id": k}, record_changes(a[k], b[k], spec, old, new))
                for k in b if k in a and a[k] != b[k]]
        return out
    if f.type is T.RECORD and f.of is not None:
        return [Change(ChangeType.FIELD, f.name, plain(a, f.of), plain(b, f.of))]
    return [Change(ChangeType.FIELD, f.name, value(f.type, a), value(f.type, b))]


def _source(dataset: Dataset, sid: str) -> dict[str, str]:
    found = dataset.sources.get(sid)
    return {"id": sid, "title": found.title} if found else {"id": sid}


def _list_changes(f: Field, spec: Spec, a: Sequence[Any], b: Sequence[Any], old: Dataset,
                  new: Dataset) -> list[Change]:
    """Items of a list of records: kept ones matched exactly, then the rest paired up by a key
    (a reference's target and relation), by the same main text, or by a similar one."""
    rest_a = list(a)
    rest_b: list[Any] = []
    for item in b:
        if item in rest_a:
            rest_a.remove(item)
        else:
            rest_b.append(item)
    pairs = _pair(spec, rest_a, rest_b)
    paired_a = {id(x) for x, _ in pairs}
    paired_b = {id(y) for _, y in pairs}
    removed, added = ((ChangeType.SETTLED, ChangeType.OPENED) if spec is DISPUTE
                      else (ChangeType.REMOVED, ChangeType.ADDED))
    out = [Change(removed, f.name, plain(x, spec), None) for x in rest_a if id(x) not in paired_a]
    out += [Change(added, f.name, None, plain(y, spec)) for y in rest_b if id(y) not in paired_b]
    for x, y in pairs:
        main = spec.fields[0].name
        if spec is FACT and _folded(getattr(x, main)) != _folded(getattr(y, main)):
            out.append(Change(ChangeType.REWORDED, f.name, plain(x, spec), plain(y, spec)))
        else:
            out.append(Change(ChangeType.CHANGED, f.name, plain(x, spec), plain(y, spec),
                              record_changes(x, y, spec, old, new)))
    return out


def _pair(spec: Spec, a: list[Any], b: list[Any]) -> list[tuple[Any, Any]]:
    """Pairs of a removed and an added item that are one item changed, best matches first."""
    if not a or not b:
        return []
    main = spec.fields[0]
    candidates: list[tuple[float, int, int]] = []
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            score = _likeness(spec, main, x, y)
            if score is not None:
                candidates.append((-score, i, j))
    pairs: list[tuple[Any, Any]] = []
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in sorted(candidates):
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            pairs.append((a[i], b[j]))
    return sorted(pairs, key=lambda p: b.index(p[1]))


def _likeness(spec: Spec, main: Field, x: Any, y: Any) -> float | None:
    """How alike two items are (higher: more), or None when they are different items."""
    if spec is REF:
        return 2.0 if (x.to, x.rel) == (y.to, y.rel) else None
    if main.type is not T.TEXT:  # key dates and the like: the same date is the same item
        return 2.0 if getattr(x, main.name) == getattr(y, main.name) else None
    fx, fy = _folded(getattr(x, main.name)), _folded(getattr(y, main.name))
    if fx == fy:
        return 2.0
    ratio = difflib.SequenceMatcher(None, fx, fy, autojunk=False).ratio()
    same_sources = bool(getattr(x, "sources", ())) and getattr(x, "sources", ()) == getattr(
        y, "sources", ())
    if ratio >= SIMILAR or same_sources:
        return ratio + (1.0 if same_sources else 0.0)
    return None


def _folded(value: str) -> str:
    return " ".join(fold(value).split())


# -- records -----------------------------------------------------------------------------------


def _content(m: Milestone) -> dict[str, Any]:
    out = plain(m, MILESTONE)
    out.pop("id", None)
    return out


def _milestone_entry(m: Milestone) -> Entry:
    return Entry(m.id, m.title, text_in(m.en, "title"), m.date.edtf())


def _natural(key: str) -> tuple[tuple[int, int | str], ...]:
    """S9 before S10: digits compared as numbers."""
    return tuple((0, int(part)) if part.isdigit() else (1, part)
                 for part in re.findall(r"\d+|\D+", key))


def _table(a: dict[str, Any], b: dict[str, Any], spec: Spec, old: Dataset, new: Dataset,
           entry: Callable[[Any], Entry]) -> Section:
    """A mapping of records (sources, actors) compared by key, in key order."""
    added = tuple(entry(b[k]) for k in sorted(b, key=_natural) if k not in a)
    removed = tuple(entry(a[k]) for k in sorted(a, key=_natural) if k not in b)
    changed = []
    for k in sorted(b, key=_natural):
        if k in a and a[k] != b[k]:
            found = record_changes(a[k], b[k], spec, old, new)
            if found:
                changed.append(Group(entry(b[k]), found))
    return Section(added, removed, tuple(changed))


# -- plain values ------------------------------------------------------------------------------


def to_plain(diff: Diff, old_name: str, new_name: str) -> dict[str, Any]:
    """The diff as JSON-ready values (the shape documented in the README)."""
    return {
        "old": old_name,
        "new": new_name,
        "changed": not diff.empty,
        "dataset": [_change(c) for c in diff.dataset],
        "milestones": _section(diff.milestones) | {
            "renamed": [{"old": _entry(a), "new": _entry(b)} for a, b in diff.renamed]},
        "sources": _section(diff.sources),
        "actors": _section(diff.actors),
    }


def _entry(e: Entry) -> dict[str, Any]:
    out: dict[str, Any] = {"id": e.id, "title": e.title}
    if e.title_en:
        out["title_en"] = e.title_en
    if e.date:
        out["date"] = e.date
    return out


def _change(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"change": c.type.value, "field": c.field}
    if c.old is not None:
        out["old"] = c.old
    if c.new is not None:
        out["new"] = c.new
    if c.parts:
        out["changes"] = [_change(p) for p in c.parts]
    return out


def _section(s: Section) -> dict[str, Any]:
    return {
        "added": [_entry(e) for e in s.added],
        "removed": [_entry(e) for e in s.removed],
        "changed": [_entry(g.entry) | {"changes": [_change(c) for c in g.changes]}
                    for g in s.changed],
    }
