"""The filter window: kinds, phases, tags and a date range, combined; every change applies
at once, and the window shows how many milestones pass."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, SelectionList, Static

from kimcli.browse import core


class FilterScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", show=False)]

    def __init__(self, dataset: core.Dataset, current: core.Filters,
                 apply: Callable[[core.Filters], int]) -> None:
        super().__init__()
        self.dataset = dataset
        self.current = current
        self.apply = apply

    def compose(self) -> ComposeResult:
        flt = self.current
        kinds: SelectionList[str] = SelectionList(
            *((Text(name), value, value in flt.kinds)
              for value, name in core.kind_choices(self.dataset)), id="kinds")
        phases: SelectionList[str] = SelectionList(
            *((Text(name), value, value in flt.phases)
              for value, name in core.phase_choices(self.dataset)), id="phases")
        tags: SelectionList[str] = SelectionList(
            *((core.text(tag), tag, tag in flt.tags) for tag in core.tag_choices(self.dataset)),
            id="tags")
        kinds.border_title = core.t("browse.filter.kind")
        phases.border_title = core.t("browse.filter.phase")
        tags.border_title = core.t("browse.filter.tag")
        with Vertical(classes="window"):
            yield Static(Text(core.t("browse.filter.title")), classes="title")
            yield Static(Text(core.t("browse.filter.hint")), classes="hint")
            with Horizontal(id="filter-lists"):
                yield kinds
                yield phases
                yield tags
            with Horizontal(id="filter-dates"):
                yield Label(core.t("browse.filter.from"))
                yield Input(flt.start, placeholder="2019", id="from")
                yield Label(core.t("browse.filter.to"))
                yield Input(flt.end, placeholder="2020-06", id="to")
            yield Static(Text(core.t("browse.filter.date_hint")), id="filter-message",
                         classes="hint")
            with Horizontal(id="filter-buttons"):
                yield Static(id="filter-count")
                yield Button(core.t("browse.filter.clear"), id="clear")
                yield Button(core.t("browse.filter.close"), id="close", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#kinds", SelectionList).focus()
        self._count(len(core.filtered(self.dataset, self.current)))

    def _count(self, count: int) -> None:
        total = len(self.dataset.milestones)
        self.query_one("#filter-count", Static).update(
            Text(core.caption(count, total), style="bold"))

    def _wanted(self) -> core.Filters | None:
        """The filters the window shows, or None while a date does not read (yet)."""
        start = self.query_one("#from", Input).value.strip()
        end = self.query_one("#to", Input).value.strip()
        problem = core.check_range(start, end)
        message = self.query_one("#filter-message", Static)
        if problem:
            message.update(core.text(problem, "bold"))
            return None
        message.update(Text(core.t("browse.filter.date_hint")))

        def chosen(name: str) -> tuple[str, ...]:
            return tuple(self.query_one(f"#{name}", SelectionList).selected)

        return core.Filters(chosen("kinds"), chosen("tags"), chosen("phases"), start, end)

    @on(SelectionList.SelectedChanged)
    @on(Input.Changed)
    def _changed(self) -> None:
        wanted = self._wanted()
        if wanted is not None and wanted != self.current:
            self.current = wanted
            self._count(self.apply(wanted))

    @on(Input.Submitted)
    def _submitted(self) -> None:
        if self._wanted() is not None:
            self.dismiss()

    @on(Button.Pressed, "#clear")
    def action_clear(self) -> None:
        for name in ("kinds", "phases", "tags"):
            self.query_one(f"#{name}", SelectionList).deselect_all()
        self.query_one("#from", Input).value = ""
        self.query_one("#to", Input).value = ""
        self.current = core.Filters()
        self._count(self.apply(self.current))

    @on(Button.Pressed, "#close")
    def action_close(self) -> None:
        self.dismiss()
