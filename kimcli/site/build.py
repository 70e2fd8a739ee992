"""Build a site (a folder of pages) or the one-page export from a dataset and a selection."""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from kimcli import query
from kimcli.site import core, folder, pages, search, timeline, workers
from kimcli.site.names import Links, Names
from kimcli.site.render import STATIC, Renderer

STATIC_FILES = ("site.css", "search.js")
BATCH = 100  # milestone pages per run of their template
# Compiled before the milestone pages' processes fork: the templates they and the source
# pages use (each other template is compiled by the one process that uses it).
SHARED_TEMPLATES = ("milestones.html", "_target.html", "_sources.html", "_macros.html",
                    "_head.html", "_top.html", "_footer.html", "source.html", "base.html")


def build_site(outdir: str | os.PathLike[str], *, data: str | os.PathLike[str] | None = None,
               flt: query.TimelineFilter | None = None, force: bool = False) -> int:
    """Write the site for the milestones that pass the filters; return how many it shows.

    The pages are written into a new folder beside OUTDIR and swapped into place at the end,
    so a build that fails leaves the old site as it was."""
    target = Path(outdir)
    folder.check_target(target, force=force, keep=[Path(data)] if data is not None else [])
    dataset = core.load(data)
    items = core.select(dataset, flt)
    with folder.staged(target) as staging:
        write_site(staging, dataset, items)
    return len(items)


def _timeline(dataset: core.Dataset, items: Sequence[core.Milestone], links: Links,
              today: int, by_year: bool = True, known: timeline.Known | None = None
              ) -> dict[str, Any]:
    """The axis and the sections (phases, else years unless the page is one year's)."""
    axis = timeline.make_axis(timeline.spans(items, today), today)
    sections = timeline.sections(dataset, items, links, axis, today,
                                 by_year=by_year and not dataset.phases, known=known)
    return {"axis": axis, "sections": sections, "legend": timeline.legend(sections)}


class PhaseItem(NamedTuple):
    id: str
    title: str
    label: str


def _phases(dataset: core.Dataset) -> list[PhaseItem]:
    return [PhaseItem(p.id, p.title, core.label(p.date)) for p in dataset.phases]


def write_site(out: Path, dataset: core.Dataset, items: Sequence[core.Milestone]) -> None:
    """Every page of the site into the folder `out` (which exists and is empty)."""
    names = Names(dataset, items)
    today = core.today()
    by_year = timeline.years(items) if len(items) > timeline.PAGE_BY_YEAR_ABOVE else None
    year_of = None
    if by_year is not None:
        year_of = {m.id: year for year, found in by_year.items() for m in found}
    links = Links(names, "", False, year_of)
    renderer = Renderer(dataset, items, links)
    ctx = pages.Context(dataset, items, renderer.fragment)
    for sub in ("m", "s", "static"):
        (out / sub).mkdir()

    write = functools.partial(_write, f"{out}{os.sep}")

    below = links.at("../")
    n = workers.count(len(items) + len(dataset.sources))
    # Dates and titles as the timeline and the search index show them: worked out as they
    # are first needed (by prepare, in this process), kept for every later page.
    known = timeline.Known(ctx.labels, ctx.titles)

    def overview() -> None:
        """What names no milestone from a page below the top, so what can start before
        prepare: the index (or the years), the glossary, static files."""
        if by_year is None:
            write("index.html", renderer.page("index.html", "", "index", decades=None,
                                              phases=_phases(dataset),
                                              **_timeline(dataset, items, links, today,
                                                          known=known)))
        else:
            _write_years(out, renderer, dataset, by_year, links, today, write, known)
        if dataset.glossary:
            write("glossary.html", renderer.page("glossary.html", "", "glossary",
                                                 terms=pages.glossary(ctx, links)))
        for name in STATIC_FILES:
            shutil.copyfile(STATIC / name, out / "static" / name)

    def prepare() -> None:
        """What the milestone and source pages share, worked out once (before they fork)."""
        renderer.compile(SHARED_TEMPLATES)
        ctx.prepare([m.id for m in dataset.milestones], below)
        ctx.prepare_sources(below)
        renderer.chrome("../", "")  # the milestone pages' head, header and footer

    def share(k: int) -> None:
        """Milestone pages k, k + n, k + 2n, …"""
        mine = range(k, len(items), n)
        for start in range(0, len(mine), BATCH):
            batch = [pages.milestone_page(ctx, i, below) for i in mine[start:start + BATCH]]
            texts = renderer.batch("milestones.html", "../", pages=batch)
            for page, text in zip(batch, texts, strict=True):
                write(f"m/{names.milestones[page.id]}.html", text)

    def sources() -> None:
        """The sources (a page each, and their list) and the search index (read from kim's
        cache, so in this process: a database connection is not used across a fork)."""
        found = pages.source_pages(ctx, below)
        for s in found:
            write(f"s/{s.anchor}.html", renderer.page("source.html", "../", s=s))
        write("sources.html", renderer.page("sources.html", "", "sources", sources=found))
        write("search-index.js", search.to_script(search.payload(dataset, items, links, known)))

    if n == 1:
        prepare()
        sources()
        overview()
        share(0)
        return
    # One child writes the overview while this process prepares; then n children write the
    # milestone pages and this process the sources and the search index.
    early = workers.start(overview)
    try:
        prepare()
    except BaseException as exc:
        workers.join([early], exc)
        raise
    workers.run([sources, *(functools.partial(share, k) for k in range(n))], started=[early])


