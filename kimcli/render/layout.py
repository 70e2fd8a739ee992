"""The table layout engine: cells, word wrap, fixed-width rows drawn as text or Rich segments."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, NamedTuple, overload

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style

NARROW = 72  # below this many columns, tables turn into stacked blocks
WIDE = 110  # from this many columns on, the timeline has its own id column


# -- a fast table --------------------------------------------------------------------------

# Characters known to take exactly one terminal cell; anything else asks Rich.
# Latin, Greek and Cyrillic letters (not their combining marks), punctuation, arrows, box
# drawing, blocks and geometric shapes; not the symbol blocks, which hold wide emoji (☕ ⚡ ⌚).
_MAYBE_NOT_ONE_CELL = re.compile(
    "[^\u0020-\u007e\u00a0-\u02ff\u0370-\u0482\u048a-\u04ff\u2010-\u2027\u2030-\u205e"
    "\u2190-\u21ff\u2500-\u25fc]")


def cells(value: str) -> int:
    """Terminal cells of a string; plain Latin text (the usual case) without a table lookup."""
    return cell_len(value) if _MAYBE_NOT_ONE_CELL.search(value) else len(value)


# A cell is a list of paragraphs: (text already made safe, style). Each wraps on its own.
Para = tuple[str, str]
Cell = list[Para]


def wrap(value: str, width: int) -> list[str]:
    """Greedy word wrap to `width` terminal cells; words longer than a line are folded."""
    return [line for line, _ in wrap_sized(value, width)]


def wrap_sized(value: str, width: int) -> list[tuple[str, int]]:
    """wrap(), each line with the terminal cells it takes."""
    width = max(1, width)
    value = value.rstrip("\n")  # YAML's folded and literal blocks end in one
    # One check for the whole text: where every character takes one cell, len() measures.
    if not _MAYBE_NOT_ONE_CELL.search(value):
        if "\n" not in value and len(value) <= width:
            return [(value, len(value))]
        return _wrap_one_cell(value, width)
    if "\n" not in value:
        size = cell_len(value)
        if size <= width:
            return [(value, size)]
    return _wrap_greedy(value, width, cell_len)


def _wrap_greedy(value: str, width: int, size_of: Callable[[str], int]
                 ) -> list[tuple[str, int]]:
    """Word by word: each word goes on the line if it fits, else starts the next one."""
    lines: list[tuple[str, int]] = []
    for paragraph in value.split("\n"):
        line, used = "", 0
        for word in paragraph.split():
            size = size_of(word)
            if line and used + 1 + size <= width:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if line:
                lines.append((line, used))
            while size > width:
                head, word = chop(word, width)
                lines.append((head, size_of(head)))
                size = size_of(word)
            line, used = word, size
        lines.append((line, used))
    return lines


def _wrap_one_cell(value: str, width: int) -> list[tuple[str, int]]:
    """_wrap_greedy for text whose every character takes one cell, a line at a time: the last
    blank within reach ends the line, and a word longer than a line is cut."""
    lines: list[tuple[str, int]] = []
    for paragraph in value.split("\n"):
        text = " ".join(paragraph.split())
        start, end = 0, len(text)
        while end - start > width:
            cut = text.rfind(" ", start, start + width + 1)
            if cut < 0:  # one word fills the line and more
                lines.append((text[start:start + width], width))
                start += width
            else:
                lines.append((text[start:cut], cut - start))
                start = cut + 1
        lines.append((text[start:], end - start))
    return lines


def chop(word: str, width: int) -> tuple[str, str]:
    """The first `width` cells of a word, and the rest."""
    used = 0
    for i, char in enumerate(word):
        used += cells(char)
        if used > width:
            return word[:i] or word[:1], word[i:] if i else word[1:]
    return word, ""


class Rows:
    """Columns of fixed width, cells word-wrapped, drawn straight to segments.

    Rich's Table measures and lays out every cell through many layers; with widths known in
    advance this does the same job in a fraction of the time, so 10,000 rows print at once.
    """

    GAP = "   "

    def __init__(self, widths: Sequence[int], rows: Sequence[Sequence[Cell]],
                 header: Sequence[Cell] | None = None, caption: str | None = None) -> None:
        self.widths = list(widths)
        self.rows = rows
        self.header = header
        self.caption = caption

    def chunks(self, size: int) -> Iterator[Rows]:
        """The same table in parts (header first, caption last) to print as they are made."""
        for start in range(0, max(1, len(self.rows)), size):
            last = start + size >= len(self.rows)
            yield Rows(self.widths, self.rows[start:start + size],
                       self.header if start == 0 else None, self.caption if last else None)

    def _lines(self, cells: Sequence[Cell]) -> Iterator[list[Para]]:
        columns = []
        for cell, width in zip(cells, self.widths, strict=False):
            columns.append([(line, style) for value, style in cell for line in wrap(value, width)])
        for i in range(max(len(c) for c in columns)):
            yield [c[i] if i < len(c) else ("", "") for c in columns]

    def fragments(self) -> Iterator[list[Para]]:
        """Each output line as (text, style) fragments; blanks between cells carry no style."""
        def emit(line: list[Para]) -> list[Para]:
            out: list[Para] = []
            last = len(line) - 1
            while last > 0 and not line[last][0]:
                last -= 1
            for i, (value, style) in enumerate(line[: last + 1]):
                if i:
                    out.append((self.GAP, ""))
                body = value.lstrip(" ")
                if len(body) < len(value):
                    # Leading blanks unstyled: every exporter then places the mark exactly.
                    out.append((value[: len(value) - len(body)], ""))
                out.append((body, style))
                if i < last and cells(value) < self.widths[i]:
                    out.append((" " * (self.widths[i] - cells(value)), ""))
            return out

        if self.header is not None:
            for line in self._lines(self.header):
                yield emit(line)
            total = sum(self.widths) + len(self.GAP) * (len(self.widths) - 1)
            yield [("─" * total, "dim")]
        for row in self.rows:
            for line in self._lines(row):
                yield emit(line)
        if self.caption:
            yield [(self.caption, "dim")]

    def plain(self) -> str:
        """The same text as fragments() without styles, built directly: output that carries no
        styles anyway (a pipe, a file) skips all per-fragment work."""
        out: list[str] = []
        widths = self.widths
        gap = self.GAP
        if self.header is not None:
            out += _plain_lines(self.header, widths, gap)
            out.append("─" * (sum(widths) + len(gap) * (len(widths) - 1)))
        self._plain_body(out)
        if self.caption:
            out.append(self.caption)
        return "\n".join(out) + "\n"

    def _plain_body(self, out: list[str]) -> None:
        for row in self.rows:
            out += _plain_lines(row, self.widths, self.GAP)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles: dict[str, Style] = {"": Style()}
        newline = Segment.line()
        for line in self.fragments():
            for value, name in line:
                style = styles.get(name)
                if style is None:
                    style = styles[name] = console.get_style(name)
                yield Segment(value, style)
            yield newline


def _plain_lines(row: Sequence[Cell], widths: list[int], gap: str) -> list[str]:
    """One row's lines of text: each column wrapped and padded to its width; a line ends with
    its last text, unpadded (the hot loop of a long timeline, hence written out)."""
    columns: list[list[tuple[str, int]]] = []
    height = 0
    for cell, width in zip(row, widths, strict=False):
        if len(cell) == 1:
            lines = wrap_sized(cell[0][0], width)
        else:
            lines = []
            for value, _ in cell:
                lines += wrap_sized(value, width)
        columns.append(lines)
        if len(lines) > height:
            height = len(lines)
    last = len(columns) - 1
    out = []
    for i in range(height):
        j = last  # the last column with text on this line
        while j > 0 and (i >= len(columns[j]) or not columns[j][i][0]):
            j -= 1
        text = ""
        for k in range(j):
            column = columns[k]
            if i < len(column):
                value, size = column[i]
                text += value + " " * (widths[k] - size) + gap
            else:
                text += " " * widths[k] + gap
        column = columns[j]
        out.append(text + column[i][0] if i < len(column) else text)
    return out


class TimelineEntry(NamedTuple):
    """One timeline row as its texts, already made safe."""

    date: str
    title: str
    id: str
    kind: str
    bar: str
    bar_style: str


class _EntryCells(Sequence[Sequence[Cell]]):
    """Timeline entries seen as table cells, made when asked for (the styled path)."""

    def __init__(self, entries: Sequence[TimelineEntry], wide: bool) -> None:
        self.entries = entries
        self.wide = wide

    def __len__(self) -> int:
        return len(self.entries)

    @overload
    def __getitem__(self, index: int) -> Sequence[Cell]: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Sequence[Cell]]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            return [self._cells(e) for e in self.entries[index]]
        return self._cells(self.entries[index])

    def _cells(self, e: TimelineEntry) -> list[Cell]:
        if self.wide:
            return [[(e.date, "")], [(e.title, "bold")], [(e.kind, "")], [(e.id, "dim")],
                    [(e.bar, e.bar_style)]]
        return [[(e.date, "")], [(e.title, "bold"), (e.id, "dim")], [(e.kind, "")],
                [(e.bar, e.bar_style)]]


class TimelineRows(Rows):
    """The timeline table. Its rows are kept as texts, and plain text is built straight from
    them for the usual row (only the title runs on to further lines); any other row takes the
    general way. Either way the text is what Rows makes of the same cells (tests hold them
    equal): this only skips work on 10,000 rows."""

    def __init__(self, widths: Sequence[int], entries: Sequence[TimelineEntry], wide: bool,
                 header: Sequence[Cell] | None = None, caption: str | None = None) -> None:
        super().__init__(widths, _EntryCells(entries, wide), header, caption)
        self.entries = entries
        self.wide = wide

    def chunks(self, size: int) -> Iterator[Rows]:
        for start in range(0, max(1, len(self.entries)), size):
            last = start + size >= len(self.entries)
            yield TimelineRows(self.widths, self.entries[start:start + size], self.wide,
                               self.header if start == 0 else None,
                               self.caption if last else None)

    def _plain_body(self, out: list[str]) -> None:
        widths, gap, wide = self.widths, self.GAP, self.wide
        date_w, title_w, kind_w, bar_w = widths[0], widths[1], widths[2], widths[-1]
        id_w = widths[3] if wide else title_w
        blank = " " * date_w + gap
        short: dict[tuple[str, int], list[tuple[str, int]]] = {}  # dates, kinds, bars repeat

        def wrap_short(value: str, width: int) -> list[tuple[str, int]]:
            found = short.get((value, width))
            if found is None:
                found = short[(value, width)] = wrap_sized(value, width)
            return found

        cells = _EntryCells(self.entries, wide)
        for e in self.entries:
            dates = wrap_short(e.date, date_w)
            kinds = wrap_short(e.kind, kind_w)
            bars = wrap_short(e.bar, bar_w)
            titles = wrap_sized(e.title, title_w)
            ids = wrap_sized(e.id, id_w)
            if not wide:
                titles = titles + ids
            if (len(dates) > 1 or len(kinds) > 1 or len(bars) > 1 or not bars[0][0]
                    or (wide and len(ids) > 1)):
                out += _plain_lines(cells._cells(e), widths, gap)
                continue
            (date, date_n), (kind, kind_n), (title, title_n) = dates[0], kinds[0], titles[0]
            line = (f"{date}{' ' * (date_w - date_n)}{gap}{title}{' ' * (title_w - title_n)}"
                    f"{gap}{kind}{' ' * (kind_w - kind_n)}{gap}")
            if wide:
                line += f"{ids[0][0]}{' ' * (id_w - ids[0][1])}{gap}"
            out.append(line + bars[0][0])
            for more, _ in titles[1:]:
                out.append(blank + more if more else "")
