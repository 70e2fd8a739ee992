"""Every export format in one table: a new format is a module here and one entry below."""

from __future__ import annotations

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
    sqlite = "sqlite"  # a database file, written by kimcli/export/sqlite.py (needs -o)


def render_export(fmt: ExportFormat, dataset: Any, items: list[Any], width: int) -> str:
    if fmt is ExportFormat.json:
        from kimcli.export.data import dataset_record
        from kimcli.jsonout import dumps

        return dumps(dataset_record(dataset, items)) + "\n"
    if fmt is ExportFormat.csv:
        from kimcli.export.tabular import to_csv

        return to_csv(dataset, items)
    if fmt is ExportFormat.markdown:
        from kimcli.export.tabular import to_markdown

        return to_markdown(dataset, items)
    if fmt is ExportFormat.timelinejs:
        from kimcli.export.timelines import to_timelinejs
        from kimcli.jsonout import dumps

        return dumps(to_timelinejs(dataset, items)) + "\n"
    if fmt is ExportFormat.mermaid:
        from kimcli.export.timelines import to_mermaid_timeline

        return to_mermaid_timeline(dataset, items)
    if fmt is ExportFormat.html:
        from kimcli.export.html import to_html

        return to_html(dataset, items)
    return output.timeline_document(dataset, items, width, "svg")
