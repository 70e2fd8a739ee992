"""The full timeline from the cache streams (issue #16): its axis and column widths, worked out
by one full run and kept beside the database, let later runs print each row as it is read,
with the very bytes the uncached timeline gives."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from helpers import cached_dataset, generate
from helpers import timeline_text as run

from kimcli import i18n
from kimcli import io as kimio
from kimcli.io import cache, lazy, store, timelinerows
from kimcli.render.layout import TimelineRows
from kimcli.render.timeline import StreamedTimelineRows, timeline_view


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = cached_dataset(tmp_path, monkeypatch, generate(300), "g.yaml")
    monkeypatch.setattr(lazy, "_BATCH", 40)  # several batches, as at 100,000
    monkeypatch.setattr(timelinerows, "PART", 40)
    return path


def view_files() -> list[Path]:
    base = cache.folder()
    assert base is not None
    return sorted(base.glob("*.view"))


def lazy_timeline(data: Path, width: int) -> Any:
    ds = kimio.load(data, lazy=True)
    return timeline_view(ds.chronological(), len(ds.milestones), width, ds.as_of)


@pytest.mark.parametrize("width", [40, 80, 100, 130])
@pytest.mark.parametrize("lang", [(), ("--lang", "en")])
def test_the_streamed_timeline_is_the_uncached_one(data: Path, width: int,
                                                   lang: tuple[str, ...]) -> None:
    expected = run(data, *lang, cached=False, width=width)
    kimio.load(data)  # builds the database
    assert run(data, *lang, width=width) == expected  # works out and keeps the summary
    assert view_files()
    assert run(data, *lang, width=width) == expected  # streams


def test_a_kept_summary_makes_a_streamed_view(data: Path) -> None:
    kimio.load(data)
    assert not isinstance(lazy_timeline(data, 100), StreamedTimelineRows)
    assert isinstance(lazy_timeline(data, 100), StreamedTimelineRows)
    i18n.set_language("en")  # another language: worked out again
    assert not isinstance(lazy_timeline(data, 100), StreamedTimelineRows)


@pytest.mark.parametrize("damage", ["garbage", "mac", "fifo", "count"])
def test_a_damaged_summary_is_worked_out_again(data: Path, damage: str) -> None:
    expected = run(data, cached=False)
    kimio.load(data)
    run(data)
    (kept,) = view_files()
    text = kept.read_text(encoding="ascii")
    kept.unlink()
    if damage == "garbage":
        kept.write_bytes(b"\x00{[" * 50)
    elif damage == "mac":
        kept.write_text(text.replace('"id": ', '"id": 1'), encoding="ascii")
    elif damage == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs")
        os.mkfifo(kept)
    else:  # signed, but not this dataset's count: never used
        ds = kimio.load(data, lazy=True)
        db = lazy.store_of(ds)
        assert db is not None
        ((key, summary),) = json.loads(text.rpartition("\n")[0]).items()
        store.write_view(db, key, {**summary, "count": summary["count"] + 1})
    assert run(data) == expected


def test_a_row_damaged_while_streaming_costs_a_parse_not_a_wrong_line(data: Path) -> None:
    expected = run(data, cached=False)
    kimio.load(data)
    run(data)  # keeps the summary
    target = store.entry(str(data), "timeline")
    assert target is not None
    with sqlite3.connect(target) as conn:  # a part far past the first (io.timelinerows)
        assert conn.execute("UPDATE timeline SET rows = replace(rows, '[\"m', '[\"Falsch')"
                            " WHERE part = (SELECT max(part) FROM timeline)").rowcount == 1
    conn.close()
    view = lazy_timeline(data, 100)
    assert isinstance(view, StreamedTimelineRows)
    assert "".join(part.plain() for part in view.chunks(30)) == expected


def test_streamed_rows_printed_whole_are_the_same(data: Path) -> None:
    kimio.load(data)
    whole = lazy_timeline(data, 100)
    assert isinstance(whole, TimelineRows) and not isinstance(whole, StreamedTimelineRows)
    streamed = lazy_timeline(data, 100)
    assert isinstance(streamed, StreamedTimelineRows)
    assert streamed.plain() == whole.plain()
