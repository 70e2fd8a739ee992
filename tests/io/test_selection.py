"""A filtered timeline from the cache (io.selection): the view reads the rows the span index
selects (io.timelinerows `rows`, a mac each), never whole records; `--json` reads the whole
records of the same milestones; a damaged row is never trusted. And a row's mac covers its
values unambiguously (store.mac_body)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers import FROZEN, PLAIN_ENV, cached_dataset
from helpers import timeline_text as run
from typer.testing import CliRunner

from kimcli import io as kimio
from kimcli.cli import app
from kimcli.io import lazy, store

FILTERS = [("--from", "2019", "--to", "2020"), ("--from", "2015"), ("-k", "gesetz", "-r"),
           ("--disputed",), ("--to", "2020", "-k", "Richtlinie", "-k", "ereignis")]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The frozen dataset (disputes, date labels, English texts), cached."""
    return cached_dataset(tmp_path, monkeypatch, FROZEN.read_bytes())


def _json(data: Path, *args: str) -> Any:
    result = CliRunner().invoke(app, ["timeline", *args, "--json", "--data", str(data)],
                                env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


@pytest.mark.parametrize("flt", FILTERS, ids=" ".join)
@pytest.mark.parametrize("lang", [(), ("--lang", "en")])
def test_a_filtered_timeline_reads_rows_only(data: Path, flt: tuple[str, ...],
                                             lang: tuple[str, ...],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    expected = run(data, *lang, flt=flt, cached=False)
    kimio.load(data)  # builds the database, rows and all
    with monkeypatch.context() as mp:
        mp.setattr(lazy.Db, "milestones", lambda *a, **k: pytest.fail("whole records"))
        assert run(data, *lang, flt=flt) == expected
    assert expected.count("\n") > 4


def test_json_reads_the_whole_records(data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIM_NO_CACHE", "1")
    expected = _json(data, "--from", "2019")
    monkeypatch.delenv("KIM_NO_CACHE")
    kimio.load(data)
    found = _json(data, "--from", "2019")
    assert found == expected and all(m["summary"] for m in found)


@pytest.mark.parametrize("damage", ["edited", "swapped", "deleted", "no table"])
def test_a_damaged_row_is_never_trusted(data: Path, damage: str) -> None:
    args = ("--from", "2019", "--to", "2022")
    expected = run(data, flt=args, cached=False)
    kimio.load(data)
    target = store.entry(str(data))
    assert target is not None
    with sqlite3.connect(target) as conn:
        chrono = [row[0] for row in conn.execute(
            "SELECT chrono FROM rows WHERE chrono IN (SELECT chrono FROM milestones"
            " WHERE end >= 737060 AND start <= 738520) ORDER BY chrono")]
        assert len(chrono) >= 2
        if damage == "edited":  # still valid JSON: only the mac tells
            assert conn.execute("UPDATE rows SET row = replace(row, '[\"', '[\"x')"
                                " WHERE chrono = ?", (chrono[0],)).rowcount == 1
        elif damage == "swapped":  # each signed, but under its own number
            one, two = (conn.execute("SELECT row, mac FROM rows WHERE chrono = ?",
                                     (c,)).fetchone() for c in chrono[:2])
            conn.execute("UPDATE rows SET row = ?, mac = ? WHERE chrono = ?", (*two, chrono[0]))
            conn.execute("UPDATE rows SET row = ?, mac = ? WHERE chrono = ?", (*one, chrono[1]))
        elif damage == "deleted":
            conn.execute("DELETE FROM rows WHERE chrono = ?", (chrono[1],))
        else:
            conn.execute("DROP TABLE rows")
    conn.close()
    assert run(data, flt=args) == expected  # from the source; the database is made anew
    with sqlite3.connect(target) as conn:
        assert conn.execute("SELECT count(*) FROM rows").fetchone()[0] == len(
            kimio.load(data).milestones)
    conn.close()
    assert run(data, flt=args) == expected


def test_a_mac_covers_a_rows_values_unambiguously() -> None:
    rows = [("a", "b\x00c"), ("a\x00b", "c"), ("a", "b", "c"), ("a", "b,c"), ("a', 'b", "c"),
            ("a",), ("", "a"), (1, "2"), ("1", "2"), (1, 2), (None, ""), ("None", ""),
            ("a", b"b"), ("a", "b")]
    bodies = {store.mac_body("t", row) for row in rows}
    assert len(bodies) == len(rows)
    sign = store.Signer(b"k" * 32, "digest")
    assert len({sign("t", row) for row in rows}) == len(rows)
    assert sign("t", ("a", "b")) != sign("u", ("a", "b"))


def test_a_row_decodes_to_the_row_it_was() -> None:
    from kimcli.domain.fields import MILESTONE
    from kimcli.io import codec, timelinerows

    ds = kimio.load(FROZEN)
    assert any(m.disputes for m in ds.milestones) and any(m.en for m in ds.milestones)
    for m in ds.milestones:
        row = timelinerows.row_of(m)
        value = json.loads(json.dumps(codec.encode(row, MILESTONE)))
        assert codec.decoder("milestone_row")(value) == row == codec.decoder("milestone")(value)
