"""Walks over records guided by the field table: cited sources, searchable texts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kimcli.domain.fields import SearchField, Spec, T, Target, Texts


def cited(record: Any, spec: Spec) -> Iterator[str]:
    """Every source id a record cites, in field order, nested records included."""
    for f, value in zip(spec.fields, record, strict=False):
        if f.type is T.REFS and f.target is Target.SOURCE:
            yield from value
        elif f.type is T.LIST and f.of is not None:
            for item in value:
                yield from cited(item, f.of)
        elif f.type is T.RECORD and f.of is not None and value is not None:
            yield from cited(value, f.of)


def search_texts(record: Any, spec: Spec, source_title: Callable[[str], str | None] | None = None
                 ) -> Iterator[tuple[SearchField, str, str | None]]:
    """The searchable texts of a record, in field order, nested records included; then the
    titles of the sources it cites (when `source_title` is given); the English texts last,
    each with the name of the field it translates (None for the originals)."""
    translations: Texts | None = None
    for f, value in zip(spec.fields, record, strict=False):
        if value is None:
            continue
        if f.type is T.TRANSLATIONS:
            translations = value
        elif f.search is not None:
            if f.type is T.TEXTS:
                yield from ((f.search, v, None) for v in value)
            else:
                yield f.search, value, None
        elif f.type is T.LIST and f.of is not None:
            for item in value:
                yield from search_texts(item, f.of)
    if source_title is not None:
        for sid in dict.fromkeys(cited(record, spec)):
            title = source_title(sid)
            if title:
                yield SearchField.SOURCE, title, None
    for name, text in translations or ():
        found = spec.by_name.get(name)
        if found is not None and found.search is not None:
            yield found.search, text, name
