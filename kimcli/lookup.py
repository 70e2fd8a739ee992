"""Finding one named thing: a milestone, a glossary entry, an actor, by name as typed."""

from __future__ import annotations

from typing import TypeVar

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Actor, GlossaryEntry, Milestone
from kimcli.errors import NotFoundError, msg
from kimcli.fuzzy import fold, suggest

_T = TypeVar("_T")


def _named(name: str, aliases: tuple[str, ...]) -> list[tuple[str, bool]]:
    return [(name, False), *((a, True) for a in aliases)]


def _lookup(query: str, names: list[tuple[str, bool, _T]], prefix: tuple[bool, ...]
            ) -> list[_T]:
    """The owners a name finds, by the first tier that finds any: the name exactly as written
    (a primary name before an alias), then case and umlauts folded, then a folded prefix (of
    the names whose aliasness is in `prefix`). Many owners: the name is ambiguous."""
    q = query.strip()
    fq = fold(q)
    tiers = (lambda n, alias: not alias and n == q, lambda n, alias: alias and n == q,
             lambda n, alias: fold(n) == fq,
             lambda n, alias: alias in prefix and bool(fq) and fold(n).startswith(fq))
    for matches in tiers:
        found = {id(o): o for n, alias, o in names if matches(n.strip(), alias)}
        if found:
            return list(found.values())
    return []


def find(dataset: Dataset, query: str) -> Milestone:
    """By id, alias, or unique prefix of an id: an exact name before a folded one (see
    _lookup); NotFoundError with suggestions."""
    q = query.strip()
    hit = dataset.by_id().get(q)
    found = [hit] if hit else _lookup(q, [(n, alias, m) for m in dataset.milestones
                                          for n, alias in _named(m.id, m.aliases)], (False,))
    if len(found) == 1:
        return found[0]
    if found:
        candidates = ", ".join(m.id for m in found)
        raise NotFoundError(msg("find.ambiguous", query=q, candidates=candidates))
    names = [m.id for m in dataset.milestones] + [a for m in dataset.milestones for a in m.aliases]
    close = suggest(q, names)
    alias_owner = {fold(a): m.id for m in dataset.milestones for a in m.aliases}
    ids = list(dict.fromkeys(alias_owner.get(fold(c), c) for c in close))
    raise NotFoundError(msg("find.not_found", query=q), ids)


def find_actor(dataset: Dataset, query: str) -> Actor | None:
    """An actor by id or abbreviation, an exact name before a folded one; None when none or
    several match."""
    found = _lookup(query, [(n, alias, a) for a in dataset.actors.values()
                            for n, alias in _named(a.id, (a.abbr,) if a.abbr else ())], ())
    return found[0] if len(found) == 1 else None


def find_term(dataset: Dataset, query: str) -> GlossaryEntry:
    """A glossary entry by term or alias, or unique prefix of a term: an exact name before a
    folded one (see _lookup); NotFoundError otherwise."""
    found = _lookup(query, [(n, alias, g) for g in dataset.glossary
                            for n, alias in _named(g.term, g.aliases)], (False, True))
    if len(found) == 1:
        return found[0]
    if found:
        terms = ", ".join(dict.fromkeys(g.term for g in found))
        raise NotFoundError(msg("find.ambiguous", query=query, candidates=terms))
    close = suggest(query, [g.term for g in dataset.glossary] +
                    [a for g in dataset.glossary for a in g.aliases])
    owner = {fold(a): g.term for g in dataset.glossary for a in (g.term, *g.aliases)}
    raise NotFoundError(msg("glossary.not_found", query=query),
                        list(dict.fromkeys(owner[fold(c)] for c in close)))
