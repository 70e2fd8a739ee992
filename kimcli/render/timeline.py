"""The timeline view: one row per milestone, with its bar on a shared time axis."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Sequence
from itertools import islice
from typing import Any, overload

from rich.console import RenderableType
from rich.text import Text

from kimcli import __version__, i18n
from kimcli import dates as _dates
from kimcli.dates import EDTFDate
from kimcli.domain.fields import Milestone
from kimcli.i18n.texts import date_of, kind_of, title_of
from kimcli.render.bars import Axis, axis_cells, bar_cells, glyphs_used, milestone_bar
from kimcli.render.inert import clean
from kimcli.render.layout import (
    NARROW,
    WIDE,
    Cell,
    Line,
    Rows,
    TimelineEntry,
    TimelineRows,
    cells,
    date_width,
    date_width_of,
    fit_date,
    longest_part,
    wrap,
)


def _caption(count: int, total: int, as_of: EDTFDate | None, bars: Sequence[str],
             width: int) -> str:
    """The count, the dataset's as-of date, and a legend of the glyphs these bars use."""
    caption = i18n.t("timeline.caption", count=count, total=total)
    if as_of is not None:
        stand = i18n.t("asof.line", date=i18n.date_text(as_of))
        fits = cells(caption) + 3 + cells(stand) <= width
        caption += (" · " if fits else "\n") + stand
    legend = [f"{glyph} {i18n.t(code)}" for glyph, code in glyphs_used(bars)]
    if legend:
        # Each entry stays whole on its line where it fits, its glyph beside its words.
        lines: list[str] = []
        line = i18n.t("legend.head") + " " + legend[0]
        for entry in legend[1:]:
            if cells(line) + 3 + cells(entry) <= width:
                line += " · " + entry
            else:
                lines += wrap(line, width)
                line = entry
        lines += wrap(line, width)
        caption += "\n" + "\n".join(lines)
    return caption


