"""The site's one door into the rest of kim: loading, order, filters, dates, language, search.

Everything the site builder needs from kimcli is asked for here and nowhere else, so that a
restructured kim (one field table, an i18n layer, a render package) is re-pointed by editing
this file alone. The functions are thin on purpose: the logic stays in kim's own modules.
"""

from __future__ import annotations

import dataclasses
import functools
import os
from collections.abc import Sequence
from typing import Any, NamedTuple

from kimcli import __version__, dates, fuzzy, i18n, query
from kimcli import index as search_index
from kimcli import io as loader
from kimcli.dates import EDTFDate, Point
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import GlossaryEntry, Milestone, Phase, Relation, Source, text_in
from kimcli.errors import KimError, UsageError, msg
from kimcli.i18n import texts
from kimcli.io.cache import search_index as cached_index
from kimcli.query import Citations, Link
from kimcli.render.inert import clean, is_web_url

__all__ = [
    "Citations", "Dataset", "EDTFDate", "GlossaryEntry", "KimError", "Link", "Milestone",
    "Phase", "Relation", "Source", "UsageError", "clean", "is_web_url", "msg",
]

VERSION = __version__


# -- loading and choosing ------------------------------------------------------------------


def load(path: str | os.PathLike[str] | None) -> Dataset:
    """The dataset at `path`, or the bundled one (kim's loader: validated, cached)."""
    return loader.load(path if path is not None else loader.default_data_path())


def select(dataset: Dataset, flt: query.TimelineFilter | None = None) -> list[Milestone]:
    """The milestones in time order that pass kim's timeline filters (all without any)."""
    return query.timeline(dataset, flt or query.TimelineFilter())


def incoming(dataset: Dataset) -> dict[str, list[Link]]:
    """For every milestone, the references pointing at it (built once for all pages)."""
    return query.neighbours(dataset, "in")


def citations(dataset: Dataset) -> dict[str, Citations]:
    """Who cites each source: milestones in time order, glossary terms, actors."""
    return query.citations(dataset)


def cited_sources(m: Milestone) -> tuple[str, ...]:
    """The sources a milestone cites anywhere, numbered 1, 2, … in this order (as kim show)."""
    return m.cited_sources()


# -- language ------------------------------------------------------------------------------


def t(key: str, /, **params: object) -> str:
    """A label in the chosen language (the catalogues in kimcli/i18n)."""
    return i18n.t(key, **params)


def language() -> str:
    return i18n.language()


def dataset_language(dataset: Dataset) -> str:
    """The language of the dataset's own text (its `language:` field, German by default)."""
    return _language_of(dataset.language)


@functools.lru_cache(maxsize=16)
def _language_of(tag: str | None) -> str:
    return i18n.normalize(tag) or (tag or "de")


class Text(NamedTuple):
    """A text from the dataset and the language it is written in."""

    value: str
    lang: str


def _picked(value: str, original: str, dataset: Dataset) -> Text:
    # The i18n pick returns the original when there is no translation; say which it was.
    return Text(value, dataset_language(dataset) if value == original else language())


def title(dataset: Dataset, m: Milestone) -> Text:
    return _picked(texts.title_of(m), m.title, dataset)


def summary(dataset: Dataset, m: Milestone) -> Text:
    return _picked(texts.summary_of(m), m.summary, dataset)


def kind(dataset: Dataset, m: Milestone) -> Text:
    return _picked(texts.kind_of(m), m.kind, dataset)


def date_label(m: Milestone, computed: dict[EDTFDate, str] | None = None) -> str:
    """The display date in the chosen language (a translated label, else kim's own)."""
    return texts.date_of(m, computed)


def precision(m: Milestone) -> str:
    """'Zeitraum, offenes Ende' and the like, as kim show says it."""
    return texts.precision_of(m.date)


def rel_label(dataset: Dataset, rel: str) -> str:
    return texts.rel_label(dataset.relation(rel))


def rel_inverse(dataset: Dataset, rel: str) -> str:
    return texts.rel_inverse(dataset.relation(rel))


