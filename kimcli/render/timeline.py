"""The timeline view: one row per milestone, with its bar on a shared time axis."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import RenderableType
from rich.text import Text

from kimcli import dates as _dates
from kimcli import i18n
from kimcli.dates import EDTFDate
from kimcli.domain.fields import Milestone
from kimcli.i18n.texts import date_of, kind_of, title_of
from kimcli.render.bars import Axis, axis_cells, bar_cells, glyphs_used, milestone_bar
from kimcli.render.inert import clean
from kimcli.render.layout import (
    NARROW,
    WIDE,
    Cell,
    Rows,
    TimelineEntry,
    TimelineRows,
    cells,
    date_width,
    fit_date,
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
    if not milestones:
        return Text(i18n.t("timeline.empty"))
    today = _dates.current_day()
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
    wide = width >= WIDE
    # Explicit widths: ids must never break, and the bar gets what is left.
    # A date never breaks but after the dash of a range (see fit_date).
    date_w = date_width(date_texts, cells(i18n.t("col.date")), max(14, width // 5))
    kind_w = min(15, max(len(i18n.t("col.kind")), *map(len, kind_texts)))
    id_w = min(36, max(len(m.id) for m in milestones))
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
    entries: list[TimelineEntry] = []
    bars: dict[EDTFDate, tuple[str, str]] = {}
    disputed: set[str] = set()
    for m, date, kind in zip(milestones, date_texts, kind_texts, strict=True):
        found = bars.get(m.date)
        if m.disputes:
            found = milestone_bar(m, axis, bar_w, days[m.date])
            disputed.add(found[0])
        elif found is None:
            found = bars[m.date] = bar_cells(m.date, axis, bar_w, days[m.date])
        entries.append(TimelineEntry(fit_date(date, date_w), clean(title_of(m)), clean(m.id), kind,
                                     *found))
    drawn = [bar for bar, _ in bars.values()] + list(disputed)
    return TimelineRows(widths, entries, wide, header,
                        _caption(len(milestones), total, as_of, drawn, width))
