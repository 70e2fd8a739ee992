"""A cached dataset read lazily from its SQLite index: milestones, time order, lookups by id
and sources as views that fetch and check only the rows asked for.

Every row read is checked against its mac before it is decoded; any fault (a damaged page, a
mac that does not fit, a record that does not decode) switches the view to the dataset parsed
from the source (`Db.full`), which also rebuilds the database.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, TypeVar, overload

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone, Source
from kimcli.io import codec
from kimcli.io.store import Broken

_M = ("SELECT pos, chrono, id, date, start, end, kind, kind_folded, title, disputed, record, mac"
      " FROM milestones")
_BATCH = 2048
V = TypeVar("V")


def _chrono(row: Any) -> int:
    return int(row[1])


class Db:
    """An open, checked cache database and the milestones decoded from it so far."""

    def __init__(self, conn: Any, fd: int, sign: Any, path: str, digest: str,
                 meta: dict[str, str], target: Path) -> None:
        self.conn, self.fd, self.sign, self.path, self.digest = conn, fd, sign, path, digest
        self.meta, self.target = meta, target
        self.count = int(meta["milestones"])
        self.n_sources = int(meta.get("sources", 0))
        self.by_pos: dict[int, Milestone] = {}
        self.chrono_pos: dict[int, int] = {}
        self._full: Dataset | None = None
        self.decode_milestone = codec.decoder("milestone")
        self._source = codec.decoder("source")

    def close(self) -> None:
        try:
            self.conn.close()
        finally:
            os.close(self.fd)

    def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        import sqlite3

        try:
            found: list[Any] = self.conn.execute(sql, params).fetchall()
            return found
        except sqlite3.Error as exc:
            raise Broken(str(exc)) from None

    def milestones(self, where: str, params: tuple[Any, ...] = (), *, by_chrono: bool = False,
                   keep: bool = True) -> list[Milestone]:
        """The milestones of the rows `where` selects, each checked; `by_chrono`: in time
        order (sorted here, which is cheaper than sorting whole rows in SQLite); `keep`:
        remembered for later questions (not when each is passed on once, as a stream)."""
        found = self.rows(f"{_M} WHERE {where}", params)
        if by_chrono:
            found.sort(key=_chrono)
        out = []
        for row in found:
            pos = row[0]
            m = self.by_pos.get(pos)
            if m is None:
                self.sign.check("milestones", row)
                try:
                    m = self.decode_milestone(json.loads(row[10]))
                except Exception:
                    raise Broken("record") from None
                if m.id != row[2] or not 0 <= pos < self.count:
                    raise Broken("record")
                if keep:
                    self.by_pos[pos] = m
                    self.chrono_pos[row[1]] = pos
            out.append(m)
        return out

    def sources(self, where: str, params: tuple[Any, ...] = ()) -> list[Source]:
        out = []
        for row in self.rows(f"SELECT pos, id, title, url, record, mac FROM sources WHERE {where}",
                             params):
            self.sign.check("sources", row)
            try:
                source = self._source(json.loads(row[4]))
            except Exception:
                raise Broken("record") from None
            if source.id != row[1]:
                raise Broken("record")
            out.append(source)
        return out

    def ids(self) -> list[str]:
        """Every milestone's id in dataset order, checked by one mac over them all."""
        found: list[str] | None = self.__dict__.get("_ids")
        if found is None:
            found = [row[0] for row in self.rows("SELECT id FROM milestones ORDER BY pos")]
            if len(found) != self.count or self.sign.whole("\n".join(found)) != self.meta.get(
                    "ids_mac"):
                raise Broken("ids")
            self.__dict__["_ids"] = found
        return found

    def dataset(self) -> Dataset:
        """The lazy dataset: the head decoded, milestones and sources as views."""
        head = codec.dataset_from_record(json.loads(self.meta["dataset"]), self.path, self.digest)
        ds = replace(head, milestones=LazyMilestones(self, False),  # type: ignore[arg-type]
                     sources=LazySources(self))  # type: ignore[arg-type]
        object.__setattr__(ds, "_chronological", LazyMilestones(self, True))
        object.__setattr__(ds, "_by_id", LazyById(self))
        object.__setattr__(ds, "_store", self)
        return ds

    def timeline_rows(self) -> Db | None:
        """The database of the full timeline's rows (io.timelinerows), or None."""
        if "_timeline" not in self.__dict__:
            from kimcli.io.store import _open

            found = _open(self.path, self.digest, "timeline")
            if found is not None and found.count != self.count:
                found.discard()
                found = None
            self.__dict__["_timeline"] = found
        rows: Db | None = self.__dict__["_timeline"]
        return rows

    def whole(self) -> Dataset:
        """Every row decoded: the Dataset as the parser would build it."""
        milestones = tuple(self.milestones("1 ORDER BY pos"))
        if len(milestones) != self.count:
            raise Broken("count")
        sources = {s.id: s for s in self.sources("1 ORDER BY pos")}
        if len(sources) != self.n_sources:
            raise Broken("count")
        head = codec.dataset_from_record(json.loads(self.meta["dataset"]), self.path, self.digest)
        ds = replace(head, milestones=milestones, sources=sources)
        if len(self.chrono_pos) != self.count:
            raise Broken("chrono")
        by_chrono = self.chrono_pos
        object.__setattr__(ds, "_chronological",
                           tuple(milestones[by_chrono[c]] for c in range(self.count)))
        return ds

    def full(self) -> Dataset:
        """The dataset from the source, for when the database fails: it is removed (if it is
        still the file that failed) and rebuilt by the load."""
        if self._full is None:
            from kimcli.io.loading import check

            self.discard()
            for kept in ("_search", "_timeline"):
                other = self.__dict__.get(kept)
                if other is not None:
                    other.discard()
            report = check(self.path)
            if report.dataset is None:
                from kimcli.errors import DataError

                raise DataError(report.errors)
            self._full = report.dataset
        return self._full

    def discard(self) -> None:
        """Remove the database file, if it is still the one that was opened."""
        try:
            if os.path.samestat(os.lstat(self.target), os.fstat(self.fd)):
                self.target.unlink()
        except OSError:
            pass

    def guard(self, fast: Callable[[], V], slow: Callable[[Dataset], V]) -> V:
        """`fast()` from the database, or `slow(full dataset)` when the database fails."""
        if self._full is None:
            from kimcli.errors import KimError

            try:
                return fast()
            except KimError:  # an answer (nothing found, an empty query), not a fault
                raise
            except Exception:  # Broken, or anything a damaged database could cause
                pass
        return slow(self.full())


