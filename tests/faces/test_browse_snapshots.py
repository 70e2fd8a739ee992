"""The main screens of `kim browse` as SVG screenshots, compared with tests/golden/browse/.

The SVG is what Textual itself draws, so a change of Textual's version may change it: refresh
with `pytest --update-golden` and look at the pictures before accepting them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from browse_pilot import press, screenshot, type_text
from textual.pilot import Pilot
from textual.widgets import Input

from kimcli import i18n
from kimcli.browse.app import BrowseApp

Steps = Callable[[BrowseApp, Pilot[Any]], Awaitable[None]]


async def _main(app: BrowseApp, pilot: Pilot[Any]) -> None:
    pass


async def _search(app: BrowseApp, pilot: Pilot[Any]) -> None:
    await press(pilot, "slash")
    app.screen.query_one(Input).cursor_blink = False
    await type_text(pilot, "einwand")


async def _refs(app: BrowseApp, pilot: Pilot[Any]) -> None:
    await press(pilot, "enter", "down")


async def _filter(app: BrowseApp, pilot: Pilot[Any]) -> None:
    await press(pilot, "f", "down", "space")
    for field in app.screen.query(Input):
        field.cursor_blink = False


async def _sources(app: BrowseApp, pilot: Pilot[Any]) -> None:
    await press(pilot, "s")


async def _help(app: BrowseApp, pilot: Pilot[Any]) -> None:
    await press(pilot, "question_mark")


SCREENS: dict[str, Steps] = {"main": _main, "search": _search, "refs": _refs,
                             "filter": _filter, "sources": _sources, "help": _help}
CASES = [(screen, size, lang)
         for screen in SCREENS
         for size in ((80, 24), (120, 40))
         for lang in ("de", "en")
         if size == (80, 24) or screen in ("main", "search", "refs")]


@pytest.mark.parametrize(("screen", "size", "lang"), CASES,
                         ids=[f"{s}-{w}x{h}-{lang}" for s, (w, h), lang in CASES])
def test_screen(screen: str, size: tuple[int, int], lang: str, golden: Any,
                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    i18n.set_language(lang)
    width, height = size
    golden(f"browse/{screen}-{width}x{height}-{lang}.svg", screenshot(SCREENS[screen], size))


def test_screen_without_colour(golden: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    golden("browse/main-80x24-de-no-color.svg", screenshot(_refs, (80, 24)))

