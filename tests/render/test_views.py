"""Every view rendered at fixed widths: golden files for the big ones, facts for the rest."""

from __future__ import annotations

import io

import pytest
from helpers import FROZEN, SMALL, render, said
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len
from rich.console import Console

from kimcli import io as kimio
from kimcli import query
from kimcli.dates import parse
from kimcli.i18n.texts import date_of
from kimcli.render import layout
from kimcli.render.bars import Axis, bar_cells
from kimcli.render.lists import glossary_list_view, search_view
from kimcli.render.milestone import show_view
from kimcli.render.timeline import timeline_view


@pytest.fixture(scope="module")
def small():  # type: ignore[no-untyped-def]
    return kimio.load(SMALL)


@pytest.fixture(scope="module")
def frozen():  # type: ignore[no-untyped-def]
    return kimio.load(FROZEN)


def _timeline(ds, width: int) -> str:  # type: ignore[no-untyped-def]
    items = query.timeline(ds, query.TimelineFilter())
    return render(timeline_view(items, len(ds.milestones), width), width)


@pytest.mark.parametrize("width", [40, 80, 120])
def test_timeline_golden(small, golden, width: int) -> None:  # type: ignore[no-untyped-def]
    golden(f"timeline-small-{width}.txt", _timeline(small, width))


@pytest.mark.parametrize("width", [40, 80, 120])
def test_frozen_timeline_keeps_every_id_and_date_whole(frozen, width: int) -> None:  # type: ignore[no-untyped-def]
    out = _timeline(frozen, width)
    for m in frozen.milestones:
        assert m.id in out, (width, m.id)
        assert date_of(m) in out, (width, date_of(m))
    assert f"{len(frozen.milestones)} von {len(frozen.milestones)}" in out
    assert all(len(line) <= width for line in out.splitlines())


def test_show_golden(small, golden) -> None:  # type: ignore[no-untyped-def]
    m = query.find(small, "projekt")
    incoming = query.referenced_by(small, m.id)
    golden("show-projekt-80.txt", render(show_view(small, m, incoming), 80))


@pytest.mark.parametrize("width", [20, 40, 80])
def test_show_loses_no_facts_when_narrow(frozen, width: int) -> None:  # type: ignore[no-untyped-def]
    m = query.find(frozen, "einwanderung-gestalten")
    out = render(show_view(frozen, m, query.referenced_by(frozen, m.id)), width)
    # Very narrow terminals may fold words; the characters must all still be there.
    squeeze = (lambda s: "".join(s.split())) if width < 40 else (lambda s: " ".join(s.split()))
    guides = str.maketrans("", "", "│├└─")
    flat = squeeze(out.translate(guides))
    for fact in ("Kreis Lippe", "Dormagen", "Wuppertal", "Rheine", "2017–2020",
                 "kim-start-2020", "migration-2015-2016"):
        assert squeeze(fact) in flat, fact
    for sid in m.cited_sources():
        url = frozen.sources[sid].url
        assert url and url in out, sid  # URLs are never folded or cut


def test_show_lists_disputes_with_their_sources(small) -> None:  # type: ignore[no-untyped-def]
    m = query.find(small, "projekt")
    out = render(show_view(small, m, []), 80)
    assert "Widersprüche zwischen Quellen" in out
    assert "⚠ Laufzeit" in out
    assert "2017–2020 [1]" in out and "2017–2019 [2]" in out


def test_show_tree_reads_both_directions(small) -> None:  # type: ignore[no-untyped-def]
    m = query.find(small, "programm")
    out = render(show_view(small, m, query.referenced_by(small, m.id)), 100)
    assert "regelt → Altes Gesetz über Einbürgerung (gesetz-alt)" in out
    assert "ging hervor aus ← Modellprojekt „Übergänge gestalten“ (projekt)" in out
    assert "geregelt durch ← Neues Gesetz (novelle) – § 9" in out


def test_search_view_highlights_and_names_field(small, golden) -> None:  # type: ignore[no-untyped-def]
    hits = query.search(small, "einburgerung")
    out = render(search_view(hits, 80), 80)
    assert "Altes Gesetz über Einbürgerung" in out
    assert "Titel" in out
    golden("search-einburgerung-80.txt", out)
    narrow = render(search_view(hits, 40), 40)
    assert "gesetz-alt" in narrow and "Titel:" in narrow


