"""The search window: kim's own search as you type, the hits ranked as `kim search` ranks
them; Enter jumps to the highlighted milestone (or opens the glossary entry)."""

from __future__ import annotations

import threading
from typing import ClassVar, Protocol

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from kimcli.browse import core

LIMIT = 50


class Browser(Protocol):
    index: core.SearchIndex | None

    def jump(self, mid: str) -> None: ...

    def show_glossary(self, entry: core.GlossaryEntry) -> None: ...


def hit_prompt(hit: core.Hit) -> Text:
    line = Text(core.hit_title(hit), style="bold")
    name = hit.id if hit.type == "milestone" else core.t("kind.glossary")
    line.append_text(core.text(f" ({name})", "dim"))
    line.append("\n  ")
    line.append(core.field_name(hit) + ": ", style="italic")
    line.append_text(core.snippet(hit))
    return line


class SearchScreen(ModalScreen[None]):
    """Typing searches at once; on a large dataset in a thread, the newest query winning."""

    # Up to this many milestones a search takes a few milliseconds: done in place.
    IN_PLACE = 2000

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", show=False),
        Binding("down", "move('cursor_down')", show=False),
        Binding("up", "move('cursor_up')", show=False),
        Binding("pagedown", "move('page_down')", show=False),
        Binding("pageup", "move('page_up')", show=False),
    ]

    def __init__(self, dataset: core.Dataset, browser: Browser) -> None:
        super().__init__()
        self.dataset = dataset
        self.browser = browser
        self.hits: list[core.Hit] = []
        self._lock = threading.Lock()
        self._shown: str | None = ""  # the query the hits are for
        self._choose_when_shown = False  # Enter came before the hits of the query typed

    def compose(self) -> ComposeResult:
        with Vertical(classes="window"):
            yield Static(Text(core.t("browse.footer.search")), classes="title")
            yield Input(placeholder=core.t("browse.search.placeholder"), id="query")
            yield Static(Text(core.t("browse.search.hint")), id="search-count", classes="hint")
            yield OptionList(id="hits")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def in_place(self) -> bool:
        return len(self.dataset.milestones) <= self.IN_PLACE

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        phrase = event.value
        if self.in_place:
            self._show(phrase, self._run(phrase))
        else:
            self.query_one("#search-count", Static).update(Text(core.t("browse.search.busy")))
            self._search_in_thread(phrase)

    def _run(self, phrase: str) -> list[core.Hit]:
        if self.browser.index is None:
            self.browser.index = core.search_index(self.dataset)
        return core.search(self.dataset, phrase, LIMIT, self.browser.index)

    @work(thread=True, exclusive=True, group="search")
    def _search_in_thread(self, phrase: str) -> None:
        worker = get_current_worker()
        with self._lock:  # one search at a time: the first one reads the index for all
            if worker.is_cancelled:
                return
            hits = self._run(phrase)
        if not worker.is_cancelled:
            self.app.call_from_thread(self._show, phrase, hits)

    def _show(self, phrase: str, hits: list[core.Hit]) -> None:
        if phrase != self.query_one(Input).value:
            return  # a newer query is on its way
        self.hits = hits
        self._shown = phrase
        results = self.query_one(OptionList)
        results.set_options(Option(hit_prompt(hit)) for hit in hits)
        results.highlighted = 0 if hits else None
        if not phrase.strip():
            count = core.t("browse.search.hint")
        elif not hits:
            count = core.t("browse.search.none")
        elif len(hits) == 1:
            count = core.t("browse.search.one")
        elif len(hits) >= LIMIT:
            count = core.t("browse.search.first", count=len(hits))
        else:
            count = core.t("browse.search.count", count=len(hits))
        self.query_one("#search-count", Static).update(Text(count))
        if self._choose_when_shown:
            self._choose_when_shown = False
            self._choose(0 if hits else None)

    def action_move(self, how: str) -> None:
        results = self.query_one(OptionList)
        if self.hits:
            getattr(results, f"action_{how}")()

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self._shown != self.query_one(Input).value:
            self._choose_when_shown = True  # the search is still running: its best hit
            return
        self._choose(self.query_one(OptionList).highlighted)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self._choose(event.option_index)

    def _choose(self, index: int | None) -> None:
        if index is None or not 0 <= index < len(self.hits):
            self.app.bell()
            return
        hit = self.hits[index]
        self.dismiss()
        if hit.milestone is not None:
            self.browser.jump(hit.milestone.id)
        elif hit.entry is not None:
            self.browser.show_glossary(hit.entry)

    def action_close(self) -> None:
        self.dismiss()
