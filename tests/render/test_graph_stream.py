"""`kim graph` drawn line by line (issue #17): the same bytes as Rich's own Tree of the graph,
for generated and hostile datasets, at every width, with and without colour, in both
languages; from the cache database without keeping its milestones; paged as before."""

from __future__ import annotations

import contextlib
import io
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from helpers import PLAIN_ENV, cached_dataset, generate
from rich._wrap import divide_line
from rich.console import Console
from rich.text import Text
from rich.tree import Tree
from typer.testing import CliRunner

from kimcli import i18n
from kimcli import io as kimio
from kimcli.cli import app
from kimcli.domain.dataset import Dataset
from kimcli.i18n.texts import date_of, rel_label, title_of
from kimcli.io import lazy
from kimcli.render import graph, output, pager
from kimcli.render.inert import clean, text
from kimcli.render.layout import KeepWhole

runner = CliRunner()


def rich_tree(dataset: Dataset) -> Tree:
    """The oracle: the graph as one Rich Tree, as `kim graph` built it before it streamed."""
    items = dataset.chronological()
    by_id = dataset.by_id()
    incoming = {m.id: 0 for m in items}
    for m in items:
        for r in m.refs:
            if r.to in incoming:
                incoming[r.to] += 1
    tree = Tree(Text(i18n.t("graph.title"), style="bold"), guide_style="dim")
    for m in items:
        head = text(date_of(m), "cyan")
        head.append(" ")
        head.append_text(text(title_of(m), "bold"))
        head.append_text(text(f" ({m.id})", "dim"))
        branch = tree.add(KeepWhole(head, clean(date_of(m))))
        for r in m.refs:
            target = by_id.get(r.to)
            line = text(rel_label(dataset.relation(r.rel)), "italic")
            line.append(" → ")
            line.append_text(text(title_of(target) if target else r.to))
            line.append_text(text(f" ({r.to})", "dim"))
            branch.add(line)
        if not m.refs and not incoming.get(m.id):
            branch.add(Text(i18n.t("graph.isolated"), style="dim"))
    return tree


class _Ascii(io.StringIO):
    encoding = "ascii"  # Rich draws ASCII guides for a console that cannot show box lines


def console(kind: str, width: int) -> Console:
    common: dict[str, Any] = {"width": width, "highlight": False, "markup": False,
                              "emoji": False, "height": 25}
    if kind == "plain":
        return Console(file=io.StringIO(), color_system=None, **common)
    if kind == "no-color":  # NO_COLOR: bold and dim stay, colours go
        return Console(file=io.StringIO(), force_terminal=True, color_system="256",
                       no_color=True, **common)
    if kind == "ascii":
        return Console(file=_Ascii(), force_terminal=True, color_system="standard", **common)
    return Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", **common)


def by_rich(dataset: Dataset, target: Console) -> str:
    with target.capture() as capture:
        target.print(rich_tree(dataset), crop=False)
    return capture.get()


def streamed(dataset: Dataset, target: Console) -> str:
    return "".join(graph.GraphTree(dataset, dataset.chronological()).chunks(target, size=7))


# Words that make wrapping hard: longer than any line, wide, zero-width, combining, tabs, line
# breaks, runs of spaces, no-break spaces, markup and emoji codes (shown as typed).
_PIECES = ["Gesetz", "über", "die", "Einbürgerung", "x" * 45, "Zuwanderungs" * 4, "中文標題",
           "🙂", "a\tb", "zwei  Leer", "nbsp\u00a0hier", "[bold]m[/bold]", ":smile:", "Ende.",
           "  ", "–", "§ 9", "Zeile\nUmbruch", "\u200bzw", "e\u0301", "ﾊﾝｶｸ", "Ａ全角", "a" * 19,
           "b" * 20, "c" * 36, "d" * 72, "→", "„Titel“", "Ω", "ж", "x\u00ady", "\u2028"]
_DATES = ["2012-02-14", "2017/2020", "2020", "../2019", "2021/..", "2019-05", "1990/2000",
          "2020-01-01/2020-06-30", "2015~", "2016?"]
