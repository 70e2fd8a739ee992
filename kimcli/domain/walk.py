"""Walks over records guided by the field table: cited sources, searchable texts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from kimcli.domain.fields import SearchField, Spec, T, Target, Texts

_CITING: dict[str, tuple[tuple[int, Spec | None], ...]] = {}


def _citing(spec: Spec) -> tuple[tuple[int, Spec | None], ...]:
    """Where a record of `spec` can cite sources: its source-id lists (None) and the nested
    records that may cite some (their spec), by position; worked out once per spec."""
    found = _CITING.get(spec.name)
    if found is None:
        found = tuple(
            (i, None if f.type is T.REFS else f.of) for i, f in enumerate(spec.fields)
            if (f.type is T.REFS and f.target is Target.SOURCE)
            or (f.type in (T.LIST, T.RECORD) and f.of is not None and _citing(f.of)))
        _CITING[spec.name] = found
    return found


def cited(record: Any, spec: Spec) -> Iterator[str]:
    """Every source id a record cites, in field order, nested records included."""
    for index, of in _citing(spec):
        value = record[index]
        if of is None:
            yield from value
        elif spec.fields[index].type is T.LIST:
            for item in value:
                yield from cited(item, of)
        elif value is not None:
            yield from cited(value, of)


_TEXTS, _ONE, _NESTED, _EN = range(4)
_SEARCHED: dict[str, tuple[tuple[int, int, SearchField | None, Spec | None], ...]] = {}


def _searched(spec: Spec) -> tuple[tuple[int, int, SearchField | None, Spec | None], ...]:
    """Where a record of `spec` has searchable text, by position; worked out once per spec."""
    found = _SEARCHED.get(spec.name)
    if found is None:
        plan: list[tuple[int, int, SearchField | None, Spec | None]] = []
        for i, f in enumerate(spec.fields):
            if f.type is T.TRANSLATIONS:
                plan.append((i, _EN, None, None))
            elif f.search is not None:
                plan.append((i, _TEXTS if f.type is T.TEXTS else _ONE, f.search, None))
            elif f.type is T.LIST and f.of is not None and _searched(f.of):
                plan.append((i, _NESTED, None, f.of))
        found = _SEARCHED[spec.name] = tuple(plan)
    return found


def search_texts(record: Any, spec: Spec, source_title: Callable[[str], str | None] | None = None
                 ) -> Iterator[tuple[SearchField, str, str | None]]:
    """The searchable texts of a record, in field order, nested records included; then the
    titles of the sources it cites (when `source_title` is given); the English texts last,
    each with the name of the field it translates (None for the originals)."""
    translations: Texts | None = None
    for index, action, search, of in _searched(spec):
        value = record[index]
        if value is None:
            continue
        if action == _ONE:
            yield search, value, None  # type: ignore[misc]
        elif action == _TEXTS:
            for text in value:
                yield search, text, None  # type: ignore[misc]
        elif action == _NESTED:
            for item in value:
                yield from search_texts(item, of)  # type: ignore[arg-type]
        else:
            translations = value
    if source_title is not None:
        for sid in dict.fromkeys(cited(record, spec)):
            title = source_title(sid)
            if title:
                yield SearchField.SOURCE, title, None
    for name, text in translations or ():
        found = spec.by_name.get(name)
        if found is not None and found.search is not None:
            yield found.search, text, name
