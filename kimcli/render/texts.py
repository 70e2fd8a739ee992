"""A milestone's and a relation's text in the reader's language; no Rich, ready for i18n."""

from __future__ import annotations

from kimcli import labels
from kimcli.dates import EDTFDate
from kimcli.model import Milestone, Relation


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


def rel_label(rel: Relation) -> str:
    """How a reference reads from its source, in the reader's language."""
    return (rel.label_en if labels.language() == "en" else None) or rel.label


def rel_inverse(rel: Relation) -> str:
    """How a reference reads from its target; undeclared relations say it plainly."""
    inverse = (rel.inverse_en if labels.language() == "en" else None) or rel.inverse
    return inverse or labels.t("rel.inverse_default", rel=rel_label(rel))
