"""The timeline pane: one line per milestone (date, title, kind, bar on one axis), a cursor.

Drawn line by line (Textual's line API): only the rows on screen are ever built, so ten
thousand milestones cost no more than fourteen once the axis is set.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, NamedTuple

from rich.cells import set_cell_size
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from kimcli.browse import core

GAP = 2
MARK = "▸ "  # the cursor row's mark, visible without colour too


class Layout(NamedTuple):
    """Column widths for one pane width; the bar gets what the words leave."""

    width: int
    date: int
    title: int
    kind: int  # 0: no kind column (narrow)
    bar: int


def layout(width: int, date_w: int, kind_w: int) -> Layout:
    width = max(width, 20)
    date_w = min(date_w, 14)
    kind_w = min(kind_w, 18) if width >= 96 else 0
    rest = width - len(MARK) - date_w - GAP - (kind_w + GAP if kind_w else 0) - GAP
    bar = max(8, min(48, int(width * 0.3)))
    title = rest - bar
    if title < 14:  # a narrow pane: the title comes first, the bar keeps eight cells
        bar = max(8, rest - 14)
        title = rest - bar
    return Layout(width, date_w, max(1, title), kind_w, bar)


def fit(value: str, width: int) -> str:
    """`value` padded or cut to exactly `width` cells, a cut marked with an ellipsis."""
    if core.cells(value) <= width:
        return set_cell_size(value, width)
    return set_cell_size(value, max(0, width - 1)) + "…"


class Timeline(ScrollView, can_focus=True):
    """Every milestone shown, in time order; the first line is the axis header."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline--header", "timeline--cursor", "timeline--cursor-blurred", "timeline--date",
        "timeline--kind", "timeline--empty",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up,k", "move(-1)", show=False),
        Binding("down,j", "move(1)", show=False),
        Binding("pageup", "page(-1)", show=False),
        Binding("pagedown", "page(1)", show=False),
        Binding("home", "move(-1000000000)", show=False),
        Binding("end", "move(1000000000)", show=False),
        Binding("enter", "choose", show=False),
    ]

    cursor: reactive[int] = reactive(0, init=False, always_update=True)

    class Moved(Message):
        """The cursor is on another milestone (None: nothing is shown)."""

        def __init__(self, milestone: core.Milestone | None) -> None:
            super().__init__()
            self.milestone = milestone

    class Chosen(Message):
        """Enter (or a double click) on the cursor's milestone."""

        def __init__(self, milestone: core.Milestone) -> None:
            super().__init__()
            self.milestone = milestone

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: Sequence[core.Milestone] = ()
        self._positions: dict[str, int] = {}
        self._scale: core.Scale | None = None
        self._dates: list[str] = []
        self._kinds: list[str] = []
        self._layout: Layout | None = None
        self._header = ""

    # -- content ---------------------------------------------------------------------------

    def set_items(self, items: Sequence[core.Milestone], select: str | None = None) -> None:
        """Show these milestones; the cursor goes to `select` if shown, else stays in range."""
        self.items = items
        self._positions = {m.id: i for i, m in enumerate(items)}
        self._scale = core.Scale(items)
        memo: dict[core.EDTFDate, str] = {}
        self._dates = [core.date_label(m, memo) for m in items]
        self._kinds = [core.kind(m) for m in items]
        self._layout = None
        self.virtual_size = Size(self.virtual_size.width, len(items) + 1)
        index = self._positions.get(select, self.cursor) if select else self.cursor
        self.cursor = max(0, min(index, len(items) - 1))
        self.refresh()

    @property
    def current(self) -> core.Milestone | None:
        return self.items[self.cursor] if 0 <= self.cursor < len(self.items) else None

    def index_of(self, mid: str) -> int | None:
        return self._positions.get(mid)

    def select(self, mid: str) -> bool:
        """Put the cursor on milestone `mid`; False when it is not shown."""
        index = self._positions.get(mid)
        if index is None:
            return False
        self.cursor = index
        return True

    def _laid_out(self) -> Layout:
        width = self.scrollable_content_region.width
        if self._layout is None or self._layout.width != width:
            date_w = max([core.cells(core.t("col.date")), *map(core.cells, self._dates)])
            kind_w = max([core.cells(core.t("col.kind")), *map(core.cells, self._kinds)])
            self._layout = lay = layout(width, date_w, kind_w)
            axis = self._scale.header(lay.bar) if self._scale and self.items else ""
            self._header = (" " * len(MARK) + fit(core.t("col.date"), lay.date) + " " * GAP
                            + fit(core.t("col.title"), lay.title) + " " * GAP
                            + (fit(core.t("col.kind"), lay.kind) + " " * GAP if lay.kind else "")
                            + fit(axis, lay.bar))
        return self._layout

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        lay = self._laid_out()
        if y == 0:
            style = self.get_component_rich_style("timeline--header")
            return Strip([Segment(fit(self._header, lay.width), style)], lay.width)
        index = y - 1 + round(self.scroll_offset.y)
        base = self.rich_style
        if not self.items:
            if y != 1:
                return Strip.blank(lay.width, base)
            style = self.get_component_rich_style("timeline--empty")
            return Strip([Segment(fit(core.t("timeline.empty"), lay.width), style)], lay.width)
        if index >= len(self.items):
            return Strip.blank(lay.width, base)
        return self._row(index, lay, base)

    def _row(self, index: int, lay: Layout, base: Style) -> Strip:
        m = self.items[index]
        on_cursor = index == self.cursor
        row = base
        if on_cursor:
            name = "timeline--cursor" if self.has_focus else "timeline--cursor-blurred"
            row = base + self.get_component_rich_style(name)
        gap = Segment(" " * GAP, row)
        segments = [
            Segment(MARK if on_cursor else " " * len(MARK), row),
            Segment(fit(self._dates[index], lay.date),
                    row if on_cursor else row + self.get_component_rich_style("timeline--date")),
            gap,
            Segment(fit(core.title(m), lay.title), row),
            gap,
        ]
        if lay.kind:
            kind_style = row if on_cursor else row + self.get_component_rich_style("timeline--kind")
            segments += [Segment(fit(self._kinds[index], lay.kind), kind_style), gap]
        bar, bar_style = self._scale.bar(m, lay.bar) if self._scale else ("", "")
        segments.append(Segment(fit(bar, lay.bar), row + Style.parse(bar_style or "none")))
        return Strip(segments, lay.width)

    # -- moving ----------------------------------------------------------------------------

    def watch_cursor(self, cursor: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        self.post_message(self.Moved(self.current))

    def _scroll_to_cursor(self) -> None:
        rows = max(1, self.scrollable_content_region.height - 1)  # less the header line
        top = round(self.scroll_offset.y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + rows:
            self.scroll_to(y=self.cursor - rows + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self._layout = None
        self.call_after_refresh(self._scroll_to_cursor)

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    def action_move(self, step: int) -> None:
        if self.items:
            self.cursor = max(0, min(len(self.items) - 1, self.cursor + step))

    def action_page(self, direction: int) -> None:
        self.action_move(direction * max(1, self.scrollable_content_region.height - 2))

    def action_choose(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None or offset.y == 0:
            return
        index = offset.y - 1 + round(self.scroll_offset.y)
        if 0 <= index < len(self.items):
            self.cursor = index
            if event.chain >= 2:
                self.action_choose()

    def cursor_region(self) -> Region:
        return Region(0, self.cursor + 1, self.scrollable_content_region.width, 1)
