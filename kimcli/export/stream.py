"""A whole export streamed from the cache database: the milestones read row by row in time
order, each checked against its mac and converted straight from its compact form, never all
held at once (issue 16: `kim export --format json` at 100,000 milestones in little memory).

What a whole export names besides the milestones (the sources they cite, their actors and
phases) the database keeps in `meta` (`export_used`, signed like every row), so that the head
of the export is written before any milestone is read. A fault on the way (a row that fails
its check, a missing row, a damaged page) is never an error: the rows written so far were
checked, so the export carries on from the dataset parsed from the source where they stop.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from kimcli.domain.fields import MILESTONE, Milestone
from kimcli.io.lazy import Db, store_of

_ROWS = ("SELECT pos, chrono, id, date, start, end, kind, kind_folded, title, disputed, record,"
         " mac FROM milestones ORDER BY chrono")
_BATCH = 1024


class Stored(Sequence[Milestone]):
    """Every milestone of a cached dataset in time order, as an export's selection: its
    length is known, its records are read only when the export writes them."""

    def __init__(self, db: Db) -> None:
        self.db = db

    def __len__(self) -> int:
        return self.db.count

    def __getitem__(self, i: Any) -> Any:
        return self.db.full().chronological()[i]  # not used by the export; correct anyway

    def __iter__(self) -> Iterator[Milestone]:
        return iter(self.db.full().chronological())

    def used(self) -> tuple[set[str], set[str], set[str], set[str]]:
        """Every milestone id, and the sources, actors and phases the milestones name."""
        db = self.db

        def fast() -> tuple[set[str], set[str], set[str], set[str]]:
            used = json.loads(db.meta["export_used"])
            return (set(db.ids()), set(used["sources"]), set(used["actors"]),
                    set(used["phases"]))

        def slow(ds: Any) -> tuple[set[str], set[str], set[str], set[str]]:
            milestones = ds.milestones
            return ({m.id for m in milestones},
                    {s for m in milestones for s in m.cited_sources()},
                    {a for m in milestones for a in m.actors},
                    {m.phase for m in milestones if m.phase})

        return db.guard(fast, slow)

    def records(self, keep: set[str]) -> Iterator[dict[str, Any]]:
        """Each milestone's plain record (domain/plain.py's, `keep` applied), in time order."""
        from kimcli.domain.plain import plain
        from kimcli.export.compact import converter

        db = self.db
        done = 0
        if db._full is None:
            convert = converter(MILESTONE)
            try:
                for row in _rows(db):
                    if row[1] != done:  # a row missing, or out of place
                        break
                    db.sign.check("milestones", row)
                    record = json.loads(row[10])
                    if record[0] != row[2]:
                        break
                    yield convert(record, keep)
                    done += 1
            except Exception:  # anything a damaged database could cause
                pass
        if done < db.count:  # carry on from the source where the database failed
            for m in db.full().chronological()[done:]:
                yield plain(m, MILESTONE, keep=keep)


def _rows(db: Db) -> Iterator[tuple[Any, ...]]:
    cursor = db.conn.execute(_ROWS)
    while True:
        batch = cursor.fetchmany(_BATCH)
        if not batch:
            return
        yield from batch


def whole(dataset: Any, unfiltered: bool) -> Stored | None:
    """The export's selection streamed from the cache, when the dataset is read from it and
    every milestone is exported; else None (the selection is made as always)."""
    db = store_of(dataset)
    if db is None or not unfiltered or "export_used" not in db.meta:
        return None
    return Stored(db)
