"""The timeline's filter: a date range that overlaps, kinds, tags to have (any or all) and to
lack, disputes; pure, like the rest of kimcli.query, which offers it as its own."""

from __future__ import annotations

from typing import NamedTuple

from kimcli.dates import EDTFDate, current_day
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.fuzzy import fold


class TimelineFilter(NamedTuple):
    start: int | None = None  # first day (ordinal) to keep, inclusive
    end: int | None = None  # last day (ordinal) to keep, inclusive
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    reverse: bool = False
    disputed: bool = False  # only milestones whose sources disagree somewhere
    without: tuple[str, ...] = ()  # none of these tags
    all_tags: bool = False  # every tag of `tags`, not any of them


def timeline(dataset: Dataset, flt: TimelineFilter) -> list[Milestone]:
    """The milestones that overlap the range, match any given kind and any given tag (every
    one with `all_tags`), have none of the tags `without` (and, with `disputed`, record a
    dispute)."""
    kinds = {fold(k) for k in flt.kinds}
    tags = {fold(t) for t in flt.tags}
    without = {fold(t) for t in flt.without}
    lo = flt.start if flt.start is not None else 0
    hi = flt.end if flt.end is not None else 10**9
    dated = flt.start is not None or flt.end is not None
    result = list(dataset.chronological())
    if kinds or tags or without or dated:
        today = current_day() if dated else None  # once, not for every open end
        overlap: dict[EDTFDate, bool] = {}  # in a long list most dates repeat

        def overlaps(date: EDTFDate) -> bool:
            found = overlap.get(date)
            if found is None:
                found = overlap[date] = date.overlaps(lo, hi, today)
            return found

        def tagged(m: Milestone) -> bool:
            have = {fold(t) for t in m.tags}
            if tags and (not tags <= have if flt.all_tags else tags.isdisjoint(have)):
                return False
            return without.isdisjoint(have)

        result = [m for m in result
                  if not (kinds and fold(m.kind) not in kinds)
                  and not ((tags or without) and not tagged(m))
                  and not (dated and not overlaps(m.date))]
    if flt.disputed:
        result = [m for m in result if m.disputes]
    if flt.reverse:
        result.reverse()
    return result
