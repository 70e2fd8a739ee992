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
    sqlite = "sqlite"  # a database file, written by kimcli/export/sqlite.py (needs -o)


def render_export(fmt: ExportFormat, dataset: Any, items: list[Any], width: int) -> str:
    return "".join(export_chunks(fmt, dataset, items, width))


# format -> (module, function, keyword arguments): the function takes the dataset and the
# chosen milestones and returns a JSON value (written in pieces as it is made) or the text.
_JSON: dict[ExportFormat, tuple[str, str, dict[str, Any]]] = {
    ExportFormat.json: ("kimcli.export.data", "dataset_record", {"stream": True}),
    ExportFormat.timelinejs: ("kimcli.export.timelines", "to_timelinejs", {}),
}
_TEXT: dict[ExportFormat, tuple[str, str, dict[str, Any]]] = {
    ExportFormat.csv: ("kimcli.export.tabular", "to_csv", {}),
    ExportFormat.markdown: ("kimcli.export.tabular", "to_markdown", {}),
    ExportFormat.mermaid: ("kimcli.export.timelines", "to_mermaid_timeline", {}),
}
# Text made in pieces as it is written (never held whole).
_PIECES: dict[ExportFormat, tuple[str, str, dict[str, Any]]] = {
    ExportFormat.html: ("kimcli.export.html", "html_chunks", {}),
}


def _writer(entry: tuple[str, str, dict[str, Any]]) -> Any:
    from functools import partial
    from importlib import import_module

    module, name, kwargs = entry
    return partial(getattr(import_module(module), name), **kwargs)


def export_chunks(fmt: ExportFormat, dataset: Any, items: list[Any], width: int
                  ) -> Iterator[str]:
    """The export's text in pieces: the JSON formats are written as they are made."""
    if fmt in _JSON:
        from kimcli.jsontext import chunks

        yield from chunks(_writer(_JSON[fmt])(dataset, items))
        yield "\n"
    elif fmt in _TEXT:
        yield _writer(_TEXT[fmt])(dataset, items)
    elif fmt in _PIECES:
        yield from _writer(_PIECES[fmt])(dataset, items)
    else:  # svg: the terminal picture, as wide as asked, in pieces
        yield from output.timeline_svg(dataset, items, width)
