"""The time-scaled bar: one axis per table, a date's bar and the year labels above them."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from kimcli import dates as _dates
from kimcli.dates import EDTFDate
from kimcli.domain.fields import Milestone


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
        # An approximate or uncertain interval is drawn with a broken line, not a solid one.
        line = "┅" if date.approximate or date.uncertain else "━"
        first = "╺" if date.start is None else line
        last = ("▶" if date.end_mode == "open" else "╸") if date.end is None else line
        body = first + line * (b - a - 1) + last if b > a else (last if date.end is None else first)
        return " " * a + body, "cyan"
    mark = "◌" if date.approximate else "○" if date.uncertain else "●"
    return " " * axis.column((lo + hi) / 2, width) + mark, "magenta"


# The faint glyphs of a dispute's other dates, and the marker of a disputed row.
ALT_SPAN = "┄"
ALT_POINT = "◦"
ALT_BOUND = "╎"
DISPUTED = "≠"
# Every glyph a bar may use, in the order the legend lists them, with its catalogue code.
GLYPHS = (("━", "legend.span"), ("┅", "legend.span_vague"), ("▶", "legend.open"),
          ("●", "legend.point"), ("◌", "legend.approx"), ("○", "legend.uncertain"),
          (ALT_SPAN, "legend.alt_span"), (ALT_BOUND, "legend.alt_bound"),
          (ALT_POINT, "legend.alt_point"),
          (DISPUTED, "legend.disputed"))


def disputed_cells(bar: str, own: EDTFDate, others: Iterable[EDTFDate], axis: Axis,
                   width: int) -> str:
    """`bar` (of the date `own`) with the other dates of a milestone's disputes drawn faintly
    into its blanks, a start or end that differs from its own marked even on its bar, and the
    dispute marker after it (before it when there is no room, on its last cell when full)."""
    cells = list(bar.ljust(width))
    own_lo, own_hi = _span(own, axis.lo, axis.today)
    own_cols = {axis.column(own_lo, width), axis.column(own_hi, width)}
    for date in others:
        lo, hi = _span(date, axis.lo, axis.today)
        if date.interval:
            a, b = axis.column(lo, width), axis.column(hi, width)
            for col in range(a, b + 1):
                if cells[col] == " ":
                    cells[col] = ALT_SPAN
            for col in (a, b):
                if col not in own_cols:
                    cells[col] = ALT_BOUND
        else:
            col = axis.column((lo + hi) / 2, width)
            if cells[col] == " ":
                cells[col] = ALT_POINT
    drawn = "".join(cells).rstrip()
    if len(drawn) < width - 1:
        return drawn + " " + DISPUTED
    start = len(drawn) - len(drawn.lstrip(" "))
    if start > 0:  # no room after the bar: just before it, so no mark of its own is hidden
        return drawn[: start - 1] + DISPUTED + drawn[start:]
    return drawn[: width - 1] + DISPUTED


def milestone_bar(m: Milestone, axis: Axis, width: int,
                  bounds: tuple[int, int] | None = None) -> tuple[str, str]:
    """A milestone's bar: its own date, and the other dates of its disputes when it has any."""
    bar, style = bar_cells(m.date, axis, width, bounds)
    if m.disputes:
        others = [c.date for d in m.disputes for c in d.claims if c.date is not None]
        bar = disputed_cells(bar, m.date, others, axis, width)
    return bar, style


def glyphs_used(bars: Iterable[str]) -> list[tuple[str, str]]:
    """The glyphs that occur in `bars` with their catalogue codes, in legend order."""
    seen: set[str] = set()
    for bar in bars:
        seen.update(bar)
    return [(glyph, code) for glyph, code in GLYPHS if glyph in seen]


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
