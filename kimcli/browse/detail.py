"""The detail pane: what `kim show` shows for the milestone under the cursor, then its
references in both directions as a list to choose from and follow."""

from __future__ import annotations

from typing import ClassVar

from rich.console import RenderableType
from rich.padding import Padding
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from kimcli.browse import core


class RefList(OptionList):
    """Outgoing and incoming references; Enter (or a click) follows the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "cursor_up", show=False),
        Binding("j", "cursor_down", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._targets: dict[str, str] = {}

    class Follow(Message):
        def __init__(self, target: str) -> None:
            super().__init__()
            self.target = target

    def show_refs(self, out: list[core.Reference], incoming: list[core.Reference]) -> None:
        _, out_head, in_head, none = core.refs_headings()
        options: list[Option] = []
        for head, refs, direction in ((out_head, out, "out"), (in_head, incoming, "in")):
            options.append(Option(Text(head, style="bold"), disabled=True))
            for i, ref in enumerate(refs):
                # Indented as a whole, so that a wrapped line stays under its start.
                options.append(Option(Padding(ref.line, (0, 0, 0, 2)),
                                      id=f"{direction}-{i}-{ref.target}"))
            if not refs:
                options.append(Option(Text("  " + none, style="dim"), disabled=True))
        self.set_options(options)
        self._targets = {o.id: o.id.split("-", 2)[2] for o in options if o.id}
        first = next((i for i, o in enumerate(options) if not o.disabled), None)
        self.highlighted = first

    @property
    def has_refs(self) -> bool:
        return any(not o.disabled for o in self.options)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target:
            self.post_message(self.Follow(target))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.has_focus:
            self.scroll_visible(animate=False)

    def on_focus(self) -> None:
        self.scroll_visible(animate=False)

    def on_resize(self) -> None:
        # New widths wrap the detail anew: keep the list in view while it has the focus.
        if self.has_focus:
            self.call_after_refresh(self.scroll_visible, animate=False)


class Rendered(Widget):
    """A Rich renderable drawn once per width and kept as lines.

    Static would measure and render the show view (a dozen tables and trees) again for every
    layout pass; this renders it once for the pane's width, which the first screen and every
    cursor move then take from the cache.
    """

    DEFAULT_CSS = "Rendered { height: auto; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._renderable: RenderableType = Text("")
        self._lines: list[Strip] = []
        self._width = -1

    def update(self, renderable: RenderableType) -> None:
        self._renderable = renderable
        self._width = -1
        self.refresh(layout=True)

    def _render_for(self, width: int) -> list[Strip]:
        if width != self._width:
            console = self.app.console
            options = self.app.console_options.update(width=width, height=None,
                                                      highlight=False)
            self._lines = [Strip(line) for line in
                           console.render_lines(self._renderable, options, pad=False)]
            self._width = width
        return self._lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self._render_for(width))

    def render_line(self, y: int) -> Strip:
        lines = self._render_for(self.content_region.width)
        if 0 <= y < len(lines):
            return lines[y].apply_style(self.rich_style)
        return Strip.blank(self.content_region.width, self.rich_style)


class Detail(VerticalScroll):
    """Scrollable; shows one milestone at a time."""

    ALLOW_MAXIMIZE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("k", "scroll_up", show=False),
        Binding("j", "scroll_down", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield Rendered(id="detail-body")
        yield Static(id="refs-heading")
        yield RefList(id="refs")

    shown: core.Milestone | None = None

    def show(self, dataset: core.Dataset, m: core.Milestone | None) -> None:
        if m is not None and m is self.shown:
            return
        self.shown = m
        body = self.query_one(Rendered)
        heading = self.query_one("#refs-heading", Static)
        refs = self.query_one(RefList)
        if m is None:
            body.update(Text(core.t("browse.detail.none"), style="dim"))
            heading.display = refs.display = False
            return
        body.update(core.detail(dataset, m))
        section = Text()
        section.append(core.refs_headings()[0], style="bold underline")
        section.append("  " + core.t("browse.refs.hint"), style="dim")
        heading.update(section)
        heading.display = refs.display = True
        refs.show_refs(*core.references(dataset, m))
        self.scroll_home(animate=False)
