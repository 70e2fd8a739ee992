"""Helpers for driving `kim browse` headless with Textual's pilot, and reading what it shows."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

from helpers import FROZEN
from textual.pilot import Pilot

from kimcli import io as kimio
from kimcli.browse.app import BrowseApp
from kimcli.browse.detail import RefList, Rendered
from kimcli.browse.timeline import Timeline
from kimcli.domain.dataset import Dataset

_LOADED: list[Dataset] = []


def frozen() -> Dataset:
    """The frozen copy of the bundled dataset (tests/fixtures/kim-frozen.yaml), loaded once."""
    if not _LOADED:
        _LOADED.append(kimio.load(FROZEN))
    return _LOADED[0]


def drive(steps: Callable[[BrowseApp, Pilot[Any]], Awaitable[None]], *,
          dataset: Dataset | None = None, start: str | None = None,
          size: tuple[int, int] = (80, 24), opener: Callable[[str], bool] | None = None
          ) -> BrowseApp:
    """Run the browser headless at `size`, hand it to `steps`, and return it afterwards."""
    app = BrowseApp(dataset or frozen(), start, opener=opener)

    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(app, pilot)

    asyncio.run(main())
    return app


def screenshot(steps: Callable[[BrowseApp, Pilot[Any]], Awaitable[None]],
               size: tuple[int, int], dataset: Dataset | None = None) -> str:
    """The SVG Textual draws after `steps`, the cursor on einwanderung-gestalten."""
    shot: list[str] = []

    async def run(app: BrowseApp, pilot: Pilot[Any]) -> None:
        await steps(app, pilot)
        await pilot.pause()
        shot.append(app.export_screenshot())

    drive(run, dataset=dataset, start="einwanderung-gestalten", size=size)
    return shot[0]


async def press(pilot: Pilot[Any], *keys: str) -> None:
    """Keys, then time for the app to draw what they did."""
    await pilot.press(*keys)
    await pilot.pause()


async def type_text(pilot: Pilot[Any], text: str) -> None:
    await press(pilot, *(("space" if c == " " else c) for c in text))


def timeline_lines(app: BrowseApp) -> list[str]:
    """The timeline pane's lines as shown (axis header first)."""
    timeline = app.screen_main.query_one(Timeline)
    return [timeline.render_line(y).text.rstrip()
            for y in range(timeline.scrollable_content_region.height)]


def detail_text(app: BrowseApp) -> str:
    """Everything in the detail pane: the show view, then the references."""
    body = app.screen_main.query_one(Rendered)
    assert body.complete, "the detail is still being rendered: pause the pilot once more"
    lines = [strip.text.rstrip() for strip in body.lines(body.content_region.width)]
    lines.append(str(app.screen_main.query_one("#refs-heading").render()))
    refs = app.screen_main.query_one(RefList)
    lines += [str(getattr(option.prompt, "renderable", option.prompt))
              for option in refs.options]
    return "\n".join(lines)


def flat(text: str) -> str:
    """Text with every run of blanks and line breaks made one space (wrapping aside)."""
    return " ".join(text.split())
