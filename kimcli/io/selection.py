"""A filtered timeline from the cache: the milestones a range, kinds or disputes select, found
by the span index; their rows (io.timelinerows) for the view, their whole records, read when
first asked for, for everything else (`--json`)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from typing import Any, overload

from kimcli import query
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.io.lazy import Db
from kimcli.io.store import Broken

# Whole records are read this many at a time (SQLite's oldest limit of bound values is 999).
_CHUNK = 500


def where_of(flt: query.TimelineFilter) -> tuple[str, tuple[Any, ...]]:
    """The span index's condition (store.SPAN_INDEX) for `flt`: a superset of what the
    filter keeps (an open end is stored as the last day), never fewer."""
    from kimcli.fuzzy import fold

    where: list[str] = ["1"]
    params: list[Any] = []
    if flt.start is not None:
        where.append("end >= ?")
        params.append(flt.start)
    if flt.end is not None:
        where.append("start <= ?")
        params.append(flt.end)
    kinds = sorted({fold(k) for k in flt.kinds})
    if kinds:
        where.append(f"kind_folded IN ({', '.join('?' * len(kinds))})")
        params.extend(kinds)
    if flt.disputed:
        where.append("disputed = 1")
    return " AND ".join(where), tuple(params)


def whole_records(db: Db, dataset: Dataset, flt: query.TimelineFilter) -> list[Milestone]:
    """The filter's answer from the whole records the span index preselects."""
    where, params = where_of(flt)
    found = tuple(db.milestones(f"pos IN (SELECT pos FROM milestones WHERE {where})", params,
                                by_chrono=True))
    return query.timeline(_part(dataset, found), flt)


def rows(db: Db, dataset: Dataset, flt: query.TimelineFilter) -> Selection:
    """The filter's answer from the rows the span index preselects (no tags: a row has none)."""
    from kimcli.io import timelinerows

    where, params = where_of(flt)
    found = timelinerows.selected(db, where, params)
    chrono = {m.id: c for c, m in found}
    kept = query.timeline(_part(dataset, tuple(m for _, m in found)), flt)
    return Selection(db, flt, kept, [chrono[m.id] for m in kept])


def _part(dataset: Dataset, milestones: tuple[Milestone, ...]) -> Dataset:
    part = replace(dataset, milestones=milestones)
    object.__setattr__(part, "_chronological", milestones)
    return part


class Selection(Sequence[Milestone]):
    """The milestones of a filtered timeline: as rows for the timeline view
    (`timeline_stream`), as whole records (read from the database the first time they are
    asked for, in the same order) for everything else."""

    def __init__(self, db: Db, flt: query.TimelineFilter, rows: list[Milestone],
                 chrono: list[int]) -> None:
        self.db, self.flt, self.rows, self.chrono = db, flt, rows, chrono
        self._records: list[Milestone] | None = None

    def __len__(self) -> int:
        return len(self.rows)

    def timeline_stream(self) -> Iterator[Milestone]:
        return iter(self.rows)

    def view_summary(self, key: str) -> None:
        """A selection keeps no summary of its own: its axis and widths are worked out."""
        return None

    def records(self) -> list[Milestone]:
        if self._records is None:
            self._records = self.db.guard(self._read, lambda ds: query.timeline(ds, self.flt))
        return self._records

    def _read(self) -> list[Milestone]:
        by_id: dict[str, Milestone] = {}
        for start in range(0, len(self.chrono), _CHUNK):
            chunk = tuple(self.chrono[start:start + _CHUNK])
            for m in self.db.milestones(f"chrono IN ({', '.join('?' * len(chunk))})", chunk):
                by_id[m.id] = m
        out = [by_id.get(row.id) for row in self.rows]
        if len(by_id) != len(self.rows) or None in out:
            raise Broken("rows")
        return out  # type: ignore[return-value]

    @overload
    def __getitem__(self, i: int) -> Milestone: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Milestone]: ...

    def __getitem__(self, i: int | slice) -> Any:
        return self.records()[i]

    def __iter__(self) -> Iterator[Milestone]:
        return iter(self.records())