_LABELS = ["Anfang 2022", "bis Ende 1950", "ca. 2015 bis heute", "Sommer\u00a02010",
           "vom 1. Mai 2020 bis zum 30. Juni 2021"]


def hostile(seed: int, n: int = 50) -> str:
    rnd = random.Random(seed)

    def words(most: int) -> str:
        return " ".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, most)))

    lines = ["title: H", "relations:",
             "  rel: {label: führt zu, inverse: kommt von, en: {label: leads to, inverse: x}}",
             "  lang: {label: ein sehr langes Verhältnis mit vielen Wörtern darin, inverse: y}",
             "milestones:"]
    ids = [f"m{i}" for i in range(n)] + ["ein-sehr-langer-bezeichner-der-nicht-passt-" + "z" * 30]
    for mid in ids:
        lines += [f"  - id: {mid}", f"    title: {json.dumps(words(12), ensure_ascii=False)}",
                  f"    date: {json.dumps(rnd.choice(_DATES))}", "    kind: K", "    summary: S"]
        label = rnd.choice([None, None, *_LABELS])
        if label:
            lines.append(f"    date_label: {json.dumps(label, ensure_ascii=False)}")
        if rnd.random() < 0.5:
            en = {"title": words(8), **({"date_label": f"early {label}"} if label else {})}
            lines.append(f"    en: {json.dumps(en, ensure_ascii=False)}")
        refs = [{"to": to, "rel": rnd.choice(["rel", "lang"])}
                for to in rnd.sample(ids, rnd.choice([0, 0, 1, 2, 4])) if to != mid]
        if refs:
            lines.append(f"    refs: {json.dumps(refs)}")
    return "\n".join(lines) + "\n"


def load(tmp_path: Path, source: str, name: str = "d.yaml") -> Dataset:
    path = tmp_path / name
    path.write_text(source, encoding="utf-8")
    return kimio.load(path)


@pytest.mark.parametrize("kind", ["plain", "no-color", "truecolor", "ascii"])
@pytest.mark.parametrize("width", [20, 33, 40, 80, 120])
@pytest.mark.parametrize("lang", ["de", "en"])
def test_the_streamed_graph_is_richs_tree(tmp_path: Path, kind: str, width: int,
                                          lang: str) -> None:
    i18n.set_language(lang)
    for n, source in enumerate([generate(60, seed=width), hostile(width), hostile(width + 1)]):
        dataset = load(tmp_path, source, f"d{n}.yaml")
        assert streamed(dataset, console(kind, width)) == by_rich(dataset, console(kind, width))


def test_the_breaks_are_richs(tmp_path: Path) -> None:
    """The line breaks of a label of one-cell characters, against rich._wrap itself."""
    rnd = random.Random(17)
    for _ in range(20_000):
        value = "".join(rnd.choice("ab  \u00a0x-.→") for _ in range(rnd.randint(0, 40)))
        width = rnd.randint(1, 15)
        assert graph.breaks(value, width) == divide_line(value, width, fold=True), (value, width)


@pytest.fixture
def cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = cached_dataset(tmp_path, monkeypatch, generate(300), "g.yaml")
    monkeypatch.setattr(lazy, "_BATCH", 40)  # several batches, as at 100,000
    return path


@pytest.mark.parametrize("width", ["40", "80"])
@pytest.mark.parametrize("lang", [[], ["--lang", "en"]])
def test_the_graph_from_the_cache_is_the_parsed_ones(cached: Path, width: str,
                                                     lang: list[str]) -> None:
    env = {**PLAIN_ENV, "COLUMNS": width}
    args = [*lang, "graph", "--data", str(cached)]
    fresh = runner.invoke(app, args, env={**env, "KIM_NO_CACHE": "1"})
    kimio.load(cached)  # builds the database
    warm = runner.invoke(app, args, env=env)
    assert fresh.exit_code == warm.exit_code == 0, fresh.output + warm.output
    assert warm.stdout == fresh.stdout
    assert warm.stdout.count("\n") > 300


