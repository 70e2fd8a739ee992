"""One actor in detail: name, role, dated facts with their validity and sources, milestones."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Actor, Milestone
from kimcli.i18n.texts import date_of, pick, title_of
from kimcli.render.inert import text
from kimcli.render.layout import KeepWhole
from kimcli.render.pieces import as_of_line, heading, numbered, source_lines, validity


def actor_view(dataset: Dataset, actor: Actor, milestones: Sequence[Milestone]
               ) -> RenderableType:
    numbers = {sid: i for i, sid in enumerate(actor.cited_sources(), 1)}
    parts: list[RenderableType] = [text(pick(actor, "name"), "bold"), text(actor.id, "dim")]
    parts += as_of_line(dataset)
    parts.append(Text(""))
    role = pick(actor, "role")
    if role:
        parts += [heading("actor.role"), text(role.strip()), Text("")]
    if actor.facts:
        parts.append(heading("actor.facts"))
        lines: list[RenderableType] = []
        for fact in actor.facts:
            line = Text()
            if fact.valid is not None:
                line.append(f"{validity(fact.valid)}: ", style="bold")
            line.append_text(text(fact.text.strip()))
            nums = sorted({numbers[s] for s in fact.sources if s in numbers})
            if nums:
                line.append(f" [{', '.join(map(str, nums))}]", style="cyan")
            dates = (validity(fact.valid),) if fact.valid is not None else ()
            lines.append(KeepWhole(line, *dates))
        parts += [numbered(lines), Text("")]
    if milestones:
        parts.append(heading("actor.milestones"))
        rows = Table.grid(padding=(0, 2))
        rows.add_column(no_wrap=True)
        rows.add_column(overflow="fold")
        for m in milestones:
            line = text(title_of(m), "bold")
            line.append_text(text(f" ({m.id})", "dim"))
            rows.add_row(text(date_of(m)), line)
        parts += [rows, Text("")]
    if numbers:
        parts.append(heading("show.sources"))
        pad = len(str(len(numbers))) + 3
        for sid, number in numbers.items():
            parts += source_lines(dataset, sid, f"[{number}]", pad)
    return Group(*parts)


def actor_list(dataset: Dataset) -> RenderableType:
    """Every actor as its id and name in the reader's language."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(no_wrap=True, style="bold")
    grid.add_column(overflow="fold")
    for actor in dataset.actors.values():
        grid.add_row(text(actor.id), text(pick(actor, "name")))
    return grid