# A new file in the new folder (never one there before): one open, one write, one close.
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(
    os, "O_BINARY", 0)


def _write(prefix: str, name: str, text: str) -> None:
    """A page into the staging folder: its bytes in one system call, no buffer object, no
    sync (the folder is switched into place as a whole at the end)."""
    data = memoryview(text.encode("utf-8"))
    handle = os.open(prefix + name, _NEW_FILE, 0o666)
    try:
        while data:
            data = data[os.write(handle, data):]
    finally:
        os.close(handle)


def _write_years(out: Path, renderer: Renderer, dataset: core.Dataset,
                 by_year: dict[int, list[core.Milestone]], links: Links, today: int,
                 write: Any, known: timeline.Known) -> None:
    """A long timeline: the index lists the years, each year has a page of its own."""
    (out / "y").mkdir()
    years = list(by_year)
    here = links.at("../")
    for n, year in enumerate(years):
        items = by_year[year]
        neighbours = {
            "previous": timeline.YearLink(years[n - 1], here.year(years[n - 1]), 0)
            if n > 0 else None,
            "next": timeline.YearLink(years[n + 1], here.year(years[n + 1]), 0)
            if n + 1 < len(years) else None,
        }
        write(f"y/{year}.html", renderer.page("year.html", "../", "", year=year, **neighbours,
                                              **_timeline(dataset, items, here, today,
                                                          by_year=False, known=known)))
    write("index.html", renderer.page("index.html", "", "index", phases=_phases(dataset),
                                      decades=timeline.decades(by_year, links)))


def single_page(dataset: core.Dataset, items: Sequence[core.Milestone]) -> str:
    """The whole site as one self-contained HTML file: anchors instead of files, no script."""
    return "".join(single_page_chunks(dataset, items))


def single_page_chunks(dataset: core.Dataset, items: Sequence[core.Milestone]
                       ) -> Iterator[str]:
    """single_page() in pieces: each milestone's part made as it is written."""
    names = Names(dataset, items)
    links = Links(names, "", single=True)
    renderer = Renderer(dataset, items, links, single=True)
    ctx = pages.Context(dataset, items, renderer.fragment)
    today = core.today()
    return renderer.page_chunks(
        "single.html", "", "index",
        pages=(pages.milestone_page(ctx, i, links, single=True) for i in range(len(items))),
        sources=pages.source_pages(ctx, links), terms=pages.glossary(ctx, links),
        **_timeline(dataset, items, links, today))