def store_of(dataset: Dataset) -> Db | None:
    found: Db | None = dataset.__dict__.get("_store")
    return found


class LazyMilestones(Sequence[Milestone]):
    """The milestones in dataset order, or in time order (`chrono`)."""

    def __init__(self, db: Db, chrono: bool) -> None:
        self.db, self.chrono = db, chrono
        self.column = "chrono" if chrono else "pos"

    def __len__(self) -> int:
        return self.db.count

    def _slow(self, ds: Dataset) -> Sequence[Milestone]:
        return ds.chronological() if self.chrono else ds.milestones

    @overload
    def __getitem__(self, i: int) -> Milestone: ...
    @overload
    def __getitem__(self, i: slice) -> Sequence[Milestone]: ...

    def __getitem__(self, i: int | slice) -> Any:
        if isinstance(i, slice):
            return tuple(self)[i]
        if i < 0:
            i += self.db.count
        if not 0 <= i < self.db.count:
            raise IndexError(i)
        db = self.db
        if not self.chrono and i in db.by_pos:
            return db.by_pos[i]

        def fast() -> Milestone:
            found = db.milestones(f"{self.column} = ?", (i,))
            if len(found) != 1:
                raise Broken("missing")
            return found[0]

        return db.guard(fast, lambda ds: self._slow(ds)[i])

    def __iter__(self) -> Iterator[Milestone]:
        done = 0
        while done < self.db.count:
            batch = self._batch(done)
            yield from batch
            done += len(batch)

    def stream(self) -> Iterator[Milestone]:
        """Every milestone in this order, a batch at a time, none kept once passed on."""
        done = 0
        while done < self.db.count:
            batch = self._batch(done, keep=False)
            yield from batch
            done += len(batch)

    def timeline_stream(self) -> Iterator[Milestone]:
        """Every milestone in time order with only what a timeline row shows, a part of the
        rows' database at a time (io.timelinerows); whole records where it is missing or
        fails (a failing one is removed: the next full run makes it anew)."""
        if not self.chrono:
            yield from self.stream()
            return
        from kimcli.io import timelinerows

        db, size = self.db, timelinerows.PART
        rows = db.timeline_rows()
        for part, start in enumerate(range(0, db.count, size)):
            found: list[Milestone] | None = None
            if rows is not None and db._full is None:
                try:
                    found = timelinerows.read(rows, part)
                except Exception:
                    rows.discard()
                    rows = db.__dict__["_timeline"] = None
            yield from found if found is not None else self._batch(start, False, size)

    def timeline_rows_kept(self) -> bool:
        return not self.chrono or self.db.timeline_rows() is not None

    def keep_timeline_rows(self, chrono: Sequence[Milestone]) -> None:
        """Make the rows' database from all milestones in time order, if there is none."""
        db = self.db
        if self.chrono and db._full is None and db.timeline_rows() is None:
            from kimcli.io.store import save_timeline

            save_timeline(db.path, db.digest, chrono)

    def view_summary(self, key: str) -> dict[str, Any] | None:
        """What a view remembered about all these milestones under `key` (store.read_view)."""
        from kimcli.io.store import read_view

        return read_view(self.db, key)

    def keep_view_summary(self, key: str, summary: dict[str, Any]) -> None:
        from kimcli.io.store import write_view

        write_view(self.db, key, summary)

    def _batch(self, start: int, keep: bool = True, size: int = 0) -> list[Milestone]:
        db, size = self.db, size or _BATCH

        def fast() -> list[Milestone]:
            found = db.milestones(f"{self.column} >= ? AND {self.column} < ?"
                                  f" ORDER BY {self.column}", (start, start + size), keep=keep)
            if len(found) != min(size, db.count - start):
                raise Broken("missing")
            return found

        return db.guard(fast, lambda ds: list(self._slow(ds)[start:start + size]))


