"""The dataset as a whole: its top-level fields, lookups by id and the order in time."""

from __future__ import annotations

from dataclasses import dataclass, field

from kimcli.dates import EDTFDate
from kimcli.domain.fields import (
    ACTOR,
    CLAIM,
    DISPUTE,
    FACT,
    GLOSSARY_ENTRY,
    KEY_DATE,
    MILESTONE,
    PHASE,
    REF,
    RELATION,
    SOURCE,
    Actor,
    Field,
    GlossaryEntry,
    Milestone,
    Phase,
    Relation,
    Source,
    Spec,
    T,
    Texts,
    _en,
)

DATASET_FIELDS = (
    Field("title", T.TEXT, "the timeline's title", required=True, translatable=True),
    Field("language", T.TEXT, "language of the texts (de)"),
    Field("description", T.TEXT, "what the timeline covers", translatable=True),
    Field("as_of", T.DAY, "the day the dataset was last checked against its sources"),
    _en(),
    Field("relations", T.TABLE, "vocabulary for refs[].rel, with inverse labels", of=RELATION),
    Field("sources", T.TABLE, "source id -> source", of=SOURCE),
    Field("actors", T.TABLE, "actor id -> actor", of=ACTOR),
    Field("glossary", T.LIST, "terms and abbreviations", of=GLOSSARY_ENTRY),
    Field("phases", T.LIST, "periods", of=PHASE),
    Field("milestones", T.LIST, "the milestones", required=True, of=MILESTONE),
)


@dataclass(frozen=True)
class Dataset:
    title: str
    milestones: tuple[Milestone, ...]
    language: str | None = None
    description: str | None = None
    as_of: EDTFDate | None = None
    en: Texts | None = None
    relations: dict[str, Relation] = field(default_factory=dict)
    sources: dict[str, Source] = field(default_factory=dict)
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


DATASET = Spec("dataset", Dataset, DATASET_FIELDS, doc="a kim dataset")
SPECS = (DATASET, MILESTONE, REF, FACT, KEY_DATE, DISPUTE, CLAIM, SOURCE, RELATION, ACTOR,
         GLOSSARY_ENTRY, PHASE)
