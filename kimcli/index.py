"""The search index: for each folded token, the records and fields it occurs in.

Searching a large dataset by scanning it folds and splits every text each time. The index does
that once per dataset content; kim keeps it in the cache beside the dataset, so a repeated search
reads the postings of the few tokens a query matches and touches no other text. Postings are
strings of numbers, decoded only for the tokens a query matches: loading the index stays cheap
however many tokens there are.

A record is a milestone (numbered in dataset order) or a glossary entry (numbered after them).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, NamedTuple

from kimcli.fuzzy import TOKEN_RE, fold, fold_text
from kimcli.model import Dataset

# The kinds of field a record has; a posting stores its kind as the position in this tuple.
FIELD_KINDS = ("id", "alias", "title", "tag", "kind", "glossary", "summary", "description",
               "fact", "dispute", "source")
_CODE = {name: code for code, name in enumerate(FIELD_KINDS)}
CODE_BITS = 4  # room for 16 kinds
FORMAT = 1


def record_count(dataset: Dataset) -> int:
    return len(dataset.milestones) + len(dataset.glossary)


def fields(dataset: Dataset, record: int) -> list[tuple[str, str]]:
    """The searchable fields of one record, as (kind of field, text), in a fixed order."""
    if record >= len(dataset.milestones):
        g = dataset.glossary[record - len(dataset.milestones)]
        return [("glossary", g.term), *(("glossary", a) for a in g.aliases),
                ("description", g.definition)]
    m = dataset.milestones[record]
    out: list[tuple[str, str]] = [("id", m.id), ("title", m.title)]
    out += [("alias", a) for a in m.aliases]
    out += [("tag", t) for t in m.tags]
    out.append(("kind", m.kind))
    out.append(("summary", m.summary))
    if m.description:
        out.append(("description", m.description))
    out += [("fact", f.text) for f in m.facts]
    for d in m.disputes:
        out.append(("dispute", d.topic))
        out += [("dispute", c.claim) for c in d.claims]
    out += [("fact", k.label) for k in m.key_dates]
    for sid in m.cited_sources():
        source = dataset.sources.get(sid)
        if source:
            out.append(("source", source.title))
    if m.en is not None:  # English texts are found too; the originals come first
        out += [(f, v) for f, v in (("title", m.en.title), ("summary", m.en.summary)) if v]
    return out


def folded_fields(pairs: list[tuple[str, str]]) -> list[str]:
    """Each field's text folded; the texts are folded as one, which is several times faster."""
    parts = fold_text("\x00".join(text for _, text in pairs)).split("\x00")
    if len(parts) != len(pairs):  # a text holding NUL itself: fold field by field
        parts = [fold(text) for _, text in pairs]
    return parts


def folded_record(pairs: list[tuple[str, str]]) -> str:
    """A record's fields folded and joined by NUL, for phrase matching."""
    return fold_text("\x00".join(text for _, text in pairs))


class SearchIndex(NamedTuple):
    """Postings: token -> numbers ((record * stride + field) << CODE_BITS | kind of field),
    as a list, or as the same numbers in a string of decimals (when read from the cache)."""

    stride: int
    postings: dict[str, Any]

    def entries(self, token: str) -> Iterator[tuple[int, int, str]]:
        """(record, field, kind of field) for every field the token occurs in."""
        value = self.postings.get(token)
        if value is None:
            return
        numbers = map(int, value.split()) if isinstance(value, str) else value
        stride = self.stride
        mask = (1 << CODE_BITS) - 1
        for number in numbers:
            record, field = divmod(number >> CODE_BITS, stride)
            yield record, field, FIELD_KINDS[number & mask]


def build(dataset: Dataset) -> SearchIndex:
    all_fields = [fields(dataset, i) for i in range(record_count(dataset))]
    stride = max((len(f) for f in all_fields), default=0) + 1
    postings: dict[str, list[int]] = {}
    for record, pairs in enumerate(all_fields):
        base = record * stride
        for field, ((kind, _), text) in enumerate(zip(pairs, folded_fields(pairs), strict=True)):
            number_base = (base + field) << CODE_BITS | _CODE[kind]
            for token in set(TOKEN_RE.findall(text)):
                entry = postings.get(token)
                if entry is None:
                    postings[token] = [number_base]
                else:
                    entry.append(number_base)
    return SearchIndex(stride, postings)


def to_record(index: SearchIndex) -> dict[str, Any]:
    return {"format": FORMAT, "stride": index.stride,
            "postings": {token: value if isinstance(value, str) else " ".join(map(str, value))
                         for token, value in index.postings.items()}}


def from_record(record: Any) -> SearchIndex | None:
    """The index from a cache entry, or None when the entry is not a well-formed index."""
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        return None
    stride, postings = record.get("stride"), record.get("postings")
    if type(stride) is not int or stride < 1 or not isinstance(postings, dict):
        return None
    return SearchIndex(stride, postings)


def for_dataset(dataset: Dataset, *, rebuild: bool = False) -> SearchIndex:
    """The dataset's index: from the cache when it holds one for this content, else built
    (and kept there, when the dataset itself is cached). `rebuild` replaces a cached index
    that turned out not to fit."""
    from kimcli import cache

    if not dataset.digest:
        return build(dataset)
    if not rebuild:
        index = from_record(cache.lookup_extra(dataset.path, dataset.digest, "search"))
        if index is not None:
            return index
    index = build(dataset)
    cache.store_extra(dataset.path, dataset.digest, "search", to_record(index))
    return index