class LazyById(Mapping[str, Milestone]):
    def __init__(self, db: Db) -> None:
        self.db = db
        self.memo: dict[str, Milestone] = {}  # views ask for the same milestone again and again

    def __getitem__(self, key: str) -> Milestone:
        m = self.memo.get(key)
        if m is not None:
            return m
        db = self.db

        def fast() -> Milestone | None:
            found = db.milestones("id = ?", (key,))
            if not found:
                db.ids()  # a miss is believed only when the column of ids is intact
            return found[0] if found else None

        m = db.guard(fast, lambda ds: ds.by_id().get(key))
        if m is None:
            raise KeyError(key)
        self.memo[key] = m
        return m

    def prefetch(self, keys: Iterable[str]) -> None:
        """Read the milestones of `keys` in one query, for a view that is about to ask for each
        (a tree of references); ids that name none are left for __getitem__ to decide."""
        db, wanted = self.db, sorted({k for k in keys if k not in self.memo})
        for start in range(0, len(wanted), 500):  # within SQLite's limit of bound parameters
            part = wanted[start:start + 500]

            def fast(part: list[str] = part) -> list[Milestone]:
                return db.milestones(f"id IN ({','.join('?' * len(part))})", tuple(part))

            def slow(ds: Dataset, part: list[str] = part) -> list[Milestone]:
                return [ds.by_id()[k] for k in part if k in ds.by_id()]

            for m in db.guard(fast, slow):
                self.memo[m.id] = m

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def __iter__(self) -> Iterator[str]:
        return (m.id for m in LazyMilestones(self.db, False))

    def __len__(self) -> int:
        return self.db.count


class LazySources(Mapping[str, Source]):
    def __init__(self, db: Db) -> None:
        self.db = db
        self.seen: dict[str, Source | None] = {}
        self._all: dict[str, Source] | None = None

    def __getitem__(self, key: str) -> Source:
        if key not in self.seen:
            db = self.db

            def fast() -> Source | None:
                found = db.sources("id = ?", (key,))
                return found[0] if found else None

            self.seen[key] = db.guard(fast, lambda ds: ds.sources.get(key))
        found = self.seen[key]
        if found is None:
            raise KeyError(key)
        return found

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self.get(key) is not None

    def everything(self) -> dict[str, Source]:
        if self._all is None:
            db = self.db

            def fast() -> dict[str, Source]:
                found = {s.id: s for s in db.sources("1 ORDER BY pos")}
                if len(found) != db.n_sources:
                    raise Broken("count")
                return found

            self._all = db.guard(fast, lambda ds: dict(ds.sources))
        return self._all

    def __iter__(self) -> Iterator[str]:
        return iter(self.everything())

    def __len__(self) -> int:
        return self.db.n_sources
