"""Every export format checked by a real parser or its grammar, with every milestone in it."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import FROZEN, PLAIN_ENV, SMALL
from typer.testing import CliRunner

from kimcli import io as kimio
from kimcli.cli import app
from kimcli.export.tabular import CSV_COLUMNS

runner = CliRunner()


def export(*args: str) -> str:
    result = runner.invoke(app, ["export", *args], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    return result.stdout


def expected(*filters: str, data: Path = FROZEN) -> list[dict]:  # type: ignore[type-arg]
    out = runner.invoke(app, ["timeline", "--json", "--data", str(data), *filters], env=PLAIN_ENV)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


@pytest.mark.parametrize("filters", [[], ["--from", "2019", "--to", "2020"], ["--kind", "Gesetz"]])
def test_json_round_trips_through_the_loader(tmp_path, filters: list[str]) -> None:  # type: ignore[no-untyped-def]
    text = export("--format", "json", *filters)
    data = json.loads(text)
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    again = kimio.load(path)  # JSON is YAML: kim reads its own export
    assert [m.id for m in again.milestones] == [m["id"] for m in expected(*filters)]
    assert kimio.check(path).errors == []
    original = {m.id: m for m in kimio.load(FROZEN).milestones}
    for m in again.milestones:
        o = original[m.id]
        assert (m.title, m.date.edtf(), m.facts, m.disputes, m.key_dates, m.sources) == \
               (o.title, o.date.edtf(), o.facts, o.disputes, o.key_dates, o.sources)
        # A filter drops references to milestones left out, and only those.
        kept = {x.id for x in again.milestones}
        assert m.refs == tuple(r for r in o.refs if r.to in kept)
    assert data["milestones"]


def test_csv_is_rfc4180_with_documented_columns() -> None:
    result = runner.invoke(app, ["export", "--format", "csv"], env=PLAIN_ENV)
    assert b"\r\n" in result.stdout_bytes  # RFC 4180 line ends
    text = result.stdout
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert tuple(rows[0].keys()) == CSV_COLUMNS
    assert [r["id"] for r in rows] == [m["id"] for m in expected()]
    by_id = {r["id"]: r for r in rows}
    assert by_id["einwanderung-gestalten"]["start"] == "2017"
    assert by_id["einwanderung-gestalten"]["end"] == "2020"
    assert by_id["kim-start-2020"]["precision"] == "year"
    assert by_id["tintg-novelle-2022"]["date_label"] == "Anfang 2022"


def test_markdown_has_every_milestone_and_linked_sources() -> None:
    text = export("--format", "markdown")
    for m in expected():
        assert f'<a id="{m["id"]}"></a>' in text
        assert f"| {m['date_label']} |" in text.replace("\\", "")
    assert "(<https://kim.nrw/kim-fuer-akteurinnen/wissensbereich-zum-kim/die-historie-von-kim>)" \
        in text
    assert re.search(r"^\| Datum \| Meilenstein \| Art \|$", text, re.M)


def test_markdown_escapes_markup(tmp_path) -> None:  # type: ignore[no-untyped-def]
    f = tmp_path / "m.yaml"
    f.write_text("title: T\nmilestones:\n  - {id: m1, title: '*fett* | [x](y)', date: '2020',"
                 " kind: K, summary: '<script>'}\n", encoding="utf-8")
    text = export("--format", "markdown", "--data", str(f))
    assert "\\*fett\\* \\| \\[x\\]\\(y\\)" in text and "\\<script\\>" in text


def test_timelinejs_structure_and_precision() -> None:
    data = json.loads(export("--format", "timelinejs"))
    assert set(data) >= {"title", "events"}
    events = {e["unique_id"]: e for e in data["events"]}
    assert list(events) == [m["id"] for m in expected()]
    for e in data["events"]:
        assert isinstance(e["start_date"]["year"], int)
        assert set(e["start_date"]) <= {"year", "month", "day", "display_date"}
        assert set(e["text"]) == {"headline", "text"} and e["group"]
    assert events["kim-start-2020"]["start_date"] == {"year": 2020}
    assert events["kim-handlungskonzept-2020"]["start_date"] == {"year": 2020, "month": 11}
    assert events["laki-2013"]["start_date"] == {"year": 2013, "month": 12, "day": 2}
    ewg = events["einwanderung-gestalten"]
    assert ewg["start_date"] == {"year": 2017} and ewg["end_date"] == {"year": 2020}
    assert events["tintg-novelle-2022"]["display_date"] == "Anfang 2022"
    assert data["eras"] and all("headline" in era["text"] for era in data["eras"])


MERMAID_LINE = re.compile(
    r"^(timeline|    title [^\n]+|    section [^:\n]+|        [^:\n]+( : [^:\n]+)+)$")


def test_mermaid_timeline_grammar_and_escaping(tmp_path) -> None:  # type: ignore[no-untyped-def]
    text = export("--format", "mermaid")
    lines = text.rstrip("\n").split("\n")
    assert lines[0] == "timeline"
    for line in lines:
        assert MERMAID_LINE.match(line), line
    events = [line for line in lines if line.startswith("        ")]
    assert len(events) == len(expected())
    f = tmp_path / "c.yaml"
    f.write_text("title: 'A: B'\nmilestones:\n  - {id: m1, title: 'x: y %% z # w', date: '2020',"
                 " kind: K, summary: S}\n", encoding="utf-8")
    hostile = export("--format", "mermaid", "--data", str(f))
    for line in hostile.rstrip("\n").split("\n"):
        assert MERMAID_LINE.match(line), line
    assert "%%" not in hostile


@pytest.mark.parametrize("fmt", ["svg", "html"])
def test_pictures_parse_and_show_the_timeline(fmt: str) -> None:
    text = export("--format", fmt, "--data", str(SMALL))
    if fmt == "svg":
        root = ET.fromstring(text)
        assert root.tag.endswith("svg")
        flat = "".join(root.itertext()).replace("\xa0", " ")
    else:
        assert text.lstrip().lower().startswith("<!doctype html>")
        flat = re.sub(r"<[^>]+>", "", text).replace("&#x27;", "'")
    for ident in ("gesetz-alt", "projekt", "novelle"):
        assert ident in flat


def test_output_file_is_atomic_and_not_overwritten(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out.csv"
    ok = runner.invoke(app, ["export", "-f", "csv", "-o", str(target), "--data", str(SMALL)],
                       env=PLAIN_ENV)
    assert ok.exit_code == 0 and target.read_text(encoding="utf-8").startswith("id,title")
    target.write_text("keep me", encoding="utf-8")
    refused = runner.invoke(app, ["export", "-f", "csv", "-o", str(target), "--data", str(SMALL)],
                            env=PLAIN_ENV)
    assert refused.exit_code == 2 and target.read_text(encoding="utf-8") == "keep me"
    forced = runner.invoke(app, ["export", "-f", "csv", "-o", str(target), "--force",
                                 "--data", str(SMALL)], env=PLAIN_ENV)
    assert forced.exit_code == 0 and target.read_text(encoding="utf-8").startswith("id,title")
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    failed = runner.invoke(app, ["export", "-f", "csv", "-o", str(tmp_path / "new.csv"),
                                 "--data", str(broken)], env=PLAIN_ENV)
    assert failed.exit_code == 1 and not (tmp_path / "new.csv").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_graph_mermaid_flowchart_grammar() -> None:
    out = runner.invoke(app, ["graph", "--format", "mermaid"], env=PLAIN_ENV).stdout
    lines = out.rstrip("\n").split("\n")
    assert lines[0] == "flowchart LR"
    node = re.compile(r'^    m\d+\["[^"\n]+"\]$')
    edge = re.compile(r'^    m\d+ -->\|"[^"\n|]+"\| m\d+$')
    nodes = [line for line in lines[1:] if node.match(line)]
    edges = [line for line in lines[1:] if edge.match(line)]
    assert len(nodes) + len(edges) == len(lines) - 1
    assert len(nodes) == 14 and len(edges) == 22
    dot = runner.invoke(app, ["graph", "--format", "dot"], env=PLAIN_ENV).stdout
    assert dot.startswith("digraph kim {") and dot.count(" -> ") == 22
