"""The dataset back into its own format (as JSON), normalised, for a round trip through kim."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kimcli.model import Dataset, Milestone


def _drop_empty(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v not in (None, [], {}, ())}


def milestone_record(m: Milestone, keep: set[str]) -> dict[str, Any]:
    return _drop_empty({
        "id": m.id,
        "title": m.title,
        "date": m.raw_date,
        "kind": m.kind,
        "summary": m.summary,
        "date_label": m.date_label,
        "description": m.description,
        "phase": m.phase,
        "tags": list(m.tags),
        "aliases": list(m.aliases),
        "actors": list(m.actors),
        "refs": [_drop_empty({"to": r.to, "rel": r.rel, "note": r.note,
                              "sources": list(r.sources)})
                 for r in m.refs if r.to in keep],
        "sources": list(m.sources),
        "facts": [_drop_empty({"text": f.text, "sources": list(f.sources),
                               "confidence": f.confidence}) for f in m.facts],
        "key_dates": [_drop_empty({"date": k.raw, "label": k.label, "sources": list(k.sources)})
                      for k in m.key_dates],
        "disputes": [_drop_empty({"topic": d.topic, "note": d.note, "claims": [
            _drop_empty({"claim": c.claim, "sources": list(c.sources)}) for c in d.claims]})
            for d in m.disputes],
        "en": _drop_empty(m.en._asdict()) if m.en else None,
    })


def dataset_record(dataset: Dataset, milestones: Sequence[Milestone]) -> dict[str, Any]:
    """The exported milestones with what they need: relations, sources, actors, phases, glossary.

    References to milestones left out by a filter are dropped, so the result loads on its own.
    """
    keep = {m.id for m in milestones}
    records = [milestone_record(m, keep) for m in milestones]
    cited: set[str] = set()
    for m in milestones:
        cited.update(m.cited_sources())
    for g in dataset.glossary:
        cited.update(g.sources)
    actor_ids = {a for m in milestones for a in m.actors}
    for a in actor_ids:
        if a in dataset.actors:
            cited.update(dataset.actors[a].sources)
    phase_ids = {m.phase for m in milestones if m.phase}
    return _drop_empty({
        "title": dataset.title,
        "language": dataset.language,
        "description": dataset.description,
        "relations": {r.id: _drop_empty({"label": r.label, "inverse": r.inverse,
                                         "ordered": r.ordered or None,
                                         "en": _drop_empty({"label": r.label_en,
                                                            "inverse": r.inverse_en})})
                      for r in dataset.relations.values()},
        "sources": {s.id: _drop_empty({"title": s.title, "url": s.url, "publisher": s.publisher,
                                       "type": s.type, "date": s.date, "note": s.note})
                    for s in dataset.sources.values() if s.id in cited},
        "actors": {a.id: _drop_empty({"name": a.name, "abbr": a.abbr, "role": a.role,
                                      "sources": list(a.sources)})
                   for a in dataset.actors.values() if a.id in actor_ids},
        "glossary": [_drop_empty({"term": g.term, "definition": g.definition,
                                  "aliases": list(g.aliases), "sources": list(g.sources),
                                  "see": [s for s in g.see if s in keep]})
                     for g in dataset.glossary],
        "phases": [_drop_empty({"id": p.id, "title": p.title, "date": p.raw_date,
                                "summary": p.summary})
                   for p in dataset.phases if p.id in phase_ids],
        "milestones": records,
    })
