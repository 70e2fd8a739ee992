"""The timeline as the pages show it: rows with a time-scaled bar, sections, an axis."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import NamedTuple

from kimcli.site import core
from kimcli.site.names import Links

# Above this many milestones the index lists years, each with a page of its own.
PAGE_BY_YEAR_ABOVE = 400
MIN_SPAN = 0.6  # percent: a period of a few days stays visible


class When(NamedTuple):
    """A date as shown: its label and, for `<time datetime>`, the machine dates of its ends."""

    label: str
    start: str | None
    end: str | None
    interval: bool


class Bar(NamedTuple):
    """Where a date sits on the axis, in percent of its width."""

    x: float
    width: float
    interval: bool
    open_start: bool
    open_end: bool
    unknown_end: bool
    approximate: bool

    @property
    def end(self) -> float:
        return round(self.x + self.width, 2)

    @property
    def classes(self) -> str:
        names = ["span" if self.interval else "point"]
        if self.approximate:
            names.append("approx")
        return " ".join(names)


class Alt(NamedTuple):
    """Another date a dispute's sources claim, on the axis: a dashed line (a period) or a
    hollow ring (a point), and a dashed tick where its start or end differs from the
    milestone's own."""

    x: float
    end: float  # equal to x for a point
    bounds: tuple[float, ...]

    @property
    def width(self) -> float:
        return self.end - self.x


class Row(NamedTuple):
    id: str
    href: str
    anchor: str
    title: core.Text
    kind: core.Text
    when: When
    bar: Bar
    alts: tuple[Alt, ...] = ()
    claims: str = ""  # the other dates in words, for screen readers: "Quellen nennen auch …"


class Section(NamedTuple):
    anchor: str | None
    title: str | None
    title_lang: str
    when: When | None
    summary: str | None
    rows: list[Row]


class Tick(NamedTuple):
    x: float
    label: str
    anchor: str  # SVG text-anchor: start, middle or end


class Axis(NamedTuple):
    lo: int
    hi: int
    ticks: list[Tick]

    def at(self, day: float) -> float:
        return max(0.0, min(100.0, (day - self.lo) * 100.0 / (self.hi - self.lo)))


def when(m: core.Milestone, computed: dict[core.EDTFDate, str] | None = None) -> When:
    d = m.date
    return When(core.date_label(m, computed), core.machine_date(d.start),
                core.machine_date(d.end), d.interval)


def when_of(date: core.EDTFDate, label: str) -> When:
    return When(label, core.machine_date(date.start), core.machine_date(date.end), date.interval)


