"""`kim export --format svg` in pieces (issue #17): the very SVG of Rich's own
Console.export_svg, for the bundled, generated and hostile timelines at several widths, without
the console's record or the picture ever held whole."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers import FROZEN, PLAIN_ENV, SMALL, generate
from rich.console import Console, RenderableType
from rich.text import Text
from typer.testing import CliRunner

from kimcli import i18n, query
from kimcli import io as kimio
from kimcli.cli import app
from kimcli.domain.dataset import Dataset
from kimcli.i18n.texts import dataset_title
from kimcli.render import output
from kimcli.render.inert import clean
from kimcli.render.svg import svg_chunks
from kimcli.render.timeline import timeline_view

runner = CliRunner()


def recording(width: int) -> Console:
    return Console(record=True, width=width, file=io.StringIO(), highlight=False,
                   markup=False, emoji=False, color_system="truecolor")


def by_rich(renderables: list[RenderableType], width: int, title: str) -> str:
    """The oracle: every renderable printed on a recording console, then Rich's export_svg."""
    console = recording(width)
    for renderable in renderables:
        console.print(renderable)
    return console.export_svg(title=title)


def rich_timeline(dataset: Dataset, width: int) -> str:
    items = query.timeline(dataset, query.TimelineFilter())
    view = timeline_view(items, len(dataset.milestones), width, dataset.as_of)
    return by_rich([view], width, clean(dataset_title(dataset)))


HOSTILE = """\
title: "Zeitleiste <&> „Titel“"
milestones:
  - {id: a, title: "<b>fett</b> & \\"Zitat\\" 中文標題 🙂 é\u0301 a\\tb", date: "2012",
     kind: "K", summary: S}
  - {id: b-ein-sehr-langer-bezeichner-der-nicht-in-die-spalte-passt, date: "2015/..",
     title: "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
     kind: "Sehr lange Art über alles", summary: S, en: {title: "[bold]markup[/bold] :smile:"}}
  - {id: c, title: "Zwei  Leer\u00a0zeichen", date: "../2019", kind: K, summary: S,
     date_label: "vom 1. Mai bis heute"}
"""


def load(tmp_path: Path, source: str) -> Dataset:
    path = tmp_path / "d.yaml"
    path.write_text(source, encoding="utf-8")
    return kimio.load(path)


@pytest.mark.parametrize("width", [40, 57, 100, 160])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_svg_is_richs(tmp_path: Path, width: int, lang: str) -> None:
    i18n.set_language(lang)
    for source in (FROZEN.read_text(encoding="utf-8"), SMALL.read_text(encoding="utf-8"),
                   generate(450, seed=width), HOSTILE):
        dataset = load(tmp_path, source)
        items = query.timeline(dataset, query.TimelineFilter())
        pieces = list(output.timeline_svg(dataset, items, width))
        assert "".join(pieces) == rich_timeline(dataset, width)


def test_a_long_svg_is_written_in_pieces(tmp_path: Path) -> None:
    dataset = load(tmp_path, generate(450))
    items = query.timeline(dataset, query.TimelineFilter())
    pieces = list(output.timeline_svg(dataset, items, 100))
    whole = "".join(pieces)
    assert len(pieces) > 8 and max(map(len, pieces)) < len(whole) / 4


def test_the_export_command_writes_richs_svg(tmp_path: Path) -> None:
    target = tmp_path / "t.svg"
    result = runner.invoke(app, ["export", "-f", "svg", "--width", "90", "-o", str(target)],
                           env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    assert target.read_text(encoding="utf-8") == rich_timeline(kimio.load(FROZEN), 90)


def _odd() -> list[RenderableType]:
    """Backgrounds, reversed text, blanks only, a line too long, control codes, no title."""
    lines = Text("plain ")
    lines.append("on blue", style="white on blue")
    lines.append(" reversed ", style="reverse red")
    lines.append(" " * 8)
    lines.append(" dim italic", style="dim italic underline strike")
    return [lines, Text("x" * 150, no_wrap=True, overflow="ignore"), Text("   "),
            Text("<&> \"'"), Text("")]


@pytest.mark.parametrize("title", ["", "Titel <&>"])
def test_backgrounds_and_odd_lines_are_as_rich_draws_them(title: str) -> None:
    def parts() -> Iterator[RenderableType]:
        yield from _odd()

    made = "".join(svg_chunks(recording(60), parts, title))
    assert made == by_rich(_odd(), 60, title)


def test_an_empty_timeline_is_richs(tmp_path: Path) -> None:
    dataset = load(tmp_path, generate(5))
    assert "".join(output.timeline_svg(dataset, [], 80)) == by_rich(
        [timeline_view([], 5, 80, dataset.as_of)], 80, clean(dataset_title(dataset)))
