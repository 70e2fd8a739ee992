"""One self-contained HTML page in the design of `kim site`: the timeline, every milestone,
the glossary and the sources, with anchors instead of files (kimcli/site builds it)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone


def to_html(dataset: Dataset, milestones: Sequence[Milestone]) -> str:
    from kimcli.site.build import single_page  # Jinja2 only for this format

    return single_page(dataset, milestones)


def html_chunks(dataset: Dataset, milestones: Sequence[Milestone]) -> Iterator[str]:
    """to_html() in pieces, made as they are written: the page is never held whole."""
    from kimcli.site.build import single_page_chunks

    return single_page_chunks(dataset, milestones)
