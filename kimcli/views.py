"""Records to Rich renderables (tables, trees, bars); nothing here prints."""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, NamedTuple, overload

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.segment import Segment
from rich.style import Style
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from kimcli import dates as _dates
from kimcli import labels
from kimcli.dates import EDTFDate
from kimcli.errors import Diagnostic
from kimcli.model import Dataset, GlossaryEntry, Milestone, Relation
from kimcli.query import Citations, Hit, Link, RefNode
from kimcli.render.inert import clean, link, text

NARROW = 72  # below this many columns, tables turn into stacked blocks
WIDE = 110  # from this many columns on, the timeline has its own id column


# -- the milestone in the reader's language -----------------------------------------------


def _english(m: Milestone) -> bool:
    return labels.language() == "en" and m.en is not None


def title_of(m: Milestone) -> str:
    return (m.en.title if _english(m) and m.en and m.en.title else None) or m.title


def summary_of(m: Milestone) -> str:
    return (m.en.summary if _english(m) and m.en and m.en.summary else None) or m.summary


def kind_of(m: Milestone) -> str:
    return (m.en.kind if _english(m) and m.en and m.en.kind else None) or m.kind


def date_of(m: Milestone, computed: dict[EDTFDate, str] | None = None) -> str:
    """The display date: a translated label, else the computed one in the current language
    (a German free-text label would not read as English). `computed` remembers the computed
    labels across a long list, where many dates repeat."""
    if labels.language() != "de":
        custom = m.en.date_label if m.en and m.en.date_label else None
    else:
        custom = m.date_label
    if custom:
        return custom
    if computed is None:
        return m.date.label()
    found = computed.get(m.date)
    if found is None:
        found = computed[m.date] = m.date.label()
    return found


# -- the time-scaled bar -------------------------------------------------------------------


