"""Questions answered from the cache database by reading only the rows they need; the same
answers as the pure queries in kimcli/query.py, to which each falls back (on a dataset not
read from the database, or when the database fails)."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from kimcli import query
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.io.lazy import Db, LazyById, store_of
from kimcli.io.store import Broken

_REFS = "SELECT src_pos, seq, src, dst, rel, note, mac FROM refs"


def _refs(db: Db, where: str, params: tuple[Any, ...]) -> list[Any]:
    rows = db.rows(f"{_REFS} WHERE {where} ORDER BY src_pos, seq", params)
    db.sign.check_all("refs", rows)
    return rows


def find(dataset: Dataset, text: str) -> Milestone:
    """query.find: an exact id, a folded id or alias, a unique id prefix by index lookups;
    everything else (ambiguity, suggestions) by query.find itself."""
    db = store_of(dataset)
    if db is not None:
        found = db.guard(lambda: _find(db, text), lambda ds: None)
        if found is not None:
            return found
    return query.find(dataset, text)


def _find(db: Db, text: str) -> Milestone | None:
    from kimcli.fuzzy import fold

    q = text.strip()
    by_id = db.milestones("id = ?", (q,))
    if by_id:
        return by_id[0]
    fq = fold(q)
    rows = db.rows("SELECT folded, milestone, name, alias, mac FROM names WHERE folded = ?",
                   (fq,))
    if not rows and fq:  # a prefix of an id
        rows = db.rows("SELECT folded, milestone, name, alias, mac FROM names"
                       " WHERE folded >= ? AND folded < ? AND alias = 0",
                       (fq, fq + "\U0010ffff"))
        rows = [r for r in rows if r[0].startswith(fq)]
    db.sign.check_all("names", rows)
    positions = {row[1] for row in rows}
    if len(positions) != 1:
        return None
    (pos,) = positions
    found = db.milestones("pos = ?", (pos,))
    return found[0] if found else None


def referenced_by(dataset: Dataset, mid: str) -> list[query.Link]:
    db = store_of(dataset)
    if db is None:
        return query.referenced_by(dataset, mid)
    return db.guard(lambda: [query.Link(r[2], r[4], False, r[5])
                             for r in _refs(db, "dst = ?", (mid,))],
                    lambda ds: query.referenced_by(ds, mid))


class Adjacency(Mapping[str, list[query.Link]]):
    """query.neighbours for one milestone at a time, read from the references table in the
    order neighbours() builds it (the referring milestone's position, then the reference's)."""

    def __init__(self, db: Db, direction: str) -> None:
        self.db, self.direction = db, direction
        self.memo: dict[str, list[query.Link]] = {}

    def __getitem__(self, key: str) -> list[query.Link]:
        found = self.memo.get(key)
        if found is None:
            found = self.memo[key] = self._links(key)
        return found

    def _links(self, key: str) -> list[query.Link]:
        out_, in_ = self.direction in ("out", "both"), self.direction in ("in", "both")
        links = []
        for row in _refs(self.db, "src = ? OR dst = ?", (key, key)):
            if out_ and row[2] == key:
                links.append(query.Link(row[3], row[4], True, row[5]))
            if in_ and row[3] == key:
                links.append(query.Link(row[2], row[4], False, row[5]))
        return links

    def __iter__(self) -> Iterator[str]:
        return (row[0] for row in self.db.rows("SELECT id FROM milestones ORDER BY pos"))

    def __len__(self) -> int:
        return self.db.count


def ref_tree(dataset: Dataset, root: str, depth: int, direction: str, limit: int
             ) -> query.RefNode:
    db = store_of(dataset)
    if db is None:
        return query.ref_tree(dataset, root, depth, direction, limit)
    tree = db.guard(lambda: query.ref_tree(dataset, root, depth, direction, limit,
                                           Adjacency(db, direction)),
                    lambda ds: query.ref_tree(ds, root, depth, direction, limit))
    by_id = dataset.by_id()
    if isinstance(by_id, LazyById):  # the view names every milestone of the tree: one query
        ids, stack = [], [tree]
        while stack:
            node = stack.pop()
            ids.append(node.id)
            stack.extend(node.children)
        by_id.prefetch(ids)
    return tree


def shortest_path(dataset: Dataset, start: str, goal: str
                  ) -> list[tuple[str, query.Link | None]]:
    db = store_of(dataset)
    if db is None:
        return query.shortest_path(dataset, start, goal)
    return db.guard(lambda: query.shortest_path(dataset, start, goal, Adjacency(db, "both")),
                    lambda ds: query.shortest_path(ds, start, goal))


def timeline(dataset: Dataset, flt: query.TimelineFilter, rows: bool = True
             ) -> Sequence[Milestone]:
    """query.timeline on the milestones an index range (dates, kinds, disputes) preselects;
    without any filter, the time order itself (a lazy view that can stream). With `rows`
    (for the timeline view), a filtered answer is read as timeline rows first, its whole
    records only when asked for; without, as whole records at once (`--json`)."""
    db = store_of(dataset)
    if db is not None and flt == query.TimelineFilter():
        return dataset.chronological()
    if db is None or (flt.start is None and flt.end is None and not flt.kinds
                      and not flt.disputed):
        return query.timeline(dataset, flt)
    from kimcli.io import selection

    # Rows have no tags: a filter by tags reads whole records.
    fast = selection.whole_records if flt.tags or flt.without or not rows else selection.rows
    return db.guard(lambda: fast(db, dataset, flt), lambda ds: query.timeline(ds, flt))


def citations(dataset: Dataset) -> dict[str, query.Citations]:
    """query.citations, with the milestones' citations read from their own table."""
    db = store_of(dataset)
    if db is None:
        return query.citations(dataset)
    return db.guard(lambda: _citations(db, dataset), query.citations)


