"""The search index a site's script reads: kim's own index, loaded as a script file.

A page opened from file:// may not fetch() a file beside it (Chromium refuses: the page's
origin is opaque), but it may load a script: so the index is JSON assigned to a global, in
`search-index.js`, loaded only when the reader first uses the search box."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from kimcli.site import core
from kimcli.site.names import Links

GLOBAL = "kimSearchIndex"
# Escaped so that the file stays one inert JSON value whatever the dataset holds.
_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028",
            "\u2029": "\\u2029"}


def payload(dataset: core.Dataset, milestones: Sequence[core.Milestone], links: Links,
            known: tuple[dict[core.EDTFDate, str], dict[str, core.Text]] | None = None
            ) -> dict[str, Any]:
    """Records (milestones shown, then glossary terms) with what a hit shows, and postings.

    A record is [link, title, date, kind, name]; the name orders hits of equal score, as in
    kim search. `known`: date labels and titles the build has worked out already."""
    stride, postings, in_order = core.search_postings(dataset, milestones)
    computed, titles = known if known is not None else ({}, {})
    glossary_label = core.t("field.glossary")
    records: list[list[str]] = []
    for m in in_order:
        href = links.milestone(m.id)
        assert href is not None
        title = titles.get(m.id) or core.title(dataset, m)
        records.append([href, core.clean(title.value),
                        core.clean(core.date_label(m, computed)),
                        core.clean(core.kind(dataset, m).value), m.id])
    for g in dataset.glossary:
        records.append([links.term(g.term), core.clean(g.term), "", glossary_label,
                        core.clean(g.term)])
    # Sorted: kim's index lists tokens in the order a set gave them, which changes from one
    # process to the next; a site should come out the same each time.
    return {"format": 1, "milestones": len(milestones), "stride": stride,
            **core.search_rules(), "records": records, "postings": dict(sorted(postings.items()))}


def to_script(value: dict[str, Any]) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in _ESCAPES.items():
        text = text.replace(char, escape)
    return f"window.{GLOBAL} = {text};\n"
