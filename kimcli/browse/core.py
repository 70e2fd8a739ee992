"""The browser's one door into kim: every call from kimcli.browse into the rest of kimcli.

Loading, time order, filters, search, bars and axis, the show view, labels and inert text all
come from kim's own modules through the functions here, so that a restructured kimcli is
re-pointed by editing this file alone. Nothing here imports Textual.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from rich.console import Group, RenderableType
from rich.style import Style
from rich.text import Text
from rich.tree import Tree

from kimcli import dates as _dates
from kimcli import i18n as _labels
from kimcli import io as _loader
from kimcli import query as _query
from kimcli.dates import EDTFDate
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import GlossaryEntry, Milestone
from kimcli.errors import DateError, NotFoundError
from kimcli.i18n import texts as _texts
from kimcli.index import SearchIndex
from kimcli.query import Hit, Link
from kimcli.render import bars as _bars
from kimcli.render import inert as _safe
from kimcli.render import layout as _layout
from kimcli.render import lists as _lists
from kimcli.render import milestone as _milestone

__all__ = [
    "Dataset", "EDTFDate", "Filters", "GlossaryEntry", "Hit", "Link", "Milestone", "NotFoundError",
    "Reference", "Scale", "SearchIndex", "SourceItem",
]

# -- labels and inert text -----------------------------------------------------------------


def t(key: str, /, **params: object) -> str:
    """A label in the reader's language."""
    return _labels.t(key, **params)


def language() -> str:
    return _labels.language()


def text(value: str, style: str | Style | None = None) -> Text:
    """Dataset text as inert Rich text: no markup, control characters as visible escapes."""
    return _safe.text(value, style)


def clean(value: str) -> str:
    return _safe.clean(value)


def is_web_url(url: str) -> bool:
    return _safe.is_web_url(url)


def cells(value: str) -> int:
    """Terminal cells a string takes."""
    return _layout.cells(value)


# -- the dataset ---------------------------------------------------------------------------


def load(path: str | Path | None) -> Dataset:
    """The dataset at `path` (the bundled one for None), validated; DataError if broken."""
    return _loader.load(path if path is not None else _loader.default_data_path())


def chronological(dataset: Dataset) -> Sequence[Milestone]:
    return dataset.chronological()


def find(dataset: Dataset, name: str) -> Milestone:
    """A milestone by id, alias or unique prefix, as `kim show` resolves it; NotFoundError."""
    return _query.find(dataset, name)


def by_id(dataset: Dataset) -> dict[str, Milestone]:
    return dataset.by_id()


# -- what a row shows ----------------------------------------------------------------------


def title(m: Milestone) -> str:
    return _safe.clean(_texts.title_of(m))


def kind(m: Milestone) -> str:
    return _safe.clean(_texts.kind_of(m))


def date_label(m: Milestone, memo: dict[EDTFDate, str] | None = None) -> str:
    """The display date; `memo` remembers computed labels across a long list."""
    return _safe.clean(_texts.date_of(m, memo))


def caption(count: int, total: int) -> str:
    """"5 von 14 Meilensteinen", as under `kim timeline`."""
    return _labels.t("timeline.caption", count=count, total=total)


class Scale:
    """One time axis for a list of milestones, and each one's bar on it, as `kim timeline`
    draws them (kimcli.views.Axis and bar_cells)."""

    def __init__(self, items: Sequence[Milestone]) -> None:
        today: _dt.date = _dates.current_day()
        self._days: dict[EDTFDate, tuple[int, int]] = {}
        for m in items:
            if m.date not in self._days:
                self._days[m.date] = m.date.bounds(today)
        # As in views.timeline_view: an open start reaches back to its end at least.
        self.axis = _bars.Axis(span if date.start is not None else (span[1], span[1])
                                for date, span in self._days.items())

    def header(self, width: int) -> str:
        """Year labels over a bar column `width` cells wide."""
        return _bars.axis_cells(self.axis, width)

    def bar(self, m: Milestone, width: int) -> tuple[str, str]:
        """The bar's text (at most `width` cells) and its style name."""
        return _bars.milestone_bar(m, self.axis, width, self._days.get(m.date))


# -- filters -------------------------------------------------------------------------------


class Filters(NamedTuple):
    """What the browser narrows the timeline to; every part combines with the others."""

    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    phases: tuple[str, ...] = ()
    start: str = ""  # as typed: a year, month or day
    end: str = ""

    @property
    def active(self) -> bool:
        return bool(self.kinds or self.tags or self.phases or self.start or self.end)


def parse_bound(value: str, *, upper: bool) -> int:
    """A year, month or day as its first (or last) day; ValueError with a message if not."""
    try:
        return _dates.parse_bound(value, upper=upper)
    except DateError as exc:
        raise ValueError(_labels.word(exc.message)) from None


def check_range(start: str, end: str) -> str | None:
    """None when both bounds read and are in order, else the message to show."""
    try:
        lo = parse_bound(start, upper=False) if start else None
        hi = parse_bound(end, upper=True) if end else None
    except ValueError as exc:
        return str(exc)
    if lo is not None and hi is not None and lo > hi:
        return _labels.t("browse.filter.range")
    return None