def test_a_cached_graph_keeps_no_milestone(cached: Path) -> None:
    kimio.load(cached)
    dataset = kimio.load(cached, lazy=True)
    db = lazy.store_of(dataset)
    assert db is not None
    tree = graph.GraphTree(dataset, dataset.chronological())
    assert len(tree.rows) == 300 and not db.by_pos  # read once, each milestone let go
    target = console("truecolor", 80)
    assert "".join(tree.chunks(target)) == by_rich(kimio.load(cached), target)


# -- the pager: as for a whole rendering, by the number of lines against the screen --------------


class _Pager:
    def __init__(self) -> None:
        self.written: list[str] = []
        self.file = self

    def write(self, piece: str) -> None:
        self.written.append(piece)


@pytest.fixture
def paged(monkeypatch: pytest.MonkeyPatch) -> list[_Pager]:
    used: list[_Pager] = []

    @contextlib.contextmanager
    def fake(_: Console) -> Iterator[_Pager]:
        used.append(_Pager())
        yield used[-1]

    monkeypatch.setattr(pager, "paged", fake)
    monkeypatch.setenv("PAGER", "less")
    return used


@pytest.mark.parametrize("height", [5, 25, 26, 27, 400])
def test_the_pager_takes_a_graph_taller_than_the_screen(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, paged: list[_Pager], height: int
) -> None:
    dataset = load(tmp_path, generate(8))
    target = console("truecolor", 80)
    target.height = height
    whole = by_rich(dataset, console("truecolor", 80))
    lines = whole.count("\n")
    monkeypatch.setattr(output, "_stdout", lambda: target)
    output.print_graph(dataset, dataset.chronological())
    screen = target.file.getvalue()  # type: ignore[attr-defined]
    if lines > height:
        assert len(paged) == 1 and "".join(paged[0].written) == whole and screen == ""
    else:
        assert not paged and screen == whole


def test_without_a_pager_the_graph_streams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           paged: list[_Pager]) -> None:
    """--no-pager: each piece is written as it is made, none held back."""
    target = console("truecolor", 80)
    written: list[str] = []
    target.file.write = written.append  # type: ignore[method-assign]
    made = 0

    def pieces() -> Iterator[str]:
        nonlocal made
        for n in range(100):
            assert len(written) == n  # everything made so far is already out
            made += 1
            yield "line\n"

    output.use_pager(False)
    output._page_lines(pieces, target)
    assert made == 100 and not paged


def test_piped_the_graph_has_no_trailing_blanks() -> None:
    """Piped, lines end at their text, as _page writes a whole rendering."""
    target = Console(file=io.StringIO(), width=40, color_system=None, highlight=False)
    output._page_lines(lambda: iter(["a  \n", "b\t\n"]), target)
    assert target.file.getvalue() == "a\nb\n"  # type: ignore[attr-defined]


# -- --format dot and mermaid: written in pieces, from the cache without keeping milestones ------


@pytest.mark.parametrize("fmt", ["dot", "mermaid"])
def test_dot_and_mermaid_from_the_cache_are_the_parsed_ones(cached: Path, fmt: str) -> None:
    from kimcli.export.graph import dot_chunks, mermaid_chunks

    args = ["graph", "--format", fmt, "--data", str(cached)]
    fresh = runner.invoke(app, args, env={**PLAIN_ENV, "KIM_NO_CACHE": "1"})
    parsed = kimio.load(cached)  # builds the database
    warm = runner.invoke(app, args, env=PLAIN_ENV)
    assert fresh.exit_code == warm.exit_code == 0, fresh.output + warm.output
    assert warm.stdout == fresh.stdout and warm.stdout.count("\n") > 600
    chunks = dot_chunks if fmt == "dot" else mermaid_chunks
    dataset = kimio.load(cached, lazy=True)
    pieces = list(chunks(dataset))
    db = lazy.store_of(dataset)
    assert db is not None and not db.by_pos
    assert len(pieces) > 1 and all(p.endswith("\n") for p in pieces)
    assert "".join(pieces) == "".join(chunks(parsed)) == fresh.stdout
