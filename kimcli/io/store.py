"""The cache as a SQLite index: one database per dataset file, every row signed, opened only
when it is a regular file, read lazily so that a question touches only the rows it needs.

A cached dataset is a Dataset whose milestones, time order, lookup by id and sources are lazy
views of the database (lazy.py); the pure queries and the views run on it unchanged. Anything
that goes wrong while reading (a damaged page, a row whose mac does not fit) switches to the
dataset parsed from the source, and the database is rebuilt: one rebuild, never an error.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from kimcli import __version__
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.errors import Diagnostic
from kimcli.io import cache, codec

FORMAT = f"sqlite-4:{codec.FORMAT}:{codec.shape()}"


# What each kind of database must have in `meta`: the records, or kim's search index (a
# database of its own, made by the first search: most runs never need it).
_META = {"": frozenset({"milestones", "sources", "dataset", "diagnostics", "ids_mac"}),
         "search": frozenset({"milestones", "sources", "stride", "tokens", "tokens_mac",
                              "vocabulary", "vocabulary_spans"}),
         "timeline": frozenset({"milestones"})}


# The cache's own index for date ranges (answers.timeline): a range's milestones are found in
# it without reading any record that does not overlap.
SPAN_INDEX = "CREATE INDEX IF NOT EXISTS milestones_span ON milestones(end, start, chrono)"


class Broken(Exception):
    """A cache database that cannot be read, or a row that fails its check."""


def entry(path: str, kind: str = "") -> Path | None:
    base = cache.folder()
    if base is None:
        return None
    name = cache.blake2b(os.path.realpath(path).encode("utf-8", "surrogateescape"),
                         digest_size=16)
    return base / f"{name.hexdigest()}{'.' + kind if kind else ''}.db"


def mac_body(table: str, row: tuple[Any, ...]) -> bytes:
    """What a row's mac is taken over: the table, the repr of the row's values (unambiguous
    for texts, numbers and None, and made in C), except that a last value that is a text
    follows a NUL as it is: a record or a part of rows is long, and its repr would cost more
    than its digest. A repr never holds a bare NUL, so the two parts never run into each
    other, and no row of the one form reads as one of the other."""
    if row and type(row[-1]) is str:
        return (table + repr(row[:-1]) + "\x00" + row[-1]).encode("utf-8", "surrogatepass")
    return (table + repr(row)).encode("utf-8", "surrogatepass")


class Signer:
    """Row macs under a key made from the per-user secret and the dataset's content digest."""

    def __init__(self, secret: bytes, content_digest: str) -> None:
        self._blake2b = blake2b = cache.blake2b_type()
        self._same = cache.same_type()
        self.key = blake2b(content_digest.encode("ascii"), key=secret, digest_size=32).digest()

    def __call__(self, table: str, row: tuple[Any, ...]) -> bytes:
        return self._blake2b(mac_body(table, tuple(row)), key=self.key, digest_size=16).digest()

    def check(self, table: str, row: tuple[Any, ...]) -> None:
        """`row` ends with its mac; Broken unless it fits."""
        self.check_all(table, (tuple(row),))

    def check_all(self, table: str, rows: Sequence[tuple[Any, ...]]) -> None:
        """Each of `rows` ends with its mac; Broken unless every one fits (`check` inline:
        a call per row costs more than the digest)."""
        blake2b, key, same = self._blake2b, self.key, self._same
        for row in rows:
            if not same(row[-1], blake2b(mac_body(table, row[:-1]), key=key,
                                         digest_size=16).digest()):
                raise Broken(table)

    def whole(self, text: str) -> str:
        return self._blake2b(text.encode("utf-8", "surrogatepass"), key=self.key,
                             digest_size=16).hexdigest()


# -- writing ---------------------------------------------------------------------------------


def save(path: str, content_digest: str, dataset: Dataset, diags: list[Diagnostic],
         kind: str = "") -> None:
    """Build the database (`kind` "search": the search index's) into a temporary file in one
    transaction and move it into place; any failure leaves the cache as it was."""
    from kimcli.io.dbwrite import DATA, SEARCH

    def fill(conn: Any, meta: dict[str, str], sign: Signer) -> None:
        if not kind:
            meta["ids_mac"] = sign.whole("\n".join(m.id for m in dataset.milestones))
        write_db(conn, dataset, diags, meta, sign, frozenset({SEARCH if kind else DATA}))
        if not kind:
            from kimcli.io import timelinerows

            conn.execute(SPAN_INDEX)
            timelinerows.write_selectable(conn, dataset.chronological(), sign)
        else:
            add_ranked(conn, dataset, sign)

    _build(path, content_digest, kind, fill)


