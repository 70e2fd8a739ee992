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

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import GLOSSARY_ENTRY, MILESTONE, SearchField
from kimcli.domain.walk import search_texts
from kimcli.fuzzy import TOKEN_RE, fold, fold_text

# A posting stores the field's SearchField as its position in this tuple.
FIELD_CODES = tuple(SearchField)
_CODE = {sf: code for code, sf in enumerate(FIELD_CODES)}
CODE_BITS = 4  # room for 16 codes
FORMAT = 2

# (what the text is, the text, the field it translates or None)
SearchText = tuple[SearchField, str, "str | None"]


def record_count(dataset: Dataset) -> int:
    return len(dataset.milestones) + len(dataset.glossary)


def fields(dataset: Dataset, record: int) -> list[SearchText]:
    """The searchable texts of one record, in the field table's order."""
    if record >= len(dataset.milestones):
        g = dataset.glossary[record - len(dataset.milestones)]
        return list(search_texts(g, GLOSSARY_ENTRY))
    sources = dataset.sources

    def source_title(sid: str) -> str | None:
        source = sources.get(sid)
        return source.title if source else None

    return list(search_texts(dataset.milestones[record], MILESTONE, source_title))


def folded_fields(pairs: list[SearchText]) -> list[str]:
    """Each field's text folded; the texts are folded as one, which is several times faster."""
    parts = fold_text("\x00".join(text for _, text, _ in pairs)).split("\x00")
    if len(parts) != len(pairs):  # a text holding NUL itself: fold field by field
        parts = [fold(text) for _, text, _ in pairs]
    return parts


def folded_record(pairs: list[SearchText]) -> str:
    """A record's fields folded and joined by NUL, for phrase matching."""
    return fold_text("\x00".join(text for _, text, _ in pairs))


class SearchIndex(NamedTuple):
    """Postings: token -> numbers ((record * stride + field) << CODE_BITS | field code),
    as a list, or as the same numbers in a string of decimals (when read from the cache).
    An index read from the cache database also knows each record's name (`names`) and, for
    a list of words, the name-like fields that are exactly those words (`exact`), so that a
    search need not read the records to rank them."""

    stride: int
    postings: Any  # a dict, or a mapping with the same keys() and get()
    names: Any = None  # record -> id or term
    exact: Any = None  # words -> {(record, field)}

    def entries(self, token: str) -> Iterator[tuple[int, int, SearchField]]:
        """(record, field, SearchField) for every field the token occurs in."""
        value = self.postings.get(token)
        if value is None:
            return
        numbers = map(int, value.split()) if isinstance(value, str) else value
        stride = self.stride
        mask = (1 << CODE_BITS) - 1
        for number in numbers:
            record, field = divmod(number >> CODE_BITS, stride)
            yield record, field, FIELD_CODES[number & mask]


class Vocabulary:
    """An index's tokens as one text, a token a line, ordered by length and then by token,
    with where each length's tokens lie in it (`spans`: length -> (start, end)); a query word
    is matched against it by string search at C speed (fuzzy.vocabulary_matches)."""

    def __init__(self, text: str, spans: dict[int, tuple[int, int]]) -> None:
        self.text, self.spans = text, spans

    @staticmethod
    def of(tokens: list[str]) -> tuple[str, list[list[int]]]:
        """The text and the spans (as [length, start, end] lists) of a vocabulary."""
        ordered = sorted(tokens, key=lambda t: (len(t), t))
        spans: list[list[int]] = []
        at = 0
        for token in ordered:
            if spans and spans[-1][0] == len(token):
                spans[-1][2] = at + len(token)
            else:
                spans.append([len(token), at, at + len(token)])
            at += len(token) + 1
        return "\n".join(ordered), spans

    def window(self, shortest: int, longest: int) -> str:
        """The tokens from `shortest` to `longest` characters long, a token a line."""
        inside = [span for length, span in self.spans.items() if shortest <= length <= longest]
        if not inside:
            return ""
        return self.text[min(s for s, _ in inside):max(e for _, e in inside)]

    def __iter__(self) -> Iterator[str]:
        return iter(self.text.split("\n") if self.text else [])

    def __len__(self) -> int:
        return self.text.count("\n") + 1 if self.text else 0


def build(dataset: Dataset, all_fields: list[list[SearchText]] | None = None) -> SearchIndex:
    """The index; `all_fields` (every record's fields) when the caller has them already."""
    if all_fields is None:
        all_fields = [fields(dataset, i) for i in range(record_count(dataset))]
    stride = max((len(f) for f in all_fields), default=0) + 1
    postings: dict[str, list[int]] = {}
    for record, pairs in enumerate(all_fields):
        base = record * stride
        for field, ((sf, _, _), text) in enumerate(zip(pairs, folded_fields(pairs), strict=True)):
            number_base = (base + field) << CODE_BITS | _CODE[sf]
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
