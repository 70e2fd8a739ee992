"""The full timeline's own rows in the cache (io.timelinerows): made by the first full
`kim timeline` after the first run, a warm `kim timeline` reads them a part at a time, one mac
per part, without decoding whole milestones, and prints the very bytes of the uncached
timeline; a part that does not fit its mac is never trusted (whole records are read instead,
and the rows made anew)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from helpers import FROZEN, cached_dataset, record_calls
from helpers import timeline_text as run

from kimcli import i18n
from kimcli import io as kimio
from kimcli.i18n.texts import date_of, kind_of, title_of
from kimcli.io import lazy, store, timelinerows


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The frozen dataset: disputes, date labels and English texts."""
    path = cached_dataset(tmp_path, monkeypatch, FROZEN.read_bytes())
    monkeypatch.setattr(timelinerows, "PART", 4)  # several parts, the last one short
    return path


def _db(data: Path) -> Path:
    target = store.entry(str(data), "timeline")
    assert target is not None
    return target


def test_a_row_keeps_what_the_timeline_shows() -> None:
    ds = kimio.load(FROZEN)
    assert any(m.disputes for m in ds.milestones) and any(m.en for m in ds.milestones)
    assert any(m.date_label for m in ds.milestones)
    for lang in ("de", "en"):
        i18n.set_language(lang)
        try:
            for m in ds.milestones:
                row = timelinerows.row_of(m)
                assert (row.id, row.date, row.disputes) == (m.id, m.date, m.disputes)
                assert (title_of(row), kind_of(row), date_of(row)) == (
                    title_of(m), kind_of(m), date_of(m))
                assert not (row.summary or row.facts or row.refs or row.sources)
        finally:
            i18n.set_language(None)


@pytest.mark.parametrize("width", [80, 100, 130])
@pytest.mark.parametrize("lang", [(), ("--lang", "en")])
def test_the_timeline_from_its_rows_is_the_uncached_one(
        data: Path, width: int, lang: tuple[str, ...], monkeypatch: pytest.MonkeyPatch) -> None:
    expected = run(data, *lang, cached=False, width=width)
    count = len(kimio.load(data).milestones)  # builds the database
    assert not _db(data).exists()  # the first run does without the rows
    assert run(data, *lang, width=width) == expected  # works out the axis, keeps the rows
    assert _db(data).exists()
    parts = record_calls(monkeypatch, timelinerows, "read", lambda db, part: part)
    monkeypatch.setattr(lazy.Db, "milestones", lambda *a, **k: pytest.fail("whole records"))
    assert run(data, *lang, width=width) == expected  # streams from the rows
    assert parts == list(range(-(-count // 4)))


@pytest.mark.parametrize("damage", ["edited", "swapped", "missing part", "no table", "none"])
def test_a_damaged_part_is_never_trusted(data: Path, damage: str) -> None:
    expected = run(data, cached=False)
    kimio.load(data)
    run(data)  # keeps the axis, the widths and the rows: the next run streams
    with sqlite3.connect(_db(data)) as conn:
        before = conn.execute("SELECT part, rows FROM timeline ORDER BY part").fetchall()
        assert len(before) >= 4
        if damage == "edited":  # still valid JSON, other ids: only the mac tells
            assert conn.execute("UPDATE timeline SET rows = replace(rows, '[\"', '[\"x')"
                                " WHERE part = 2").rowcount == 1
        elif damage == "swapped":  # each signed, but under its own part number
            one, two = conn.execute("SELECT rows, mac FROM timeline WHERE part IN (1, 2)"
                                    " ORDER BY part").fetchall()
            conn.execute("UPDATE timeline SET rows = ?, mac = ? WHERE part = 1", two)
            conn.execute("UPDATE timeline SET rows = ?, mac = ? WHERE part = 2", one)
        elif damage == "missing part":
            assert conn.execute("DELETE FROM timeline WHERE part = 3").rowcount == 1
        elif damage == "no table":
            conn.execute("DROP TABLE timeline")
    conn.close()
    if damage == "none":
        _db(data).unlink()
    assert run(data) == expected
    assert run(data) == expected  # works out the axis and widths again, and keeps the rows
    assert run(data) == expected  # streams from them
    with sqlite3.connect(_db(data)) as conn:
        assert conn.execute("SELECT part, rows FROM timeline ORDER BY part").fetchall() == before
    conn.close()