def test_dataset_text_is_inert(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "x.yaml"
    path.write_text(
        'title: T\nmilestones:\n  - id: m1\n    title: "[bold]fett[/] :smile: \\e[31mROT \\u202e"\n'
        "    date: '2020'\n    kind: '[red]K'\n    summary: '[link=https://evil.example]x[/link]'\n",
        encoding="utf-8")
    ds = kimio.load(path)
    m = ds.milestones[0]
    for out in (render(timeline_view([m], 1, 80)), render(show_view(ds, m, []))):
        assert "[bold]fett[/] :smile:" in out
        assert "\\x1b[31mROT" in out and "<U+202E>" in out
        assert "\x1b" not in out and "\u202e" not in out
    assert "[link=https://evil.example]x[/link]" in render(show_view(ds, m, []))


def test_bar_marks_points_and_spans() -> None:
    axis = Axis([parse("2010").bounds(), parse("2019").bounds()])
    point, point_style = bar_cells(parse("2010"), axis, 20)
    span, _ = bar_cells(parse("2012/2015"), axis, 20)
    assert point == "●" and point_style == "magenta"
    assert set(span.strip()) == {"━"} and 3 <= len(span.strip()) <= 9 and span.startswith(" ")
    assert bar_cells(parse("2012~"), axis, 20)[0].strip() == "◌"  # approximate
    axis = Axis([parse("2010").bounds(), parse("2015/..").bounds()])
    open_end, _ = bar_cells(parse("2015/.."), axis, 20)
    assert open_end.endswith("▶") and len(open_end) <= 20


def test_empty_timeline_says_so() -> None:
    assert "keine Meilensteine" in render(timeline_view([], 3, 80))


def test_timeline_in_chunks_prints_the_same_as_whole(frozen) -> None:  # type: ignore[no-untyped-def]
    items = query.timeline(frozen, query.TimelineFilter())
    view = timeline_view(items, len(items), 80)
    assert isinstance(view, layout.Rows)
    assert "".join(render(part) for part in view.chunks(3)) == render(view)


@pytest.mark.parametrize("width", [2, 5, 12, 30])
def test_wrap_keeps_every_character_within_width(width: int) -> None:
    value = "Kommunales Integrationsmanagement – § 9 TIntG 2022 regelt die Förderung 日本語テキスト"
    lines = layout.wrap(value, width)
    assert all(cell_len(line) <= width for line in lines)
    assert "".join("".join(lines).split()) == "".join(value.split())


def test_plain_fast_path_matches_rich_rendering(frozen) -> None:  # type: ignore[no-untyped-def]
    items = query.timeline(frozen, query.TimelineFilter())
    for width in (40, 80, 120):
        view = timeline_view(items, len(items), width)
        assert view.plain() == render(view, width)


def test_only_http_addresses_become_links(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "u.yaml"
    path.write_text("title: T\nsources:\n  a: {title: A, url: 'javascript:alert(1)'}\n"
                    "  b: {title: B, url: 'https://example.org/b'}\nmilestones:\n"
                    "  - {id: m1, title: M, date: '2020', kind: K, summary: S, sources: [a, b]}\n",
                    encoding="utf-8")
    report = kimio.check(path)
    assert report.dataset is not None and any("nicht verlinkt" in said(d)
                                              for d in report.warnings)
    m = report.dataset.milestones[0]
    console = Console(width=80, record=True, force_terminal=True, file=io.StringIO())
    console.print(show_view(report.dataset, m, []))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "javascript:alert(1)" in out and "\x1b]8;" in out  # shown; one link made …
    assert out.count("\x1b]8;id=") == 1 and "https://example.org/b" in out  # … for https only


def test_frozen_timeline_at_twenty_columns_loses_no_facts(frozen) -> None:  # type: ignore[no-untyped-def]
    items = query.timeline(frozen, query.TimelineFilter())
    out = "".join(render(timeline_view(items, len(items), 20), 20).split())
    for m in frozen.milestones:
        assert "".join(m.id.split()) in out and "".join(date_of(m).split()) in out
        assert "".join(m.title.split()) in out


@pytest.mark.parametrize("width", [40, 80])
def test_glossary_list_fits_the_terminal(frozen, width: int) -> None:  # type: ignore[no-untyped-def]
    out = render(glossary_list_view(frozen, width), width)
    assert all(len(line) <= width for line in out.splitlines())
    words = set(out.split())  # a long term may wrap inside its column, next to its explanation
    assert all(set(g.term.split()) <= words for g in frozen.glossary)


# Words of one cell (Latin, umlauts, dashes), blanks of several kinds, and line breaks.
_one_cell_text = st.lists(st.sampled_from([*"abcdeäöüß–-.§ 0123", "Wort", "  ", "\n", "\t"]),
                          max_size=40).map("".join)


@given(_one_cell_text, st.integers(1, 30))
@settings(max_examples=300, deadline=None)
def test_wrap_is_greedy_word_by_word(value: str, width: int) -> None:
    """Whatever shortcut wrap_sized takes, its lines are those of the textbook greedy wrap
    (blanks between words made one), each no wider than the line and measured right."""
    got = layout.wrap_sized(value, width)
    assert [" ".join(line.split()) for line, _ in got] == _greedy(value, width)
    assert all(size <= width for _, size in got)
    assert all(size == cell_len(line) for line, size in got if "\t" not in line)


def _greedy(value: str, width: int) -> list[str]:
    """Greedy word wrap of one-cell characters: a word goes on the line if it fits, else it
    starts the next; a word longer than a line is cut into pieces of the line's width."""
    lines: list[str] = []
    for paragraph in value.rstrip("\n").split("\n"):
        line = ""
        for word in paragraph.split():
            if line and len(line) + 1 + len(word) <= width:
                line += " " + word
                continue
            if line:
                lines.append(line)
            while len(word) > width:
                lines.append(word[:width])
                word = word[width:]
            line = word
        lines.append(line)
    return lines


# Wide (日本 ☕ ⚡ ⌚) and zero-width (U+0483) characters too: the plain path must measure as Rich.
_cell_text = st.lists(st.sampled_from([*"ab äü日本\n-☕⚡⌚\u0483", "Wort", "  "]),
                      max_size=20).map("".join)


@given(st.lists(st.lists(st.lists(st.tuples(_cell_text, st.sampled_from(["", "bold"])),
                                  min_size=1, max_size=2), min_size=3, max_size=3),
                max_size=4),
       st.lists(st.integers(1, 12), min_size=3, max_size=3))
@settings(max_examples=200, deadline=None)
def test_plain_text_equals_rich_rendering(rows: list[list[layout.Cell]],
                                          widths: list[int]) -> None:
    table = layout.Rows(widths, rows, caption="c")
    assert table.plain() == render(table, sum(widths) + 6)


def test_cells_agrees_with_rich_on_every_character() -> None:
    """The fast measure (len where a character is known to take one cell) never guesses."""
    chars = [chr(code) for code in range(0x20, 0x10000) if not 0xD800 <= code <= 0xDFFF]
    wrong = [hex(ord(c)) for c in chars if layout.cells(c) != cell_len(c)]
    assert wrong == []


def test_a_row_without_text_has_no_lines() -> None:
    table = layout.Rows([3, 3], [[[], []], [[("a", "")], []]])
    assert table.plain() == render(table, 10) == "a\n"


def _generic(view: layout.Rows) -> layout.Rows:
    """The same table as plain Rows of cells: the general path of plain()."""
    return layout.Rows(view.widths, list(view.rows), view.header, view.caption)


@pytest.mark.parametrize("width", [layout.NARROW, 80, 100, layout.WIDE - 1, layout.WIDE, 140])
def test_timeline_plain_equals_the_general_path(frozen, width: int) -> None:  # type: ignore[no-untyped-def]
    items = query.timeline(frozen, query.TimelineFilter())
    view = timeline_view(items, len(items), width)
    assert isinstance(view, layout.TimelineRows)
    assert view.plain() == _generic(view).plain() == render(view, width)
    parts = list(view.chunks(4))
    assert "".join(p.plain() for p in parts) == view.plain()


_entry_text = st.lists(st.sampled_from([*"ab äü日本\n-☕", "Wort", "  ", "Langeswortohneende"]),
                       max_size=12).map("".join)


@given(st.lists(st.tuples(_entry_text, _entry_text, _entry_text, _entry_text,
                          st.sampled_from(["", " ●", "   ━━╸", "◌", "x\ny"])), max_size=5),
       st.lists(st.integers(1, 14), min_size=5, max_size=5), st.booleans())
@settings(max_examples=300, deadline=None)
def test_timeline_rows_plain_equals_rows_plain(entries: list[tuple[str, ...]],
                                               widths: list[int], wide: bool) -> None:
    rows = [layout.TimelineEntry(d, t, i, k, b, "cyan") for d, t, i, k, b in entries]
    table = layout.TimelineRows(widths if wide else widths[:4], rows, wide, caption="c")
    assert table.plain() == _generic(table).plain() == render(table, 90)