def save_timeline(path: str, content_digest: str, chrono: Sequence[Milestone]) -> None:
    """The full timeline's rows (io.timelinerows) as a database of their own, made by the
    first full `kim timeline` from the milestones it read (the first run does without it)."""
    from kimcli.io import timelinerows

    _build(path, content_digest, "timeline",
           lambda conn, meta, sign: timelinerows.write(conn, chrono, meta, sign))


def _build(path: str, content_digest: str, kind: str,
           fill: Callable[[Any, dict[str, str], Signer], None]) -> None:
    target = entry(path, kind)
    if target is None:
        return
    import sqlite3
    import tempfile

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        secret = cache._secret(target.parent, create=True)
        if secret is None:
            return
        sign = Signer(secret, content_digest)
        meta = {"kim": __version__, "format": FORMAT, "digest": content_digest}
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".db.tmp")
        os.close(fd)
        try:
            conn = sqlite3.connect(tmp, isolation_level=None)
            try:
                fill(conn, meta, sign)
            finally:
                conn.close()
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, sqlite3.Error, ValueError, UnicodeError):
        return


def add_ranked(conn: Any, dataset: Dataset, sign: Signer) -> None:
    """The search database's own additions, made from its postings: the vocabulary as one
    signed text (a search reads it whole; index.Vocabulary), and for each token and kind of
    field the records holding it in their order among equals (milestones before glossary
    entries, then by name), so that a one-word search reads only the first few
    (answers._ranked)."""
    from kimcli import index

    n = len(dataset.milestones)
    names = [m.id for m in dataset.milestones] + [g.term for g in dataset.glossary]
    order = sorted(range(len(names)), key=lambda r: (r >= n, names[r]))
    rank = [0] * len(order)
    for position, record in enumerate(order):
        rank[record] = position
    stride = int(conn.execute("SELECT value FROM meta WHERE key = 'stride'").fetchone()[0])
    mask = (1 << index.CODE_BITS) - 1
    conn.execute("BEGIN")
    conn.execute("CREATE TABLE ranks (rank INTEGER PRIMARY KEY, record INTEGER NOT NULL,"
                 " mac BLOB NOT NULL)")
    conn.executemany("INSERT INTO ranks VALUES (?, ?, ?)",
                     ((i, r, sign("ranks", (i, r))) for i, r in enumerate(order)))
    conn.execute("CREATE TABLE ranked (token TEXT NOT NULL, code INTEGER NOT NULL,"
                 " ranks TEXT NOT NULL, mac BLOB NOT NULL, PRIMARY KEY (token, code))")
    tokens = []

    def ranked_rows() -> Any:
        for token, numbers in conn.execute("SELECT token, numbers FROM postings"):
            tokens.append(token)
            by_code: dict[int, set[int]] = {}
            for number in map(int, numbers.split()):
                by_code.setdefault(number & mask, set()).add(
                    rank[(number >> index.CODE_BITS) // stride])
            for code, ranks in sorted(by_code.items()):
                row = (token, code, " ".join(map(str, sorted(ranks))))
                yield (*row, sign("ranked", row))

    rows = list(ranked_rows())
    conn.executemany("INSERT INTO ranked VALUES (?, ?, ?, ?)", rows)
    text, spans = index.Vocabulary.of(tokens)
    for row in (("vocabulary", text), ("vocabulary_spans", json.dumps(spans))):
        conn.execute("INSERT INTO meta VALUES (?, ?, ?)", (*row, sign("meta", row)))
    conn.execute("COMMIT")


def write_db(conn: Any, dataset: Dataset, diags: list[Diagnostic], meta: dict[str, str],
             sign: Any = None, parts: frozenset[str] | None = None) -> None:
    from kimcli.io import dbwrite

    dbwrite.write(conn, dataset, [cache._diagnostic(d) for d in diags], meta, sign,
                  parts if parts is not None else frozenset({dbwrite.DATA, dbwrite.SEARCH}))


# -- reading ---------------------------------------------------------------------------------


def _connect(target: Path) -> tuple[Any, int]:
    """A read-only connection to the database at `target`, opened only if it is a regular
    file (checked on the opened descriptor; sqlite opens that very file through /proc)."""
    info = os.lstat(target)
    if not stat.S_ISREG(info.st_mode):
        raise Broken("not a regular file")
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(target, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise Broken("not a regular file")
        import sqlite3

        proc = f"/proc/self/fd/{fd}"
        if os.path.exists(proc):
            uri = f"file:{proc}?mode=ro&immutable=1"
        else:
            from urllib.parse import quote

            uri = f"file:{quote(str(target))}?mode=ro&immutable=1"
        conn = sqlite3.connect(uri, uri=True, isolation_level=None)
        return conn, fd
    except BaseException:
        os.close(fd)
        raise


def _open(path: str, content_digest: str, kind: str = "") -> Any:
    """The database (of `kind`) for this file and content, checked, or None."""
    import sqlite3

    from kimcli.io.lazy import Db

    target = entry(path, kind)
    if target is None:
        return None
    secret = cache._secret(target.parent, create=False)
    if secret is None:
        return None
    try:
        conn, fd = _connect(target)
    except (OSError, Broken, sqlite3.Error):
        return None
    try:
        sign = Signer(secret, content_digest)
        meta: dict[str, str] = {}
        for row in conn.execute("SELECT key, value, mac FROM meta"):
            sign.check("meta", row)
            meta[row[0]] = row[1]
        if (meta.get("kim") != __version__ or meta.get("format") != FORMAT
                or meta.get("digest") != content_digest or not _META[kind] <= meta.keys()):
            raise Broken("stale")
        return Db(conn, fd, sign, path, content_digest, meta, target)
    except Exception:
        conn.close()
        os.close(fd)
        return None


def lookup(path: str, content_digest: str, *, lazy: bool = False
           ) -> tuple[Dataset, list[Diagnostic]] | None:
    """The cached dataset (lazy, or decoded whole) and its warnings; None on any miss."""
    db = _open(path, content_digest)
    if db is None:
        return None
    try:
        diags = [cache._undiagnostic(d, path) for d in json.loads(db.meta["diagnostics"])]
        dataset = db.dataset() if lazy else db.whole()
        return dataset, diags
    except Exception:
        db.close()
        return None


# -- what a view remembers about a whole dataset ----------------------------------------------
# The full timeline needs its time axis and column widths before its first row; worked out once
# from every row, they are kept beside the database (signed like its rows, under a key that
# names what they depend on), so that later runs stream the rows as they read them.
_VIEWS_KEPT = 8


def _view_file(db: Any) -> Path:
    target: Path = db.target
    return target.with_name(target.name[: -len(".db")] + ".view")


def _views(db: Any) -> dict[str, Any]:
    try:
        text = cache._open_regular(_view_file(db), 1 << 20).decode("utf-8")
        body, _, mac = text.rpartition("\n")
        if not cache.same(mac, db.sign.whole(body)):
            return {}
        found = json.loads(body)
        return found if isinstance(found, dict) else {}
    except (OSError, ValueError, UnicodeError):
        return {}


def read_view(db: Any, key: str) -> dict[str, Any] | None:
    found = _views(db).get(key)
    return found if isinstance(found, dict) else None


def write_view(db: Any, key: str, summary: dict[str, Any]) -> None:
    """Keep `summary` under `key` (with the few most recent others); nothing on any fault."""
    import tempfile

    views = {k: v for k, v in _views(db).items() if k != key}
    views = dict(list(views.items())[-(_VIEWS_KEPT - 1):])
    views[key] = summary
    try:
        body = json.dumps(views, ensure_ascii=True)
        target = _view_file(db)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".", suffix=".view.tmp")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(f"{body}\n{db.sign.whole(body)}")
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError):
        return


def open_search(path: str, content_digest: str) -> Any:
    return _open(path, content_digest, "search")


def whole_index(path: str, content_digest: str) -> Any:
    """The search index read whole from its database (for the browser and the site), every
    row checked; None on any fault."""
    from kimcli import index

    db = _open(path, content_digest, "search")
    if db is None:
        return None
    try:
        postings = {}
        for row in db.rows("SELECT token, numbers, mac FROM postings"):
            db.sign.check("postings", row)
            postings[row[0]] = row[1]
        if len(postings) != int(db.meta["tokens"]):
            return None
        return index.SearchIndex(int(db.meta["stride"]), postings)
    except Exception:
        return None
    finally:
        db.close()
