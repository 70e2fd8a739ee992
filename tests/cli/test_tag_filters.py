"""Tag filters as jrnl and timelinegenerator offer them: `--tag` any of them, `--all-tags`
every one, `--without-tag`/`-T` none of them; folded like every name, in `kim timeline` and
`kim export` alike."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from helpers import BUNDLED_ENV
from typer.testing import CliRunner

from kimcli import io as kimio
from kimcli.cli import app

runner = CliRunner()


def _ids(*args: str) -> list[str]:
    result = runner.invoke(app, ["timeline", *args, "--json"], env=BUNDLED_ENV)
    assert result.exit_code == 0, result.output
    return [m["id"] for m in json.loads(result.output)]


def _tags() -> dict[str, set[str]]:
    ds = kimio.load(kimio.default_data_path())
    return {m.id: set(m.tags) for m in ds.chronological()}


def test_all_tags_wants_every_one() -> None:
    tags = _tags()
    both = [i for i, t in tags.items() if {"kim", "foerderung"} <= t]
    either = [i for i, t in tags.items() if t & {"kim", "foerderung"}]
    assert 0 < len(both) < len(either)
    assert _ids("-t", "kim", "-t", "foerderung") == either
    assert _ids("-t", "kim", "-t", "foerderung", "--all-tags") == both


@pytest.mark.parametrize("spelling", ["richtlinie", "Richtlinie", "RICHTLINIE"])
def test_without_tag_leaves_those_out(spelling: str) -> None:
    tags = _tags()
    kept = [i for i, t in tags.items() if "kim" in t and "richtlinie" not in t]
    assert 0 < len(kept) < len([i for i, t in tags.items() if "kim" in t])
    assert _ids("-t", "kim", "-T", spelling) == kept
    assert _ids("--without-tag", "kim", "-T", "richtlinie") == [
        i for i, t in tags.items() if not t & {"kim", "richtlinie"}]


def test_export_filters_tags_as_the_timeline_does() -> None:
    result = runner.invoke(app, ["export", "-f", "csv", "-t", "kim", "-T", "richtlinie"],
                           env=BUNDLED_ENV)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert [r["id"] for r in rows] == _ids("-t", "kim", "-T", "richtlinie")


def test_the_site_filters_tags_as_the_timeline_does(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["site", str(out), "-t", "kim", "-T", "richtlinie",
                                 "--all-tags", "-t", "foerderung"], env=BUNDLED_ENV)
    assert result.exit_code == 0, result.output
    pages = sorted(p.stem for p in (out / "m").glob("*.html"))
    assert pages == sorted(_ids("-t", "kim", "-T", "richtlinie", "--all-tags", "-t", "foerderung"))
    assert pages


def test_the_site_keeps_only_disputed_milestones_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "site"
    result = runner.invoke(app, ["site", str(out), "--disputed"], env=BUNDLED_ENV)
    assert result.exit_code == 0, result.output
    assert sorted(p.stem for p in (out / "m").glob("*.html")) == sorted(_ids("--disputed"))
