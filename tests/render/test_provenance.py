"""As-of dates, validity, disputes on the time axis, the actor view and provenance checks."""

from __future__ import annotations

import json

import pytest
from helpers import FROZEN, PLAIN_ENV, render, said
from typer.testing import CliRunner

from kimcli import i18n, query
from kimcli import io as kimio
from kimcli.cli import app
from kimcli.dates import parse
from kimcli.export.registry import ExportFormat, render_export
from kimcli.io.checks import provenance
from kimcli.io.loading import check_text
from kimcli.render.actor import actor_view
from kimcli.render.bars import Axis, bar_cells, disputed_cells, glyphs_used
from kimcli.render.milestone import show_view
from kimcli.render.timeline import timeline_view


def cli(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env=PLAIN_ENV)


@pytest.fixture(scope="module")
def frozen():  # type: ignore[no-untyped-def]
    return kimio.load(FROZEN)


def test_vague_dates_have_their_own_glyphs() -> None:
    axis = Axis([parse("2010").bounds(), parse("2019").bounds()])
    assert set(bar_cells(parse("2012~/2015"), axis, 20)[0].strip()) == {"┅"}
    assert bar_cells(parse("2012?"), axis, 20)[0].strip() == "○"
    assert bar_cells(parse("2012"), axis, 20)[0].strip() == "●"


def test_disputed_dates_are_drawn_faintly_beside_the_own_bar() -> None:
    axis = Axis([parse("2010").bounds(), parse("2019").bounds()])
    own = parse("2012/2014")
    bar, _ = bar_cells(own, axis, 30)
    drawn = disputed_cells(bar, own, [parse("2012/2017"), parse("2013")], axis, 30)
    assert drawn.endswith(" ≠")
    assert "┄" in drawn and "╎" in drawn  # the longer span and its other end
    assert drawn.count("━") == bar.count("━")  # the own bar stays solid where it is
    late = disputed_cells(" " * 9 + "●", parse("2019"), [], axis, 10)
    assert late == " " * 8 + "≠●"  # the own mark at the end stays visible
    full = disputed_cells("━" * 10, parse("2010/2019"), [], Axis([parse("2010/2019").bounds()]), 10)
    assert len(full) == 10 and full.endswith("≠")  # no room after it: on its last cell


def test_legend_names_only_the_glyphs_used() -> None:
    assert [g for g, _ in glyphs_used(["  ━━", " ●"])] == ["━", "●"]
    assert glyphs_used(["   "]) == []


def _timeline(ds, width: int, **flt: object) -> str:  # type: ignore[no-untyped-def]
    items = query.timeline(ds, query.TimelineFilter(**flt))  # type: ignore[arg-type]
    return render(timeline_view(items, len(ds.milestones), width, ds.as_of), width)


@pytest.mark.parametrize("width", [40, 80, 120])
def test_timeline_shows_as_of_legend_and_dispute_marker(frozen, width: int) -> None:  # type: ignore[no-untyped-def]
    out = _timeline(frozen, width)
    assert "Stand: 03.12.2026" in out
    assert "Legende:" in out and "≠ Quellen widersprechen sich" in out
    assert "○ Zeitpunkt, unsicher" not in out  # no uncertain point in the data
    rows = out.splitlines()
    at = next(i for i, line in enumerate(rows) if "einwanderung-gestalten" in line)
    assert any("≠" in line for line in rows[at - 3:at + 2])
    assert all(len(line) <= width for line in rows)


def test_timeline_as_of_in_english(frozen) -> None:  # type: ignore[no-untyped-def]
    i18n.set_language("en")
    try:
        assert "As of 3 Dec 2026" in _timeline(frozen, 80)
    finally:
        i18n.set_language(None)


def test_disputed_keeps_only_milestones_with_disputes(frozen) -> None:  # type: ignore[no-untyped-def]
    items = query.timeline(frozen, query.TimelineFilter(disputed=True))
    assert items and all(m.disputes for m in items)
    assert len(items) == sum(1 for m in frozen.milestones if m.disputes)


def test_show_has_as_of_validity_and_dated_claims_under_the_date(frozen) -> None:  # type: ignore[no-untyped-def]
    m = query.find(frozen, "ministerium-umbenennung-2022")
    out = render(show_view(frozen, m, []), 100)
    assert "Stand: 03.12.2026" in out
    assert "(seit 27.01.2026)" in out and "(gilt 29.06.2022–27.01.2026)" in out
    m = query.find(frozen, "einwanderung-gestalten")
    lines = render(show_view(frozen, m, []), 100).splitlines()
    claims = next(i for i, line in enumerate(lines) if line.startswith("Laut Quellen"))
    assert lines[claims - 1].startswith("Genauigkeit")
    block = "\n".join(lines[claims:claims + 12])
    assert "= 2017–2020" in block and "≠ 30.06.2020" in block and "[" in block
    assert any(line.startswith("Widersprüche") for line in lines)  # the full section stays


def test_actor_view_names_the_current_minister_with_sources(frozen) -> None:  # type: ignore[no-untyped-def]
    actor = query.find_actor(frozen, "mkjfgfi")
    assert actor is not None and actor.id == "MKJFGFI"
    out = render(actor_view(frozen, actor, query.appearances(frozen, actor.id)), 100)
    line = next(line for line in out.splitlines() if "Verena Schäffer" in line)
    assert "seit 27.01.2026" in line
    assert "Quellen" in out and "ministerium-umbenennung-2022" in out
    assert query.find_actor(frozen, "niemand") is None


def test_actor_cli_json_and_unknown() -> None:
    result = cli("actors", "mkjfgfi", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["id"] == "MKJFGFI" and "ministerium-umbenennung-2022" in data["milestones"]
    assert any(f.get("valid") == "2026-01-27/.." for f in data["facts"])
    assert cli("actors", "niemand").exit_code == 3


@pytest.mark.parametrize("fmt", [ExportFormat.markdown, ExportFormat.mermaid,
                                 ExportFormat.timelinejs, ExportFormat.svg, ExportFormat.html])
def test_exports_carry_the_as_of_date(frozen, fmt: ExportFormat) -> None:  # type: ignore[no-untyped-def]
    out = render_export(fmt, frozen, list(frozen.chronological()), 100)
    assert "03.12.2026" in out


def test_csv_stays_plain_csv(frozen) -> None:  # type: ignore[no-untyped-def]
    out = render_export(ExportFormat.csv, frozen, list(frozen.chronological()), 100)
    assert "Stand" not in out and out.startswith("id,")


CHECKED = """\
title: T
as_of: "2026-12-03"
sources:
  Q1: {title: Alt, accessed: "2024-01-10"}
  Q2: {title: Ohne Abruf}
milestones:
  - id: a
    title: A
    date: 2020
    kind: K
    summary: S
    sources: [Q2]
    facts:
      - {text: Gilt noch, sources: [Q1], valid: "2020/.."}
"""


def test_validate_warns_about_stale_open_validity_and_missing_accessed() -> None:
    report = check_text(CHECKED, "t.yaml")
    assert report.dataset is not None
    stale = provenance(report.dataset, "t.yaml")
    assert [d.message.code for d in stale] == ["check.stale_valid"]
    assert "365" in said(stale[0]) and not stale[0].is_error
    assert provenance(report.dataset, "t.yaml", stale_after=2000) == []
    codes = [d.message.code for d in provenance(report.dataset, "t.yaml", 2000, True)]
    assert codes == ["check.no_accessed"]
