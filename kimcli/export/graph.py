"""The reference graph as Mermaid flowchart or Graphviz DOT text."""

from __future__ import annotations

from collections.abc import Iterator

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
    return "".join(mermaid_chunks(dataset))


def mermaid_chunks(dataset: Dataset) -> Iterator[str]:
    """A `flowchart LR`: one node per milestone (title and date), one edge per reference;
    written in pieces as the milestones are read."""
    key: dict[str, str] = {}
    refs: list[tuple[str, str, str]] = []
    lines = ["flowchart LR"]
    for m in _nodes(dataset, key, refs):
        label = mermaid_text(f"{title_of(m)} ({date_of(m)})")
        lines.append(f'    {key[m.id]}["{label}"]')
        yield from _pieces(lines)
    for source, target, rel in refs:
        if target in key:
            lines.append(f'    {key[source]} -->|"{mermaid_text(rel)}"| {key[target]}')
            yield from _pieces(lines)
    yield from _pieces(lines, 0)


def _nodes(dataset: Dataset, key: dict[str, str], refs: list[tuple[str, str, str]]
           ) -> Iterator[Milestone]:
    """Every milestone in time order, each read once (a cached dataset's streamed), its number
    put in `key` and its references in `refs` (source id, target id, relation label): which
    targets are shown is known only after the last."""
    items = dataset.chronological()
    stream = getattr(items, "stream", None)
    labels: dict[str, str] = {}
    for i, m in enumerate(stream() if stream is not None else items):
        key[m.id] = f"m{i}"
        for ref in m.refs:
            label = labels.get(ref.rel)
            if label is None:
                label = labels[ref.rel] = rel_label(dataset.relation(ref.rel))
            refs.append((m.id, ref.to, label))
        yield m


def _pieces(lines: list[str], least: int = 512) -> Iterator[str]:
    """The lines gathered so far as one piece of text, once there are `least` of them."""
    if len(lines) >= least and lines:
        yield "\n".join(lines) + "\n"
        lines.clear()


def dot_text(value: str) -> str:
    out = clean(value).replace("\\", "\\\\").replace('"', '\\"')
    return "".join(c if c >= " " else " " for c in out)


def to_dot(dataset: Dataset) -> str:
    return "".join(dot_chunks(dataset))


def dot_chunks(dataset: Dataset) -> Iterator[str]:
    """A Graphviz digraph, left to right in time; written in pieces as the milestones are read."""
    lines = ["digraph kim {", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    key: dict[str, str] = {}
    refs: list[tuple[str, str, str]] = []
    for m in _nodes(dataset, key, refs):
        label = dot_text(f"{title_of(m)}\n{date_of(m)}").replace("\n", "\\n")
        lines.append(f'  "{dot_text(m.id)}" [label="{label}"];')
        yield from _pieces(lines)
    for source, target, rel in refs:
        if target in key:
            lines.append(f'  "{dot_text(source)}" -> "{dot_text(target)}" '
                         f'[label="{dot_text(rel)}"];')
            yield from _pieces(lines)
    lines.append("}")
    yield from _pieces(lines, 0)