def _citations(db: Db, dataset: Dataset) -> dict[str, query.Citations]:
    rows = db.rows("SELECT chrono, seq, milestone, source, mac FROM cites ORDER BY chrono, seq")
    db.sign.check_all("cites", rows)  # every row checked before any is used
    return query.citations(dataset, [(row[3], row[2]) for row in rows])


# -- search ----------------------------------------------------------------------------------


class Postings(Mapping[str, str]):
    """The index's postings, one token at a time; the vocabulary is read whole and checked
    by one mac."""

    def __init__(self, db: Db) -> None:
        self.db = db
        self._keys: Any = None

    def keys(self) -> Any:
        """The vocabulary: one signed text in the database's meta (store.add_ranked)."""
        if self._keys is None:
            from kimcli.index import Vocabulary

            spans = {length: (start, end) for length, start, end
                     in json.loads(self.db.meta["vocabulary_spans"])}
            words = Vocabulary(self.db.meta["vocabulary"], spans)
            if len(words) != int(self.db.meta["tokens"]):
                raise Broken("tokens")
            self._keys = words
        return self._keys

    def __getitem__(self, token: str) -> str:
        rows = self.db.rows("SELECT token, numbers, mac FROM postings WHERE token = ?", (token,))
        if not rows:
            raise KeyError(token)
        self.db.sign.check("postings", rows[0])
        return str(rows[0][1])

    def __iter__(self) -> Iterator[str]:
        return iter(self.keys())

    def __len__(self) -> int:
        return len(self.keys())


def _names(db: Db, dataset: Dataset) -> list[str]:
    return db.ids() + [g.term for g in dataset.glossary]


def _exact(db: Db) -> Any:
    def exact(words: list[str]) -> set[tuple[int, int]]:
        rows = db.rows("SELECT tokens, record, field, mac FROM exact WHERE tokens = ?",
                       (" ".join(words),))
        db.sign.check_all("exact", rows)
        return {(row[1], row[2]) for row in rows}

    return exact


def search(dataset: Dataset, words: str, limit: int | None = None) -> list[query.Hit]:
    """kim search: with the index database when the dataset came from the cache; the first
    search of a dataset makes that database."""
    from kimcli import index
    from kimcli.io import store

    db = store_of(dataset)
    if db is None:
        return query.search(dataset, words, limit)
    db_ = db

    def fast() -> list[query.Hit]:
        found = db_.__dict__.get("_search") or store.open_search(db_.path, db_.digest)
        if found is None:
            whole = db_.whole()
            store.save(db_.path, db_.digest, whole, [], kind="search")
            found = store.open_search(db_.path, db_.digest)
            if found is None:  # no index database can be kept: answer without one
                return query.search(whole, words, limit)
        db_.__dict__["_search"] = found
        ranked = _ranked(found, dataset, words, limit)
        if ranked is not None:
            return ranked
        searched = index.SearchIndex(int(found.meta["stride"]), Postings(found),
                                     _names(db_, dataset), _exact(found))
        return query.search(dataset, words, limit, searched)

    def slow(ds: Dataset) -> list[query.Hit]:  # the database failed: parse, and keep anew
        from kimcli.io.cache import search_index

        return query.search(ds, words, limit, search_index(ds))

    return db.guard(fast, slow)


