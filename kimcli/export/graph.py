"""The reference graph as Mermaid flowchart or Graphviz DOT text."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.i18n.texts import date_of, rel_label, title_of
from kimcli.render.inert import clean

# Mermaid reads these inside quoted labels as syntax; its entity codes show them as typed.
_MERMAID_ENTITIES = {'"': "#quot;", "#": "#35;", "<": "#lt;", ">": "#gt;", "\n": " ",
                     "\r": " ", "`": "#96;", "|": "#124;"}


def mermaid_text(value: str) -> str:
    return "".join(_MERMAID_ENTITIES.get(c, c) for c in clean(value) if c >= " " or c == "\n")


def to_mermaid(dataset: Dataset) -> str:
    """A `flowchart LR`: one node per milestone (title and date), one edge per reference."""
    items = dataset.chronological()
    key = {m.id: f"m{i}" for i, m in enumerate(items)}
    lines = ["flowchart LR"]
    for m in items:
        label = mermaid_text(f"{title_of(m)} ({date_of(m)})")
        lines.append(f'    {key[m.id]}["{label}"]')
    for source, target, rel in _edges(dataset, items):
        lines.append(f'    {key[source]} -->|"{mermaid_text(rel)}"| {key[target]}')
    return "\n".join(lines) + "\n"


def _edges(dataset: Dataset, items: Sequence[Milestone]) -> Iterator[tuple[str, str, str]]:
    """Every reference between the milestones shown: source id, target id, relation label."""
    ids = {m.id for m in items}
    for m in items:
        for ref in m.refs:
            if ref.to in ids:
                yield m.id, ref.to, rel_label(dataset.relation(ref.rel))


def dot_text(value: str) -> str:
    out = clean(value).replace("\\", "\\\\").replace('"', '\\"')
    return "".join(c if c >= " " else " " for c in out)


def to_dot(dataset: Dataset) -> str:
    """A Graphviz digraph, left to right in time."""
    lines = ["digraph kim {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    items = dataset.chronological()
    for m in items:
        label = dot_text(f"{title_of(m)}\n{date_of(m)}").replace("\n", "\\n")
        lines.append(f'  "{dot_text(m.id)}" [label="{label}"];')
    for source, target, rel in _edges(dataset, items):
        lines.append(f'  "{dot_text(source)}" -> "{dot_text(target)}" '
                     f'[label="{dot_text(rel)}"];')
    lines.append("}")
    return "\n".join(lines) + "\n"
