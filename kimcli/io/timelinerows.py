"""The full timeline's rows in the cache: each milestone with only what a timeline row shows,
in time order, a part of PART rows to one signed text, so that `kim timeline` reads a part
with one query, checks it with one mac and decodes it with one `json.loads`.

A row is the milestone (the same record type, decoded by codec's own decoder) with only the
fields the timeline view reads: id, title, date, kind, date label, phase, disputes (their
dates make the bar) and the English texts of title, kind and date label; every other field is
empty. Such a milestone goes to the timeline view and nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from kimcli.domain.dataset import Dataset
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


def parts(ds: Dataset) -> Iterator[tuple[int, str]]:
    """(part, text): the rows of the milestones in time order, PART to a text."""
    chrono = ds.chronological()
    direct = codec.direct(MILESTONE)
    for part, start in enumerate(range(0, len(chrono), PART)):
        rows = [row_of(m) for m in chrono[start:start + PART]]
        yield part, _json(rows if direct else [codec.encode(r, MILESTONE) for r in rows])


def write(conn: Any, ds: Dataset, sign: Any) -> None:
    """The table `timeline` (part, rows, mac), in its own transaction."""
    conn.execute("BEGIN")
    conn.execute("CREATE TABLE timeline (part INTEGER PRIMARY KEY, rows TEXT NOT NULL,"
                 " mac BLOB NOT NULL)")
    conn.executemany("INSERT INTO timeline VALUES (?, ?, ?)",
                     ((*row, sign("timeline", row)) for row in parts(ds)))
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
