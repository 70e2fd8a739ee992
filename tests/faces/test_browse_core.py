"""The browser's pure parts: the adapter into kimcli, the history, the key table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from browse_pilot import frozen

from kimcli import i18n, query
from kimcli.browse import core
from kimcli.browse.history import History
from kimcli.browse.keys import KEYS, bindings, help_rows
from kimcli.browse.timeline import MARK, fit, layout
from kimcli.render import bars, milestone
from kimcli.render import layout as render_layout
from kimcli.render import timeline as render_timeline

ROOT = Path(__file__).resolve().parents[2]


def test_history_goes_back_and_forward_like_a_browser() -> None:
    h = History("a")
    h.visit("b")
    h.visit("c")
    assert h.go(-1) == "b" and h.go(-1) == "a" and h.go(-1) is None
    assert h.go(+1) == "b"
    h.visit("d")  # a new step drops what lay ahead
    assert h.entries == ["a", "b", "d"] and h.go(+1) is None
    h.replace("e")  # the cursor moved: the step stands elsewhere
    assert h.entries == ["a", "b", "e"] and h.current == "e"
    h.visit("e")  # a jump to where one is: no new step
    assert h.entries == ["a", "b", "e"]
    assert h.go_to(0) == "a" and h.current == "a" and h.go_to(7) is None


def test_history_passes_over_steps_to_where_one_already_is() -> None:
    h = History("a")
    h.visit("b")
    h.replace("a")  # moved back to "a" by hand
    assert h.go(-1) is None  # "a" again would look like nothing happened
    empty = History()
    assert empty.current is None and empty.go(-1) is None
    empty.replace("x")
    assert empty.entries == ["x"]


def test_scale_draws_the_bars_of_kim_timeline() -> None:
    ds = frozen()
    items = query.timeline(ds, query.TimelineFilter())
    table = render_timeline.timeline_view(items, len(ds.milestones), 100)
    assert isinstance(table, render_layout.TimelineRows)
    width = table.widths[-1]
    scale = core.Scale(items)
    for m, entry in zip(items, table.entries, strict=True):
        assert scale.bar(m, width) == (entry.bar, entry.bar_style), m.id
    assert scale.header(width) == bars.axis_cells(scale.axis, width)


def test_filters_combine_kind_tag_phase_and_dates() -> None:
    ds = frozen()
    every = core.filtered(ds, core.Filters())
    assert len(every) == 14
    laws = core.filtered(ds, core.Filters(kinds=("gesetz",)))
    assert [m.id for m in laws] == ["tintg-2012", "tintg-novelle-2022"]
    phase = core.filtered(ds, core.Filters(phases=("modellphase",)))
    assert {m.phase for m in phase} == {"modellphase"} and len(phase) == 3
    both = core.filtered(ds, core.Filters(kinds=("Gesetz",), phases=("ki-aufbau",)))
    assert [m.id for m in both] == ["tintg-2012"]
    dated = core.filtered(ds, core.Filters(start="2019", end="2019"))
    assert "einwanderung-gestalten" in {m.id for m in dated}  # 2017/2020 overlaps 2019
    tagged = core.filtered(ds, core.Filters(tags=("richtlinie",), start="2021"))
    assert [m.id for m in tagged] == ["ki-richtlinie-2023", "kim-richtlinie-2024"]
    assert not core.Filters().active and core.Filters(end="2020").active


def test_date_bounds_are_checked_with_kims_messages() -> None:
    assert core.check_range("2019", "2020-06") is None
    assert core.check_range("", "") is None
    assert "2019-11" in (core.check_range("20", "") or "")
    assert core.check_range("2021", "2020") == "„von“ liegt nach „bis“"
    with pytest.raises(ValueError):
        core.parse_bound("2020-13", upper=False)


def test_choices_for_the_filter_window() -> None:
    ds = frozen()
    kinds = dict(core.kind_choices(ds))
    assert kinds["Gesetz"] == "Gesetz" and len(kinds) == 8
    assert "richtlinie" in core.tag_choices(ds)
    assert [p for p, _ in core.phase_choices(ds)] == [
        "ki-aufbau", "modellphase", "kim-einfuehrung", "gesetzliche-verankerung"]


def test_references_read_as_in_kim_show() -> None:
    ds = frozen()
    m = ds.by_id()["einwanderung-gestalten"]
    out, incoming = core.references(ds, m)
    assert [r.target for r in out] == ["kim-start-2020"]
    assert [r.target for r in incoming] == ["migration-2015-2016", "strategie-2030"]
    assert out[0].line.plain.startswith("führte zu → Start des Landesprogramms")
    shown = milestone.show_view(ds, m, query.referenced_by(ds, m.id))
    detail = core.detail(ds, m)
    assert len(detail.renderables) == len(shown.renderables) - 2  # type: ignore[attr-defined]


def test_incoming_references_equal_kims_own_list() -> None:
    ds = frozen()
    for m in ds.milestones:
        assert core.referenced_by(ds, m.id) == query.referenced_by(ds, m.id), m.id


def test_sources_are_numbered_as_in_kim_show() -> None:
    ds = frozen()
    m = ds.by_id()["laki-2013"]
    items = core.sources(ds, m)
    assert [s.number for s in items] == [1, 2, 3, 4]
    assert [s.id for s in items] == list(m.cited_sources())
    assert items[0].url and items[0].url.startswith("https://")
    assert items[0].line.plain.endswith("(S49)")


def test_search_is_kims_search() -> None:
    ds = frozen()
    index = core.search_index(ds)
    assert [h.id for h in core.search(ds, "einwand", 50, index)] == [
        h.id for h in query.search(ds, "einwand", 50)]
    assert core.search(ds, "   ", 50, index) == []
    hit = core.search(ds, "einwand", 1, index)[0]
    assert core.hit_title(hit).startswith("Modellprojekt") and core.field_name(hit) == "Alias"


def test_row_layout_fits_the_pane() -> None:
    for width in (40, 76, 78, 118, 200):
        lay = layout(width, 12, 14)
        used = len(MARK) + lay.date + 2 + lay.title + 2 + (lay.kind + 2 if lay.kind else 0)
        assert used + lay.bar == width, width
        assert lay.bar >= 8 and lay.title >= 14
    assert fit("Einwanderung", 6) == "Einwa…" and fit("ab", 4) == "ab  "
    assert fit("☕☕☕", 4) == "☕…" or fit("☕☕☕", 4).endswith("…")


def test_every_key_is_bound_helped_and_in_the_readme() -> None:
    i18n.set_language("en")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## kim browse"):]
    section = section[:section.index("\n## ", 3)]
    rows = re.findall(r"^\| `([^`]+)` \| (.*) \|$", section, re.M)
    assert help_rows() == rows
    bound = {name for b in bindings() for name in b.key.split(",")}
    for key in KEYS:
        for name in filter(None, key.keys.split(",")):
            assert name in bound
