"""A whole JSON export streamed from the cache database: the same bytes as from the source, with
and without orjson, also when the database fails half-way; records converted straight from
their compact form exactly as domain/plain.py converts them."""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, generate, installed_kim, plain_env

from kimcli import io as kimio
from kimcli import jsontext, query
from kimcli.domain.fields import MILESTONE
from kimcli.domain.plain import plain
from kimcli.export import stream
from kimcli.export.compact import converter
from kimcli.export.registry import ExportFormat, render_export
from kimcli.io import codec, store
from kimcli.io.loading import check


@pytest.fixture(params=["bundled", "generated"])
def data(request: pytest.FixtureRequest, tmp_path: Path) -> Path:
    path = tmp_path / "data.yaml"
    if request.param == "bundled":
        path.write_bytes((ROOT / "data" / "kim.yaml").read_bytes())
    else:
        path.write_text(generate(300, seed=7), encoding="utf-8")
    return path


@pytest.fixture(params=["c", "orjson"])
def encoder(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    if request.param == "c":
        monkeypatch.setattr(jsontext, "_orjson", None)
    elif jsontext._orjson is None:
        pytest.skip("orjson is not installed here")


def _from_source(path: Path) -> str:
    ds = check(path, cached=False).dataset
    assert ds is not None
    return render_export(ExportFormat.json, ds, query.timeline(ds, query.TimelineFilter()), 100)


def _streamed(path: Path) -> tuple[str, Any]:
    kimio.load(path)  # builds the cache database
    lazy = kimio.load(path, lazy=True)
    stored = stream.whole(lazy, True)
    assert stored is not None
    return render_export(ExportFormat.json, lazy, stored, 100), stored


def test_compact_records_convert_as_plain_does(data: Path) -> None:
    ds = check(data, cached=False).dataset
    assert ds is not None
    convert = converter(MILESTONE)
    ids = [m.id for m in ds.milestones]
    for keep in (None, set(ids), set(ids[::3])):
        for m in ds.milestones:
            compact = json.loads(json.dumps(codec.encode(m, MILESTONE)))
            assert convert(compact, keep) == plain(m, MILESTONE, keep=keep)


@pytest.mark.usefixtures("encoder")
def test_a_streamed_export_has_the_sources_bytes(data: Path) -> None:
    text, stored = _streamed(data)
    assert text == _from_source(data)
    assert stored.db.by_pos == {}  # no milestone was decoded and kept


@pytest.mark.usefixtures("encoder")
@pytest.mark.parametrize("damage", [
    "UPDATE milestones SET record = replace(record, 'a', 'b') WHERE chrono = 5",
    "UPDATE milestones SET chrono = 99999 WHERE chrono = 3",
    "DELETE FROM milestones WHERE chrono = 7",
    "DELETE FROM milestones WHERE chrono >= 20",
])
def test_a_damaged_row_half_way_costs_nothing_but_time(data: Path, damage: str) -> None:
    kimio.load(data)
    target = store.entry(str(data))
    assert target is not None
    with sqlite3.connect(target) as conn:
        conn.execute(damage)
    conn.close()
    lazy = kimio.load(data, lazy=True)
    stored = stream.whole(lazy, True)
    assert stored is not None
    assert render_export(ExportFormat.json, lazy, stored, 100) == _from_source(data)


def test_the_export_command_streams_the_same_bytes(data: Path, tmp_path: Path) -> None:
    def kim(**env: str) -> str:
        done = subprocess.run([installed_kim(), "export", "-f", "json", "-d", str(data)],
                              capture_output=True, text=True, timeout=120,
                              env=plain_env(KIM_CACHE_DIR=str(tmp_path / "c"), **env))
        assert done.returncode == 0, done.stderr
        return done.stdout

    uncached = kim(KIM_NO_CACHE="1")
    assert kim() == uncached  # builds the database
    assert kim() == uncached  # streams from it