class Axis:
    """The span of days that every bar in one table is drawn against."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.today = _dates.current_day()
        spans = list(spans)
        self.lo = min((lo for lo, _ in spans), default=self.today.toordinal())
        self.hi = max((hi for _, hi in spans), default=self.lo + 1)
        if self.hi <= self.lo:
            self.hi = self.lo + 1

    def column(self, day: float, width: int) -> int:
        ratio = (day - self.lo) / (self.hi - self.lo)
        return max(0, min(width - 1, int(ratio * width)))


def _span(date: EDTFDate, axis_floor: int | None = None,
          today: _dt.date | None = None) -> tuple[int, int]:
    lo, hi = date.bounds(today)
    if date.start is None and axis_floor is not None:
        lo = axis_floor
    return lo, hi


def bar_cells(date: EDTFDate, axis: Axis, width: int,
              bounds: tuple[int, int] | None = None) -> tuple[str, str]:
    """The bar of one date as a string of at most `width` cells, and its style (`bounds`: the
    date's days, when already worked out)."""
    width = max(1, width)
    if bounds is None:
        lo, hi = _span(date, axis.lo, axis.today)
    else:
        lo, hi = (axis.lo if date.start is None else bounds[0]), bounds[1]
    if date.interval:
        a, b = axis.column(lo, width), axis.column(hi, width)
        first = "╺" if date.start is None else "━"
        last = ("▶" if date.end_kind == "open" else "╸") if date.end is None else "━"
        body = first + "━" * (b - a - 1) + last if b > a else (last if date.end is None else first)
        return " " * a + body, "cyan"
    mark = "●" if not date.approximate else "◌"
    return " " * axis.column((lo + hi) / 2, width) + mark, "magenta"


def axis_cells(axis: Axis, width: int) -> str:
    """Year labels spread over the bar column, on round years that fit."""
    width = max(1, width)
    first = _dt.date.fromordinal(axis.lo).year
    last = _dt.date.fromordinal(axis.hi).year
    cells = [" "] * width
    steps = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
    step = next((s for s in steps if (last - first) // s * 6 <= width), 10_000)
    years = [y for y in range(first, last + 1) if y % step == 0 and y > first] or [first]
    if years[0] != first and axis.column(_dt.date(years[0], 1, 1).toordinal(), width) >= 5:
        years.insert(0, first)
    placed_until = -1
    for year in years:
        label = str(year)
        day = max(_dt.date(year, 1, 1).toordinal(), axis.lo)
        col = min(axis.column(day, width), width - len(label))
        if col <= placed_until or col < 0:
            continue
        cells[col:col + len(label)] = list(label)
        placed_until = col + len(label)
    return "".join(cells).rstrip()


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


# -- timeline ------------------------------------------------------------------------------


def timeline_view(milestones: Sequence[Milestone], total: int, width: int) -> RenderableType:
    if not milestones:
        return Text(labels.t("timeline.empty"))
    today = _dates.current_day()
    # Each distinct date's days, label and bar are worked out once: in a long list most repeat.
    days: dict[EDTFDate, tuple[int, int]] = {}
    for m in milestones:
        if m.date not in days:
            days[m.date] = m.date.bounds(today)
    # An open start (`../2020`) has no first day: the axis reaches back to its end at least.
    axis = Axis(span if date.start is not None else (span[1], span[1])
                for date, span in days.items())
    caption = labels.t("timeline.caption", count=len(milestones), total=total)
    computed: dict[EDTFDate, str] = {}
    date_texts = [clean(date_of(m, computed)) for m in milestones]
    kind_texts = [clean(kind_of(m)) for m in milestones]
    if width < NARROW:
        # Stacked blocks: every line gets the full width, so ids and titles stay whole.
        blocks: list[Sequence[Cell]] = []
        for m, date, kind in zip(milestones, date_texts, kind_texts, strict=True):
            blocks.append([[(f"{date} · {kind}", "bold"), (clean(title_of(m)), "bold"),
                            (clean(m.id), "dim"), bar_cells(m.date, axis, width, days[m.date]),
                            ("", "")]])
        return Rows([width], blocks, caption=caption)
    wide = width >= WIDE
    # Explicit widths: ids must never break, and the bar gets what is left.
    date_w = min(14, max(len(labels.t("col.date")), *map(len, date_texts)))
    kind_w = min(15, max(len(labels.t("col.kind")), *map(len, kind_texts)))
    id_w = min(36, max(len(m.id) for m in milestones))
    columns = 5 if wide else 4
    free = width - date_w - kind_w - (id_w if wide else 0) - len(Rows.GAP) * (columns - 1)
    title_w = max(16, min(free - 12, int(free * 0.6)), 0 if wide else min(id_w, free - 10))
    bar_w = max(8, free - title_w)
    widths = [date_w, title_w, kind_w] + ([id_w] if wide else []) + [bar_w]
    header: list[Cell] = [[(labels.t("col.date"), "bold")], [(labels.t("col.title"), "bold")],
                          [(labels.t("col.kind"), "bold")]]
    if wide:
        header.append([(labels.t("col.id"), "bold")])
    header.append([(axis_cells(axis, bar_w), "bold")])
    entries: list[TimelineEntry] = []
    bars: dict[EDTFDate, tuple[str, str]] = {}
    for m, date, kind in zip(milestones, date_texts, kind_texts, strict=True):
        bar = bars.get(m.date)
        if bar is None:
            bar = bars[m.date] = bar_cells(m.date, axis, bar_w, days[m.date])
        entries.append(TimelineEntry(date, clean(title_of(m)), clean(m.id), kind, *bar))
    return TimelineRows(widths, entries, wide, header, caption)


# -- show ----------------------------------------------------------------------------------


def _heading(key: str) -> Text:
    return Text(labels.t(key), style="bold underline")


def _refs_label(numbers: dict[str, int], sources: Sequence[str]) -> Text:
    if not sources:
        return Text("")
    nums = ", ".join(str(n) for n in sorted({numbers[s] for s in sources if s in numbers}))
    return Text(f" [{nums}]", style="cyan")


def _precision(m: Milestone) -> str:
    parts = [labels.t(f"precision.{m.date.precision}")]
    if m.date.approximate:
        parts.append(labels.t("precision.approximate"))
    if m.date.uncertain:
        parts.append(labels.t("precision.uncertain"))
    if m.date.open_end:
        parts.append(labels.t("precision.open"))
    if m.date.unknown_end:
        parts.append(labels.t("precision.unknown_end"))
    return ", ".join(parts)


def rel_label(rel: Relation) -> str:
    """How a reference reads from its source, in the reader's language."""
    return (rel.label_en if labels.language() == "en" else None) or rel.label


def rel_inverse(rel: Relation) -> str:
    """How a reference reads from its target; undeclared relations say it plainly."""
    inverse = (rel.inverse_en if labels.language() == "en" else None) or rel.inverse
    return inverse or labels.t("rel.inverse_default", rel=rel_label(rel))


def _link_line(dataset: Dataset, link_: Link) -> Text:
    """An outgoing link as `relation → Title (id) – note`, an incoming one as `inverse ← …`."""
    rel = dataset.relation(link_.rel)
    other = dataset.by_id().get(link_.other)
    if link_.outgoing:
        line = text(rel_label(rel), "italic")
        line.append(" → ")
    else:
        line = text(rel_inverse(rel), "italic")
        line.append(" ← ")
    line.append_text(text(title_of(other) if other else link_.other, "bold"))
    line.append_text(text(f" ({link_.other})", "dim"))
    if link_.note:
        line.append_text(text(f" – {link_.note}", "dim"))
    return line


def refs_tree(dataset: Dataset, m: Milestone, out: Sequence[Link],
              incoming: Sequence[Link]) -> Tree:
    root = Tree(text(m.id, "bold"), guide_style="dim")
    branch_out = root.add(Text(labels.t("show.refs_out"), style="bold"))
    for item in out:
        branch_out.add(_link_line(dataset, item))
    if not out:
        branch_out.add(Text(labels.t("show.no_refs"), style="dim"))
    branch_in = root.add(Text(labels.t("show.refs_in"), style="bold"))
    for item in incoming:
        branch_in.add(_link_line(dataset, item))
    if not incoming:
        branch_in.add(Text(labels.t("show.no_refs"), style="dim"))
    return root


def show_view(dataset: Dataset, m: Milestone, incoming: Sequence[Link]) -> RenderableType:
    numbers = {sid: i for i, sid in enumerate(m.cited_sources(), 1)}
    parts: list[RenderableType] = [text(title_of(m), "bold"), text(m.id, "dim")]
    if title_of(m) != m.title:
        parts.append(text(f"{labels.t('show.original')}: {m.title}", "dim italic"))
    parts.append(Text(""))

    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold", no_wrap=True)
    info.add_column(overflow="fold")
    info.add_row(labels.t("show.date"), text(date_of(m)))
    info.add_row(labels.t("show.precision"), Text(f"{_precision(m)} ({m.raw_date})"))
    info.add_row(labels.t("show.kind"), text(kind_of(m)))
    if m.phase:
        phase = next((p for p in dataset.phases if p.id == m.phase), None)
        info.add_row(labels.t("show.phase"), text(phase.title if phase else m.phase))
    if m.aliases:
        info.add_row(labels.t("show.aliases"), text(", ".join(m.aliases)))
    if m.tags:
        info.add_row(labels.t("show.tags"), text(", ".join(m.tags)))
    if m.actors:
        names = [f"{dataset.actors[a].name} ({a})" if a in dataset.actors else a
                 for a in m.actors]
        info.add_row(labels.t("show.actors"), text("; ".join(names)))
    parts += [info, Text("")]

    parts += [_heading("show.summary"), text(summary_of(m)), Text("")]
    if m.description:
        parts += [_heading("show.description"), text(m.description.strip()), Text("")]
    if m.facts:
        parts.append(_heading("show.facts"))
        facts = Table.grid(padding=(0, 1))
        facts.add_column(justify="right", no_wrap=True)
        facts.add_column(overflow="fold")
        for i, fact in enumerate(m.facts, 1):
            line = text(fact.text)
            line.append_text(_refs_label(numbers, fact.sources))
            if fact.confidence:
                line.append(f" ({labels.t('conf.' + fact.confidence)})", style="dim")
            facts.add_row(f"{i}.", line)
        parts += [facts, Text("")]
    if m.key_dates:
        parts.append(_heading("show.key_dates"))
        key_dates = Table.grid(padding=(0, 2))
        key_dates.add_column(no_wrap=True)
        key_dates.add_column(overflow="fold")
        for kd in sorted(m.key_dates, key=lambda k: k.date.sort_key()):
            line = text(kd.label)
            line.append_text(_refs_label(numbers, kd.sources))
            key_dates.add_row(text(kd.date.label()), line)
        parts += [key_dates, Text("")]
    if m.disputes:
        parts.append(_heading("show.disputes"))
        for dispute in m.disputes:
            tree = Tree(text(f"⚠ {dispute.topic}", "bold yellow"), guide_style="dim")
            for claim in dispute.claims:
                line = text(claim.claim)
                line.append_text(_refs_label(numbers, claim.sources))
                tree.add(line)
            parts.append(tree)
            if dispute.note:
                parts.append(Padding(text(dispute.note, "italic"), (0, 0, 0, 2)))
        parts.append(Text(""))
    parts.append(_heading("show.sources"))
    pad = len(str(len(numbers))) + 3
    for sid, number in numbers.items():
        parts += _source_lines(dataset, sid, f"[{number}]", pad)
    parts.append(Text(""))
    parts.append(_heading("show.refs"))
    out = [Link(r.to, r.rel, True, r.note) for r in m.refs]
    parts.append(refs_tree(dataset, m, out, incoming))
    return Group(*parts)


# -- search --------------------------------------------------------------------------------


def snippet(hit: Hit, radius: int = 40) -> Text:
    """The matched field around its first match, matches highlighted."""
    value = hit.text
    if not hit.spans:
        start, end = 0, min(len(value), radius * 2)
    else:
        first = hit.spans[0][0]
        start = max(0, first - radius)
        end = min(len(value), max(hit.spans[0][1], first) + radius)
        if start > 0:
            space = value.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        if end < len(value):
            space = value.rfind(" ", hit.spans[0][1], end)
            end = space if space > 0 else end
    out = Text("…" if start > 0 else "")
    cursor = start
    for a, b in hit.spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        out.append(clean(value[cursor:a]).replace("\n", " "))
        out.append(clean(value[a:b]), style="bold reverse")
        cursor = b
    out.append(clean(value[cursor:end]).replace("\n", " "))
    if end < len(value):
        out.append("…")
    return out


def _hit_title(hit: Hit) -> Text:
    title = text(title_of(hit.milestone) if hit.milestone else hit.title, "bold")
    title.append("\n")
    ident = hit.id if hit.kind == "milestone" else labels.t("kind.glossary")
    title.append_text(text(ident, "dim"))
    return title


def search_view(hits: Sequence[Hit], width: int) -> RenderableType:
    if width < NARROW:
        rows: list[RenderableType] = []
        for i, hit in enumerate(hits, 1):
            head = Text(f"{i}. ", style="bold")
            head.append_text(_hit_title(hit))
            field = Text(f"{labels.t('field.' + hit.field)}: ", style="italic")
            field.append_text(snippet(hit, 25))
            rows += [head, field, Text("")]
        return Group(*rows)
    num_w = len(str(len(hits)))
    field_w = max(len(labels.t("col.field")), *(len(labels.t("field." + h.field)) for h in hits))
    id_w = max((len(h.id) for h in hits if h.kind == "milestone"), default=0)
    title_w = min(36, max(int(width * 0.34), id_w))
    snippet_w = max(16, width - num_w - title_w - field_w - 9)
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    table.add_column("#", justify="right", width=num_w)
    table.add_column(labels.t("col.title"), width=title_w, overflow="fold")
    table.add_column(labels.t("col.field"), width=field_w)
    table.add_column(labels.t("col.match"), width=snippet_w, overflow="fold")
    for i, hit in enumerate(hits, 1):
        table.add_row(str(i), _hit_title(hit), labels.t("field." + hit.field), snippet(hit))
    return table


# -- glossary and sources ------------------------------------------------------------------


def _source_lines(dataset: Dataset, sid: str, prefix: str, pad: int) -> list[RenderableType]:
    """A source as a wrapped title line (with its id unless that is the prefix) and an
    unbroken URL line."""
    src = dataset.sources.get(sid)
    body = text(src.title if src else sid)
    meta = [x for x in (src.publisher, src.date) if x] if src else []
    if meta:
        body.append_text(text(" — " + ", ".join(meta), "dim"))
    if prefix != sid:
        body.append_text(text(f" ({sid})", "dim"))
    row = Table.grid(padding=(0, 1))
    row.add_column(width=pad - 1, no_wrap=True, style="cyan")
    row.add_column(overflow="fold")
    row.add_row(prefix, body)
    out: list[RenderableType] = [row]
    if src and src.url:
        # One unbroken line, so the address survives copy and paste.
        url = Text(" " * pad)
        url.append_text(link(src.url, "blue"))
        url.no_wrap, url.overflow = True, "ignore"
        out.append(url)
    return out


def glossary_list_view(dataset: Dataset, width: int) -> RenderableType:
    if width < NARROW:  # stacked: the term, then its explanation over the full width
        return Rows([width], [[[(clean(g.term), "bold"), (clean(g.definition), ""), ("", "")]]
                              for g in dataset.glossary])
    term_w = min(24, max((cells(g.term) for g in dataset.glossary), default=8))
    rows = [[[(clean(g.term), "bold")], [(clean(g.definition), "")]] for g in dataset.glossary]
    header: list[Cell] = [[(labels.t("col.term"), "bold")], [(labels.t("col.definition"), "bold")]]
    return Rows([term_w, max(16, width - term_w - len(Rows.GAP))], rows, header)


def glossary_entry_view(dataset: Dataset, entry: GlossaryEntry) -> RenderableType:
    parts: list[RenderableType] = [text(entry.term, "bold")]
    if entry.aliases:
        line = Text(labels.t("show.aliases") + ": ", style="dim")
        line.append_text(text(", ".join(entry.aliases), "dim"))
        parts.append(line)
    parts += [Text(""), text(entry.definition)]
    by_id = dataset.by_id()
    if entry.see:
        parts += [Text(""), _heading("show.see")]
        for mid in entry.see:
            m = by_id.get(mid)
            line = text(title_of(m) if m else mid)
            line.append_text(text(f" ({mid}, {date_of(m)})" if m else "", "dim"))
            parts.append(line)
    if entry.sources:
        parts += [Text(""), _heading("show.sources")]
        pad = len(str(len(entry.sources))) + 3
        for i, sid in enumerate(entry.sources, 1):
            parts += _source_lines(dataset, sid, f"[{i}]", pad)
    return Group(*parts)


def sources_view(dataset: Dataset, cited: dict[str, Citations]) -> RenderableType:
    parts: list[RenderableType] = []
    pad = max((len(sid) for sid in dataset.sources), default=3) + 2
    for sid in dataset.sources:
        parts += _source_lines(dataset, sid, sid, pad)
        who = cited.get(sid)
        users = ", ".join([*who.milestones,
                           *(f"{labels.t('kind.glossary')}: {t}" for t in who.glossary),
                           *(f"{labels.t('kind.actor')}: {a}" for a in who.actors)]) if who else ""
        row = Table.grid(padding=(0, 1))
        row.add_column(width=pad - 1)
        row.add_column(overflow="fold", style="dim")
        row.add_row("", text(f"{labels.t('col.cited_by')}: {users or '–'}"))
        parts += [row, Text("")]
    return Group(*parts)


# -- diagnostics ---------------------------------------------------------------------------


def diagnostic_line(d: Diagnostic) -> Text:
    style = "red" if d.is_error else "yellow"
    kind = labels.t("load.error" if d.is_error else "load.warning")
    line = text(d.location(), "bold")
    line.append(": ")
    line.append(f"{kind}: ", style=style)
    line.append_text(text(d.message))
    return line


# -- reference graph -----------------------------------------------------------------------


def _ref_label(dataset: Dataset, node: RefNode) -> Text:
    m = dataset.by_id().get(node.id)
    title = text(title_of(m) if m else node.id, "bold")
    if node.link is None:
        title.append_text(text(f" ({node.id})", "dim"))
        return title
    line = _link_line(dataset, node.link)
    if node.repeat:
        line.append(" " + labels.t("refs.seen"), style="dim italic")
    return line


def ref_tree_view(dataset: Dataset, root: RefNode) -> Tree:
    """A RefNode tree as a Rich tree; repeats are marked, not expanded again."""
    tree = Tree(_ref_label(dataset, root), guide_style="dim")
    stack = [(root, tree)]
    while stack:
        node, branch = stack.pop()
        for child in node.children:
            stack.append((child, branch.add(_ref_label(dataset, child))))
        if node.hidden:
            branch.add(Text(labels.t("refs.more", count=node.hidden), style="dim"))
    return tree


def path_view(dataset: Dataset, chain: Sequence[tuple[str, Link | None]]) -> RenderableType:
    """The chain A … B, read downwards; a step against a reference's direction says so."""
    by_id = dataset.by_id()
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for i, (mid, step) in enumerate(chain):
        if step is not None:
            rel = dataset.relation(step.rel)
            if step.outgoing:
                arrow = text(f"↓ {rel_label(rel)}", "italic")
            else:
                arrow = text(f"↓ {rel_inverse(rel)}", "italic")
                arrow.append_text(text(f" (← {rel_label(rel)})", "dim"))
            grid.add_row("", arrow)
        m = by_id[mid]
        line = text(title_of(m), "bold")
        line.append_text(text(f" ({m.id}, {date_of(m)})", "dim"))
        grid.add_row(f"{i + 1}.", line)
    return grid


def graph_view(dataset: Dataset, items: Sequence[Milestone]) -> RenderableType:
    """Every milestone in time order with its outgoing references: the whole map at a glance."""
    by_id = dataset.by_id()
    incoming = {m.id: 0 for m in items}
    for m in items:
        for r in m.refs:
            if r.to in incoming:
                incoming[r.to] += 1
    tree = Tree(Text(labels.t("graph.title"), style="bold"), guide_style="dim")
    for m in items:
        head = text(date_of(m), "cyan")
        head.append(" ")
        head.append_text(text(title_of(m), "bold"))
        head.append_text(text(f" ({m.id})", "dim"))
        branch = tree.add(head)
        for r in m.refs:
            rel = dataset.relation(r.rel)
            target = by_id.get(r.to)
            line = text(rel_label(rel), "italic")
            line.append(" → ")
            line.append_text(text(title_of(target) if target else r.to))
            line.append_text(text(f" ({r.to})", "dim"))
            branch.add(line)
        if not m.refs and not incoming.get(m.id):
            branch.add(Text(labels.t("graph.isolated"), style="dim"))
    return tree
