"""TimelineJS3 JSON and Mermaid `timeline` text."""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

from kimcli import dates, i18n
from kimcli.dates import EDTFDate, Point
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.i18n.texts import (
    dataset_description,
    dataset_title,
    date_of,
    kind_of,
    phase_title,
    summary_of,
    title_of,
)
from kimcli.render.inert import clean, is_web_url


def _tl_date(point: Point, label: str | None = None) -> dict[str, Any]:
    """A TimelineJS date object at the point's real precision."""
    out: dict[str, Any] = {"year": point.year}
    if point.month is not None:
        out["month"] = point.month
    if point.day is not None:
        out["day"] = point.day
    if label:
        out["display_date"] = label
    return out


def _span(date: EDTFDate) -> tuple[Point, Point | None]:
    """Start and end points; an open end runs to today, an open start begins at the end."""
    if not date.interval:
        assert date.start is not None
        return date.start, None
    end = date.end
    if end is None:
        # An open or unknown end runs to today, or to the start if that lies ahead.
        today = dates.current_day()
        end = Point(today.year, today.month, today.day)
        if date.start is not None and date.start.first_day() > today:
            end = date.start
    start = date.start or end
    return start, end


def _html(value: str) -> str:
    return html.escape(clean(value)).replace("\n", "<br>")


def _event(dataset: Dataset, m: Milestone) -> dict[str, Any]:
    start, end = _span(m.date)
    body = f"<p>{_html(summary_of(m))}</p>"
    if m.facts:
        body += "<ul>" + "".join(f"<li>{_html(f.text)}</li>" for f in m.facts) + "</ul>"
    cited = [dataset.sources[s] for s in m.cited_sources() if s in dataset.sources]
    if cited:
        items = "".join(
            f'<li><a href="{html.escape(s.url, quote=True)}">{_html(s.title)}</a></li>'
            if s.url and is_web_url(s.url) else f"<li>{_html(s.title)}</li>" for s in cited)
        body += f"<ol>{items}</ol>"
    event: dict[str, Any] = {
        "start_date": _tl_date(start),
        "text": {"headline": _html(title_of(m)), "text": body},
        "group": _html(kind_of(m)),
        "unique_id": m.id,
        "display_date": _html(date_of(m)),
    }
    if end is not None:
        event["end_date"] = _tl_date(end)
    return event


def to_timelinejs(dataset: Dataset, milestones: Sequence[Milestone]) -> dict[str, Any]:
    """The TimelineJS document; its events are a jsontext.Stream, made as they are written."""
    from kimcli.jsontext import Stream

    events: Any = Stream(milestones, lambda m: _event(dataset, m)) if milestones else []
    intro = _html(dataset_description(dataset) or "")
    if dataset.as_of is not None:
        stand = _html(i18n.t("asof.line", date=i18n.date_text(dataset.as_of)))
        intro = f"{intro}<p>{stand}</p>" if intro else f"<p>{stand}</p>"
    out: dict[str, Any] = {
        "title": {"text": {"headline": _html(dataset_title(dataset)), "text": intro}},
        "events": events,
    }
    if dataset.phases:
        eras = []
        for p in dataset.phases:
            start, end = _span(p.date)
            eras.append({"start_date": _tl_date(start), "end_date": _tl_date(end or start),
                         "text": {"headline": _html(phase_title(p))}})
        out["eras"] = eras
    return out


def mermaid_timeline_text(value: str) -> str:
    """Text that cannot break a Mermaid timeline line: no ':' separators, comments or breaks."""
    value = clean(value).replace("\n", " ").replace("\r", " ")
    value = value.replace(":", "\ua789").replace("%%", "% %").replace("#", "＃")
    value = value.replace(";", ",").replace("{", "(").replace("}", ")")
    value = value.replace("<", "‹").replace(">", "›")
    return " ".join(value.split()) or "-"


def to_mermaid_timeline(dataset: Dataset, milestones: Sequence[Milestone]) -> str:
    """Sections by phase when the dataset has phases, else by year; one period per date label."""
    title = dataset_title(dataset)
    if dataset.as_of is not None:
        title += f" ({i18n.t('asof.line', date=i18n.date_text(dataset.as_of))})"
    lines = ["timeline", f"    title {mermaid_timeline_text(title)}"]
    phases = {p.id: phase_title(p) for p in dataset.phases}
    section = None
    for m in milestones:
        if phases:
            name = phases.get(m.phase or "", i18n.t("export.no_phase"))
        else:
            name = str(m.date.start.year) if m.date.start else i18n.t("export.no_year")
        if name != section:
            lines.append(f"    section {mermaid_timeline_text(name)}")
            section = name
        lines.append(f"        {mermaid_timeline_text(date_of(m))} : "
                     f"{mermaid_timeline_text(title_of(m))}")
    return "\n".join(lines) + "\n"
