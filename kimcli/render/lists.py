"""Views of many things at once: search hits, glossary, sources, diagnostics."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.text import Text

from kimcli import i18n
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import GlossaryEntry
from kimcli.errors import Diagnostic
from kimcli.i18n.texts import date_of, hit_text, title_of
from kimcli.query import Citations, Hit
from kimcli.render.inert import clean, text
from kimcli.render.layout import NARROW, Cell, KeepWhole, Para, Rows, cells, wrapped
from kimcli.render.pieces import heading, source_lines
from kimcli.render.runs import LaidRows, wrap_runs

# -- search --------------------------------------------------------------------------------


def snippet_runs(hit: Hit, radius: int = 40) -> list[Para]:
    """The matched field around its first match, as (text, style) runs: matches highlighted."""
    value, spans = hit_text(hit.text, hit.spans, hit.translates, hit.milestone)
    if not spans:
        start, end = 0, min(len(value), radius * 2)
    else:
        first = spans[0][0]
        start = max(0, first - radius)
        end = min(len(value), max(spans[0][1], first) + radius)
        if start > 0:
            space = value.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        if end < len(value):
            space = value.rfind(" ", spans[0][1], end)
            end = space if space > 0 else end
    out: list[Para] = [("…", "")] if start > 0 else []
    cursor = start
    for a, b in spans:
        if b <= start or a >= end:
            continue
        a, b = max(a, start), min(b, end)
        out.append((clean(value[cursor:a]).replace("\n", " "), ""))
        out.append((clean(value[a:b]), "bold reverse"))
        cursor = b
    out.append((clean(value[cursor:end]).replace("\n", " "), ""))
    if end < len(value):
        out.append(("…", ""))
    return out


def snippet(hit: Hit, radius: int = 40) -> Text:
    """snippet_runs() as Rich text."""
    out = Text()
    for value, style in snippet_runs(hit, radius):
        out.append(value, style=style or None)
    return out


def _hit_title(hit: Hit) -> tuple[str, str]:
    """What names a hit: its title and, under it, its id (or "Glossar"), made safe."""
    title = title_of(hit.milestone) if hit.milestone else hit.title
    return clean(title), clean(hit.id if hit.type == "milestone" else i18n.t("kind.glossary"))


def search_view(hits: Sequence[Hit], width: int) -> RenderableType:
    if width < NARROW:
        rows: list[RenderableType] = []
        for i, hit in enumerate(hits, 1):
            title, ident = _hit_title(hit)
            head = Text(f"{i}. ", style="bold")
            head.append(f"{title}\n", style="bold")
            head.append(ident, style="dim")
            field = Text(f"{i18n.t('field.' + hit.field.label)}: ", style="italic")
            field.append_text(snippet(hit, 25))
            rows += [head, field, Text("")]
        return Group(*rows)
    num_w = len(str(len(hits)))
    field_w = max(len(i18n.t("col.field")), *(len(i18n.t("field." + h.field.label)) for h in hits))
    id_w = max((len(h.id) for h in hits if h.type == "milestone"), default=0)
    title_w = min(36, max(int(width * 0.34), id_w))
    snippet_w = max(16, width - num_w - title_w - field_w - 3 * len(Rows.GAP))
    header: list[Cell] = [[("#".rjust(num_w), "bold")], [(i18n.t("col.title"), "bold")],
                          [(i18n.t("col.field"), "bold")], [(i18n.t("col.match"), "bold")]]
    laid = []
    for i, hit in enumerate(hits, 1):
        title, ident = _hit_title(hit)
        laid.append([wrapped(str(i).rjust(num_w), num_w, ""),
                     wrapped(title, title_w, "bold") + wrapped(ident, title_w, "dim"),
                     wrapped(i18n.t("field." + hit.field.label), field_w, ""),
                     wrap_runs(snippet_runs(hit), snippet_w)])
    return LaidRows([num_w, title_w, field_w, snippet_w], laid, header)


# -- glossary and sources ------------------------------------------------------------------


def glossary_list_view(dataset: Dataset, width: int) -> RenderableType:
    if width < NARROW:  # stacked: the term, then its explanation over the full width
        return Rows([width], [[[(clean(g.term), "bold"), (clean(g.definition), ""), ("", "")]]
                              for g in dataset.glossary])
    term_w = min(24, max((cells(g.term) for g in dataset.glossary), default=8))
    rows = [[[(clean(g.term), "bold")], [(clean(g.definition), "")]] for g in dataset.glossary]
    header: list[Cell] = [[(i18n.t("col.term"), "bold")], [(i18n.t("col.definition"), "bold")]]
    return Rows([term_w, max(16, width - term_w - len(Rows.GAP))], rows, header)


def glossary_entry_view(dataset: Dataset, entry: GlossaryEntry) -> RenderableType:
    parts: list[RenderableType] = [text(entry.term, "bold")]
    if entry.aliases:
        line = Text(i18n.t("show.aliases") + ": ", style="dim")
        line.append_text(text(", ".join(entry.aliases), "dim"))
        parts.append(line)
    parts += [Text(""), text(entry.definition)]
    by_id = dataset.by_id()
    if entry.see:
        parts += [Text(""), heading("show.see")]
        for mid in entry.see:
            m = by_id.get(mid)
            line = text(title_of(m) if m else mid)
            line.append_text(text(f" ({mid}, {date_of(m)})" if m else "", "dim"))
            parts.append(KeepWhole(line, clean(date_of(m))) if m else line)
    if entry.sources:
        parts += [Text(""), heading("show.sources")]
        pad = len(str(len(entry.sources))) + 3
        for i, sid in enumerate(entry.sources, 1):
            parts += source_lines(dataset, sid, f"[{i}]", pad)
    return Group(*parts)


def sources_view(dataset: Dataset, cited: dict[str, Citations]) -> RenderableType:
    from rich.table import Table  # here: kim search, which imports this module, needs none

    parts: list[RenderableType] = []
    pad = max((len(sid) for sid in dataset.sources), default=3) + 2
    for sid in dataset.sources:
        parts += source_lines(dataset, sid, sid, pad)
        who = cited.get(sid)
        users = ", ".join([*who.milestones,
                           *(f"{i18n.t('kind.glossary')}: {t}" for t in who.glossary),
                           *(f"{i18n.t('kind.actor')}: {a}" for a in who.actors)]) if who else ""
        row = Table.grid(padding=(0, 1))
        row.add_column(width=pad - 1)
        row.add_column(overflow="fold", style="dim")
        row.add_row("", text(f"{i18n.t('col.cited_by')}: {users or '–'}"))
        parts += [row, Text("")]
    return Group(*parts)


# -- diagnostics ---------------------------------------------------------------------------


def diagnostic_line(d: Diagnostic) -> Text:
    style = "red" if d.is_error else "yellow"
    kind = i18n.t("load.error" if d.is_error else "load.warning")
    line = text(d.location(), "bold")
    line.append(": ")
    line.append(f"{kind}: ", style=style)
    line.append_text(text(i18n.diagnostic_text(d)))
    return line