def dataset_title(dataset: Dataset) -> Text:
    """The dataset's title; an English one once the model keeps the top-level `en` block."""
    value = text_in(dataset.en, "title") if language() == "en" else None
    return Text(value, "en") if value else Text(dataset.title, dataset_language(dataset))


def dataset_description(dataset: Dataset) -> Text | None:
    value = text_in(dataset.en, "description") if language() == "en" else None
    if value:
        return Text(value, "en")
    if dataset.description:
        return Text(dataset.description, dataset_language(dataset))
    return None


# -- dates ---------------------------------------------------------------------------------


def today() -> int:
    """Today as an ordinal: where open ends run to (tests pin it through kimcli.dates)."""
    return dates.current_day().toordinal()


def bounds(date: EDTFDate, today_: int) -> tuple[int, int]:
    """First and last day a date covers, as ordinals; open and unknown ends run to today."""
    import datetime as _dt

    return date.bounds(_dt.date.fromordinal(today_))


def machine_date(point: Point | None) -> str | None:
    """An EDTF point as an HTML `datetime` value at its real precision: 2012, 2020-11, 2022-01-01.

    The qualifiers (~ ? %) have no HTML form; the visible label says them."""
    if point is None:
        return None
    return Point(point.year, point.month, point.day).edtf()


def edtf(date: EDTFDate) -> str:
    return date.edtf()


def first_year(date: EDTFDate) -> int:
    """The year a date is filed under: its start, else (an open start) its end."""
    point = date.start or date.end
    assert point is not None  # kim's parser refuses a date without both ends
    return point.year


def as_of(dataset: Dataset) -> tuple[str, str | None] | None:
    """The dataset's as-of date (label, machine date) once the model has an `as_of` field."""
    value = dataset.as_of
    if value is None:
        return None
    return i18n.date_text(value), machine_date(value.start or value.end)


def label(date: EDTFDate) -> str:
    """kim's own label of a date (a further date, a phase) in the chosen language."""
    return i18n.date_text(date)


def point_label(point: Point) -> str:
    """kim's label of one end of a date (2019, April 2017) in the chosen language."""
    return i18n.date_text(EDTFDate(point))


def claimed_dates(m: Milestone) -> list[EDTFDate]:
    """The other dates a milestone's sources claim in its disputes, each once: what kim
    timeline draws faintly beside its bar (render/bars.py takes the same claims)."""
    return list(dict.fromkeys(c.date for d in m.disputes for c in d.claims
                              if c.date is not None and c.date != m.date))


def sort_key(date: EDTFDate) -> tuple[int, int, int, str]:
    return date.sort_key()


def by_id(dataset: Dataset) -> dict[str, Milestone]:
    return dataset.by_id()


# -- search --------------------------------------------------------------------------------


def fold(value: str) -> str:
    """kim search's folding: case, accents, ß = ss, ü = ue = u."""
    return fuzzy.fold(value)


def tokens(value: str) -> list[str]:
    return fuzzy.tokens(value)


def search_postings(dataset: Dataset, milestones: Sequence[Milestone]
                    ) -> tuple[int, dict[str, str], Sequence[Milestone]]:
    """kim's own search index over the milestones shown and the glossary: its stride, per
    folded token the numbers of the fields it occurs in, and the milestones in record order
    (the glossary's records follow them).

    Showing every milestone, the site takes the index kim search keeps in its cache (and
    leaves one there); a selection gets an index of its own."""
    if len(milestones) == len(dataset.milestones):
        built = cached_index(dataset)
        shown = dataset.milestones
    else:
        shown = tuple(milestones)
        built = search_index.build(dataclasses.replace(dataset, milestones=shown))
    record = search_index.to_record(built)
    return record["stride"], record["postings"], shown


def search_rules() -> dict[str, Any]:
    """What a search script needs to score like kim search: field kinds and their weights."""
    return {"kinds": [sf.label for sf in search_index.FIELD_CODES],
            "code_bits": search_index.CODE_BITS,
            "weights": {sf.label: sf.weight for sf in search_index.FIELD_CODES}}


def search(dataset: Dataset, words: str) -> list[str]:
    """kim search's answer (ids or terms, best first): the reference for the site's script."""
    return [hit.id for hit in query.search(dataset, words, index=cached_index(dataset))]
