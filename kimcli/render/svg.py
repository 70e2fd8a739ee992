"""A terminal picture as SVG in pieces: Rich's Console.export_svg, byte for byte, without the
console's record or the picture ever held whole.

Rich keeps every segment printed, then builds the picture as one string; for a timeline of
100,000 rows that took more than a gigabyte. Here the renderables are rendered twice: first
for what the picture's head needs (its id, a checksum of every segment; its height; the
styles, numbered as first used; any backgrounds), then for the text of each line, written as
it is made. tests/render/test_svg_stream.py holds the output equal to Rich's own.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator
from html import escape
from itertools import chain
from math import ceil

from rich.cells import cell_len, get_character_cell_size
from rich.color import blend_rgb
from rich.console import Console, RenderableType
from rich.segment import Segment
from rich.style import Style
from rich.terminal_theme import SVG_EXPORT_THEME
from rich.text import Text

# Rich's SVG template is private (rich._export_format): feature-detected, so that a Rich
# without it costs the picture being recorded whole (output.timeline_svg), never an error.
SVG_FORMAT: str | None
try:
    from rich._export_format import CONSOLE_SVG_FORMAT as SVG_FORMAT
except ImportError:  # pragma: no cover - depends on the installed Rich
    SVG_FORMAT = None

# Rich's measures (Console.export_svg's defaults).
_CHAR_HEIGHT = 20
_CHAR_WIDTH = _CHAR_HEIGHT * 0.61
_LINE_HEIGHT = _CHAR_HEIGHT * 1.22
_MARGIN = 1
_PADDING_TOP, _PADDING_SIDE = 40, 8
# Stand in for the clip paths and the text while the template is filled in.
_LINES, _MATRIX = "\x00lines\x00", "\x00matrix\x00"
_PLAIN = Style()


def _number(value: object) -> str:
    return format(value, "g") if isinstance(value, float) else str(value)


def _tag(name: str, content: str | None = None, **attribs: object) -> str:
    """export_svg's make_tag."""
    attributes = " ".join(f'{k.lstrip("_").replace("_", "-")}="{_number(v)}"'
                          for k, v in attribs.items())
    return f"<{name} {attributes}>{content}</{name}>" if content else f"<{name} {attributes}/>"


def _escape(text: str) -> str:
    return escape(text).replace(" ", "&#160;")


def _css(style: Style) -> str:
    """export_svg's CSS rules for a style."""
    theme = SVG_EXPORT_THEME
    color = (theme.foreground_color if (style.color is None or style.color.is_default)
             else style.color.get_truecolor(theme))
    bgcolor = (theme.background_color if (style.bgcolor is None or style.bgcolor.is_default)
               else style.bgcolor.get_truecolor(theme))
    if style.reverse:
        color, bgcolor = bgcolor, color
    if style.dim:
        color = blend_rgb(color, bgcolor, 0.4)
    rules = [f"fill: {color.hex}"]
    if style.bold:
        rules.append("font-weight: bold")
    if style.italic:
        rules.append("font-style: italic;")
    if style.underline:
        rules.append("text-decoration: underline;")
    if style.strike:
        rules.append("text-decoration: line-through;")
    return ";".join(rules)


def _background(style: Style) -> str | None:
    """The colour behind a segment, if it has one of its own."""
    theme = SVG_EXPORT_THEME
    if style.reverse:
        return (theme.foreground_color.hex if style.color is None
                else style.color.get_truecolor(theme).hex)
    if style.bgcolor is None or style.bgcolor.is_default:
        return None
    return style.bgcolor.get_truecolor(theme).hex


class _Picture:
    """One pass over the recorded segments, as export_svg walks them."""

    def __init__(self, console: Console, parts: Iterable[RenderableType]) -> None:
        self.console, self.parts = console, parts
        self.checksum = 1  # zlib.adler32 of nothing
        self.rules: dict[Style, str] = {}
        self.classes: dict[str, int] = {}
        self.reprs: dict[Style, str] = {}
        self.single: set[str] = set()  # characters known to be one cell wide

    def recorded(self) -> Iterator[list[Segment]]:
        """What console.print(part) records of each part (control codes left out), the
        checksum of their reprs kept up to date."""
        console = self.console
        options = console.options.update(justify=None, overflow=None, height=None,
                                         no_wrap=None, markup=None, highlight=None)
        for part in self.parts:
            if isinstance(part, str):
                part = console.render_str(part)
            if isinstance(part, Text):  # print joins its texts, with their own end
                part = Text(" ", end="\n").join([part])
            segments: list[Segment] = []
            for line in Segment.split_and_crop_lines(console.render(part, options),
                                                     console.width, pad=False):
                segments += Segment.filter_control(line)
            text = "".join([self._repr(segment) for segment in segments])
            self.checksum = zlib.adler32(text.encode("utf-8", "ignore"), self.checksum)
            yield segments

    def _repr(self, segment: Segment) -> str:
        """repr(segment), as rich.repr words it, each style's repr made once."""
        text, style, control = segment
        if control is not None or (style is not None and type(style) is not Style):
            return repr(segment)
        if style is None:
            return f"Segment({text!r})"
        words = self.reprs.get(style)
        if words is None:
            words = self.reprs[style] = repr(style)
        return f"Segment({text!r}, {words})"

    def _cells(self, text: str) -> int:
        """cell_len(text); a text of characters one cell wide is learnt as such."""
        found = cell_len(text)
        if found == len(text) and all(get_character_cell_size(c) == 1 for c in text):
            self.single.update(text)
        return found

    def lines(self) -> Iterator[tuple[int, list[tuple[int, str, Style, int]]]]:
        """Each line's number and its segments: (x, text, style, class number)."""
        recorded = chain.from_iterable(self.recorded())
        for y, line in enumerate(Segment.split_and_crop_lines(recorded,
                                                              length=self.console.width)):
            x = 0
            out = []
            for text, style, _ in line:
                style = style or _PLAIN
                rules = self.rules.get(style)
                if rules is None:
                    rules = self.rules[style] = _css(style)
                number = self.classes.get(rules)
                if number is None:
                    number = self.classes[rules] = len(self.classes) + 1
                out.append((x, text, style, number))
                x += len(text) if self.single.issuperset(text) else self._cells(text)
            yield y, out


