"""Checks across records, once every id is known: references, uncited sources, cycles; and
how current the data is (provenance)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Fact, Milestone, Relation, Target
from kimcli.errors import Diagnostic, Msg, Severity, msg

if TYPE_CHECKING:
    from kimcli.io.build import Builder

_UNKNOWN = {Target.MILESTONE: "load.unknown_ref", Target.SOURCE: "load.unknown_source",
            Target.ACTOR: "load.unknown_actor", Target.PHASE: "load.unknown_phase",
            Target.RELATION: "load.unknown_rel"}


def resolve(builder: Builder, values: dict[str, Any]) -> None:
    from kimcli.io.build import did_you_mean

    relations: dict[str, Relation] = values.get("relations") or {}
    source_keys = builder.keys.get("sources", {})
    actors = values.get("actors") or {}
    phase_ids = [p.id for p in values.get("phases") or ()]
    known: dict[Target, Callable[[str], bool]] = {
        Target.MILESTONE: builder.ids.__contains__,
        Target.SOURCE: source_keys.__contains__,
        Target.ACTOR: actors.__contains__,
        Target.PHASE: set(phase_ids).__contains__,
        # Without a declared vocabulary, relations are free text.
        Target.RELATION: (lambda r: True) if not relations else relations.__contains__,
    }
    choices: dict[Target, Callable[[], Iterable[str]]] = {
        Target.MILESTONE: lambda: builder.ids, Target.SOURCE: lambda: source_keys,
        Target.ACTOR: lambda: actors, Target.PHASE: lambda: phase_ids,
        Target.RELATION: lambda: relations,
    }
    for target, value, node in builder.pending:
        if known[target](value):
            continue
        suggestion = did_you_mean(value, choices[target]())
        hints = (msg("load.did_you_mean", suggestion=suggestion),) if suggestion else ()
        builder.error(node, msg(_UNKNOWN[target], id=value), hints=hints)
    for key, node in source_keys.items():
        if key not in builder.cited:
            builder.error(node, msg("load.uncited", id=key), Severity.WARNING)
    milestones = values.get("milestones")
    if milestones and relations:
        _cycles(builder, milestones, relations)
    _unreachable(builder, values)


# (owner, its primary name, its aliases, where it is written)
_Named = tuple[str, str, tuple[str, ...], tuple[int, int]]


def _unreachable(builder: Builder, values: dict[str, Any]) -> None:
    """Warn of every name a lookup (kim show, glossary, actors) can never find: an alias that
    is another owner's id, term or abbreviation exactly (that one always wins), and an alias
    written exactly so for two owners (ambiguous). Names that differ only in case or umlauts
    are found as written: an exact match wins over a folded one."""
    from kimcli.io.yamltree import pos

    actor_nodes = builder.keys.get("actors", {})
    groups: list[list[_Named]] = [
        [(m.id, m.id, m.aliases, builder.where.get(m.id, (m.line, 1)))
         for m in values.get("milestones") or ()],
        [(g.term, g.term, g.aliases, (builder.terms.get(g.term, 0), 1))
         for g in values.get("glossary") or ()],
        [(a.id, a.id, (a.abbr,) if a.abbr else (), pos(actor_nodes[a.id])
          if a.id in actor_nodes else (0, 0)) for a in (values.get("actors") or {}).values()]]
    for named in groups:
        primary = {name.strip(): owner for owner, name, _, _ in named}
        owners: dict[str, dict[str, tuple[int, int]]] = {}
        for owner, _, aliases, where in named:
            for alias in dict.fromkeys(a.strip() for a in aliases):
                other = primary.get(alias)
                if other is None:
                    owners.setdefault(alias, {}).setdefault(owner, where)
                elif other != owner:
                    _warn(builder, where, msg("load.name_taken", name=alias, owner=owner,
                                              other=other))
        for alias, by in owners.items():
            if len(by) > 1:
                _warn(builder, next(iter(by.values())),
                      msg("load.name_shared", name=alias, owners=", ".join(by)))


def _warn(builder: Builder, where: tuple[int, int], message: Msg) -> None:
    builder.diags.append(Diagnostic(builder.name, where[0], where[1], message,
                                    Severity.WARNING))


def _cycles(builder: Builder, milestones: tuple[Milestone, ...],
            relations: dict[str, Relation]) -> None:
    """Warn once per cycle among relations that imply an order in time."""
    graph: dict[str, list[str]] = {}
    for m in milestones:
        graph[m.id] = [r.to for r in m.refs
                       if r.rel in relations and relations[r.rel].ordered and r.to != m.id]
    state: dict[str, int] = {}  # 1 on stack, 2 done
    for start in graph:
        if start in state:
            continue
        stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            current, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[current] = 2
                stack.pop()
                path.pop()
                continue
            if child not in graph:
                continue
            if state.get(child) == 1:
                cycle = [*path[path.index(child):], child]
                line, col = builder.where[current]
                builder.diags.append(Diagnostic(builder.name, line, col, msg(
                    "load.cycle", path=" → ".join(cycle)), Severity.WARNING))
            elif child not in state:
                state[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))


def provenance(dataset: Dataset, name: str, stale_after: int = 365,
               require_accessed: bool = False) -> list[Diagnostic]:
    """Warnings about how current the data is (made by `kim validate`, never cached): with
    `require_accessed`, every source without an `accessed` date; and an open-ended `valid`
    whose sources were last read (`accessed`) more than `stale_after` days before the
    dataset's `as_of` (a statement none of whose sources has an `accessed` date cannot be
    judged: `require_accessed` finds those)."""
    owners: list[tuple[int, tuple[Fact, ...]]] = [(m.line, m.facts) for m in dataset.milestones]
    owners += [(0, a.facts) for a in dataset.actors.values()]
    dated = [(line, f) for line, facts in owners for f in facts if f.valid is not None]
    out: list[Diagnostic] = []
    for sid, source in dataset.sources.items() if require_accessed else ():
        if source.accessed is None:
            out.append(Diagnostic(name, 0, 0, msg("check.no_accessed", source=sid),
                                  Severity.WARNING))
    if dataset.as_of is None:
        return out
    as_of = dataset.as_of.bounds()[0]
    for line, fact in dated:
        valid = fact.valid
        assert valid is not None
        if not (valid.interval and valid.end is None and valid.end_mode == "open"):
            continue
        days = [src.accessed.bounds()[1] for s in fact.sources
                if (src := dataset.sources.get(s)) is not None and src.accessed is not None]
        if days and as_of - max(days) > stale_after:
            out.append(Diagnostic(name, line, 0, msg(
                "check.stale_valid", valid=valid.edtf(), days=stale_after,
                as_of=dataset.as_of.edtf()), Severity.WARNING))
    return out