def make_axis(spans: Sequence[tuple[int, int]], today: int) -> Axis:
    lo = min((a for a, _ in spans), default=today)
    hi = max((b for _, b in spans), default=lo + 1)
    if hi <= lo:
        hi = lo + 1
    # A little room at both ends, so that first and last marks are not cut in half.
    pad = max(1, (hi - lo) // 50)
    lo, hi = lo - pad, hi + pad
    return Axis(lo, hi, _ticks(lo, hi))


def _ticks(lo: int, hi: int) -> list[Tick]:
    """Round years, at most seven of them, each labelled."""
    first = _dt.date.fromordinal(lo).year
    last = _dt.date.fromordinal(hi).year
    step = next((s for s in (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)
                 if (last - first) // s < 7), 1000)
    ticks = []
    for year in range((first // step + 1) * step, last + 1, step):
        day = _dt.date(year, 1, 1).toordinal()
        if lo < day < hi:
            x = (day - lo) * 100.0 / (hi - lo)
            anchor = "start" if x < 4 else ("end" if x > 96 else "middle")
            ticks.append(Tick(round(x, 2), str(year), anchor))
    return ticks


def bar(date: core.EDTFDate, axis: Axis, today: int) -> Bar:
    lo, hi = core.bounds(date, today)
    if date.start is None:
        lo = axis.lo
    a, b = axis.at(lo), axis.at(hi + 1)
    if not date.interval:
        return Bar(round((a + b) / 2, 2), 0.0, False, False, False, False, date.approximate)
    width = max(b - a, MIN_SPAN)
    a = min(a, 100.0 - width)
    return Bar(round(a, 2), round(width, 2), True, date.start is None, date.open_end,
               date.unknown_end, date.approximate)


def disputed(m: core.Milestone, axis: Axis, today: int) -> tuple[tuple[Alt, ...], str]:
    """The other dates a milestone's sources claim (from kim's core), placed on the axis and
    said in words: "Quellen nennen auch 2019 als Ende"."""
    own = m.date
    own_lo, own_hi = core.bounds(own, today)
    alts, words = [], []
    ticked: set[float] = set()  # one tick for a start or end that several claims share
    for date in core.claimed_dates(m):
        lo, hi = core.bounds(date, today)
        if date.start is None:
            lo = axis.lo
        a, b = round(axis.at(lo), 2), round(max(axis.at(hi + 1), axis.at(lo) + MIN_SPAN), 2)
        if not date.interval:
            middle = round((axis.at(lo) + axis.at(hi + 1)) / 2, 2)
            alts.append(Alt(middle, middle, ()))
        bounds = []
        if date.interval and own.interval:
            if lo != own_lo and date.start is not None:
                bounds.append(a)
                words.append(core.t("site.alt_start", date=core.point_label(date.start)))
            if hi != own_hi and date.end is not None:
                bounds.append(b)
                words.append(core.t("site.alt_end", date=core.point_label(date.end)))
        if not bounds:
            words.append(core.t("site.alt_date", date=core.label(date)))
        if date.interval:
            alts.append(Alt(a, b, tuple(x for x in bounds if x not in ticked)))
            ticked.update(bounds)
    return tuple(alts), "; ".join(dict.fromkeys(words))


LEGEND = (("span", "legend.span"), ("vague", "legend.span_vague"), ("open", "legend.open"),
          ("point", "legend.point"), ("approx", "legend.approx"),
          ("alt_span", "legend.alt_span"), ("alt_bound", "legend.alt_bound"),
          ("alt_point", "legend.alt_point"), ("disputed", "legend.disputed"))


def legend(sections: Sequence[Section]) -> list[tuple[str, str]]:
    """The marks the timeline draws, each with kim's words for it (the terminal's legend)."""
    used: set[str] = set()
    for s in sections:
        for r in s.rows:
            b = r.bar
            used.add(("vague" if b.approximate else "span") if b.interval else
                     ("approx" if b.approximate else "point"))
            if b.open_end:
                used.add("open")
            for alt in r.alts:
                used.add("alt_span" if alt.width else "alt_point")
                if alt.bounds:
                    used.add("alt_bound")
            if r.claims:
                used.add("disputed")
    return [(kind, core.t(code)) for kind, code in LEGEND if kind in used]


class Known(NamedTuple):
    """Labels and titles already worked out for the build (pages.Context keeps them), so that
    the index and the year pages do not work them out again."""

    labels: dict[core.EDTFDate, str]
    titles: dict[str, core.Text]


def rows(dataset: core.Dataset, milestones: Sequence[core.Milestone], links: Links,
         axis: Axis, today: int, known: Known | None = None) -> list[Row]:
    computed, titles = known if known is not None else ({}, {})
    bars: dict[core.EDTFDate, Bar] = {}
    names = links.names.milestones
    out = []
    for m in milestones:
        href = links.milestone(m.id)
        assert href is not None
        title = titles.get(m.id) or core.title(dataset, m)
        found = bars.get(m.date)
        if found is None:
            found = bars[m.date] = bar(m.date, axis, today)
        out.append(Row(m.id, href, f"t-{names[m.id]}", title, core.kind(dataset, m),
                       when(m, computed), found,
                       *(disputed(m, axis, today) if m.disputes else ())))
    return out


def spans(milestones: Sequence[core.Milestone], today: int) -> list[tuple[int, int]]:
    out = []
    known: dict[core.EDTFDate, tuple[int, int]] = {}
    for m in milestones:
        found = known.get(m.date)
        if found is None:
            lo, hi = core.bounds(m.date, today)
            if m.date.start is None:
                lo = hi  # an open start reaches back to wherever the axis begins
            found = known[m.date] = (lo, hi)
        out.append(found)
    return out


def sections(dataset: core.Dataset, milestones: Sequence[core.Milestone], links: Links,
             axis: Axis, today: int, by_year: bool, known: Known | None = None
             ) -> list[Section]:
    """Consecutive runs of one phase (when the dataset has phases), else of one year."""
    all_rows = rows(dataset, milestones, links, axis, today, known)
    phases = {p.id: p for p in dataset.phases}
    language = core.dataset_language(dataset)
    out: list[Section] = []
    seen: set[str] = set()
    current: object = ()
    for m, row in zip(milestones, all_rows, strict=True):
        key: object = m.phase if phases else (core.first_year(m.date) if by_year else None)
        if key != current or not out:
            current = key
            out.append(_section(key, phases, language, seen))
        out[-1].rows.append(row)
    return out


def _section(key: object, phases: dict[str, core.Phase], language: str, seen: set[str]
             ) -> Section:
    if isinstance(key, str) and key in phases:
        p = phases[key]
        anchor = f"p-{p.id}"
        if anchor in seen:  # a phase met again later in time: its second run
            anchor = f"{anchor}-{len(seen)}"
        seen.add(anchor)
        return Section(anchor, p.title, language, when_of(p.date, core.label(p.date)),
                       p.summary, [])
    if isinstance(key, int):
        anchor = f"y-{key}"
        seen.add(anchor)
        return Section(anchor, str(key), language, None, None, [])
    if phases:
        anchor = "p-none" if "p-none" not in seen else f"p-none-{len(seen)}"
        seen.add(anchor)
        return Section(anchor, core.t("export.no_phase"), core.language(), None, None, [])
    return Section(None, None, language, None, None, [])


class YearLink(NamedTuple):
    year: int
    href: str
    size: int


def years(milestones: Sequence[core.Milestone]) -> dict[int, list[core.Milestone]]:
    """The milestones filed under each year (their start, or their end for an open start),
    in time order within each year; years in order."""
    out: dict[int, list[core.Milestone]] = {}
    for m in milestones:
        out.setdefault(core.first_year(m.date), []).append(m)
    return dict(sorted(out.items()))


def decades(by_year: dict[int, list[core.Milestone]], links: Links
            ) -> list[tuple[str, list[YearLink]]]:
    out: dict[int, list[YearLink]] = {}
    for year, items in by_year.items():
        out.setdefault(year // 10 * 10, []).append(YearLink(year, links.year(year), len(items)))
    return [(f"{decade}–{decade + 9}", found) for decade, found in out.items()]
