"""The diff of two datasets as a Rich view grouped by milestone, and as Markdown."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, NamedTuple

from rich.console import Group as RichGroup
from rich.console import RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from kimcli import i18n
from kimcli.dates import parse
from kimcli.diff import Change, ChangeType, Diff, Entry, Section
from kimcli.errors import DateError
from kimcli.render.inert import clean, text

_MARK_STYLE = {"+": "green", "-": "red", "~": "yellow", ">": "cyan"}
_ADDED = (ChangeType.ADDED, ChangeType.CITED, ChangeType.OPENED)
_REMOVED = (ChangeType.REMOVED, ChangeType.UNCITED, ChangeType.SETTLED)


class Line(NamedTuple):
    """One line of the diff: its depth, a mark (+ - ~ >, or none), a label in the reader's
    language, and dataset text (already inert-able, never markup)."""

    depth: int
    mark: str
    label: str
    detail: str = ""
    heading: int = 0  # 1: the header, 2: a section, 3: a record


def title(e: Entry) -> str:
    if i18n.language() == "en" and e.title_en:
        return e.title_en
    return e.title


def _field(name: str) -> str:
    try:
        return i18n.t(f"diff.f.{name}")
    except KeyError:
        return name


def _date(v: Any) -> str:
    if not isinstance(v, str):
        return show(v)
    try:
        return i18n.date_text(parse(v))
    except DateError:
        return v


def show(v: Any) -> str:
    """A plain value as one line of text: a fact's text with its sources, a reference's
    target, a source's id and title."""
    if v is None:
        return "—"
    if isinstance(v, (list, tuple)):
        return ", ".join(show(x) for x in v)
    if not isinstance(v, dict):
        return str(v)
    cites = f" [{', '.join(v['sources'])}]" if v.get("sources") else ""
    if "text" in v:
        valid = f" ({_date(v['valid'])})" if v.get("valid") else ""
        return f"{v['text']}{valid}{cites}"
    if "topic" in v:
        claims = " | ".join(show(c) for c in v.get("claims", ()))
        return f"{v['topic']}: {claims}" if claims else str(v["topic"])
    if "claim" in v:
        when = f" ({_date(v['date'])})" if v.get("date") else ""
        return f"{v['claim']}{when}{cites}"
    if "to" in v and "rel" in v:
        note = f" — {v['note']}" if v.get("note") else ""
        return f"→ {v['to']} ({v['rel']}){note}{cites}"
    if "label" in v and "date" in v:
        return f"{_date(v['date'])}: {v['label']}{cites}"
    if "id" in v and "title" in v:
        return f"{v['id']} {v['title']}"
    return "; ".join(f"{k}: {show(x)}" for k, x in v.items())


def change_lines(c: Change, depth: int) -> Iterator[Line]:
    if c.type is ChangeType.DATE:
        label = i18n.t("diff.kind.date") if c.field == "date" else i18n.t(
            "diff.kind.field", field=c.field)
        yield Line(depth, "~", label, f"{_date(c.old)} → {_date(c.new)}")
        return
    if c.type is ChangeType.FIELD:
        label = i18n.t("diff.kind.field", field=c.field)
        if isinstance(c.old, (bool, int)) or isinstance(c.new, (bool, int)) or (
                len(show(c.old)) + len(show(c.new)) < 60):
            yield Line(depth, "~", label, f"{show(c.old)} → {show(c.new)}")
            return
    else:
        label = i18n.t(f"diff.kind.{c.type.value}", field=_field(c.field))
    if c.type in _ADDED:
        yield Line(depth, "+", label, show(c.new))
    elif c.type in _REMOVED:
        yield Line(depth, "-", label, show(c.old))
    elif c.parts:  # a changed item: what it is now, then its own changes
        yield Line(depth, "~", label, _name(c.new))
        for part in c.parts:
            yield from change_lines(part, depth + 1)
    else:  # a reworded fact, a long text changed
        yield Line(depth, "~", label)
        yield Line(depth + 1, "-", "", show(c.old))
        yield Line(depth + 1, "+", "", show(c.new))


