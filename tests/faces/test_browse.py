"""`kim browse` driven headless through Textual's pilot: every feature a reader uses."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browse_pilot import detail_text, drive, flat, frozen, press, timeline_lines, type_text
from textual.pilot import Pilot

from kimcli import i18n, query
from kimcli import io as kimio
from kimcli.browse.app import BrowseApp
from kimcli.browse.detail import Detail, RefList
from kimcli.browse.modals import GlossaryScreen, HelpScreen
from kimcli.browse.search import SearchScreen
from kimcli.browse.timeline import Timeline

Steps = Any  # an async function (app, pilot) -> None


def test_opens_on_the_whole_timeline_in_date_order() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        lines = timeline_lines(app)
        assert "Datum" in lines[0] and "2015" in lines[0] and "2020" in lines[0]
        assert lines[1].startswith("▸ ab 2012") and "Aufbau der Kommunalen" in lines[1]
        assert "14.02.2012" in lines[2] and "●" in lines[2]
        assert [m.id for m in app.timeline.items] == [m.id for m in frozen().chronological()]
        status = str(app.screen_main.query_one("#status").render())
        assert "14 von 14 Meilensteinen" in status
        assert app.focused is app.timeline

    drive(steps)


def test_cursor_moves_and_the_detail_follows() -> None:
    seen: list[str] = []

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "down", "down", "j")
        seen.append(app.timeline.current.id)  # type: ignore[union-attr]
        assert "Fluchtmigration 2015/2016" in detail_text(app)
        await press(pilot, "k")
        seen.append(app.timeline.current.id)  # type: ignore[union-attr]
        await press(pilot, "end")
        seen.append(app.timeline.current.id)  # type: ignore[union-attr]
        assert timeline_lines(app)[-1].startswith("▸ 18.12.2024")  # scrolled into view
        await press(pilot, "home")
        seen.append(app.timeline.current.id)  # type: ignore[union-attr]
        await press(pilot, "pagedown")
        assert app.timeline.cursor > 1
        # Moving is not a step in the history: Back would not return along every row.
        assert len(app.history.entries) == 1

    drive(steps)
    assert seen == ["migration-2015-2016", "laki-2013", "haushalt-2025",
                    "kommunale-integrationszentren"]


def test_detail_shows_everything_kim_show_shows() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        text = flat(detail_text(app))
        for part in ("Modellprojekt „Einwanderung gestalten NRW“", "Genauigkeit",
                     "Zeitraum (2017/2020)", "Akteure", "Kurzfassung", "Fakten",
                     "12 Modellkommunen", "Weitere Daten", "Widersprüche zwischen Quellen",
                     "Quellen", "https://kim.nrw/", "Querverweise", "verweist auf",
                     "führte zu → Start des Landesprogramms", "wird erwähnt von",
                     "ging hervor aus ← Fluchtmigration"):
            assert part in text, part
        assert "[1, " in text  # facts carry their source numbers
        # The reference tree of the show view is replaced by the list, not shown twice.
        assert text.count("verweist auf") == 1

    drive(steps, start="einwanderung-gestalten")


def test_follow_a_reference_back_and_forward_like_a_browser() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "enter")  # on the timeline: to the references
        refs = app.screen_main.query_one(RefList)
        assert app.focused is refs
        assert refs.highlighted is not None
        assert "kim-start-2020" in str(refs.highlighted_option.id)  # type: ignore[union-attr]
        await press(pilot, "enter")  # follow "führte zu"
        assert app.timeline.current.id == "kim-start-2020"  # type: ignore[union-attr]
        assert app.focused is app.timeline
        crumbs = str(app.screen_main.query_one("#crumbs").render())
        assert "einwanderung-gestalten › kim-start-2020" in crumbs
        await press(pilot, "backspace")
        assert app.timeline.current.id == "einwanderung-gestalten"  # type: ignore[union-attr]
        await press(pilot, "alt+right")
        assert app.timeline.current.id == "kim-start-2020"  # type: ignore[union-attr]
        await press(pilot, "alt+left")
        assert app.timeline.current.id == "einwanderung-gestalten"  # type: ignore[union-attr]
        await press(pilot, "backspace")  # nothing before the start: stays, rings
        assert app.timeline.current.id == "einwanderung-gestalten"  # type: ignore[union-attr]
        # An incoming reference is followed the same way.
        await press(pilot, "r", "down", "down", "enter")
        assert app.timeline.current.id == "strategie-2030"  # type: ignore[union-attr]
        assert app.history.entries == ["einwanderung-gestalten", "strategie-2030"]

    drive(steps, start="einwanderung-gestalten")


def test_search_as_you_type_then_jump() -> None:
    counts: list[str] = []

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "slash")
        search = app.screen
        assert isinstance(search, SearchScreen)
        for char in "einwand":
            await press(pilot, char)
            counts.append(str(search.query_one("#search-count").render()))
        ranked = [h.id for h in query.search(frozen(), "einwand", 50)]
        assert [h.id for h in search.hits] == ranked  # kim's own ranking
        assert search.hits[0].id == "einwanderung-gestalten"
        await press(pilot, "enter")
        assert app.screen is app.screen_main
        assert app.timeline.current.id == "einwanderung-gestalten"  # type: ignore[union-attr]
        assert app.focused is app.timeline
        assert "12 Modellkommunen" in flat(detail_text(app))
        assert app.history.entries == ["kommunale-integrationszentren",
                                       "einwanderung-gestalten"]

    drive(steps)
    assert len(set(counts)) > 1  # the results changed while typing
    assert counts[-1] == "9 Treffer"


@pytest.mark.parametrize("typed", ["fluechtlingsberatung", "flüchtlingsberatung",
                                   "Fluchtlingsberatung", "flüchtlingsbertung"])
def test_search_folds_umlauts_and_forgives_a_typo(typed: str) -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "slash")
        await type_text(pilot, typed)
        hits = app.screen.hits  # type: ignore[attr-defined]
        assert hits and [h.id for h in hits] == [h.id for h in query.search(frozen(), typed, 50)]

    drive(steps)


def test_search_moves_through_hits_and_opens_a_glossary_entry() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "einwand")
        await press(pilot, "down")  # the second hit: the glossary entry EWG
        await press(pilot, "enter")
        assert isinstance(app.screen, GlossaryScreen)
        await press(pilot, "escape")
        assert app.screen is app.screen_main
        await press(pilot, "slash")
        await type_text(pilot, "xyzzyq")
        assert str(app.screen.query_one("#search-count").render()) == "keine Treffer"
        await press(pilot, "enter")  # nothing to jump to
        assert isinstance(app.screen, SearchScreen)
        await press(pilot, "escape")
        assert app.timeline.current.id == "kommunale-integrationszentren"  # type: ignore[union-attr]

    drive(steps)


def test_search_in_a_thread_on_a_large_dataset(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(SearchScreen, "IN_PLACE", 0)

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "slash")
        await type_text(pilot, "einwand")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert app.screen.hits[0].id == "einwanderung-gestalten"  # type: ignore[attr-defined]
        await press(pilot, "enter")
        assert app.timeline.current.id == "einwanderung-gestalten"  # type: ignore[union-attr]
        # Enter before the hits are there: the best hit of what was typed, once it is.
        await press(pilot, "slash")
        await pilot.press(*"tintg", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.pause()
        assert app.screen is app.screen_main
        assert app.timeline.current.id == query.search(frozen(), "tintg", 1)[0].id  # type: ignore[union-attr]

    drive(steps)


def test_help_lists_every_key() -> None:
    from kimcli.browse.keys import help_rows

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "question_mark")
        assert isinstance(app.screen, HelpScreen)
        await press(pilot, "escape")
        assert app.screen is app.screen_main

    drive(steps)
    keys = [key for key, _ in help_rows()]
    for needed in ("/", "f", "x", "s", "q", "?", "Enter", "Backspace  Alt+←", "Alt+→", "Esc"):
        assert needed in keys


def test_footer_names_the_main_keys() -> None:
    from textual.widgets import Footer

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        footer = app.screen_main.query_one(Footer)
        shown = " ".join(str(key.render()) for key in footer.children)
        for word in ("Suche", "Filter", "Quellen", "Zurück", "Hilfe", "Beenden"):
            assert word in shown, shown

    drive(steps)


def test_q_quits_with_exit_code_0() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await pilot.press("q")

    app = drive(steps)
    assert app.return_code == 0


def test_mouse_click_chooses_and_double_click_goes_to_the_references() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await pilot.click(Timeline, offset=(10, 4))  # the header is line 0
        await pilot.pause()
        assert app.timeline.current.id == "migration-2015-2016"  # type: ignore[union-attr]
        await pilot.double_click(Timeline, offset=(10, 5))
        await pilot.pause()
        assert app.timeline.current.id == "einwanderung-gestalten"  # type: ignore[union-attr]
        assert isinstance(app.focused, RefList)

    drive(steps)


def test_a_click_on_a_reference_follows_it() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "r")
        detail = app.screen_main.query_one(Detail)
        refs = app.screen_main.query_one(RefList)
        offset = refs.region.y - detail.region.y
        await pilot.click(Detail, offset=(6, offset + 1))  # the first line under "verweist auf"
        await pilot.pause()
        assert app.timeline.current.id == "kim-start-2020"  # type: ignore[union-attr]

    drive(steps, start="einwanderung-gestalten", size=(100, 40))


def test_maximize_and_escape() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "z")
        assert app.screen_main.maximized is app.timeline
        await press(pilot, "escape")
        assert app.screen_main.maximized is None
        await press(pilot, "r", "z")
        assert app.screen_main.maximized is app.detail
        await press(pilot, "z")
        assert app.screen_main.maximized is None

    drive(steps, start="einwanderung-gestalten")


def test_english_throughout() -> None:
    i18n.set_language("en")

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        lines = timeline_lines(app)
        assert "Date" in lines[0] and "from 2012" in lines[1]
        assert "14 of 14 milestones" in str(app.screen_main.query_one("#status").render())
        text = flat(detail_text(app))
        assert "Pilot project" in text and "Precision" in text and "refers to" in text
        await press(pilot, "slash")
        await type_text(pilot, "einwand")
        assert str(app.screen.query_one("#search-count").render()) == "9 hits"

    drive(steps, start="einwanderung-gestalten")


def test_no_color_uses_no_colour_at_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        assert app.theme == "kim-no-color" and app.ansi_color
        # Reverse video marks the cursor where no colour can.
        assert app.timeline.get_component_rich_style("timeline--cursor").reverse
        assert timeline_lines(app)[1].startswith("▸ ab 2012")

    drive(steps)


def test_dataset_text_is_inert(tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text("""title: T
milestones:
  - id: m
    title: "[bold red]Laut[/] :smile: \\e[31mrot\\u202e"
    date: 2020
    kind: "[link=x]K"
    summary: "[reverse]S"
""", encoding="utf-8")

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        row = timeline_lines(app)[1]
        assert "[bold red]Laut[/] :smile: \\x1b[31mrot<U+202E>" in row
        text = detail_text(app)
        assert "[reverse]S" in text and "[link=x]K" in text and "\x1b" not in text

    drive(steps, dataset=kimio.load(data), size=(120, 30))


def test_a_large_dataset_opens_and_reaches_its_end(tmp_path: Path) -> None:
    from helpers import generate

    data = tmp_path / "g.yaml"
    data.write_text(generate(600), encoding="utf-8")
    dataset = kimio.load(data)

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        assert "600 von 600 Meilensteinen" in str(app.screen_main.query_one("#status").render())
        await press(pilot, "end")
        assert app.timeline.current is dataset.chronological()[-1]
        assert timeline_lines(app)[-1].startswith("▸ ")

    drive(steps, dataset=dataset)
