"""The dataset as immutable records; no I/O, no terminal.

Records are NamedTuples: a large dataset holds hundreds of thousands of them, and tuples are
made several times faster than frozen dataclasses and take less room."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from kimcli.dates import EDTFDate

CONFIDENCE_LEVELS = ("primary", "confirmed", "secondary")


class Source(NamedTuple):
    id: str
    title: str
    url: str | None = None
    publisher: str | None = None
    type: str | None = None
    date: str | None = None
    note: str | None = None


class Relation(NamedTuple):
    id: str
    label: str
    inverse: str
    ordered: bool = False
    label_en: str | None = None
    inverse_en: str | None = None


class Ref(NamedTuple):
    to: str
    rel: str
    note: str | None = None
    sources: tuple[str, ...] = ()


class Fact(NamedTuple):
    text: str
    sources: tuple[str, ...] = ()
    confidence: str | None = None


class KeyDate(NamedTuple):
    date: EDTFDate
    raw: str
    label: str
    sources: tuple[str, ...] = ()


class Claim(NamedTuple):
    claim: str
    sources: tuple[str, ...] = ()


class Dispute(NamedTuple):
    topic: str
    claims: tuple[Claim, ...]
    note: str | None = None


class Translation(NamedTuple):
    title: str | None = None
    summary: str | None = None
    date_label: str | None = None
    kind: str | None = None


class Milestone(NamedTuple):
    id: str
    title: str
    date: EDTFDate
    raw_date: str
    kind: str
    summary: str
    date_label: str | None = None
    description: str | None = None
    phase: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    refs: tuple[Ref, ...] = ()
    sources: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    key_dates: tuple[KeyDate, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    en: Translation | None = None
    line: int = 0

    def display_date(self) -> str:
        return self.date_label or self.date.label()

    def cited_sources(self) -> tuple[str, ...]:
        """Every source this milestone cites anywhere, main sources first, no repeats."""
        seen: dict[str, None] = dict.fromkeys(self.sources)
        for fact in self.facts:
            seen.update(dict.fromkeys(fact.sources))
        for key_date in self.key_dates:
            seen.update(dict.fromkeys(key_date.sources))
        for dispute in self.disputes:
            for claim in dispute.claims:
                seen.update(dict.fromkeys(claim.sources))
        for ref in self.refs:
            seen.update(dict.fromkeys(ref.sources))
        return tuple(seen)


class Actor(NamedTuple):
    id: str
    name: str
    abbr: str | None = None
    role: str | None = None
    sources: tuple[str, ...] = ()


class GlossaryEntry(NamedTuple):
    term: str
    definition: str
    aliases: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    see: tuple[str, ...] = ()


class Phase(NamedTuple):
    id: str
    title: str
    date: EDTFDate
    raw_date: str
    summary: str | None = None


@dataclass(frozen=True)
class Dataset:
    title: str
    milestones: tuple[Milestone, ...]
    language: str | None = None
    description: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)
    relations: dict[str, Relation] = field(default_factory=dict)
    actors: dict[str, Actor] = field(default_factory=dict)
    glossary: tuple[GlossaryEntry, ...] = ()
    phases: tuple[Phase, ...] = ()
    path: str = ""
    # The content digest when the dataset is in the cache, so that an index can join it there.
    digest: str = field(default="", compare=False)

    def by_id(self) -> dict[str, Milestone]:
        """Milestones by id, built once: views ask for it again and again."""
        index: dict[str, Milestone] | None = self.__dict__.get("_by_id")
        if index is None:
            index = {m.id: m for m in self.milestones}
            object.__setattr__(self, "_by_id", index)  # a cache, not state: frozen stays true
        return index

    def chronological(self) -> tuple[Milestone, ...]:
        """The milestones in time order (by date, then id), sorted once; a filter keeps it."""
        found: tuple[Milestone, ...] | None = self.__dict__.get("_chronological")
        if found is None:
            found = tuple(sorted(self.milestones, key=lambda m: (m.date.sort_key(), m.id)))
            object.__setattr__(self, "_chronological", found)
        return found

    def relation(self, rel: str) -> Relation:
        """The declared relation, or a free-text one (its inverse label left to the view)."""
        found = self.relations.get(rel)
        if found is not None:
            return found
        return Relation(id=rel, label=rel, inverse="")
