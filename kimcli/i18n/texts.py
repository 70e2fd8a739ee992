"""The dataset's own texts in the reader's language, for every face: the English text where the
dataset has one and English is chosen, else the original."""

from __future__ import annotations

from typing import Any

from kimcli import i18n
from kimcli.dates import EDTFDate
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone, Phase, Relation, text_in


def pick(record: Any, name: str) -> Any:
    """Field `name` of a record in the current language: its `en:` text when English is
    chosen and the record has one, else the field as written."""
    if i18n.language() == "en":
        english = text_in(getattr(record, "en", None), name)
        if english:
            return english
    return getattr(record, name)


def _text(record: object, name: str) -> str:
    """A text field that every record of its kind has, in the current language."""
    value = pick(record, name)
    return value if isinstance(value, str) else ""


def title_of(m: Milestone) -> str:
    return _text(m, "title")


def summary_of(m: Milestone) -> str:
    return _text(m, "summary")


def kind_of(m: Milestone) -> str:
    return _text(m, "kind")


def date_of(m: Milestone, computed: dict[EDTFDate, str] | None = None) -> str:
    """The display date: the dataset's label in the current language, else one made from the
    date (a German free-text label would not read as English). `computed` remembers made
    labels across a long list, where many dates repeat."""
    custom = m.date_label if i18n.language() == "de" else text_in(m.en, "date_label")
    if custom:
        return custom
    if computed is None:
        return i18n.date_text(m.date)
    found = computed.get(m.date)
    if found is None:
        found = computed[m.date] = i18n.date_text(m.date)
    return found


def rel_label(rel: Relation) -> str:
    """How a reference reads from its source, in the reader's language."""
    return _text(rel, "label")


def rel_inverse(rel: Relation) -> str:
    """How a reference reads from its target; undeclared relations say it plainly."""
    return _text(rel, "inverse") or i18n.t("rel.inverse_default", rel=rel_label(rel))


def phase_title(phase: Phase) -> str:
    return _text(phase, "title")


def dataset_title(dataset: Dataset) -> str:
    return _text(dataset, "title")


def dataset_description(dataset: Dataset) -> str | None:
    description: str | None = pick(dataset, "description")
    return description


def precision_of(d: EDTFDate) -> str:
    """'Tag', 'Zeitraum, ungefähr, offenes Ende': how exact a date is."""
    parts = [i18n.t(f"precision.{d.precision}")]
    if d.approximate:
        parts.append(i18n.t("precision.approximate"))
    if d.uncertain:
        parts.append(i18n.t("precision.uncertain"))
    if d.open_end:
        parts.append(i18n.t("precision.open"))
    if d.unknown_end:
        parts.append(i18n.t("precision.unknown_end"))
    return ", ".join(parts)


def hit_text(text: str, spans: tuple[tuple[int, int], ...], translates: str | None,
             record: Any) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text a search hit shows: an English text that matched is shown only to English
    readers; others see the original field it translates (without highlights)."""
    if translates is not None and i18n.language() != "en" and record is not None:
        original = getattr(record, translates, None)
        if isinstance(original, str):
            return original, ()
    return text, spans
