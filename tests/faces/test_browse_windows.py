"""`kim browse`'s windows driven through Textual's pilot: filters and sources."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from browse_pilot import drive, flat, press, type_text
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, SelectionList

from kimcli import io as kimio
from kimcli.browse.app import BrowseApp
from kimcli.browse.filters import FilterScreen
from kimcli.browse.modals import SourcesScreen


def _filter_lists(app: BrowseApp) -> dict[str, SelectionList[str]]:
    return {name: app.screen.query_one(f"#{name}", SelectionList)
            for name in ("kinds", "phases", "tags")}


def test_filters_combine_show_the_count_and_clear() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "f")
        assert isinstance(app.screen, FilterScreen)
        lists = _filter_lists(app)
        lists["kinds"].select("Gesetz")
        lists["kinds"].select("Richtlinie")
        await pilot.pause()
        assert len(app.timeline.items) == 5
        assert "5 von 14 Meilensteinen" in str(app.screen.query_one("#filter-count").render())
        lists["phases"].select("gesetzliche-verankerung")
        await pilot.pause()
        assert {m.id for m in app.timeline.items} == {
            "tintg-novelle-2022", "ki-richtlinie-2023", "kim-richtlinie-2024"}
        app.screen.query_one("#from", Input).value = "2023"
        await pilot.pause()
        assert [m.id for m in app.timeline.items] == ["ki-richtlinie-2023", "kim-richtlinie-2024"]
        app.screen.query_one("#to", Input).value = "2023-12"
        await pilot.pause()
        assert [m.id for m in app.timeline.items] == ["ki-richtlinie-2023"]
        await press(pilot, "escape")
        status = flat(str(app.screen_main.query_one("#status").render()))
        assert "1 von 14 Meilensteinen" in status and "Art: Gesetz, Richtlinie" in status
        assert "von: 2023" in status and "bis: 2023-12" in status
        await press(pilot, "x")
        assert len(app.timeline.items) == 14 and not app.filters.active

    drive(steps)


def test_filter_by_tag_keeps_the_cursor_near_in_time() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "f")
        _filter_lists(app)["tags"].select("richtlinie")
        await pilot.pause()
        # strategie-2030 (07/2019) is filtered out: the next passing milestone in time
        assert app.timeline.current.id == "kim-richtlinie-2020"  # type: ignore[union-attr]

    drive(steps, start="strategie-2030")


def test_filter_dates_that_do_not_read_are_reported_not_applied() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "f")
        app.screen.query_one("#from", Input).value = "20"
        await pilot.pause()
        message = str(app.screen.query_one("#filter-message").render())
        assert "20" in message and "2019-11" in message
        assert len(app.timeline.items) == 14
        app.screen.query_one("#from", Input).value = "2022"
        app.screen.query_one("#to", Input).value = "2020"
        await pilot.pause()
        assert "„von“ liegt nach „bis“" in str(app.screen.query_one("#filter-message").render())
        assert len(app.timeline.items) == 14
        app.screen.query_one("#to", Input).focus()
        await press(pilot, "enter")  # a range that does not read keeps the window open
        assert isinstance(app.screen, FilterScreen)
        app.screen.query_one("#to", Input).value = ""
        await pilot.pause()
        assert len(app.timeline.items) == 6  # 2022 on, the open-ended KI among them
        await press(pilot, "enter")  # Enter in a date field closes the window
        assert app.screen is app.screen_main

    drive(steps)


def test_search_jump_to_a_filtered_out_milestone_clears_the_filters() -> None:
    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "f")
        _filter_lists(app)["kinds"].select("Gesetz")
        await pilot.pause()
        await press(pilot, "escape", "slash")
        await type_text(pilot, "einwand")
        await press(pilot, "enter")
        assert not app.filters.active and len(app.timeline.items) == 14
        assert app.timeline.current.id == "einwanderung-gestalten"  # type: ignore[union-attr]
        # The filter had moved the cursor to the first law; the jump is one step from there.
        assert app.history.entries == ["tintg-2012", "einwanderung-gestalten"]

    drive(steps)


def test_sources_are_listed_and_opened_only_on_request() -> None:
    opened: list[str] = []

    def opener(url: str) -> bool:
        opened.append(url)
        return True

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "s")
        assert isinstance(app.screen, SourcesScreen)
        options = app.screen.query_one(OptionList).options
        first = str(options[0].prompt)
        assert first.startswith("[1] ") and "https://" in first
        assert opened == []  # listing opens nothing
        await press(pilot, "down", "enter")
        assert opened == [app.screen.items[1].url]  # type: ignore[attr-defined]
        assert "Im Browser geöffnet" in str(app.screen.query_one("#url").render())
        await press(pilot, "escape")
        assert app.screen is app.screen_main

    drive(steps, start="laki-2013", opener=opener)


def test_a_source_that_cannot_be_opened_is_shown_to_copy(tmp_path: Path) -> None:
    data = tmp_path / "d.yaml"
    data.write_text("""title: T
sources:
  A: {title: Archiv, url: "ftp://example.org/archiv"}
  B: {title: Bericht, url: "https://example.org/bericht"}
  C: {title: Ohne Adresse}
milestones:
  - {id: m, title: M, date: 2020, kind: K, summary: S, sources: [A, B, C]}
""", encoding="utf-8")
    dataset = kimio.load(data)
    opened: list[str] = []

    async def steps(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await press(pilot, "s", "enter")  # ftp: never handed to a browser
        box = flat(str(app.screen.query_one("#url").render()))
        assert "Keine http(s)-Adresse" in box and "ftp://example.org/archiv" in box
        await press(pilot, "down", "enter")  # no browser to be had
        box = flat(str(app.screen.query_one("#url").render()))
        assert "Kein Browser" in box and "https://example.org/bericht" in box
        await press(pilot, "down", "enter")
        assert "keine Adresse" in str(app.screen.query_one("#url").render())
        await press(pilot, "up", "c")  # copy: to the clipboard, shown too
        assert "Zwischenablage" in str(app.screen.query_one("#url").render())

    def no_browser(url: str) -> bool:
        opened.append(url)
        return False

    drive(steps, dataset=dataset, opener=no_browser)
    assert opened == ["https://example.org/bericht"]
