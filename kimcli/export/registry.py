"""Every export format in one table: a new format is a module here and one entry below."""

from __future__ import annotations

from collections.abc import Iterator
from enum import Enum
from typing import Any

from kimcli.render import output


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    markdown = "markdown"
    timelinejs = "timelinejs"
    mermaid = "mermaid"
    svg = "svg"
    html = "html"


def render_export(fmt: ExportFormat, dataset: Any, items: list[Any], width: int) -> str:
    return "".join(export_chunks(fmt, dataset, items, width))


def export_chunks(fmt: ExportFormat, dataset: Any, items: list[Any], width: int
                  ) -> Iterator[str]:
    """The export's text in pieces: the JSON formats are written as they are made."""
    if fmt is ExportFormat.json:
        from kimcli.export.data import dataset_record
        from kimcli.jsontext import chunks

        yield from chunks(dataset_record(dataset, items, stream=True))
        yield "\n"
        return
    if fmt is ExportFormat.timelinejs:
        from kimcli.export.timelines import to_timelinejs
        from kimcli.jsontext import chunks

        yield from chunks(to_timelinejs(dataset, items))
        yield "\n"
        return
    yield _render(fmt, dataset, items, width)


def _render(fmt: ExportFormat, dataset: Any, items: list[Any], width: int) -> str:
    if fmt is ExportFormat.csv:
        from kimcli.export.tabular import to_csv

        return to_csv(dataset, items)
    if fmt is ExportFormat.markdown:
        from kimcli.export.tabular import to_markdown

        return to_markdown(dataset, items)
    if fmt is ExportFormat.mermaid:
        from kimcli.export.timelines import to_mermaid_timeline

        return to_mermaid_timeline(dataset, items)
    if fmt is ExportFormat.html:
        from kimcli.export.html import to_html

        return to_html(dataset, items)
    return output.timeline_document(dataset, items, width, "svg")