def filtered(dataset: Dataset, flt: Filters) -> list[Milestone]:
    """The milestones that pass: kind, tag and date range as `kim timeline` filters them
    (query.timeline), and the phase, which it does not have yet."""
    lo = parse_bound(flt.start, upper=False) if flt.start else None
    hi = parse_bound(flt.end, upper=True) if flt.end else None
    items = _query.timeline(dataset, _query.TimelineFilter(lo, hi, flt.kinds, flt.tags))
    if flt.phases:
        wanted = set(flt.phases)
        items = [m for m in items if m.phase in wanted]
    return items


def kind_choices(dataset: Dataset) -> list[tuple[str, str]]:
    """Each kind as (the value to filter on, the name in the reader's language)."""
    names: dict[str, str] = {}
    for m in dataset.chronological():
        names.setdefault(m.kind, kind(m))
    return sorted(names.items(), key=lambda pair: pair[1].casefold())


def tag_choices(dataset: Dataset) -> list[str]:
    return sorted({tag for m in dataset.milestones for tag in m.tags}, key=str.casefold)


def phase_choices(dataset: Dataset) -> list[tuple[str, str]]:
    return [(p.id, _safe.clean(_texts.phase_title(p))) for p in dataset.phases]


# -- one milestone -------------------------------------------------------------------------


class Reference(NamedTuple):
    """One reference to follow, with the line `kim show` prints for it."""

    target: str
    outgoing: bool
    line: Text


def _without_refs(view: RenderableType) -> RenderableType:
    """The show view minus its closing cross-reference tree, which the browser replaces by a
    list to choose from; any other shape is kept whole."""
    if isinstance(view, Group):
        parts = list(view.renderables)
        if len(parts) >= 2 and isinstance(parts[-1], Tree):
            return Group(*parts[:-2])
    return view


_INCOMING: list[tuple[Dataset, dict[str, list[Link]]]] = []


def referenced_by(dataset: Dataset, mid: str) -> list[Link]:
    """The references pointing at a milestone (query.referenced_by), remembered: the detail
    and the reference list ask for the same ones, and Back asks again. No index of all the
    references is built, which would cost the first screen of a large dataset more."""
    if not _INCOMING or _INCOMING[0][0] is not dataset:
        _INCOMING[:] = [(dataset, {})]
    known = _INCOMING[0][1]
    found = known.get(mid)
    if found is None:
        found = known[mid] = _query.referenced_by(dataset, mid)
    return list(found)


def detail(dataset: Dataset, m: Milestone) -> RenderableType:
    """Everything `kim show` shows for a milestone, except the reference tree."""
    return _without_refs(_milestone.show_view(dataset, m, referenced_by(dataset, m.id)))


def references(dataset: Dataset, m: Milestone) -> tuple[list[Reference], list[Reference]]:
    """Outgoing and incoming references, each with its line from the show view's tree."""
    out = [Link(r.to, r.rel, True, r.note) for r in m.refs]
    incoming = referenced_by(dataset, m.id)
    tree = _milestone.refs_tree(dataset, m, out, incoming)

    def lines(branch: Tree, links: Sequence[Link]) -> list[Reference]:
        return [Reference(link.other, link.outgoing, _as_text(node.label))
                for link, node in zip(links, branch.children, strict=False)]

    return lines(tree.children[0], out), lines(tree.children[1], incoming)


def _as_text(label: object) -> Text:
    return label if isinstance(label, Text) else Text(str(label))


def refs_headings() -> tuple[str, str, str, str]:
    """The show view's words: section, outgoing, incoming, none."""
    return (_labels.t("show.refs"), _labels.t("show.refs_out"), _labels.t("show.refs_in"),
            _labels.t("show.no_refs"))


class SourceItem(NamedTuple):
    number: int  # as in the show view: [1], [2], …
    id: str
    line: Text  # title — publisher, date (id)
    url: str | None


def sources(dataset: Dataset, m: Milestone) -> list[SourceItem]:
    """The milestone's sources, numbered as `kim show` numbers them."""
    items = []
    for number, sid in enumerate(m.cited_sources(), 1):
        src = dataset.sources.get(sid)
        line = _safe.text(src.title if src else sid)
        dated = src.date.edtf() if src and src.date else None
        meta = [x for x in (src.publisher, dated) if x] if src else []
        if meta:
            line.append_text(_safe.text(" — " + ", ".join(meta), "dim"))
        line.append_text(_safe.text(f" ({sid})", "dim"))
        items.append(SourceItem(number, sid, line, src.url if src else None))
    return items


def glossary_view(dataset: Dataset, entry: GlossaryEntry) -> RenderableType:
    return _lists.glossary_entry_view(dataset, entry)


# -- search --------------------------------------------------------------------------------


def search_index(dataset: Dataset) -> SearchIndex:
    """The dataset's search index, read (or built) once for a session of typing."""
    from kimcli.io.cache import search_index

    result: SearchIndex = search_index(dataset)
    return result


def search(dataset: Dataset, phrase: str, limit: int, index: SearchIndex | None) -> list[Hit]:
    """kim's ranked search (folding, typo tolerance); no words, no hits."""
    try:
        return _query.search(dataset, phrase, limit, index=index)
    except NotFoundError:  # an empty query
        return []


def hit_title(hit: Hit) -> str:
    return _safe.clean(_texts.title_of(hit.milestone) if hit.milestone else hit.title)


def field_name(hit: Hit) -> str:
    return _labels.t("field." + hit.field.label)


def snippet(hit: Hit, radius: int = 30) -> Text:
    """The matched field around the match, matches highlighted, as `kim search` shows it."""
    return _lists.snippet(hit, radius)
