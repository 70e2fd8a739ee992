"""The detail pane: what `kim show` shows for the milestone under the cursor, then its
references in both directions as a list to choose from and follow."""

from __future__ import annotations

from typing import ClassVar

from rich.console import Group, RenderableType
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
    """A Rich renderable drawn once per width and kept as lines, the top first.

    Static would measure and render the show view (a dozen tables and trees) again for every
    layout pass; this renders it once for the pane's width. And it renders only the parts that
    fill a screen at first, the rest right after that frame is drawn: the first screen and a
    cursor moving through a long list do not wait for the sources at the bottom.
    """

    DEFAULT_CSS = "Rendered { height: auto; }"

    class Completed(Message):
        """Everything is rendered now (the height may have grown)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._parts: list[RenderableType] = []
        self._lines: list[Strip] = []
        self._width = -1
        self._complete = True
        self._generation = 0

    def update(self, renderable: RenderableType) -> None:
        # A Group renders as its parts one after another, so they can be rendered apart.
        self._parts = list(renderable.renderables) if isinstance(renderable, Group) else [
            renderable]
        self._width = -1
        self._complete = False
        self._generation += 1
        self.refresh(layout=True)
        self.call_after_refresh(self._finish, self._generation)

    def _finish(self, generation: int) -> None:
        if generation == self._generation and not self._complete:
            self._complete = True
            self._width = -1
            self.refresh(layout=True)
            self.post_message(self.Completed())

    @property
    def complete(self) -> bool:
        return self._complete

    def lines(self, width: int) -> list[Strip]:
        """The lines at `width`; the whole renderable once complete, else its top."""
        if width != self._width:
            console = self.app.console
            options = self.app.console_options.update(width=width, height=None,
                                                      highlight=False)
            enough = None if self._complete else self.app.size.height
            lines: list[Strip] = []
            for part in self._parts:
                lines += [Strip(line) for line in console.render_lines(part, options, pad=False)]
                if enough is not None and len(lines) >= enough:
                    break
            self._lines, self._width = lines, width
        return self._lines

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return container.width

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render_line(self, y: int) -> Strip:
        lines = self.lines(self.content_region.width)
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

    def on_rendered_completed(self) -> None:
        refs = self.query_one(RefList)
        if refs.has_focus:  # the list moved down as the rest of the detail came in
            self.call_after_refresh(refs.scroll_visible, animate=False)

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
