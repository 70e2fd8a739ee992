"""Records as plain JSON-ready dicts, and JSON text that is safe to print anywhere."""

from __future__ import annotations

import datetime
from typing import Any

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import ACTOR, MILESTONE, REF, SOURCE, Actor, GlossaryEntry, Milestone
from kimcli.domain.plain import plain, value
from kimcli.errors import Diagnostic
from kimcli.query import Citations, Hit, Link, RefNode


def dumps(value: Any) -> str:
    """JSON text that stays inert in a terminal (kimcli/jsontext.py: C speed, same bytes)."""
    from kimcli.jsontext import dumps as text

    return text(value)


def date_dict(m: Milestone) -> dict[str, Any]:
    from kimcli.i18n import texts

    d = m.date
    lo, hi = d.bounds()
    return {
        "edtf": m.date.edtf(),
        "label": texts.date_of(m),
        "precision": d.precision,
        "approximate": d.approximate,
        "uncertain": d.uncertain,
        "open_end": d.open_end,
        "unknown_end": d.unknown_end,
        "start": d.start.edtf() if d.start else None,
        "end": d.end.edtf() if d.end else None,
        "first_day": _day(lo) if d.start else None,
        "last_day": _day(hi) if not d.open_end else None,
    }


def _day(ordinal: int) -> str:
    return datetime.date.fromordinal(ordinal).isoformat()


def milestone_brief(m: Milestone) -> dict[str, Any]:
    """The short form: the table's brief fields, the date as written, its label and precision."""
    from kimcli.i18n import texts

    out: dict[str, Any] = {}
    for f in MILESTONE.fields:
        if f.brief:
            out[f.name] = value(f.type, getattr(m, f.name), f.of)
        if f.name == "date":
            out["date_label"] = texts.date_of(m)
            out["precision"] = m.date.precision
    return out


def source_dict(dataset: Dataset, sid: str) -> dict[str, Any]:
    s = dataset.sources.get(sid)
    if s is None:
        return {"id": sid}
    return {"id": sid, "url": s.url, **plain(s, SOURCE)}


def milestone_full(dataset: Dataset, m: Milestone, incoming: list[Link]) -> dict[str, Any]:
    """Every field of the table (empty ones too, so scripts find every key), with actors and
    sources spelled out and the references in both directions."""
    out = milestone_brief(m)
    out["date_detail"] = date_dict(m)
    for f in MILESTONE.written:
        if f.name not in out:
            out[f.name] = value(f.type, getattr(m, f.name), f.of, compact=False)
    out["actors"] = [{"id": a, "name": dataset.actors[a].name} if a in dataset.actors
                     else {"id": a} for a in m.actors]
    out["sources"] = [source_dict(dataset, s) for s in m.cited_sources()]
    out["refs"] = [plain(r, REF) for r in m.refs]
    out["referenced_by"] = [{"from": link.other, "rel": link.rel,
                             **({"note": link.note} if link.note else {})} for link in incoming]
    if out.get("en") is None:
        out.pop("en", None)
    return out


def actor_dict(dataset: Dataset, actor: Actor, milestones: list[Milestone]) -> dict[str, Any]:
    """An actor in the dataset's format, its sources spelled out and where it appears."""
    out = {"type": "actor", "id": actor.id, **plain(actor, ACTOR, compact=False)}
    out["sources"] = [source_dict(dataset, s) for s in actor.cited_sources()]
    out["milestones"] = [m.id for m in milestones]
    return out


def hit_dict(hit: Hit) -> dict[str, Any]:
    out: dict[str, Any] = {
        "type": hit.type,
        "id": hit.id,
        "title": hit.title,
        "score": hit.score,
        "field": hit.field.label,
        "text": hit.text,
        "matches": [list(span) for span in hit.spans],
    }
    if hit.milestone is not None:
        out.update({k: v for k, v in milestone_brief(hit.milestone).items()
                    if k not in ("id", "title")})
    if hit.entry is not None:
        out["definition"] = hit.entry.definition
    return out


def diagnostic_dict(d: Diagnostic) -> dict[str, Any]:
    from kimcli import i18n

    return {"file": d.file, "line": d.line, "column": d.col, "severity": d.severity.value,
            "code": d.message.code, "message": i18n.diagnostic_text(d)}


def ref_node_dict(node: RefNode) -> dict[str, Any]:
    out: dict[str, Any] = {"id": node.id}
    if node.link is not None:
        out.update({"rel": node.link.rel,
                    "direction": "out" if node.link.outgoing else "in"})
        if node.link.note:
            out["note"] = node.link.note
    if node.repeat:
        out["repeat"] = True
    out["children"] = [ref_node_dict(c) for c in node.children]
    if node.hidden:
        out["more"] = node.hidden
    return out


def path_dict(chain: list[tuple[str, Link | None]]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = []
    for mid, link in chain:
        step: dict[str, Any] = {"id": mid}
        if link is not None:
            step.update({"rel": link.rel, "direction": "out" if link.outgoing else "in"})
        steps.append(step)
    return steps


def glossary_dict(dataset: Dataset, entry: GlossaryEntry) -> dict[str, Any]:
    return {"term": entry.term, "aliases": list(entry.aliases), "definition": entry.definition,
            "see": list(entry.see), "sources": [source_dict(dataset, s) for s in entry.sources]}


def sources_list(dataset: Dataset, cited: dict[str, Citations]) -> list[dict[str, Any]]:
    out = []
    for sid in dataset.sources:
        who = cited.get(sid) or Citations([], [], [])
        out.append({**source_dict(dataset, sid), "cited_by": who.milestones,
                    "glossary": who.glossary, "actors": who.actors})
    return out