def timeline_view(milestones: Sequence[Milestone], total: int, width: int,
                  as_of: EDTFDate | None = None) -> RenderableType:
    """The table; for all milestones of a cached dataset (a sequence that can stream and
    keeps a summary: io.lazy.LazyMilestones) whose time axis and column widths were worked
    out before, one whose rows are made as they are printed."""
    if not milestones:
        return Text(i18n.t("timeline.empty"))
    today = _dates.current_day()
    # A cached dataset's rows as the timeline needs them (io.lazy, io.timelinerows).
    stream = getattr(milestones, "timeline_stream", None) or getattr(milestones, "stream", None)
    key = f"timeline:{__version__}:{i18n.language()}:{today.toordinal()}"
    if stream is not None and width >= NARROW:
        summary = milestones.view_summary(key)  # type: ignore[attr-defined]
        rows_kept = getattr(milestones, "timeline_rows_kept", lambda: True)()
        if rows_kept and _usable(summary, len(milestones)):
            return _streamed(stream(), len(milestones), total, width, as_of, summary)
    keep = getattr(milestones, "keep_view_summary", None)
    keep_rows = getattr(milestones, "keep_timeline_rows", None)
    if stream is not None:
        milestones = list(stream())
    if keep_rows is not None:  # later runs read only what a row shows
        keep_rows(milestones)
    # Each distinct date's days, label and bar are worked out once: in a long list most repeat.
    days: dict[EDTFDate, tuple[int, int]] = {}
    for m in milestones:
        if m.date not in days:
            days[m.date] = m.date.bounds(today)
    # An open start (`../2020`) has no first day: the axis reaches back to its end at least.
    axis = Axis(span if date.start is not None else (span[1], span[1])
                for date, span in days.items())
    computed: dict[EDTFDate, str] = {}
    date_texts = [clean(date_of(m, computed)) for m in milestones]
    kind_texts = [clean(kind_of(m)) for m in milestones]
    if keep is not None:
        distinct = set(date_texts)
        keep(key, {"count": len(milestones), "axis": [axis.lo, axis.hi],
                   "date": max(map(cells, distinct)), "date_part": longest_part(distinct),
                   "kind": max(map(len, kind_texts)), "id": max(len(m.id) for m in milestones)})
    if width < NARROW:
        # Stacked blocks: every line gets the full width, so ids and titles stay whole.
        blocks: list[Sequence[Cell]] = []
        stacked: set[str] = set()
        for m, date, kind in zip(milestones, date_texts, kind_texts, strict=True):
            cell = milestone_bar(m, axis, width, days[m.date])
            stacked.add(cell[0])
            blocks.append([[(f"{date} · {kind}", "bold"), (clean(title_of(m)), "bold"),
                            (clean(m.id), "dim"), cell, ("", "")]])
        return Rows([width], blocks,
                    caption=_caption(len(milestones), total, as_of, list(stacked), width))
    date_w = date_width(date_texts, cells(i18n.t("col.date")), max(14, width // 5))
    wide, widths, header = _frame(width, axis, date_w, max(map(len, kind_texts)),
                                  max(len(m.id) for m in milestones))
    bars = _Bars(axis, widths[-1], days, today)
    entries = [bars.entry(m, date, kind, date_w)
               for m, date, kind in zip(milestones, date_texts, kind_texts, strict=True)]
    return TimelineRows(widths, entries, wide, header,
                        _caption(len(milestones), total, as_of, bars.drawn(), width))


def _frame(width: int, axis: Axis, date_w: int, kind_longest: int, id_longest: int
           ) -> tuple[bool, list[int], list[Cell]]:
    """Whether the table has an id column, the widths of its columns, and its header."""
    wide = width >= WIDE
    # Explicit widths: ids must never break, and the bar gets what is left.
    # A date never breaks but after the dash of a range (see fit_date).
    kind_w = min(15, max(len(i18n.t("col.kind")), kind_longest))
    id_w = min(36, id_longest)
    columns = 5 if wide else 4
    free = width - date_w - kind_w - (id_w if wide else 0) - len(Rows.GAP) * (columns - 1)
    title_w = max(16, min(free - 12, int(free * 0.6)), 0 if wide else min(id_w, free - 10))
    bar_w = max(8, free - title_w)
    widths = [date_w, title_w, kind_w] + ([id_w] if wide else []) + [bar_w]
    header: list[Cell] = [[(i18n.t("col.date"), "bold")], [(i18n.t("col.title"), "bold")],
                          [(i18n.t("col.kind"), "bold")]]
    if wide:
        header.append([(i18n.t("col.id"), "bold")])
    header.append([(axis_cells(axis, bar_w), "bold")])
    return wide, widths, header


class _Bars:
    """Each row's bar, made once per distinct date (a disputed row's each time)."""

    def __init__(self, axis: Axis, bar_w: int, days: dict[EDTFDate, tuple[int, int]],
                 today: _dt.date) -> None:
        self.axis, self.bar_w, self.days, self.today = axis, bar_w, days, today
        self.bars: dict[EDTFDate, tuple[str, str]] = {}
        self.disputed: set[str] = set()

    def entry(self, m: Milestone, date: str, kind: str, date_w: int) -> TimelineEntry:
        span = self.days.get(m.date)
        if span is None:
            span = self.days[m.date] = m.date.bounds(self.today)
        found = self.bars.get(m.date)
        if m.disputes:
            found = milestone_bar(m, self.axis, self.bar_w, span)
            self.disputed.add(found[0])
        elif found is None:
            found = self.bars[m.date] = bar_cells(m.date, self.axis, self.bar_w, span)
        return TimelineEntry(fit_date(date, date_w), clean(title_of(m)), clean(m.id), kind,
                             *found)

    def drawn(self) -> list[str]:
        return [bar for bar, _ in self.bars.values()] + list(self.disputed)


def _usable(summary: object, count: int) -> bool:
    if not isinstance(summary, dict) or summary.get("count") != count:
        return False
    axis = summary.get("axis")
    numbers = [summary.get(k) for k in ("date", "date_part", "kind", "id")]
    return (isinstance(axis, list) and len(axis) == 2
            and all(type(v) is int for v in [*axis, *numbers]) and axis[0] < axis[1])


def _streamed(source: Iterator[Milestone], count: int, total: int, width: int,
              as_of: EDTFDate | None, summary: dict[str, Any]) -> RenderableType:
    """The table of `count` milestones from `source`, made as it is printed, with the axis
    and widths from the summary a full run kept (the same as it would work them out)."""
    axis = Axis([(summary["axis"][0], summary["axis"][1])])
    date_w = date_width_of(summary["date"], summary["date_part"], cells(i18n.t("col.date")),
                           max(14, width // 5))
    wide, widths, header = _frame(width, axis, date_w, summary["kind"], summary["id"])
    bars = _Bars(axis, widths[-1], {}, axis.today)
    computed: dict[EDTFDate, str] = {}
    made = (bars.entry(m, clean(date_of(m, computed)), clean(kind_of(m)), date_w)
            for m in source)
    return StreamedTimelineRows(widths, StreamedEntries(count, made), wide, header,
                                lambda: _caption(count, total, as_of, bars.drawn(), width))


class StreamedEntries(Sequence[TimelineEntry]):
    """`count` timeline entries made from an iterator as they are asked for: once, in order,
    a slice at a time (as Rows.chunks asks), or all by iterating."""

    def __init__(self, count: int, made: Iterator[TimelineEntry]) -> None:
        self.size, self.made, self.at = count, made, 0

    def __len__(self) -> int:
        return self.size

    @overload
    def __getitem__(self, index: int) -> TimelineEntry: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[TimelineEntry]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if not isinstance(index, slice):
            raise TypeError("streamed entries are read a slice at a time")
        start, stop, step = index.indices(self.size)
        if start != self.at or step != 1:
            raise IndexError("streamed entries are read once, in order")
        out = list(islice(self.made, max(0, stop - start)))
        self.at += len(out)
        return out

    def __iter__(self) -> Iterator[TimelineEntry]:
        return iter(self[self.at:])


class StreamedTimelineRows(TimelineRows):
    """The timeline table whose rows are made as it is printed (chunks()), its caption (which
    names the glyphs the bars used) once the last row is made."""

    def __init__(self, widths: Sequence[int], entries: StreamedEntries, wide: bool,
                 header: Sequence[Cell], caption: Callable[[], str]) -> None:
        super().__init__(widths, entries, wide, header, None)
        self.caption_of = caption

    def _part(self, start: int, size: int, last: bool) -> Rows:
        rows = self.entries[start:start + size]  # made first: the caption needs their bars
        return TimelineRows(self.widths, rows, self.wide, self.header if start == 0 else None,
                            self.caption_of() if last else None)

    def lines(self) -> Iterator[Line]:
        whole = TimelineRows(self.widths, list(self.entries), self.wide, self.header, None)
        whole.caption = self.caption_of()
        whole._made = self._made
        return whole.lines()
