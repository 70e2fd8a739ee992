"""The EDTF subset kim reads: parse, order and overlap (words for dates live in kimcli.i18n)."""

from __future__ import annotations

import datetime as _dt
import re
from typing import NamedTuple

from kimcli.errors import DateError, msg

# Ordinals are days since 0001-01-01 (date.toordinal), so every bound is one int.
MIN_ORDINAL = 1
MAX_ORDINAL = _dt.date.max.toordinal()

_POINT_RE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?([~?%])?")

OPEN = "open"  # `..`: runs on (to today, or from the beginning)
UNKNOWN = "unknown"  # empty side: not known


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    # The Gregorian rule (calendar.isleap), without importing calendar for one line.
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _MONTH_DAYS[month - 1]


def current_day() -> _dt.date:
    """Today, where open ends run to; one place for tests to pin it."""
    return _dt.date.today()


class Point(NamedTuple):
    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False
    uncertain: bool = False

    @property
    def precision(self) -> str:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    def first_day(self) -> _dt.date:
        return _dt.date(self.year, self.month or 1, self.day or 1)

    def last_day(self) -> _dt.date:
        if self.day is not None:
            return _dt.date(self.year, self.month or 1, self.day)
        month = self.month or 12
        return _dt.date(self.year, month, days_in_month(self.year, month))

    def edtf(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        if self.approximate and self.uncertain:
            text += "%"
        elif self.approximate:
            text += "~"
        elif self.uncertain:
            text += "?"
        return text


class EDTFDate(NamedTuple):
    """A point (`start` only) or an interval; an interval side may be OPEN or UNKNOWN."""

    start: Point | None
    end: Point | None = None
    interval: bool = False
    start_mode: str = "point"
    end_mode: str = "point"

    @property
    def precision(self) -> str:
        if self.interval:
            return "interval"
        assert self.start is not None
        return self.start.precision

    @property
    def approximate(self) -> bool:
        return any(p.approximate for p in (self.start, self.end) if p is not None)

    @property
    def uncertain(self) -> bool:
        return any(p.uncertain for p in (self.start, self.end) if p is not None)

    @property
    def open_end(self) -> bool:
        """Still running (`2019/..`); an unknown end (`2019/`) is not open."""
        return self.interval and self.end is None and self.end_mode == OPEN

    @property
    def unknown_end(self) -> bool:
        return self.interval and self.end is None and self.end_mode == UNKNOWN

    def bounds(self, today: _dt.date | None = None) -> tuple[int, int]:
        """First and last day covered, as ordinals; an open or unknown end runs to today."""
        lo = self.start.first_day().toordinal() if self.start else MIN_ORDINAL
        if not self.interval:
            assert self.start is not None
            return lo, self.start.last_day().toordinal()
        if self.end is not None:
            hi = self.end.last_day().toordinal()
        else:
            today = today or current_day()  # asked only here: the clock is not free
            hi = max(today.toordinal(), self.start.last_day().toordinal() if self.start else lo)
        return lo, hi

    def sort_key(self) -> tuple[int, int, int, str]:
        """Total order: first day, then last day, then finer precision last, then the text."""
        lo, hi = self.bounds(_SORT_TODAY)
        rank = _PRECISION_RANK[self.start.precision] if self.start else -1
        return lo, hi, rank, self.edtf()

    def overlaps(self, lo: int, hi: int, today: _dt.date | None = None) -> bool:
        mlo, mhi = self.bounds(today)
        return mlo <= hi and mhi >= lo

    def edtf(self) -> str:
        if not self.interval:
            assert self.start is not None
            return self.start.edtf()
        left = self.start.edtf() if self.start else (".." if self.start_mode == OPEN else "")
        right = self.end.edtf() if self.end else (".." if self.end_mode == OPEN else "")
        return f"{left}/{right}"


_PRECISION_RANK = {"year": 0, "month": 1, "day": 2}
# Sorting must not depend on the day it runs for closed dates; open ends sort as running far on.
_SORT_TODAY = _dt.date(9999, 12, 31)


def _parse_point(text: str, whole: str) -> Point:
    m = _POINT_RE.fullmatch(text)
    if not m:
        raise DateError(msg("date.unparseable", value=whole))
    year = int(m.group(1))
    month = int(m.group(2)) if m.group(2) else None
    day = int(m.group(3)) if m.group(3) else None
    qualifier = m.group(4) or ""
    if year == 0:
        raise DateError(msg("date.year_zero", value=whole))
    if month is not None and not 1 <= month <= 12:
        raise DateError(msg("date.bad_month", value=whole, month=month))
    if day is not None:
        assert month is not None
        last = days_in_month(year, month)
        if not 1 <= day <= last:
            raise DateError(msg("date.bad_day", value=whole, day=day, last=last))
    return Point(
        year,
        month,
        day,
        approximate=qualifier in ("~", "%"),
        uncertain=qualifier in ("?", "%"),
    )


def parse(text: str) -> EDTFDate:
    """Parse kim's EDTF subset; raise DateError with a message a user can act on."""
    text = text.strip()
    if not text:
        raise DateError(msg("date.empty"))
    if "/" not in text:
        return EDTFDate(_parse_point(text, text))
    if text.count("/") > 1:
        raise DateError(msg("date.unparseable", value=text))
    left, right = text.split("/")
    start: Point | None = None
    end: Point | None = None
    start_mode = end_mode = "point"
    if left in ("", ".."):
        start_mode = OPEN if left == ".." else UNKNOWN
    else:
        start = _parse_point(left, text)
    if right in ("", ".."):
        end_mode = OPEN if right == ".." else UNKNOWN
    else:
        end = _parse_point(right, text)
    if start is None and end is None:
        raise DateError(msg("date.both_open", value=text))
    if start is not None and end is not None and start.first_day() > end.last_day():
        raise DateError(msg("date.reversed", value=text))
    return EDTFDate(start, end, True, start_mode, end_mode)


def parse_bound(text: str, *, upper: bool) -> int:
    """A --from/--to value (year, month or day) as the first or last day it covers."""
    if not re.fullmatch(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?", text.strip()):
        raise DateError(msg("date.bad_bound", value=text))
    point = _parse_point(text.strip(), text)
    return (point.last_day() if upper else point.first_day()).toordinal()
