"""CSV (RFC 4180) and GitHub-flavoured Markdown."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from kimcli import i18n
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.i18n.texts import (
    dataset_description,
    dataset_title,
    date_of,
    kind_of,
    rel_label,
    summary_of,
    title_of,
)
from kimcli.render.inert import clean, is_web_url

CSV_COLUMNS = ("id", "title", "date", "date_label", "precision", "start", "end", "kind", "phase",
               "summary", "tags", "aliases", "refs", "sources", "source_urls")


def to_csv(dataset: Dataset, milestones: Sequence[Milestone]) -> str:
    """One row per milestone; lists joined with '; ', refs as 'rel:target'."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for m in milestones:
        cited = m.cited_sources()
        writer.writerow(cell_of(cell) for cell in [
            m.id, title_of(m), m.date.edtf(), date_of(m), m.date.precision,
            m.date.start.edtf() if m.date.start else "",
            m.date.end.edtf() if m.date.end else "",
            kind_of(m), m.phase or "", summary_of(m),
            "; ".join(m.tags), "; ".join(m.aliases),
            "; ".join(f"{r.rel}:{r.to}" for r in m.refs),
            "; ".join(cited),
            "; ".join(dataset.sources[s].url or "" for s in cited if s in dataset.sources),
        ])
    return out.getvalue()


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_of(value: str) -> str:
    """A CSV cell: control characters as visible escapes, as on the terminal, and a cell a
    spreadsheet would run as a formula prefixed with a single quote, as OWASP recommends."""
    cell = clean(value)
    return "'" + cell if value.startswith(_FORMULA_START) else cell


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def md(value: str) -> str:
    """Text that Markdown shows as typed: specials escaped, line breaks folded."""
    return _MD_SPECIAL.sub(r"\\\1", clean(value)).replace("\n", " ").strip()


def _md_url(url: str) -> str:
    return url.replace(" ", "%20").replace("(", "%28").replace(")", "%29").replace("<", "%3C") \
        .replace(">", "%3E")


def to_markdown(dataset: Dataset, milestones: Sequence[Milestone]) -> str:
    lines = [f"# {md(dataset_title(dataset))}", ""]
    if dataset_description(dataset):
        lines += [md(dataset_description(dataset) or ""), ""]
    if dataset.as_of is not None:
        lines += [f"*{md(i18n.t('asof.line', date=i18n.date_text(dataset.as_of)))}*", ""]
    lines += [f"| {i18n.t('col.date')} | {i18n.t('col.title')} | {i18n.t('col.kind')} |",
              "|---|---|---|"]
    for m in milestones:
        lines.append(f"| {md(date_of(m))} | [{md(title_of(m))}](#{m.id}) | {md(kind_of(m))} |")
    lines.append("")
    for m in milestones:
        numbers = {sid: i for i, sid in enumerate(m.cited_sources(), 1)}

        def refs(sources: Sequence[str], numbers: dict[str, int] = numbers, mid: str = m.id
                 ) -> str:
            nums = sorted({numbers[s] for s in sources if s in numbers})
            return (" " + " ".join(f"[\\[{n}\\]](#{mid}-q{n})" for n in nums)) if nums else ""

        lines += [f'<a id="{m.id}"></a>', "", f"## {md(title_of(m))}", "",
                  f"*{md(date_of(m))} · {md(kind_of(m))} · `{m.id}`*", "", md(summary_of(m)), ""]
        if m.description:
            lines += [md(m.description), ""]
        if m.facts:
            lines += [f"### {i18n.t('show.facts')}", ""]
            lines += [f"{i}. {md(f.text)}{refs(f.sources)}" for i, f in enumerate(m.facts, 1)]
            lines.append("")
        if m.key_dates:
            lines += [f"### {i18n.t('show.further_dates')}", ""]
            lines += [f"- **{md(i18n.date_text(k.date))}**: {md(k.label)}{refs(k.sources)}"
                      for k in sorted(m.key_dates, key=lambda k: k.date.sort_key())]
            lines.append("")
        if m.disputes:
            lines += [f"### {i18n.t('show.disputes')}", ""]
            for d in m.disputes:
                lines.append(f"- **{md(d.topic)}**")
                lines += [f"  - {md(c.claim)}{refs(c.sources)}" for c in d.claims]
                if d.note:
                    lines.append(f"  - *{md(d.note)}*")
            lines.append("")
        if m.refs:
            lines += [f"### {i18n.t('show.refs')}", ""]
            for r in m.refs:
                rel = dataset.relation(r.rel)
                note = f" ({md(r.note)})" if r.note else ""
                lines.append(f"- {md(rel_label(rel))} → [{md(r.to)}](#{r.to}){note}")
            lines.append("")
        lines += [f"### {i18n.t('show.sources')}", ""]
        for sid, n in numbers.items():
            s = dataset.sources.get(sid)
            title = md(s.title) if s else md(sid)
            linkable = s is not None and s.url is not None and is_web_url(s.url)
            target = f"[{title}](<{_md_url(s.url)}>)" if s and s.url and linkable else title
            if s and s.url and not linkable:
                target += f" — {md(s.url)}"
            publisher = f" — {md(s.publisher)}" if s and s.publisher else ""
            lines.append(f'{n}. <a id="{m.id}-q{n}"></a>{target}{publisher} ({md(sid)})')
        lines.append("")
    # One copy of a large export, not three: the trailing blank end trimmed line by line.
    while len(lines) > 1 and not lines[-1].rstrip():
        lines.pop()
    lines[-1] = lines[-1].rstrip()
    lines.append("")
    return "\n".join(lines)
