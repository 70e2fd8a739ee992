"""Pieces several views share: section headings, numbered lines and sources, dates of validity."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import RenderableType
from rich.text import Text

from kimcli import i18n
from kimcli.dates import EDTFDate
from kimcli.domain.dataset import Dataset
from kimcli.render.inert import link, text

if TYPE_CHECKING:  # rich.table is imported by the views that lay out a grid, not by kim refs
    from rich.table import Table


def heading(key: str) -> Text:
    return Text(i18n.t(key), style="bold underline")


def numbered(lines: Sequence[RenderableType]) -> Table:
    """Lines numbered 1., 2., … in a right-aligned column, each folding within its own."""
    from rich.table import Table

    table = Table.grid(padding=(0, 1))
    table.add_column(justify="right", no_wrap=True)
    table.add_column(overflow="fold")
    for i, line in enumerate(lines, 1):
        table.add_row(f"{i}.", line)
    return table


def validity(valid: EDTFDate) -> str:
    """A statement's validity: 'seit 27.01.2026' for an open end, else 'gilt 2017–2022'."""
    if valid.interval and valid.end is None and valid.end_mode == "open":
        return i18n.date_text(valid)
    return i18n.t("show.valid", date=i18n.date_text(valid))


def as_of_line(dataset: Dataset) -> list[RenderableType]:
    """The dataset's as-of date as a dim line, or nothing when it has none."""
    if dataset.as_of is None:
        return []
    return [Text(i18n.t("asof.line", date=i18n.date_text(dataset.as_of)), style="dim")]


def source_lines(dataset: Dataset, sid: str, prefix: str, pad: int) -> list[RenderableType]:
    """A source as a wrapped title line (with its id unless that is the prefix) and an
    unbroken URL line."""
    src = dataset.sources.get(sid)
    body = text(src.title if src else sid)
    meta = [x for x in (src.publisher, src.date.edtf() if src.date else None) if x] if src else []
    if src and src.accessed:
        meta.append(i18n.t("source.accessed", date=i18n.date_text(src.accessed)))
    if meta:
        body.append_text(text(" — " + ", ".join(meta), "dim"))
    if prefix != sid:
        body.append_text(text(f" ({sid})", "dim"))
    from rich.table import Table

    row = Table.grid(padding=(0, 1))
    row.add_column(width=pad - 1, no_wrap=True, style="cyan")
    row.add_column(overflow="fold")
    row.add_row(text(prefix), body)
    out: list[RenderableType] = [row]
    if src and src.url:
        # One unbroken line, so the address survives copy and paste.
        url = Text(" " * pad)
        url.append_text(link(src.url, "blue"))
        url.no_wrap, url.overflow = True, "ignore"
        out.append(url)
    return out
