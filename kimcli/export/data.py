"""The dataset back into its own format (as JSON), normalised, for a round trip through kim."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kimcli.domain.dataset import DATASET, Dataset
from kimcli.domain.fields import MILESTONE, Milestone
from kimcli.domain.plain import plain, value


def dataset_record(dataset: Dataset, milestones: Sequence[Milestone], *,
                   stream: bool = False) -> dict[str, Any]:
    """The exported milestones with what they need: relations, sources, actors, phases, glossary.

    References to milestones left out by a filter are dropped, so the result loads on its own.
    With `stream`, the milestones are a jsontext.Stream: each converted as it is written.
    """
    from kimcli.export.stream import Stored

    if isinstance(milestones, Stored):  # streamed from the cache database
        keep, cited, actor_ids, phase_ids = milestones.used()
    else:
        keep = {m.id for m in milestones}
        cited = set()
        for m in milestones:
            cited.update(m.cited_sources())
        actor_ids = {a for m in milestones for a in m.actors}
        phase_ids = {m.phase for m in milestones if m.phase}
    for g in dataset.glossary:
        cited.update(g.sources)
    for a in actor_ids:
        if a in dataset.actors:
            cited.update(dataset.actors[a].cited_sources())
    chosen: dict[str, Any] = {
        "sources": {k: s for k, s in dataset.sources.items() if k in cited},
        "actors": {k: a for k, a in dataset.actors.items() if k in actor_ids},
        "phases": tuple(p for p in dataset.phases if p.id in phase_ids),
        "milestones": milestones if isinstance(milestones, Stored) else tuple(milestones),
    }
    out: dict[str, Any] = {}
    for f in DATASET.fields:
        v = chosen[f.name] if f.name in chosen else getattr(dataset, f.name)
        if stream and f.name == "milestones" and milestones:
            from kimcli.jsontext import Stream

            if isinstance(milestones, Stored):
                out[f.name] = Stream(milestones.records(keep), _same, plain=True)
            else:
                out[f.name] = Stream(milestones, lambda m: milestone_record(m, keep),
                                     plain=True)
            continue
        converted = value(f.type, v, f.of, keep=keep)
        if converted not in (None, [], {}, ()):
            out[f.name] = converted
    return out


def milestone_record(m: Milestone, keep: set[str]) -> dict[str, Any]:
    return plain(m, MILESTONE, keep=keep)


def _same(record: dict[str, Any]) -> dict[str, Any]:
    return record
