"""File names and anchors for every page of a site, and the links between them.

A site is a folder of pages (`m/<id>.html`, `s/<id>.html`, …); the single-page export is one
file with anchors (`#m-<id>`, `#s-<id>`, …). Templates ask a `Links` object for every address,
so the same templates serve both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from kimcli.site import core

# Safe as a file name on every system and in a URL without escaping; ids of milestones are
# slugs already, source ids are free text.
_FILE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,99}")
_MILESTONE_RE = re.compile(r"[a-z0-9][a-z0-9._-]{0,119}")


def _unique(wanted: Iterable[tuple[str, str]], fallback: str) -> dict[str, str]:
    """key -> name, each name unique even where the file system ignores case."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for number, (key, name) in enumerate(wanted, 1):
        if not name or name.lower() in taken:
            name = f"{fallback}{number}"
            while name.lower() in taken:
                name += "_"
        taken.add(name.lower())
        out[key] = name
    return out


class Names:
    """Which file or anchor each milestone, source and glossary term gets."""

    def __init__(self, dataset: core.Dataset, milestones: Sequence[core.Milestone]) -> None:
        self.milestones = _unique(
            ((m.id, m.id if _MILESTONE_RE.fullmatch(m.id) else "") for m in milestones), "_m")
        self.sources = _unique(
            ((sid, sid if _FILE_RE.fullmatch(sid) else "") for sid in dataset.sources), "_s")
        self.terms = _unique(
            ((g.term, "g-" + "-".join(core.tokens(g.term))[:80]) for g in dataset.glossary),
            "g-")


class Links:
    """Addresses as seen from one page: `root` leads from that page to the site's top.

    `single` gives anchors in one page instead of files."""

    def __init__(self, names: Names, root: str = "", single: bool = False,
                 year_of: dict[str, int] | None = None) -> None:
        self.names = names
        self.root = root
        self.single = single
        self.year_of = year_of  # set when the timeline is paged by year

    def at(self, root: str) -> Links:
        return Links(self.names, root, self.single, self.year_of)

    def milestone(self, mid: str) -> str | None:
        """The milestone's page, or None when it is not part of this site (filtered out)."""
        name = self.names.milestones.get(mid)
        if name is None:
            return None
        return f"#m-{name}" if self.single else f"{self.root}m/{name}.html"

    def part(self, mid: str, anchor: str) -> str:
        """A part of a milestone's page: a fact (f3), further date (d1), disagreement (x2)."""
        name = self.names.milestones[mid]
        return f"#m-{name}-{anchor}" if self.single else f"{self.root}m/{name}.html#{anchor}"

    def source(self, sid: str) -> str | None:
        name = self.names.sources.get(sid)
        if name is None:
            return None
        return f"#s-{name}" if self.single else f"{self.root}s/{name}.html"

    def term(self, term: str) -> str:
        anchor = self.names.terms[term]
        return f"#{anchor}" if self.single else f"{self.root}glossary.html#{anchor}"

    def term_anchor(self, term: str) -> str:
        return self.names.terms[term]

    def index(self) -> str:
        return "#top" if self.single else f"{self.root}index.html"

    def glossary(self) -> str:
        return "#glossary" if self.single else f"{self.root}glossary.html"

    def sources(self) -> str:
        return "#sources" if self.single else f"{self.root}sources.html"

    def year(self, year: int) -> str:
        return f"{self.root}y/{year}.html"

    def phase(self, pid: str) -> str:
        return f"#p-{pid}" if self.single else f"{self.root}index.html#p-{pid}"

    def row(self, mid: str) -> str:
        """The milestone's line in the timeline, to come back to from its page."""
        name = self.names.milestones[mid]
        if self.single:
            return f"#t-{name}"
        if self.year_of is not None:
            return f"{self.root}y/{self.year_of[mid]}.html#t-{name}"
        return f"{self.root}index.html#t-{name}"

    def static(self, name: str) -> str:
        return f"{self.root}static/{name}"