def svg_chunks(console: Console, parts: Callable[[], Iterable[RenderableType]], title: str
               ) -> Iterator[str]:
    """console.print(part) for each of parts(), then console.export_svg(title=title), on a
    console that records nothing: the same SVG text, in pieces."""
    width = console.width
    head = _Picture(console, parts())
    backgrounds: list[str] = []
    last = 0
    for y, line in head.lines():
        last = y
        for x, text, style, _ in line:
            fill = _background(style)
            if fill is not None:
                backgrounds.append(_tag("rect", fill=fill, x=x * _CHAR_WIDTH,
                                        y=y * _LINE_HEIGHT + 1.5,
                                        width=_CHAR_WIDTH * cell_len(text),
                                        height=_LINE_HEIGHT + 0.25,
                                        shape_rendering="crispEdges"))
    unique_id = "terminal-" + str(zlib.adler32(title.encode("utf-8", "ignore"),
                                               head.checksum))
    before, between, after = _frame(unique_id, width, last, head.classes, backgrounds, title)
    yield before
    clip_width = _CHAR_WIDTH * width
    rows = []
    for line_no in range(last):
        rect = _tag("rect", x=0, y=line_no * _LINE_HEIGHT + 1.5, width=clip_width,
                    height=_LINE_HEIGHT + 0.25)
        rows.append(f'<clipPath id="{unique_id}-line-{line_no}">\n    {rect}\n'
                    "            </clipPath>")
        if len(rows) >= 1024:
            yield "\n".join(rows) + "\n"
            rows = []
    yield "\n".join(rows)
    yield between
    texts: list[str] = []
    body = _Picture(console, parts())
    body.rules, body.classes = head.rules, head.classes
    for y, line in body.lines():
        # export_svg's make_tag("text", ...), its numbers all floats
        top = format(y * _LINE_HEIGHT + _CHAR_HEIGHT, "g")
        for x, text, _, number in line:
            if text != " " * len(text):
                texts.append(f'<text class="{unique_id}-r{number}" '
                             f'x="{format(x * _CHAR_WIDTH, "g")}" y="{top}" '
                             f'textLength="{format(_CHAR_WIDTH * len(text), "g")}" '
                             f'clip-path="url(#{unique_id}-line-{y})">{_escape(text)}</text>')
        if len(texts) >= 1024:
            yield "".join(texts)
            texts = []
    yield "".join(texts)
    yield after


def _frame(unique_id: str, width: int, last: int, classes: dict[str, int],
           backgrounds: list[str], title: str) -> tuple[str, str, str]:
    """The picture around its clip paths and its text: before, between, after."""
    theme = SVG_EXPORT_THEME
    styles = "\n".join(f".{unique_id}-r{rule_no} {{ {css} }}" for css, rule_no in classes.items())
    terminal_width = ceil(width * _CHAR_WIDTH + 2 * _PADDING_SIDE)
    terminal_height = (last + 1) * _LINE_HEIGHT + (_PADDING_TOP + _PADDING_SIDE)
    chrome = _tag("rect", fill=theme.background_color.hex, stroke="rgba(255,255,255,0.35)",
                  stroke_width="1", x=_MARGIN, y=_MARGIN, width=terminal_width,
                  height=terminal_height, rx=8)
    if title:
        chrome += _tag("text", _escape(title), _class=f"{unique_id}-title",
                       fill=theme.foreground_color.hex, text_anchor="middle",
                       x=terminal_width // 2, y=_MARGIN + _CHAR_HEIGHT + 6)
    chrome += """
            <g transform="translate(26,22)">
            <circle cx="0" cy="0" r="7" fill="#ff5f57"/>
            <circle cx="22" cy="0" r="7" fill="#febc2e"/>
            <circle cx="44" cy="0" r="7" fill="#28c840"/>
            </g>
        """
    assert SVG_FORMAT is not None  # output.timeline_svg records the picture otherwise
    svg = SVG_FORMAT.format(
        unique_id=unique_id, char_width=_CHAR_WIDTH, char_height=_CHAR_HEIGHT,
        line_height=_LINE_HEIGHT, terminal_width=_CHAR_WIDTH * width - 1,
        terminal_height=(last + 1) * _LINE_HEIGHT - 1,
        width=terminal_width + 2 * _MARGIN, height=terminal_height + 2 * _MARGIN,
        terminal_x=_MARGIN + _PADDING_SIDE, terminal_y=_MARGIN + _PADDING_TOP,
        styles=styles, chrome=chrome, backgrounds="".join(backgrounds), matrix=_MATRIX,
        lines=_LINES)
    before, rest = svg.split(_LINES)
    between, after = rest.split(_MATRIX)
    return before, between, after
