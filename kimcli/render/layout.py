"""The table layout engine: cells, word wrap, fixed-width rows drawn as text or Rich segments."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import zip_longest
from typing import Any, NamedTuple, overload

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.measure import Measurement
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

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
    if "\t" in value:  # a blank like any other: raw, it would jump out of its column
        value = value.replace("\t", " ")
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


# A range's dash ("2017–2020", "Nov. 2020 – März 2021"): the one place a date may break.
_RANGE_DASH = re.compile(r"(\s?–)\s?")


def date_parts(value: str) -> list[str]:
    """A date's text in the parts it may be broken into: each date of a range whole, the
    dash after the first."""
    return _RANGE_DASH.sub("\\1\n", value).split("\n")


def date_width(values: Iterable[str], least: int, most: int) -> int:
    """A date column's width: the longest date where it fits in `most`, else the longest part
    of a range broken after its dash (see fit_date); never below `least`."""
    values = set(values)  # in a long list most dates repeat
    longest = max(map(cells, values), default=0)
    if longest <= most:
        return max(least, longest)
    return date_width_of(longest, longest_part(values), least, most)


def longest_part(values: Iterable[str]) -> int:
    return max((cells(p) for v in values for p in date_parts(v)), default=0)


def date_width_of(longest: int, part: int, least: int, most: int) -> int:
    """date_width() from the longest date and the longest part of a date (longest_part)."""
    return max(least, longest) if longest <= most else max(least, min(most, part))


def fit_date(value: str, width: int) -> str:
    """A date for a column of `width`: as it is where it fits, else broken only after the dash
    of its range, so that no single date is ever cut (a free-text label wraps at blanks)."""
    return value if cells(value) <= width else "\n".join(date_parts(value))


# Stands in for a blank inside a date while Rich wraps a line: one cell, not a blank, and never
# in inert text (inert.py escapes private-use characters).
DATE_BLANK = "\ue000"


class KeepWhole:
    """A line of text that Rich wraps as usual, but never inside one of the given dates (a
    range may still break after its dash, see date_parts)."""

    def __init__(self, line: Text, *dates: str) -> None:
        self.line = line
        self.dates = dates

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        return Measurement.get(console, options, self.line)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        masked = self.line.copy()
        plain = masked.plain
        for part in (p for d in self.dates for p in date_parts(d) if " " in p):
            plain = plain.replace(part, part.replace(" ", DATE_BLANK))
        masked.plain = plain  # the same length: the styles stay where they were
        lines = masked.wrap(console, options.max_width,
                            justify=masked.justify or options.justify or "default",
                            overflow=masked.overflow or options.overflow or "fold",
                            no_wrap=bool(options.no_wrap))
        for line in lines:
            line.plain = line.plain.replace(DATE_BLANK, " ")
        yield from Text("\n").join(lines).render(console, end=self.line.end)


def chop(word: str, width: int) -> tuple[str, str]:
    """The first `width` cells of a word, and the rest."""
    used = 0
    for i, char in enumerate(word):
        used += cells(char)
        if used > width:
            return word[:i] or word[:1], word[i:] if i else word[1:]
    return word, ""


# A stretch of one output line: its text, the same text as (text, style) fragments, and the
# terminal cells it takes. A wrapped line of a cell is one span, made once.
Span = tuple[str, tuple[Para, ...], int]
# One output line.
Line = list[Span]
# A row laid out: each column's wrapped lines, top to bottom.
Columns = list[list[Span]]

_NO_TEXT: Span = ("", (("", ""),), 0)


class Rows:
    """Columns of fixed width, cells word-wrapped, drawn straight to lines of text.

    Rich's Table measures and lays out every cell through many layers; with widths known in
    advance this does the same job in a fraction of the time, so 10,000 rows print at once.
    lines() is the one way this table becomes text: Rich draws the fragments of its spans as
    segments, and plain() joins the spans' texts, for output that carries no styles anyway (a
    pipe, a file).
    """

    GAP = "   "

    def __init__(self, widths: Sequence[int], rows: Sequence[Sequence[Cell]],
                 header: Sequence[Cell] | None = None, caption: str | None = None) -> None:
        self.widths = list(widths)
        self.rows = rows
        self.header = header
        self.caption = caption
        # Wrapped lines by (text, width, style): in a long table most dates, kinds and bars
        # repeat. Spans never change once made.
        self._made: dict[tuple[str, int, str], list[Span]] = {}

    def chunks(self, size: int) -> Iterator[Rows]:
        """The same table in parts (header first, caption last) to print as they are made."""
        count = self._count()
        for start in range(0, max(1, count), size):
            last = start + size >= count
            part = self._part(start, size, last)
            part._made = self._made
            yield part

    def _count(self) -> int:
        return len(self.rows)

    def _part(self, start: int, size: int, last: bool) -> Rows:
        return Rows(self.widths, self.rows[start:start + size],
                    self.header if start == 0 else None, self.caption if last else None)

    def lines(self) -> Iterator[Line]:
        """Each output line as spans; blanks between cells carry no style."""
        widths, gap = self.widths, self.GAP
        # After a column's text, by the cells the text takes: blanks to the column's width,
        # then the gap. A column without text on a line is all of that.
        after: list[list[Span]] = []
        blank: list[Span] = []
        for width in widths:
            fill = [(" " * (width - size) + gap, ((" " * (width - size), ""), (gap, "")),
                     width - size + len(gap)) for size in range(width)]
            # A character wider than its column (日 in one cell) overflows: only the gap.
            after.append(fill + [(gap, ((gap, ""),), len(gap))] * (max(width, 2) + 1 - width))
            text, fragments, size = after[-1][0]
            blank.append((text, (("", ""), *fragments), size))
        if self.header is not None:
            yield from _layout([self._columns(self.header)], after, blank)
            rule = "─" * (sum(widths) + len(gap) * (len(widths) - 1))
            yield [(rule, ((rule, "dim"),), len(rule))]
        yield from _layout(self._body(), after, blank)
        if self.caption:
            for part in self.caption.split("\n"):
                yield [(part, ((part, "dim"),), cells(part))]

    def plain(self) -> str:
        """The text of lines(), without styles."""
        return "".join(["".join([span[0] for span in line]) + "\n" for line in self.lines()])

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        styles: dict[str, Style] = {"": Style()}
        newline = Segment.line()
        for line in self.lines():
            for _, fragments, _ in line:
                for value, name in fragments:
                    style = styles.get(name)
                    if style is None:
                        style = styles[name] = console.get_style(name)
                    yield Segment(value, style)
            yield newline

    def _body(self) -> Iterator[Columns]:
        for row in self.rows:
            yield self._columns(row)

    def _columns(self, row: Sequence[Cell]) -> Columns:
        out: Columns = []
        for cell, width in zip(row, self.widths, strict=False):
            if len(cell) == 1:
                out.append(self._wrapped(cell[0][0], width, cell[0][1]))
                continue
            spans: list[Span] = []
            for value, style in cell:
                spans += self._wrapped(value, width, style)
            out.append(spans)
        return out

    def _wrapped(self, value: str, width: int, style: str) -> list[Span]:
        key = (value, width, style)
        found = self._made.get(key)
        if found is None:
            found = self._made[key] = wrapped(value, width, style)
        return found


def wrapped(value: str, width: int, style: str) -> list[Span]:
    """A paragraph wrapped to its column, a span for each line."""
    if len(value) <= width and value[:1] != " " and value.isprintable() \
            and not _MAYBE_NOT_ONE_CELL.search(value):
        return [(value, ((value, style),), len(value))]  # the usual id or date: one line
    out: list[Span] = []
    for line, size in wrap_sized(value, width):
        if line[:1] == " ":
            # Leading blanks unstyled: every exporter then places the mark exactly.
            body = line.lstrip(" ")
            out.append((line, ((line[: len(line) - len(body)], ""), (body, style)), size))
        else:
            out.append((line, ((line, style),), size))
    return out


def _layout(rows: Iterable[Columns], after: Sequence[Sequence[Span]], blank: Sequence[Span]
            ) -> Iterator[Line]:
    """Rows as output lines: each column padded to its width, the gap between columns; a line
    ends with its last text, unpadded."""
    for columns in rows:
        last = len(columns) - 1
        for spans in zip_longest(*columns):  # one line's spans; None where a column has none
            j = last  # the last column with text on this line
            while j > 0 and (spans[j] is None or not spans[j][0]):
                j -= 1
            line: Line = []
            for k in range(j):
                span = spans[k]
                if span is None:
                    line.append(blank[k])
                else:
                    line.append(span)
                    line.append(after[k][span[2]])
            line.append(spans[j] or _NO_TEXT)
            yield line


class TimelineEntry(NamedTuple):
    """One timeline row as its texts, already made safe."""

    date: str
    title: str
    id: str
    kind: str
    bar: str
    bar_style: str


class _EntryCells(Sequence[Sequence[Cell]]):
    """Timeline entries seen as table cells, made when asked for."""

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
    """The timeline table. Its rows are kept as texts and wrapped straight from them, without
    a list of cells per row (10,000 rows make none); `rows` still offers them as cells, and
    tests hold both ways equal. Either way, lines() lays them out."""

    def __init__(self, widths: Sequence[int], entries: Sequence[TimelineEntry], wide: bool,
                 header: Sequence[Cell] | None = None, caption: str | None = None) -> None:
        super().__init__(widths, _EntryCells(entries, wide), header, caption)
        self.entries = entries
        self.wide = wide

    def _part(self, start: int, size: int, last: bool) -> Rows:
        return TimelineRows(self.widths, self.entries[start:start + size], self.wide,
                            self.header if start == 0 else None, self.caption if last else None)

    def _body(self) -> Iterator[Columns]:
        made, make, widths = self._made.get, self._wrapped, self.widths
        date_w, title_w, kind_w, bar_w = widths[0], widths[1], widths[2], widths[-1]
        id_w = widths[3] if self.wide else title_w
        for e in self.entries:  # dates, kinds and bars repeat; titles and ids hardly
            date = made((e.date, date_w, "")) or make(e.date, date_w, "")
            kind = made((e.kind, kind_w, "")) or make(e.kind, kind_w, "")
            bar = made((e.bar, bar_w, e.bar_style)) or make(e.bar, bar_w, e.bar_style)
            title = wrapped(e.title, title_w, "bold")
            if self.wide:
                yield [date, title, kind, wrapped(e.id, id_w, "dim"), bar]
            else:  # the id under the title
                yield [date, title + wrapped(e.id, id_w, "dim"), kind, bar]