def _name(v: Any) -> str:
    """The short name of a changed item: a dispute's topic, a reference's target …"""
    if isinstance(v, dict):
        for key in ("topic", "id", "term", "claim", "text", "label"):
            if key in v:
                return str(v[key]) if key != "id" or "title" not in v else show(v)
        if "to" in v:
            return show({"to": v["to"], "rel": v.get("rel", "")})
    return show(v)


def _entry_text(e: Entry) -> str:
    when = f" ({_date(e.date)})" if e.date else ""
    return f"{e.id} — {title(e)}{when}"


def _section(name: str, s: Section) -> Iterator[Line]:
    if s.empty:
        return
    yield Line(0, "", i18n.t(f"diff.section.{name}"), heading=2)
    for e in s.added:
        yield Line(0, "+", i18n.t("diff.added"), _entry_text(e))
    for e in s.removed:
        yield Line(0, "-", i18n.t("diff.removed"), _entry_text(e))
    for g in s.changed:
        yield Line(0, "~", "", _entry_text(g.entry), heading=3)
        for c in g.changes:
            yield from change_lines(c, 1)


def lines(diff: Diff, old: str, new: str) -> Iterator[Line]:
    """The whole diff, grouped: the dataset, its sources, milestones, actors."""
    yield Line(0, "", i18n.t("diff.header", old=clean(old), new=clean(new)), heading=1)
    if diff.dataset:
        yield Line(0, "", i18n.t("diff.section.dataset"), heading=2)
        for c in diff.dataset:
            yield from change_lines(c, 0)
    yield from _section("sources", diff.sources)
    moved = list(_section("milestones", diff.milestones))
    if diff.renamed and not moved:
        moved.append(Line(0, "", i18n.t("diff.section.milestones"), heading=2))
    yield from moved[:1]
    for a, b in diff.renamed:
        yield Line(0, ">", i18n.t("diff.renamed"), f"{a.id} → {b.id} — {title(b)}")
    yield from moved[1:]
    yield from _section("actors", diff.actors)


def diff_view(diff: Diff, old: str, new: str) -> RenderableType:
    """The Rich view: a header, then each part with its marked lines."""
    parts: list[RenderableType] = []
    for line in lines(diff, old, new):
        if line.heading == 1:
            parts.append(text(line.label, "bold"))
            continue
        if line.heading == 2:
            parts += [Text(""), text(line.label, "bold underline")]
            continue
        row = Text()
        if line.label:
            row.append_text(text(line.label + (": " if line.detail else ""),
                                 "italic" if line.depth else ""))
        row.append_text(text(line.detail, "bold" if line.heading == 3 else ""))
        # The mark in a column of its own: a wrapped line stays indented under its text.
        grid = Table.grid()
        grid.add_column(width=2, no_wrap=True)
        grid.add_column()
        grid.add_row(Text(line.mark, _MARK_STYLE.get(line.mark, "")), row)
        parts.append(Padding(grid, (0, 0, 0, 2 * line.depth), expand=False))
    return RichGroup(*parts)


def nothing_line(old: str, new: str) -> Text:
    return text(i18n.t("diff.none", old=clean(old), new=clean(new)))


def diff_markdown(diff: Diff, old: str, new: str) -> str:
    """The diff as Markdown for a changelog or a newsletter; dataset text escaped."""
    from kimcli.export.tabular import md

    if diff.empty:
        return md(i18n.t("diff.none", old=old, new=new)) + "\n"
    out: list[str] = []
    for line in lines(diff, old, new):
        if line.heading:
            out += ["", f"{'#' * (line.heading + 1)} {md(line.label or line.detail)}", ""]
            continue
        mark = {"+": "➕ ", "-": "➖ ", ">": "↪ "}.get(line.mark, "")
        label = f"**{md(line.label)}**" if line.label else ""
        body = md(line.detail)
        if not line.label and line.mark == "-":
            body = f"~~{body}~~" if body else body
        sep = ": " if label and body else ""
        out.append(f"{'  ' * line.depth}- {mark}{label}{sep}{body}")
    return re.sub(r"\n{3,}", "\n\n", "\n".join(out)).strip() + "\n"
