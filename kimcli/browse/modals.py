"""The smaller windows: a milestone's sources (opened only on request), the keys, a glossary
entry."""

from __future__ import annotations

import webbrowser
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kimcli.browse import core, keys


def open_in_browser(url: str, suspend: Callable[[], AbstractContextManager[None]]) -> bool:
    """Open a web address with the webbrowser module; False where no browser can be had.

    A browser that runs in the terminal itself (lynx, w3m) gets the terminal for as long as
    it runs: the application is suspended meanwhile.
    """
    try:
        browser = webbrowser.get()
    except webbrowser.Error:
        return False
    in_terminal = (isinstance(browser, webbrowser.GenericBrowser)
                   and not isinstance(browser, webbrowser.BackgroundBrowser))
    try:
        with suspend() if in_terminal else nullcontext():
            return bool(browser.open(url, new=2))
    except Exception:  # a browser that cannot start, a terminal that cannot be suspended
        return False


class SourcesScreen(ModalScreen[None]):
    """The sources of one milestone, numbered as in the detail; nothing opens unasked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,s", "close", show=False),
        Binding("c", "copy", show=False),
        Binding("k", "move('cursor_up')", show=False),
        Binding("j", "move('cursor_down')", show=False),
    ]

    def __init__(self, dataset: core.Dataset, m: core.Milestone,
                 opener: Callable[[str], bool] | None = None) -> None:
        super().__init__()
        self.milestone = m
        self.items = core.sources(dataset, m)
        self.opener = opener

    def compose(self) -> ComposeResult:
        title = Text(core.t("browse.sources.title") + ": ")
        title.append_text(core.text(core.title(self.milestone)))
        with Vertical(classes="window"):
            yield Static(title, classes="title")
            yield Static(Text(core.t("browse.sources.hint")), classes="hint")
            options = []
            for item in self.items:
                line = Text(f"[{item.number}] ", style="bold")
                line.append_text(item.line)
                if item.url:
                    line.append("\n    ")
                    line.append_text(core.text(item.url, "underline"))
                options.append(Option(line))
            yield OptionList(*options, id="source-list")
            yield Static(Text("" if self.items else core.t("browse.sources.none")), id="url",
                         classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def action_move(self, how: str) -> None:
        getattr(self.query_one(OptionList), f"action_{how}")()

    def _url_box(self, message: str, url: str | None) -> None:
        box = Text(message, style="bold")
        if url:
            box.append("\n")
            box.append_text(core.text(url))
        self.query_one("#url", Static).update(box)

    @on(OptionList.OptionSelected)
    def _open(self, event: OptionList.OptionSelected) -> None:
        """Enter on a source: the reader asked for it to be opened."""
        url = self.items[event.option_index].url
        if not url:
            self._url_box(core.t("browse.sources.no_url"), None)
        elif not core.is_web_url(url):
            self._url_box(core.t("browse.sources.not_web"), url)
        elif (self.opener or self._open_in_browser)(url):
            self._url_box(core.t("browse.sources.opened"), url)
        else:
            self._url_box(core.t("browse.sources.no_browser"), url)

    def _open_in_browser(self, url: str) -> bool:
        return open_in_browser(url, self.app.suspend)

    def action_copy(self) -> None:
        index = self.query_one(OptionList).highlighted
        url = self.items[index].url if index is not None and self.items else None
        if url:
            self.app.copy_to_clipboard(url)
            self._url_box(core.t("browse.sources.copied"), url)
        else:
            self.app.bell()

    def action_close(self) -> None:
        self.dismiss()


class HelpScreen(ModalScreen[None]):
    """Every key, from keys.KEYS."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark,q", "close", show=False),
    ]

    def compose(self) -> ComposeResult:
        table = Table(box=None, show_header=True, header_style="bold", pad_edge=False,
                      expand=True)
        table.add_column(core.t("browse.help.key"), no_wrap=True, style="bold")
        table.add_column(core.t("browse.help.action"), ratio=1)
        for key, what in keys.help_rows():
            table.add_row(key, what)
        with Vertical(classes="window"):
            yield Static(Text(core.t("browse.help.title")), classes="title")
            yield Static(Text(core.t("browse.close_hint")), classes="hint")
            with VerticalScroll(id="help-table"):
                yield Static(table)

    def on_mount(self) -> None:
        self.query_one("#help-table").focus()

    def action_close(self) -> None:
        self.dismiss()


class GlossaryScreen(ModalScreen[None]):
    """A glossary entry found by the search, as `kim glossary TERM` shows it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,q", "close", show=False)]

    def __init__(self, dataset: core.Dataset, entry: core.GlossaryEntry) -> None:
        super().__init__()
        self.view = core.glossary_view(dataset, entry)

    def compose(self) -> ComposeResult:
        with Vertical(classes="window"):
            yield Static(Text(core.t("browse.close_hint")), classes="hint")
            with VerticalScroll(id="glossary"):
                yield Static(self.view)

    def on_mount(self) -> None:
        self.query_one("#glossary").focus()

    def action_close(self) -> None:
        self.dismiss()
