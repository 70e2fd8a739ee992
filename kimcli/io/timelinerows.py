"""The timeline's rows in the cache: each milestone with only what a timeline row shows (the
fields the field table marks `row`), so that a timeline reads and decodes no more.

- In the dataset's own database, the table `rows` (chrono, row, mac), written with it: a
  filtered timeline reads the rows its range selects by the span index, one mac each.
- In a database of their own (`<name>.timeline.db`), in time order, a part of PART rows to
  one signed text, so that the full `kim timeline` reads a part with one query, checks it
  with one mac and decodes it with one `json.loads`. It is made by the first full timeline
  from the milestones it read whole.

A row is the milestone (the same record type, decoded by codec's own decoder) with every
field the timeline does not show empty. Such a milestone goes to the timeline view and
nowhere else.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any

from kimcli.domain.fields import MILESTONE, Milestone, row_blanks
from kimcli.io import codec

PART = 2048
# The English texts a timeline row shows (i18n.texts: title_of, kind_of, date_of).
_SHOWN = frozenset(f.name for f in MILESTONE.fields if f.row and f.translatable)
_EMPTY = row_blanks(MILESTONE)
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), check_circular=False).encode


def row_of(m: Milestone) -> Milestone:
    """`m` with only the fields a timeline row shows."""
    en = m.en
    if en:
        en = tuple([pair for pair in en if pair[0] in _SHOWN]) or None
    return m._replace(en=en, **_EMPTY)


def _text(rows: list[Milestone]) -> str:
    return _json(rows if codec.direct(MILESTONE) else [codec.encode(r, MILESTONE) for r in rows])


def parts(chrono: Sequence[Milestone]) -> Iterator[tuple[int, str]]:
    """(part, text): the rows of the milestones (in time order), PART to a text."""
    for part, start in enumerate(range(0, len(chrono), PART)):
        yield part, _text([row_of(m) for m in chrono[start:start + PART]])


def write_selectable(conn: Any, chrono: Sequence[Milestone], sign: Any) -> None:
    """The table `rows` of the dataset's database (store.save): (chrono, row, mac), a row a
    milestone, for the timelines a filter selects."""
    from kimcli.io.dbwrite import begin, with_macs

    begin(conn)
    conn.execute("CREATE TABLE rows (chrono INTEGER PRIMARY KEY, row TEXT NOT NULL,"
                 " mac BLOB NOT NULL)")
    direct = codec.direct(MILESTONE)
    conn.executemany("INSERT INTO rows VALUES (?, ?, ?)", with_macs(sign, "rows", (
        (i, _json(row_of(m) if direct else codec.encode(row_of(m), MILESTONE)))
        for i, m in enumerate(chrono))))
    conn.execute("COMMIT")


def selected(db: Any, where: str, params: tuple[Any, ...]) -> list[tuple[int, Milestone]]:
    """(chrono, row) in time order for the milestones `where` selects in the dataset's
    database, every row checked against its mac first; store.Broken on any fault."""
    from kimcli.io.store import Broken

    # Every milestone selected, with its row or with none (then the rows are not whole).
    found = db.rows("SELECT milestones.chrono, rows.row, rows.mac FROM milestones"
                    f" LEFT JOIN rows ON rows.chrono = milestones.chrono WHERE {where}", params)
    if any(r[2] is None for r in found):
        raise Broken("rows")
    db.sign.check_all("rows", found)
    found.sort()
    decode = codec.decoder("milestone_row")
    try:
        rows = [decode(v) for v in json.loads(f"[{','.join([r[1] for r in found])}]")]
    except Exception:
        raise Broken("rows") from None
    if len(rows) != len(found) or not all(0 <= r[0] < db.count for r in found):
        raise Broken("rows")
    return [(r[0], m) for r, m in zip(found, rows, strict=True)]


def write(conn: Any, chrono: Sequence[Milestone], meta: dict[str, str], sign: Any) -> None:
    """The rows' database (store.save_timeline): `meta` (with the count) and `timeline`
    (part, rows), every row signed, in one transaction."""
    from kimcli.io.dbwrite import begin

    begin(conn)
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
    decode = codec.decoder("milestone_row")
    try:
        rows = [decode(v) for v in json.loads(found[0][1])]
    except Exception:
        raise Broken("timeline") from None
    if len(rows) != min(PART, db.count - part * PART):
        raise Broken("timeline")
    return rows
