"""The `kim browse` application: the timeline above the detail (side by side when wide), a
breadcrumb of the way taken, and the keys that search, filter, follow and open sources."""

from __future__ import annotations

import gc
import os
from collections.abc import Callable
from functools import cache

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import App, ComposeResult
from textual.containers import Container, Vertical
from textual.screen import Screen
from textual.theme import Theme
from textual.widgets import Footer, Static

from kimcli.browse import core, keys
from kimcli.browse.detail import Detail, RefList
from kimcli.browse.history import History
from kimcli.browse.timeline import Timeline

WIDE = 150  # from this many columns on, timeline and detail stand side by side
CRUMB_SEP = " › "

# Under NO_COLOR every colour is dropped (Textual's NoColor filter); what marks a cursor or a
# key then is reverse video and bold, which survive it.
NO_COLOR_THEME = Theme(
    name="kim-no-color", primary="ansi_default", foreground="ansi_default",
    background="ansi_default", surface="ansi_default", panel="ansi_default",
    boost="ansi_default", ansi=True, dark=True,
    variables={"ansi-background": "ansi_default", "ansi-foreground": "ansi_default",
               "block-cursor-text-style": "reverse bold",
               "block-cursor-blurred-text-style": "reverse",
               "input-cursor-text-style": "reverse",
               "footer-key-foreground": "ansi_default",
               "footer-description-foreground": "ansi_default"},
)


class Breadcrumb(Static):
    """The way taken: visited milestones, the current one marked; a click goes back there."""

    history: History | None = None

    def on_resize(self) -> None:
        if self.history is not None:
            self.show(self.history)

    def show(self, history: History) -> None:
        self.history = history
        width = max(20, self.size.width or 80)
        prefix = Text(core.t("browse.history") + ": ", style="bold")
        crumbs: list[Text] = []
        for i, mid in enumerate(history.entries):
            style = Style(reverse=True, bold=True) if i == history.index else (
                Style(dim=True) if i > history.index else Style())
            crumb = core.text(mid, style + Style.from_meta({"@click": f"app.history_go({i})"}))
            crumbs.append(crumb)
        # Keep the end of the trail: drop crumbs from the start until it fits.
        shown = list(crumbs)
        while len(shown) > 1 and (prefix.cell_len + sum(c.cell_len for c in shown)
                                  + len(CRUMB_SEP) * len(shown) + 1) > width:
            shown.pop(0)
        line = prefix.copy()
        if len(shown) < len(crumbs):
            line.append("…" + CRUMB_SEP, style="dim")
        for i, crumb in enumerate(shown):
            if i:
                line.append(CRUMB_SEP, style="dim")
            line.append_text(crumb)
        self.update(line)


class MainScreen(Screen[None]):
    """Bindings come from keys.KEYS; see main_screen() for why the class is made at run time."""

    def compose(self) -> ComposeResult:
        yield Breadcrumb(id="crumbs")
        with Container(id="main"):
            with Vertical(id="timeline-pane"):
                yield Timeline(id="timeline")
                yield Static(id="status")
            yield Detail(id="detail")
        yield Footer()

    def on_resize(self) -> None:
        self.set_class(self.size.width >= WIDE, "-wide")

    def on_mount(self) -> None:
        app = self.app
        if isinstance(app, BrowseApp):
            app.start()


@cache
def _screen_class(language: str) -> type[MainScreen]:
    # Textual reads BINDINGS when a class is made; the footer's words must be those of the
    # language chosen at run time (tests switch between them in one process).
    return type("MainScreen", (MainScreen,), {"BINDINGS": keys.bindings()})


def main_screen() -> MainScreen:
    return _screen_class(core.language())()


Opener = Callable[[str], bool]


