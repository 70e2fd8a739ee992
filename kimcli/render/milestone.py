"""One milestone in detail (kim show), its references as trees (kim refs) and paths (kim path)."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text
from rich.tree import Tree

from kimcli import i18n
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.i18n.texts import (
    date_of,
    kind_of,
    precision_of,
    rel_inverse,
    rel_label,
    summary_of,
    title_of,
)
from kimcli.query import Link, RefNode
from kimcli.render.inert import clean, text
from kimcli.render.layout import KeepWhole
from kimcli.render.pieces import as_of_line, heading, numbered, source_lines, validity


def _refs_label(numbers: dict[str, int], sources: Sequence[str]) -> Text:
    if not sources:
        return Text("")
    nums = ", ".join(str(n) for n in sorted({numbers[s] for s in sources if s in numbers}))
    return Text(f" [{nums}]", style="cyan")




def _link_line(dataset: Dataset, link_: Link) -> Text:
    """An outgoing link as `relation → Title (id) – note`, an incoming one as `inverse ← …`."""
    rel = dataset.relation(link_.rel)
    other = dataset.by_id().get(link_.other)
    if link_.outgoing:
        line = text(rel_label(rel), "italic")
        line.append(" → ")
    else:
        line = text(rel_inverse(rel), "italic")
        line.append(" ← ")
    line.append_text(text(title_of(other) if other else link_.other, "bold"))
    line.append_text(text(f" ({link_.other})", "dim"))
    if link_.note:
        line.append_text(text(f" – {link_.note}", "dim"))
    return line


def refs_tree(dataset: Dataset, m: Milestone, out: Sequence[Link],
              incoming: Sequence[Link]) -> Tree:
    root = Tree(text(m.id, "bold"), guide_style="dim")
    branch_out = root.add(Text(i18n.t("show.refs_out"), style="bold"))
    for item in out:
        branch_out.add(_link_line(dataset, item))
    if not out:
        branch_out.add(Text(i18n.t("show.no_refs"), style="dim"))
    branch_in = root.add(Text(i18n.t("show.refs_in"), style="bold"))
    for item in incoming:
        branch_in.add(_link_line(dataset, item))
    if not incoming:
        branch_in.add(Text(i18n.t("show.no_refs"), style="dim"))
    return root


def show_view(dataset: Dataset, m: Milestone, incoming: Sequence[Link]) -> RenderableType:
    from rich.table import Table  # not needed by kim refs: imported when a view needs it

    numbers = {sid: i for i, sid in enumerate(m.cited_sources(), 1)}
    parts: list[RenderableType] = [text(title_of(m), "bold"), text(m.id, "dim")]
    if title_of(m) != m.title:
        parts.append(text(f"{i18n.t('show.original')}: {m.title}", "dim italic"))
    parts += as_of_line(dataset)
    parts.append(Text(""))

    info = Table.grid(padding=(0, 2))
    info.add_column(style="bold", no_wrap=True)
    info.add_column(overflow="fold")
    info.add_row(i18n.t("show.date"), KeepWhole(text(date_of(m)), clean(date_of(m))))
    info.add_row(i18n.t("show.precision"), Text(f"{precision_of(m.date)} ({m.date.edtf()})"))
    # The disputes' other dates right under the date they contest, each with its sources.
    label = i18n.t("show.alt_dates")
    for claim in (c for d in m.disputes for c in d.claims if c.date is not None):
        assert claim.date is not None
        same = claim.date == m.date
        when = i18n.date_text(claim.date)
        line = text(f"{'=' if same else '≠'} {when}", "" if same else "yellow")
        # A claim that begins with its own date ("2017–2019 (zweijährige …)") is not
        # preceded by that date a second time.
        said = claim.claim.strip()
        rest = said[len(when):] if said.startswith(when) else f" – {said}"
        line.append_text(text(rest, "dim"))
        line.append_text(_refs_label(numbers, claim.sources))
        info.add_row(label, KeepWhole(line, i18n.date_text(claim.date)))
        label = ""
    info.add_row(i18n.t("show.kind"), text(kind_of(m)))
    if m.phase:
        phase = next((p for p in dataset.phases if p.id == m.phase), None)
        info.add_row(i18n.t("show.phase"), text(phase.title if phase else m.phase))
    if m.aliases:
        info.add_row(i18n.t("show.aliases"), text(", ".join(m.aliases)))
    if m.tags:
        info.add_row(i18n.t("show.tags"), text(", ".join(m.tags)))
    if m.actors:
        names = [f"{dataset.actors[a].name} ({a})" if a in dataset.actors else a
                 for a in m.actors]
        info.add_row(i18n.t("show.actors"), text("; ".join(names)))
    parts += [info, Text("")]

    parts += [heading("show.summary"), text(summary_of(m)), Text("")]
    if m.description:
        parts += [heading("show.description"), text(m.description.strip()), Text("")]
    if m.facts:
        parts.append(heading("show.facts"))
        lines: list[RenderableType] = []
        for fact in m.facts:
            line = text(fact.text)
            line.append_text(_refs_label(numbers, fact.sources))
            if fact.confidence:
                line.append(f" ({i18n.t('conf.' + fact.confidence)})", style="dim")
            if fact.valid is not None:
                line.append(f" ({validity(fact.valid)})", style="dim")
            dates = (validity(fact.valid),) if fact.valid is not None else ()
            lines.append(KeepWhole(line, *dates))
        parts += [numbered(lines), Text("")]
    if m.key_dates:
        parts.append(heading("show.further_dates"))
        key_dates = Table.grid(padding=(0, 2))
        key_dates.add_column(no_wrap=True)
        key_dates.add_column(overflow="fold")
        for kd in sorted(m.key_dates, key=lambda k: k.date.sort_key()):
            line = text(kd.label)
            line.append_text(_refs_label(numbers, kd.sources))
            key_dates.add_row(text(i18n.date_text(kd.date)), line)
        parts += [key_dates, Text("")]
    if m.disputes:
        parts.append(heading("show.disputes"))
        for dispute in m.disputes:
            tree = Tree(text(f"⚠ {dispute.topic}", "bold yellow"), guide_style="dim")
            for claim in dispute.claims:
                line = text(claim.claim)
                line.append_text(_refs_label(numbers, claim.sources))
                tree.add(line)
            parts.append(tree)
            if dispute.note:
                parts.append(Padding(text(dispute.note, "italic"), (0, 0, 0, 2)))
        parts.append(Text(""))
    parts.append(heading("show.sources"))
    pad = len(str(len(numbers))) + 3
    for sid, number in numbers.items():
        parts += source_lines(dataset, sid, f"[{number}]", pad)
    parts.append(Text(""))
    parts.append(heading("show.refs"))
    out = [Link(r.to, r.rel, True, r.note) for r in m.refs]
    parts.append(refs_tree(dataset, m, out, incoming))
    return Group(*parts)


def _ref_label(dataset: Dataset, node: RefNode) -> Text:
    m = dataset.by_id().get(node.id)
    title = text(title_of(m) if m else node.id, "bold")
    if node.link is None:
        title.append_text(text(f" ({node.id})", "dim"))
        return title
    line = _link_line(dataset, node.link)
    if node.repeat:
        line.append(" " + i18n.t("refs.seen"), style="dim italic")
    return line


def ref_tree_view(dataset: Dataset, root: RefNode) -> Tree:
    """A RefNode tree as a Rich tree; repeats are marked, not expanded again."""
    tree = Tree(_ref_label(dataset, root), guide_style="dim")
    stack = [(root, tree)]
    while stack:
        node, branch = stack.pop()
        for child in node.children:
            stack.append((child, branch.add(_ref_label(dataset, child))))
        if node.hidden:
            branch.add(Text(i18n.t("refs.more", count=node.hidden), style="dim"))
    return tree


def path_view(dataset: Dataset, chain: Sequence[tuple[str, Link | None]]) -> RenderableType:
    """The chain A … B, read downwards; a step against a reference's direction says so."""
    from rich.table import Table

    by_id = dataset.by_id()
    grid = Table.grid(padding=(0, 1))
    grid.add_column(justify="right", no_wrap=True)
    grid.add_column(overflow="fold")
    for i, (mid, step) in enumerate(chain):
        if step is not None:
            rel = dataset.relation(step.rel)
            if step.outgoing:
                arrow = text(f"↓ {rel_label(rel)}", "italic")
            else:
                arrow = text(f"↓ {rel_inverse(rel)}", "italic")
                arrow.append_text(text(f" (← {rel_label(rel)})", "dim"))
            grid.add_row("", arrow)
        m = by_id[mid]
        line = text(title_of(m), "bold")
        line.append_text(text(f" ({m.id}, {date_of(m)})", "dim"))
        grid.add_row(f"{i + 1}.", KeepWhole(line, clean(date_of(m))))
    return grid
