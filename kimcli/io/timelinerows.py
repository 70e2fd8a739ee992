"""The full timeline's rows in the cache: each milestone with only what a timeline row shows,
in time order, a part of PART rows to one signed text, so that `kim timeline` reads a part
with one query, checks it with one mac and decodes it with one `json.loads`. They are a
database of their own (`<name>.timeline.db`), made by the first full timeline from the
milestones it read whole: the first run of a dataset does without it.

A row is the milestone (the same record type, decoded by codec's own decoder) with only the
fields the timeline view reads: id, title, date, kind, date label, phase, disputes (their
dates make the bar) and the English texts of title, kind and date label; every other field is
empty. Such a milestone goes to the timeline view and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from kimcli.domain.fields import MILESTONE, Milestone
from kimcli.io import codec

PART = 2048
# The English texts a timeline row shows (i18n.texts: title_of, kind_of, date_of).
_SHOWN = frozenset({"title", "kind", "date_label"})
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def row_of(m: Milestone) -> Milestone:
    """`m` with only the fields a timeline row shows."""
    en = m.en
    if en:
        en = tuple([pair for pair in en if pair[0] in _SHOWN]) or None
    return Milestone(m.id, m.title, m.date, m.kind, "", date_label=m.date_label, phase=m.phase,
                     disputes=m.disputes, en=en)


def parts(chrono: Sequence[Milestone]) -> Iterator[tuple[int, str]]:
    """(part, text): the rows of the milestones (in time order), PART to a text."""
    direct = codec.direct(MILESTONE)
    for part, start in enumerate(range(0, len(chrono), PART)):
        rows = [row_of(m) for m in chrono[start:start + PART]]
        yield part, _json(rows if direct else [codec.encode(r, MILESTONE) for r in rows])


def write(conn: Any, chrono: Sequence[Milestone], meta: dict[str, str], sign: Any) -> None:
    """The rows' database (store.save_timeline): `meta` (with the count) and `timeline`
    (part, rows), every row signed, in one transaction."""
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL,"
                 " mac BLOB NOT NULL)")
    rows = [*meta.items(), ("milestones", str(len(chrono)))]
    conn.executemany("INSERT INTO meta VALUES (?, ?, ?)",
                     [(*row, sign("meta", row)) for row in rows])
    conn.execute("CREATE TABLE timeline (part INTEGER PRIMARY KEY, rows TEXT NOT NULL,"
                 " mac BLOB NOT NULL)")
    conn.executemany("INSERT INTO timeline VALUES (?, ?, ?)",
                     ((*row, sign("timeline", row)) for row in parts(chrono)))
    conn.execute("COMMIT")


def read(db: Any, part: int) -> list[Milestone]:
    """The rows of `part`, checked against their mac; store.Broken on any fault."""
    from kimcli.io.store import Broken

    found = db.rows("SELECT part, rows, mac FROM timeline WHERE part = ?", (part,))
    if len(found) != 1:
        raise Broken("timeline")
    db.sign.check("timeline", found[0])
    decode = db._decode
    try:
        rows = [decode(v) for v in json.loads(found[0][1])]
    except Exception:
        raise Broken("timeline") from None
    if len(rows) != min(PART, db.count - part * PART):
        raise Broken("timeline")
    return rows
