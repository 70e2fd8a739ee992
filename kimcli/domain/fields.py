"""The dataset's records and THE field table that describes them: one home for every field.

The JSON Schema, the loader's allowed keys and checks, the cache format, `--json`, the JSON
export and the search index are all derived from the specs below. Adding an optional field
means adding it to its record class and its spec here, and to the views that show it.

Records are NamedTuples: a large dataset holds hundreds of thousands of them, and tuples are
made several times faster than frozen dataclasses and take less room.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from typing import Any, NamedTuple

from kimcli.dates import EDTFDate


class FieldType(Enum):
    TEXT = "text"
    ID = "id"  # a slug: [a-z0-9][a-z0-9._-]*
    DATE = "date"  # kim's EDTF subset
    DAY = "day"  # an EDTF date of day precision
    FLAG = "flag"
    CHOICE = "choice"
    TEXTS = "texts"  # a list of free texts
    REF = "ref"  # the id of a `target`
    REFS = "refs"  # a list of ids of a `target`
    LIST = "list"  # a list of `of` records
    RECORD = "record"  # one `of` record
    TABLE = "table"  # a mapping of id -> `of` record, the id kept in the record's `key`
    TRANSLATIONS = "translations"  # `en:` texts of the record's translatable fields


class Target(Enum):
    MILESTONE = "milestone"
    SOURCE = "source"
    ACTOR = "actor"
    PHASE = "phase"
    RELATION = "relation"


class SearchField(Enum):
    """What a searchable text is, with the weight a match in it counts; the order is the
    stored code of the search index."""

    ID = ("id", 10.0)
    ALIAS = ("alias", 9.0)
    TITLE = ("title", 8.0)
    TAG = ("tag", 6.0)
    KIND = ("kind", 4.0)
    GLOSSARY = ("glossary", 7.0)
    SUMMARY = ("summary", 4.0)
    DESCRIPTION = ("description", 2.5)
    FACT = ("fact", 2.0)
    DISPUTE = ("dispute", 2.0)
    SOURCE = ("source", 1.5)  # the titles of the sources a record cites

    # Members are singletons: identity hashing keeps the search's many set and dict look-ups
    # in C (Enum's own __hash__ is Python code).
    __hash__ = object.__hash__

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def weight(self) -> float:
        return self.value[1]


CONFIDENCE_LEVELS = ("primary", "confirmed", "secondary")


@dataclass(frozen=True)
class Field:
    name: str
    type: FieldType
    doc: str
    required: bool = False
    of: Spec | None = None
    target: Target | None = None
    choices: tuple[str, ...] = ()
    translatable: bool = False  # may have an English text in the record's `en:`
    search: SearchField | None = None
    brief: bool = False  # part of the short form (`kim timeline --json`)
    row: bool = False  # shown in a timeline row (the cache keeps rows with these only)


@dataclass(frozen=True)
class Spec:
    """One kind of record: its class, its fields in the class's order, and how it is keyed."""

    name: str
    cls: Any
    fields: tuple[Field, ...]
    key: str | None = None  # TABLE records: the field that holds the mapping's key
    line: bool = False  # the record keeps the line it starts on, after its fields
    doc: str = ""
    by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)
    # Derived once: the walks over a large dataset ask for them for every record.
    written: tuple[Field, ...] = field(default=(), compare=False, repr=False)
    translatable: tuple[str, ...] = field(default=(), compare=False, repr=False)
    # Positions of the required references to a milestone (a reference record's `to`).
    milestone_refs: tuple[int, ...] = field(default=(), compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update((f.name, f) for f in self.fields)
        # The fields written in a file (a TABLE record's key is the mapping's key).
        object.__setattr__(self, "written", tuple(f for f in self.fields if f.name != self.key))
        object.__setattr__(self, "translatable",
                           tuple(f.name for f in self.fields if f.translatable))
        object.__setattr__(self, "milestone_refs", tuple(
            i for i, f in enumerate(self.fields)
            if f.type is FieldType.REF and f.target is Target.MILESTONE and f.required))


def row_blanks(spec: Spec) -> dict[str, Any]:
    """What a timeline row (a record cut down to the fields marked `row`) holds in every other
    field: its default, or an empty text where it has none. English texts stay (only those
    of shown fields: io.timelinerows)."""
    defaults = spec.cls._field_defaults
    names = [f.name for f in spec.fields if not f.row and f.type is not FieldType.TRANSLATIONS]
    return {name: defaults.get(name, "") for name in names + (["line"] if spec.line else [])}


# -- records ---------------------------------------------------------------------------------

Texts = tuple[tuple[str, str], ...]  # (field, text) pairs of a record's `en:` block


def text_in(texts: Texts | None, name: str) -> str | None:
    for key, value in texts or ():
        if key == name:
            return value
    return None


class Source(NamedTuple):
    id: str
    title: str
    url: str | None = None
    publisher: str | None = None
    type: str | None = None
    date: EDTFDate | None = None
    note: str | None = None
    accessed: EDTFDate | None = None


class Relation(NamedTuple):
    id: str
    label: str
    inverse: str
    ordered: bool = False
    en: Texts | None = None


class Ref(NamedTuple):
    to: str
    rel: str
    note: str | None = None
    sources: tuple[str, ...] = ()


class Fact(NamedTuple):
    text: str
    sources: tuple[str, ...] = ()
    confidence: str | None = None
    valid: EDTFDate | None = None


class KeyDate(NamedTuple):
    date: EDTFDate
    label: str
    sources: tuple[str, ...] = ()


class Claim(NamedTuple):
    claim: str
    sources: tuple[str, ...] = ()
    date: EDTFDate | None = None


class Dispute(NamedTuple):
    topic: str
    claims: tuple[Claim, ...]
    note: str | None = None


class Milestone(NamedTuple):
    id: str
    title: str
    date: EDTFDate
    kind: str
    summary: str
    date_label: str | None = None
    description: str | None = None
    phase: str | None = None
    tags: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    actors: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    key_dates: tuple[KeyDate, ...] = ()
    disputes: tuple[Dispute, ...] = ()
    refs: tuple[Ref, ...] = ()
    en: Texts | None = None
    line: int = 0

    def cited_sources(self) -> tuple[str, ...]:
        """Every source this milestone cites anywhere, its own sources first, no repeats."""
        from kimcli.domain.walk import cited

        return tuple(dict.fromkeys(cited(self, MILESTONE)))


class Actor(NamedTuple):
    id: str
    name: str
    abbr: str | None = None
    role: str | None = None
    sources: tuple[str, ...] = ()
    facts: tuple[Fact, ...] = ()
    en: Texts | None = None

    def cited_sources(self) -> tuple[str, ...]:
        from kimcli.domain.walk import cited

        return tuple(dict.fromkeys(cited(self, ACTOR)))


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
    summary: str | None = None
    en: Texts | None = None


# -- the table -------------------------------------------------------------------------------

T = FieldType
_SOURCES = Field("sources", T.REFS, "ids of the sources that back this", target=Target.SOURCE)


def _en(doc: str = "English texts of this record's translatable fields") -> Field:
    return Field("en", T.TRANSLATIONS, doc)


SOURCE = Spec("source", Source, (
    Field("id", T.ID, "the source's id, the key in `sources:`", required=True),
    Field("title", T.TEXT, "title of the page or document", required=True),
    Field("url", T.TEXT, "address; linked only when http(s)"),
    Field("publisher", T.TEXT, "who published it"),
    Field("type", T.TEXT, "what it is (Pressemitteilung, Gesetz, …)"),
    Field("date", T.DATE, "when it was published"),
    Field("note", T.TEXT, "a remark on the source"),
    Field("accessed", T.DAY, "the day the source was read"),
), key="id", doc="a source that facts cite")

RELATION = Spec("relation", Relation, (
    Field("id", T.ID, "the relation's id, the key in `relations:`", required=True),
    Field("label", T.TEXT, "label from the referring milestone", required=True,
          translatable=True),
    Field("inverse", T.TEXT, "label seen from the target", required=True, translatable=True),
    Field("ordered", T.FLAG, "true when the relation implies an order in time"),
    _en(),
), key="id", doc="a kind of cross-reference, with its labels")

REF = Spec("ref", Ref, (
    Field("to", T.REF, "the id of the milestone referred to", required=True,
          target=Target.MILESTONE),
    Field("rel", T.REF, "the relation (an id from `relations:`)", required=True,
          target=Target.RELATION),
    Field("note", T.TEXT, "a remark on the reference"),
    _SOURCES,
), doc="a cross-reference to another milestone")

FACT = Spec("fact", Fact, (
    Field("text", T.TEXT, "the statement", required=True, search=SearchField.FACT),
    _SOURCES,
    Field("confidence", T.CHOICE, "how well it is confirmed", choices=CONFIDENCE_LEVELS),
    Field("valid", T.DATE, "when the statement holds, for states that can change; "
          "open-ended (`2026-01-27/..`) while still true"),
), doc="one sourced statement")

KEY_DATE = Spec("key_date", KeyDate, (
    Field("date", T.DATE, "the date", required=True),
    Field("label", T.TEXT, "what happened then", required=True, search=SearchField.FACT),
    _SOURCES,
), doc="a further date of a milestone")

CLAIM = Spec("claim", Claim, (
    Field("claim", T.TEXT, "what this side says", required=True, search=SearchField.DISPUTE),
    _SOURCES,
    Field("date", T.DATE, "the date or span this side claims, drawn on the time axis"),
), doc="one side of a disagreement")

DISPUTE = Spec("dispute", Dispute, (
    Field("topic", T.TEXT, "what the sources disagree on", required=True,
          search=SearchField.DISPUTE),
    Field("claims", T.LIST, "every side with its sources", required=True, of=CLAIM),
    Field("note", T.TEXT, "what explains the disagreement, where known"),
), doc="a place where sources disagree")

MILESTONE = Spec("milestone", Milestone, (
    Field("id", T.ID, "unique id", required=True, search=SearchField.ID, brief=True, row=True),
    Field("title", T.TEXT, "title", required=True, translatable=True,
          search=SearchField.TITLE, brief=True, row=True),
    Field("date", T.DATE, "date or period (EDTF subset)", required=True, brief=True, row=True),
    Field("kind", T.TEXT, "what it is (Gesetz, Programm, …)", required=True, translatable=True,
          search=SearchField.KIND, brief=True, row=True),
    Field("summary", T.TEXT, "one or two sentences", required=True, translatable=True,
          search=SearchField.SUMMARY, brief=True),
    Field("date_label", T.TEXT, "display text for the date", translatable=True, row=True),
    Field("description", T.TEXT, "longer text", search=SearchField.DESCRIPTION),
    Field("phase", T.REF, "the phase it belongs to", target=Target.PHASE, row=True),
    Field("tags", T.TEXTS, "keywords", search=SearchField.TAG, brief=True),
    Field("aliases", T.TEXTS, "other names it is found by", search=SearchField.ALIAS,
          brief=True),
    Field("actors", T.REFS, "ids from `actors:`", target=Target.ACTOR),
    _SOURCES,
    Field("facts", T.LIST, "sourced statements", of=FACT),
    Field("key_dates", T.LIST, "further dates", of=KEY_DATE),
    # A disputed row draws every side's date on its bar.
    Field("disputes", T.LIST, "where sources disagree: every side with its sources",
          of=DISPUTE, row=True),
    Field("refs", T.LIST, "cross-references to other milestones", of=REF),
    _en(),
), line=True, doc="one milestone of the timeline")

ACTOR = Spec("actor", Actor, (
    Field("id", T.ID, "the actor's id, the key in `actors:`", required=True),
    Field("name", T.TEXT, "full name", required=True, translatable=True),
    Field("abbr", T.TEXT, "abbreviation"),
    Field("role", T.TEXT, "its role in the story", translatable=True),
    _SOURCES,
    Field("facts", T.LIST, "sourced statements about the actor, each with its validity",
          of=FACT),
    _en(),
), key="id", doc="a person, office or institution")

GLOSSARY_ENTRY = Spec("glossary_entry", GlossaryEntry, (
    Field("term", T.TEXT, "the term or abbreviation", required=True,
          search=SearchField.GLOSSARY),
    Field("definition", T.TEXT, "what it means", required=True,
          search=SearchField.DESCRIPTION),
    Field("aliases", T.TEXTS, "other spellings", search=SearchField.GLOSSARY),
    _SOURCES,
    Field("see", T.REFS, "related milestones", target=Target.MILESTONE),
), doc="a term a newcomer meets")

PHASE = Spec("phase", Phase, (
    Field("id", T.ID, "unique id", required=True),
    Field("title", T.TEXT, "title", required=True, translatable=True),
    Field("date", T.DATE, "the period", required=True),
    Field("summary", T.TEXT, "what characterises it", translatable=True),
    _en(),
), doc="a period that groups milestones")
