"""A Dataset written as a SQLite database: the cache's index and `kim export --format sqlite`.

One schema for both (docs/SQLITE.md documents it). The cache's copy adds a `mac` column to
every table kim reads back: a keyed digest of the row under a key derived from the per-user
secret and the dataset's content digest, so that an edited row, or a row from another
dataset, is noticed and never trusted. The export has no such column.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import ACTOR, GLOSSARY_ENTRY, MILESTONE, SOURCE, Milestone, Spec
from kimcli.io import codec

SCHEMA_VERSION = 1
# An open end is stored as this last day, so that a range query never misses it.
OPEN_END = 99_999_999

# (table, columns); the tables kim reads back carry a `mac` column in the cache.
TABLES: tuple[tuple[str, str, bool], ...] = (
    ("meta", "key TEXT PRIMARY KEY, value TEXT NOT NULL", True),
    ("milestones", "pos INTEGER PRIMARY KEY, chrono INTEGER NOT NULL, id TEXT NOT NULL UNIQUE,"
     " date TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL, kind TEXT NOT NULL,"
     " kind_folded TEXT NOT NULL, title TEXT NOT NULL, disputed INTEGER NOT NULL,"
     " record TEXT NOT NULL", True),
    ("names", "folded TEXT NOT NULL, milestone INTEGER NOT NULL, name TEXT NOT NULL,"
     " alias INTEGER NOT NULL", True),
    ("refs", "src_pos INTEGER NOT NULL, seq INTEGER NOT NULL, src TEXT NOT NULL,"
     " dst TEXT NOT NULL, rel TEXT NOT NULL, note TEXT", True),
    ("cites", "chrono INTEGER NOT NULL, seq INTEGER NOT NULL, milestone TEXT NOT NULL,"
     " source TEXT NOT NULL", True),
    ("sources", "pos INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, title TEXT NOT NULL,"
     " url TEXT, record TEXT NOT NULL", True),
    ("postings", "token TEXT PRIMARY KEY, numbers TEXT NOT NULL", True),
    ("exact", "tokens TEXT NOT NULL, record INTEGER NOT NULL, field INTEGER NOT NULL", True),
    ("facts", "milestone TEXT NOT NULL, seq INTEGER NOT NULL, text TEXT NOT NULL,"
     " sources TEXT NOT NULL", False),
    ("disputes", "milestone TEXT NOT NULL, seq INTEGER NOT NULL, topic TEXT NOT NULL,"
     " record TEXT NOT NULL", False),
    ("glossary", "pos INTEGER PRIMARY KEY, term TEXT NOT NULL, definition TEXT NOT NULL,"
     " record TEXT NOT NULL", False),
    ("actors", "pos INTEGER PRIMARY KEY, id TEXT NOT NULL, abbr TEXT, name TEXT NOT NULL,"
     " record TEXT NOT NULL", False),
)
INDEXES = (
    "CREATE INDEX milestones_chrono ON milestones(chrono)",
    "CREATE INDEX milestones_start ON milestones(start)",
    "CREATE INDEX names_folded ON names(folded)",
    "CREATE INDEX refs_src ON refs(src)",
    "CREATE INDEX refs_dst ON refs(dst)",
    "CREATE INDEX exact_tokens ON exact(tokens)",
)
FTS = ("CREATE VIRTUAL TABLE search USING fts5(id UNINDEXED, type UNINDEXED, text,"
       " tokenize = 'unicode61 remove_diacritics 2')")


# One encoder for every record: the C encoder, no check for cycles (records hold none).
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def record_json(record: Any, spec: Spec) -> str:
    """A record's JSON in the cache's compact form: `codec.encode(record, spec)` as text.
    Records are tuples whose fields are texts, numbers, flags, None and tuples of those, so
    where the spec has no mapping (a TABLE field) anywhere the C encoder writes the record
    itself, with the very same bytes, and no list is built first."""
    if codec.direct(spec):
        return _json(record)
    return _json(codec.encode(record, spec))


def head_record(ds: Dataset) -> str:
    """The dataset without its milestones and sources (those have tables of their own)."""
    from dataclasses import replace

    return _json(codec.dataset_to_record(replace(ds, milestones=(), sources={})))


def bounds(m: Milestone) -> tuple[int, int]:
    """First and last day for range queries: a superset of what any `today` gives."""
    from kimcli.dates import EDTFDate

    lo, hi = EDTFDate.bounds(m.date, _far())
    if m.date.interval and m.date.end is None:
        hi = OPEN_END
    return lo, hi


def _far() -> Any:
    import datetime

    return datetime.date(9999, 12, 31)


DATA, SEARCH = "data", "search"  # the parts of the database: the records, kim's search index


def rows(ds: Dataset, diagnostics: list[Any], extra_meta: dict[str, str], sign: Any = None,
         parts: frozenset[str] = frozenset({DATA, SEARCH})
         ) -> Iterator[tuple[str, Iterable[tuple[Any, ...]]]]:
    """(table, rows) for every table of the parts asked for, in dataset order."""
    from kimcli import index

    milestones = ds.milestones
    meta = {"kim_schema": str(SCHEMA_VERSION), "title": ds.title, "language": ds.language or "",
            "milestones": str(len(milestones)), "sources": str(len(ds.sources)),
            "glossary": str(len(ds.glossary)), "actors": str(len(ds.actors)), **extra_meta}
    chrono: dict[str, int] = {}
    cites: list[tuple[int, int, str, str]] = []
    if DATA in parts:
        meta.update(dataset=head_record(ds), diagnostics=_json(diagnostics))
        chrono = {m.id: i for i, m in enumerate(ds.chronological())}
        cites = [(chrono[m.id], seq, m.id, sid) for m in ds.chronological()
                 for seq, sid in enumerate(m.cited_sources())]
        if sign is not None:  # what a whole export names besides the milestones (export/)
            meta["export_used"] = _json({
                "sources": list(dict.fromkeys(row[3] for row in cites)),
                "actors": list(dict.fromkeys(a for m in milestones for a in m.actors)),
                "phases": list(dict.fromkeys(m.phase for m in milestones if m.phase))})
    all_fields: list[Any] = []
    postings: dict[str, Any] = {}
    if SEARCH in parts:
        all_fields = [index.fields(ds, i) for i in range(index.record_count(ds))]
        built = index.build(ds, all_fields)
        postings = built.postings
        meta.update(stride=str(built.stride), tokens=str(len(postings)))
        if sign is not None:  # one mac over the vocabulary, which a search reads whole
            meta["tokens_mac"] = sign.whole("\n".join(sorted(postings)))
    yield "meta", list(meta.items())
    if DATA in parts:
        yield from _data_rows(ds, chrono, cites, whole=sign is None)
    if SEARCH in parts:
        yield "postings", [(token, v if isinstance(v, str) else " ".join(map(str, v)))
                           for token, v in postings.items()]
        yield "exact", _exact_rows(all_fields)


def _data_rows(ds: Dataset, chrono: dict[str, int], cites: list[tuple[int, int, str, str]],
               whole: bool = True) -> Iterator[tuple[str, Iterable[tuple[Any, ...]]]]:
    """The records' tables; without `whole` (the cache) only those kim reads back."""
    from kimcli.fuzzy import fold

    milestones = ds.milestones

    def milestone_rows() -> Iterator[tuple[Any, ...]]:
        # Dates and kinds repeat: each distinct one is written out and folded once.
        dated: dict[Any, tuple[str, int, int]] = {}
        folded: dict[str, str] = {}
        for i, m in enumerate(milestones):
            date = dated.get(m.date)
            if date is None:
                date = dated[m.date] = (m.date.edtf(), *bounds(m))
            kind = folded.get(m.kind)
            if kind is None:
                kind = folded[m.kind] = fold(m.kind)
            yield (i, chrono[m.id], m.id, *date, m.kind, kind, m.title,
                   1 if m.disputes else 0, record_json(m, MILESTONE))

    yield "milestones", milestone_rows()
    yield "names", [(fold(name), i, name, int(alias)) for i, m in enumerate(milestones)
                    for name, alias in ((m.id, False), *((a, True) for a in m.aliases))]
    yield "refs", [(i, seq, m.id, r.to, r.rel, r.note) for i, m in enumerate(milestones)
                   for seq, r in enumerate(m.refs)]
    yield "cites", cites
    yield "sources", [(i, s.id, s.title, s.url, record_json(s, SOURCE))
                      for i, s in enumerate(ds.sources.values())]
    if not whole:
        return
    yield "facts", [(m.id, seq, f.text, _json(list(f.sources))) for m in milestones
                    for seq, f in enumerate(m.facts)]
    yield "disputes", [(m.id, seq, d.topic, record_json(d, _spec("disputes")))
                       for m in milestones for seq, d in enumerate(m.disputes)]
    yield "glossary", [(i, g.term, g.definition, record_json(g, GLOSSARY_ENTRY))
                       for i, g in enumerate(ds.glossary)]
    yield "actors", [(i, a.id, a.abbr, a.name, record_json(a, ACTOR))
                     for i, a in enumerate(ds.actors.values())]