class BrowseApp(App[int]):
    """One dataset, explored; exits with 0."""

    CSS_PATH = "browse.tcss"
    TITLE = "kim browse"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, dataset: core.Dataset, start: str | None = None,
                 opener: Opener | None = None) -> None:
        no_color = bool(os.environ.get("NO_COLOR"))  # set and not empty, as no-color.org says
        super().__init__(ansi_color=True if no_color else None)
        if no_color:
            self.register_theme(NO_COLOR_THEME)
            self.theme = NO_COLOR_THEME.name
        self.dataset = dataset
        self.filters = core.Filters()
        self.history = History()
        self.start_id = start
        self.opener = opener
        self.index: core.SearchIndex | None = None
        self._positions: dict[str, int] | None = None
        self.manage_gc = False  # run() sets it: the collector comes back after the first screen

    # -- the parts -------------------------------------------------------------------------

    @property
    def timeline(self) -> Timeline:
        return self.screen_main.query_one(Timeline)

    @property
    def detail(self) -> Detail:
        return self.screen_main.query_one(Detail)

    @property
    def screen_main(self) -> MainScreen:
        return self._main

    def get_default_screen(self) -> MainScreen:
        self._main = main_screen()
        return self._main

    def start(self) -> None:
        """The first screen: the whole timeline, the cursor on the start milestone."""
        items = core.chronological(self.dataset)
        start = self.start_id or (items[0].id if items else None)
        if start:
            self.history.visit(start)
        self.timeline.set_items(items, select=start)
        self._update_status()
        self.timeline.focus()
        # The detail belongs to the first screen: drawn now, not a message later.
        self.detail.show(self.dataset, self.timeline.current)
        self.screen_main.query_one(Breadcrumb).show(self.history)
        if self.manage_gc:
            self.call_after_refresh(_collect_garbage)

    # -- reacting to the panes -------------------------------------------------------------

    @on(Timeline.Moved)
    def _moved(self, event: Timeline.Moved) -> None:
        m = event.milestone
        if m is not None:
            self.history.replace(m.id)
        self.detail.show(self.dataset, m)
        self.screen_main.query_one(Breadcrumb).show(self.history)

    @on(Timeline.Chosen)
    def _chosen(self, event: Timeline.Chosen) -> None:
        self.action_refs()

    @on(RefList.Follow)
    def _follow(self, event: RefList.Follow) -> None:
        self.jump(event.target)

    def jump(self, mid: str) -> None:
        """A new step in the history: to milestone `mid`, revealing it if filtered out."""
        if self.timeline.index_of(mid) is None:
            self.filters = core.Filters()
            self.timeline.set_items(core.chronological(self.dataset), select=mid)
            self._update_status()
            self.notify(core.t("browse.filter.revealed", id=core.clean(mid)), markup=False)
        self.history.visit(mid)
        self._arrive(mid)

    def _arrive(self, mid: str) -> None:
        # Every way of going somewhere lands on the timeline, the detail read from its top.
        self.timeline.select(mid)
        self.timeline.focus()

    def _go(self, mid: str | None) -> None:
        if mid is None:
            self.bell()
            return
        if self.timeline.index_of(mid) is None:
            self.jump(mid)  # revealed, then the same step
            return
        self._arrive(mid)

    # -- actions ---------------------------------------------------------------------------

    def action_history_back(self) -> None:
        self._go(self.history.go(-1))

    def action_history_forward(self) -> None:
        self._go(self.history.go(+1))

    def action_history_go(self, index: int) -> None:
        self._go(self.history.go_to(index))

    def action_refs(self) -> None:
        refs = self.screen_main.query_one(RefList)
        if refs.display:
            refs.focus()

    def action_escape(self) -> None:
        if self.screen_main.maximized is not None:
            self.screen_main.minimize()
        self.timeline.focus()

    def action_maximize(self) -> None:
        screen = self.screen_main
        if screen.maximized is not None:
            screen.minimize()
            return
        focused = screen.focused
        pane = self.detail if isinstance(focused, RefList) else focused
        if pane is not None:
            screen.maximize(pane)

    def action_search(self) -> None:
        from kimcli.browse.search import SearchScreen

        self.push_screen(SearchScreen(self.dataset, self))

    def action_filter(self) -> None:
        from kimcli.browse.filters import FilterScreen

        self.push_screen(FilterScreen(self.dataset, self.filters, self.set_filters))

    def action_clear(self) -> None:
        if self.filters.active:
            self.set_filters(core.Filters())
            self.notify(core.t("browse.filter.cleared"), markup=False)

    def action_sources(self) -> None:
        from kimcli.browse.modals import SourcesScreen

        m = self.timeline.current
        if m is not None:
            self.push_screen(SourcesScreen(self.dataset, m, self.opener))

    def action_help(self) -> None:
        from kimcli.browse.modals import HelpScreen

        self.push_screen(HelpScreen())

    async def action_quit(self) -> None:
        self.exit(0)

    def show_glossary(self, entry: core.GlossaryEntry) -> None:
        from kimcli.browse.modals import GlossaryScreen

        self.push_screen(GlossaryScreen(self.dataset, entry))

    # -- filters ---------------------------------------------------------------------------

    def set_filters(self, filters: core.Filters) -> int:
        """Apply filters at once; the number of milestones they let through. A milestone under
        the cursor that is filtered out gives way to the next one in time that passes."""
        self.filters = filters
        current = self.timeline.current
        items = core.filtered(self.dataset, filters)
        select = current.id if current else None
        if current is not None and items and self.timeline.index_of(current.id) is not None:
            order = self._order()
            here = order[current.id]
            select = next((m.id for m in items if order[m.id] >= here), items[-1].id)
        self.timeline.set_items(items, select=select)
        self._update_status()
        return len(items)

    def _order(self) -> dict[str, int]:
        if self._positions is None:
            self._positions = {m.id: i for i, m in enumerate(core.chronological(self.dataset))}
        return self._positions

    def _update_status(self) -> None:
        shown, total = len(self.timeline.items), len(self.dataset.milestones)
        line = Text(core.caption(shown, total))
        kinds = dict(core.kind_choices(self.dataset)) if self.filters.kinds else {}
        parts = [(core.t("browse.filter.kind"),
                  ", ".join(kinds.get(k, k) for k in self.filters.kinds)),
                 (core.t("browse.filter.tag"), ", ".join(self.filters.tags)),
                 (core.t("browse.filter.phase"), ", ".join(self.filters.phases)),
                 (core.t("browse.filter.from"), self.filters.start),
                 (core.t("browse.filter.to"), self.filters.end)]
        for name, value in parts:
            if value:
                line.append(" · ", style="dim")
                line.append_text(core.text(f"{name}: {value}", "bold"))
        self.screen_main.query_one("#status", Static).update(line)


def _collect_garbage() -> None:
    # kim's entry point turns the cyclic collector off for its one-shot commands; a session
    # that runs for minutes needs it. It comes back once the first screen is drawn, with
    # everything made until then (the dataset above all) frozen out of its way.
    gc.freeze()
    gc.enable()


def run(dataset: core.Dataset, start: str | None = None) -> int:
    """Run the browser on a terminal until the reader quits; the exit code."""
    gc.disable()  # until the first screen is drawn (see _collect_garbage)
    app = BrowseApp(dataset, start)
    app.manage_gc = True
    app.run()
    return app.return_code or 0  # 1 when the application itself failed