# -- one word, the best few: read in rank order ------------------------------------------------

_MAX_TOKENS = 4096  # a word matching more tokens than this is ranked the general way
_MAX_EXACT = 256


def _ranked(found: Db, dataset: Dataset, words: str, limit: int | None
            ) -> list[query.Hit] | None:
    """query.search for one word and a limit, with the same hits in the same order, reading
    only the best records: per token and kind of field, the records holding it are stored in
    their order among equal scores (store.add_ranked), so bands of equal value are merged in
    that order and left as soon as `limit` records are found. None: not such a question."""
    import heapq

    from kimcli import index
    from kimcli.fuzzy import tokens

    query_words = list(dict.fromkeys(tokens(words)))
    if len(query_words) != 1 or not limit:
        return None
    (word,) = query_words
    matches = query.word_matches(word, Postings(found).keys())
    if not matches:
        return []
    if len(matches) > _MAX_TOKENS:
        return None
    bands: dict[float, list[str]] = {}
    for token, quality in matches.items():
        for row in found.rows("SELECT token, code, ranks, mac FROM ranked WHERE token = ?",
                              (token,)):
            found.sign.check("ranked", row)
            bands.setdefault(quality * index.FIELD_CODES[row[1]].weight, []).append(row[2])
    exact = _exact(found)([word])
    named = {record for record, _ in exact}
    if len(named) > _MAX_EXACT:
        return None
    picked: list[tuple[float, int]] = []
    seen: set[int] = set()
    for value in sorted(bands, reverse=True):
        previous = -1
        for rank in heapq.merge(*map(_numbers, bands[value])):
            if rank == previous or rank in seen:
                continue
            previous = rank
            seen.add(rank)
            record = _record_at(found, rank)
            if record not in named:
                picked.append((value, record))
                if len(picked) >= limit:
                    break
        if len(picked) >= limit:
            break
    n = len(dataset.milestones)
    masks = {record: _masks(dataset, record, matches) for _, record in picked}
    masks.update((record, _masks(dataset, record, matches)) for record in named)
    if not all(any((field, sf) in masks[record] for sf in query.NAME_FIELDS)
               for record, field in exact):
        return None  # a name the postings do not hold: as the full ranking decides it
    scored = picked + [(max(v for _, v in masks[r].values()) + query.EXACT_NAME_BONUS, r)
                       for r in named]

    def name(record: int) -> str:
        return dataset.milestones[record].id if record < n else dataset.glossary[record - n].term

    scored.sort(key=lambda item: (-item[0], item[1] >= n, name(item[1])))
    every = set(matches)
    return [query.hit(dataset, record, total, {k: 1 for k in masks[record]},
                      index.fields(dataset, record), every) for total, record in scored[:limit]]


def _numbers(text: str) -> Iterator[int]:
    """The numbers of a space-separated text, parsed a piece at a time as they are used."""
    start, end = 0, len(text)
    while start < end:
        stop = text.find(" ", start + 4096)
        if stop < 0:
            stop = end
        yield from map(int, text[start:stop].split())
        start = stop + 1


def _record_at(found: Db, rank: int) -> int:
    rows = found.rows("SELECT rank, record, mac FROM ranks WHERE rank = ?", (rank,))
    if len(rows) != 1:
        raise Broken("ranks")
    found.sign.check("ranks", rows[0])
    return int(rows[0][1])


def _masks(dataset: Dataset, record: int, matches: dict[str, float]
           ) -> dict[tuple[int, Any], tuple[int, float]]:
    """For each field of the record holding a matched token: its best value (the postings'
    numbers, worked out from the record's own texts as index.build splits them)."""
    from kimcli import index
    from kimcli.fuzzy import TOKEN_RE

    if record >= index.record_count(dataset):
        raise Broken("record")
    pairs = index.fields(dataset, record)
    out = {}
    for field, ((sfield, _, _), text) in enumerate(zip(pairs, index.folded_fields(pairs),
                                                       strict=True)):
        held = [matches[t] for t in set(TOKEN_RE.findall(text)) if t in matches]
        if held:
            out[(field, sfield)] = (field, max(q * sfield.weight for q in held))
    if not out:
        raise Broken("record")
    return out