def _spec(name: str) -> Any:
    return next(f.of for f in MILESTONE.fields if f.name == name)


def _exact_rows(all_fields: list[Any]) -> Iterator[tuple[str, int, int]]:
    """For each name-like field (id, alias, title, term): its folded words, so that a search
    finds the records named exactly as asked without reading them."""
    from kimcli.fuzzy import TOKEN_RE, fold
    from kimcli.query import NAME_FIELDS

    for record, pairs in enumerate(all_fields):
        for field, (kind, text, _) in enumerate(pairs):
            if kind in NAME_FIELDS:
                yield " ".join(TOKEN_RE.findall(fold(text))), record, field


def _search_rows(ds: Dataset) -> Iterator[tuple[str, str, str]]:
    from kimcli import index

    n = len(ds.milestones)
    for record in range(index.record_count(ds)):
        texts = " \n".join(text for _, text, _ in index.fields(ds, record))
        if record < n:
            yield ds.milestones[record].id, "milestone", texts
        else:
            yield ds.glossary[record - n].term, "glossary", texts


def with_macs(sign: Any, table: str, values: Iterable[tuple[Any, ...]]
            ) -> Iterator[tuple[Any, ...]]:
    """Each row with its mac appended. For the cache's own Signer the mac is computed here,
    inline (the same bytes as `Signer.__call__`: a call per row costs more than the digest)."""
    from kimcli.io.store import Signer, mac_body

    if type(sign) is not Signer:
        return ((*row, sign(table, row)) for row in values)
    blake2b = sign._blake2b  # CPython's own _blake2 where present: hashlib loads OpenSSL
    key = sign.key
    return ((*row, blake2b(mac_body(table, row), key=key, digest_size=16).digest())
            for row in values)


