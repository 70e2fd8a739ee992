"""kim site's time axis shows disputed dates as the terminal does: other claimed starts and
ends as marks of their own shape, said in words for screen readers, and a legend."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import PLAIN_ENV
from typer.testing import CliRunner

from kimcli import i18n
from kimcli.cli import app
from kimcli.site import core, timeline
from kimcli.site.names import Links, Names

runner = CliRunner()


def build(out: Path, *args: str) -> Path:
    result = runner.invoke(app, [*args, "site", str(out)], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory) -> str:
    out = build(tmp_path_factory.mktemp("axis") / "out")
    return (out / "index.html").read_text(encoding="utf-8")


def row(index: str, mid: str) -> str:
    found = re.search(rf'<li id="t-{re.escape(mid)}">.*?</li>', index)
    assert found, mid
    return found.group(0)


def test_claimed_dates_come_from_the_disputes_without_the_own_date() -> None:
    dataset = core.load(None)
    m = dataset.by_id()["einwanderung-gestalten"]
    claimed = core.claimed_dates(m)
    assert m.date not in claimed
    assert {d.edtf() for d in claimed} >= {"2017/2019", "2017-04/2019"}
    assert core.claimed_dates(dataset.by_id()["tintg-2012"]) == []  # claims without a date


def test_a_disputed_row_marks_the_other_end_in_shape_and_in_words(index: str) -> None:
    found = row(index, "einwanderung-gestalten")
    # A dashed tick where sources claim another end, a dashed line for the other period.
    assert '<line class="alt-bound"' in found and '<line class="alt"' in found
    hidden = re.search(r'<span class="vh">([^<]*)</span>', found)
    assert hidden and "Quellen nennen auch 2019 als Ende" in hidden.group(1)
    assert "als Beginn" in hidden.group(1)  # April 2017, by one source
    assert '<span aria-hidden="true">≠</span>' in found


def test_rows_without_dated_disputes_draw_no_other_dates(index: str) -> None:
    found = row(index, "tintg-2012")  # disputed, but no claim carries a date
    assert 'class="alt' not in found and 'class="vh"' not in found
    assert 'class="alt' not in row(index, "kommunale-integrationszentren")


def test_every_alt_mark_lies_on_the_axis(index: str) -> None:
    for x in re.findall(r'class="alt[^"]*" (?:x1|cx)="([0-9.]+)%"', index):
        assert 0.0 <= float(x) <= 100.0


def test_the_legend_names_the_marks_in_kims_words(index: str) -> None:
    legend = re.search(r'<p class="legend">.*?</p>', index, re.S)
    assert legend
    text = legend.group(0)
    for code in ("legend.head", "legend.span", "legend.point", "legend.alt_bound",
                 "legend.alt_span", "legend.disputed"):
        assert i18n.t(code) in text, code
    assert text.count('aria-hidden="true"') == text.count("<svg")  # the words carry it


def test_a_timeline_without_disputes_has_no_dispute_legend() -> None:
    dataset = core.load(None)
    items = [m for m in core.select(dataset) if not core.claimed_dates(m)]
    today = core.today()
    axis = timeline.make_axis(timeline.spans(items, today), today)
    sections = timeline.sections(dataset, items, Links(Names(dataset, items)), axis, today,
                                 by_year=False)
    kinds = [kind for kind, _ in timeline.legend(sections)]
    assert "alt_bound" not in kinds and "alt_span" not in kinds and "span" in kinds


def test_english_words_for_the_other_dates(tmp_path: Path) -> None:
    out = build(tmp_path / "en", "--lang", "en")
    found = row((out / "index.html").read_text(encoding="utf-8"), "einwanderung-gestalten")
    assert "Sources also give 2019 as the end" in found