_SEARCH_TABLES = frozenset({"meta", "postings", "exact"})


def begin(conn: Any) -> None:
    """Open the one transaction that fills a new database file (the cache's, the export's)."""
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    # A new file that no one else opens until it is complete: no locks taken page by page,
    # and its pages kept in memory (up to 16 MiB; more raised the peak of a cold kim site at
    # 100,000 milestones past 1 GB) rather than spilled while it is filled.
    conn.execute("PRAGMA locking_mode = EXCLUSIVE")
    conn.execute("PRAGMA cache_size = -16384")
    conn.execute("BEGIN")


def write(conn: Any, ds: Dataset, diagnostics: list[Any], extra_meta: dict[str, str],
          sign: Any = None, parts: frozenset[str] = frozenset({DATA, SEARCH})) -> None:
    """Create the tables of `parts` in `conn` (an empty database) and fill them in one
    transaction. `sign(table, row)` gives a row's mac; without it the tables have no mac
    column. The full-text table is for SQL tools: only the export (unsigned) has it, as kim's
    own search ranks by its postings."""
    begin(conn)
    wanted = {t for t, _, signed in TABLES if (t in _SEARCH_TABLES and SEARCH in parts)
              or (t not in _SEARCH_TABLES - {"meta"} and DATA in parts
                  and (signed or sign is None))}  # the cache: only the tables kim reads
    for table, columns, signed in TABLES:
        if table in wanted:
            mac = ", mac BLOB NOT NULL" if signed and sign is not None else ""
            conn.execute(f"CREATE TABLE {table} ({columns}{mac})")
    for table, values in rows(ds, diagnostics, extra_meta, sign, parts):
        signed = next(s for t, _, s in TABLES if t == table) and sign is not None
        width = next(c.count(",") + 1 for t, c, _ in TABLES if t == table)
        marks = ", ".join("?" * (width + (1 if signed else 0)))
        if signed:
            values = with_macs(sign, table, values)
        conn.executemany(f"INSERT INTO {table} VALUES ({marks})", values)
    for statement in INDEXES:
        if statement.split(" ON ")[1].split("(")[0] in wanted:
            conn.execute(statement)
    if sign is None and DATA in parts:
        conn.execute(FTS)
        conn.executemany("INSERT INTO search VALUES (?, ?, ?)", _search_rows(ds))
    conn.execute("COMMIT")
