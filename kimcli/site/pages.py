"""What each page shows, as plain records: built once in Python, only laid out by templates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import NamedTuple

from markupsafe import Markup, escape

from kimcli.site import core
from kimcli.site.names import Links
from kimcli.site.timeline import When, when, when_of

SEP = "\x00"  # between targets made together; dataset text shows it as a visible \x00


class Fact(NamedTuple):
    id: str  # its anchor: f3 on its page, m-<id>-f3 on one page
    text: str
    cites: Markup  # " [1, 3]", each number a link to the page's list of sources
    confidence: str | None


class KeyDate(NamedTuple):
    id: str
    when: When
    text: str
    cites: Markup


class Claim(NamedTuple):
    text: str
    cites: Markup


class Dispute(NamedTuple):
    id: str
    topic: str
    claims: list[Claim]
    note: str | None


class SourceItem(NamedTuple):
    """One source in a numbered list: its own page, publisher, and address."""

    n: int
    anchor: str
    id: str
    href: str | None
    title: str
    publisher: str | None
    url: str | None
    linkable: bool


class Listed(NamedTuple):
    """A source in a milestone's numbered list: its anchor there, and its entry (the same on
    every page at one depth, so made once for all of them)."""

    anchor: str
    body: Markup


class Target(NamedTuple):
    """A milestone named from elsewhere: its link (None when it is not shown), title, date."""

    href: str | None
    title: core.Text
    date: str


class RefItem(NamedTuple):
    rel: str
    target: Markup  # the other milestone: its link (when it is on the site) and date
    note: str | None


class Neighbour(NamedTuple):
    href: str
    title: core.Text


class MilestonePage(NamedTuple):
    id: str
    anchor: str  # prefix of the page's own anchors: "" on its page, "m-<id>-" on one page
    title: core.Text
    original: str | None
    summary: core.Text
    kind: core.Text
    when: When
    precision: str
    edtf: str
    phase: tuple[str, str] | None  # (title, link)
    aliases: tuple[str, ...]
    tags: tuple[str, ...]
    actors: list[str]
    description: str | None
    facts: list[Fact]
    key_dates: list[KeyDate]
    disputes: list[Dispute]
    sources: list[Listed]
    refs_out: list[RefItem]
    refs_in: list[RefItem]
    back: str
    previous: Neighbour | None
    next: Neighbour | None


def source_item(dataset: core.Dataset, sid: str, n: int, anchor: str, links: Links
                ) -> SourceItem:
    s = dataset.sources.get(sid)
    if s is None:
        return SourceItem(n, anchor, sid, None, sid, None, None, False)
    return SourceItem(n, anchor, sid, links.source(sid), s.title, s.publisher, s.url,
                      s.url is not None and core.is_web_url(s.url))


class Context:
    """What every milestone page needs, worked out once for the whole site."""

    def __init__(self, dataset: core.Dataset, milestones: Sequence[core.Milestone],
                 fragment: Callable[..., Markup]) -> None:
        self.dataset = dataset
        self.fragment = fragment  # renders a small template: render.Renderer.fragment
        self.milestones = milestones
        self.shown = {m.id: m for m in milestones}
        self.by_id = core.by_id(dataset)
        self._cited: dict[str, tuple[str, ...]] = {}
        self._entries: dict[tuple[str, str], Markup] = {}
        self.incoming = core.incoming(dataset)
        self.phases = {p.id: p for p in dataset.phases}
        self.labels: dict[core.EDTFDate, str] = {}
        self.titles: dict[str, core.Text] = {}
        self._cite_labels: dict[int, str] = {}
        self._targets: dict[tuple[str, str], Markup] = {}
        self._relations: dict[tuple[str, bool], str] = {}
        self._precisions: dict[core.EDTFDate, str] = {}
        self._confidences: dict[str, str] = {}

    def relation(self, rel: str, outgoing: bool) -> str:
        """How a reference reads from its source (outgoing) or its target, looked up once."""
        found = self._relations.get((rel, outgoing))
        if found is None:
            found = self._relations[(rel, outgoing)] = (
                core.rel_label(self.dataset, rel) if outgoing
                else core.rel_inverse(self.dataset, rel))
        return found

    def confidence(self, level: str) -> str:
        """How sure a fact is, in kim's words, looked up once per level."""
        found = self._confidences.get(level)
        if found is None:
            found = self._confidences[level] = core.t(f"conf.{level}")
        return found

    def precision(self, m: core.Milestone) -> str:
        found = self._precisions.get(m.date)
        if found is None:
            found = self._precisions[m.date] = core.precision(m)
        return found

    def cites(self, numbers: Sequence[int], prefix: str) -> Markup:
        """[1, 3]: links to a page's numbered sources. Written here, not in a template, as a
        page has hundreds of them; it holds only numbers, kim's labels and kim's anchors."""
        if not numbers:
            return Markup("")
        links = []
        anchor = escape(prefix)
        for n in numbers:
            label = self._cite_labels.get(n)
            if label is None:
                label = self._cite_labels[n] = str(escape(core.t("site.source_ref", n=n)))
            links.append(f'<a href="#{anchor}q{n}" aria-label="{label}">{n}</a>')
        return Markup(' <span class="cites">[' + ", ".join(links) + "]</span>")

    def cited(self, m: core.Milestone) -> tuple[str, ...]:
        """The sources a milestone cites, in the order its page numbers them; walked once."""
        found = self._cited.get(m.id)
        if found is None:
            found = self._cited[m.id] = core.cited_sources(m)
        return found

    def entry(self, sid: str, links: Links) -> Markup:
        """A source as a milestone page lists it (title, publisher, address), made once."""
        found = self._entries.get((links.root, sid))
        if found is None:
            self.prepare_sources(links)
            found = self._entries[(links.root, sid)]
        return found

    def prepare_sources(self, links: Links) -> None:
        """The entries of every source (and of ids cited but not listed) in one template run."""
        wanted = {sid: None for m in self.milestones for sid in self.cited(m)}
        wanted.update(dict.fromkeys(self.dataset.sources))
        todo = [sid for sid in wanted if (links.root, sid) not in self._entries]
        if not todo:
            return
        items = [source_item(self.dataset, sid, 0, "", links) for sid in todo]
        parts = self.fragment("_sources.html", items=items).split(SEP)[:-1]
        for sid, part in zip(todo, parts, strict=True):
            self._entries[(links.root, sid)] = Markup(part)

    def title(self, mid: str) -> core.Text:
        found = self.titles.get(mid)
        if found is None:
            m = self.by_id.get(mid)
            found = core.title(self.dataset, m) if m else core.Text(mid, core.language())
            self.titles[mid] = found
        return found

    def target(self, mid: str, links: Links) -> Markup:
        """A milestone named from a page at `links.root`: link, title and date, made once."""
        found = self._targets.get((links.root, mid))
        if found is None:
            self.prepare([mid], links)
            found = self._targets[(links.root, mid)]
        return found

    def prepare(self, ids: Sequence[str], links: Links) -> None:
        """Make the targets for many milestones at once (one template run, not thousands)."""
        todo = list(dict.fromkeys(i for i in ids if (links.root, i) not in self._targets))
        if not todo:
            return
        by_id = self.by_id
        values = []
        for mid in todo:
            other = by_id.get(mid)
            values.append(Target(links.milestone(mid) if mid in self.shown else None,
                                 self.title(mid),
                                 core.date_label(other, self.labels) if other else ""))
        parts = self.fragment("_target.html", targets=values).split(SEP)[:-1]
        for mid, part in zip(todo, parts, strict=True):
            self._targets[(links.root, mid)] = Markup(part)


def milestone_page(ctx: Context, index: int, links: Links, single: bool = False
                   ) -> MilestonePage:
    dataset = ctx.dataset
    m = ctx.milestones[index]
    prefix = f"m-{links.names.milestones[m.id]}-" if single else ""
    numbers = {sid: n for n, sid in enumerate(ctx.cited(m), 1)}

    def cites(sources: Sequence[str]) -> Markup:
        found = sorted({numbers[s] for s in sources if s in numbers})
        return ctx.cites(found, prefix)

    facts = [Fact(f"{prefix}f{n}", f.text, cites(f.sources),
                  ctx.confidence(f.confidence) if f.confidence else None)
             for n, f in enumerate(m.facts, 1)]
    ordered = sorted(enumerate(m.key_dates, 1), key=lambda item: core.sort_key(item[1].date))
    key_dates = [KeyDate(f"{prefix}d{n}", when_of(k.date, core.label(k.date)), k.label,
                         cites(k.sources)) for n, k in ordered]
    disputes = [Dispute(f"{prefix}x{n}", d.topic,
                        [Claim(c.claim, cites(c.sources)) for c in d.claims], d.note)
                for n, d in enumerate(m.disputes, 1)]
    sources = [Listed(f"{prefix}q{n}", ctx.entry(sid, links)) for sid, n in numbers.items()]
    refs_out = [RefItem(ctx.relation(r.rel, True), ctx.target(r.to, links), r.note)
                for r in m.refs]
    refs_in = [RefItem(ctx.relation(lk.rel, False), ctx.target(lk.other, links), lk.note)
               for lk in ctx.incoming.get(m.id, ())]
    title = ctx.title(m.id)
    phase = None
    if m.phase:
        p = ctx.phases.get(m.phase)
        phase = (p.title if p else m.phase, links.phase(m.phase))
    actors = [f"{dataset.actors[a].name} ({a})" if a in dataset.actors else a for a in m.actors]

    def neighbour(i: int) -> Neighbour | None:
        if not 0 <= i < len(ctx.milestones):
            return None
        other = ctx.milestones[i]
        href = links.milestone(other.id)
        assert href is not None
        return Neighbour(href, ctx.title(other.id))

    return MilestonePage(
        m.id, prefix, title, m.title if title.value != m.title else None,
        core.summary(dataset, m), core.kind(dataset, m), when(m, ctx.labels), ctx.precision(m),
        core.edtf(m.date), phase, m.aliases, m.tags, actors,
        m.description.strip() if m.description else None, facts, key_dates, disputes, sources,
        refs_out, refs_in, links.row(m.id), neighbour(index - 1), neighbour(index + 1))


# -- sources -------------------------------------------------------------------------------


class CitedPart(NamedTuple):
    """A fact, further date or disagreement of a milestone that cites a source."""

    label: str
    href: str
    text: str


class Citing(NamedTuple):
    target: Markup
    parts: list[CitedPart]


class SourcePage(NamedTuple):
    id: str
    anchor: str
    title: str
    publisher: str | None
    type: str | None
    date: str | None
    note: str | None
    url: str | None
    linkable: bool
    milestones: list[Citing]
    terms: list[tuple[str, str]]  # (term, link)
    actors: list[str]


def source_pages(ctx: Context, links: Links) -> list[SourcePage]:
    """Every source with the milestones shown, their facts and the terms that cite it."""
    dataset = ctx.dataset
    citing: dict[str, dict[str, list[CitedPart]]] = {sid: {} for sid in dataset.sources}
    fact_label, date_label = core.t("field.fact"), core.t("show.further_dates")
    dispute_label = core.t("field.dispute")
    for m in ctx.milestones:
        for sid in ctx.cited(m):
            citing.setdefault(sid, {})[m.id] = []
        for n, f in enumerate(m.facts, 1):
            for sid in dict.fromkeys(f.sources):
                citing[sid][m.id].append(CitedPart(f"{fact_label} {n}", links.part(m.id, f"f{n}"),
                                                   f.text))
        for n, k in enumerate(m.key_dates, 1):
            for sid in dict.fromkeys(k.sources):
                citing[sid][m.id].append(CitedPart(f"{date_label}: {core.label(k.date)}",
                                                   links.part(m.id, f"d{n}"), k.label))
        for n, d in enumerate(m.disputes, 1):
            for c in d.claims:
                for sid in dict.fromkeys(c.sources):
                    citing[sid][m.id].append(CitedPart(f"{dispute_label}: {d.topic}",
                                                       links.part(m.id, f"x{n}"), c.claim))
    terms: dict[str, list[tuple[str, str]]] = {}
    for g in dataset.glossary:
        for sid in dict.fromkeys(g.sources):
            terms.setdefault(sid, []).append((g.term, links.term(g.term)))
    actors: dict[str, list[str]] = {}
    for a in dataset.actors.values():
        for sid in dict.fromkeys(a.sources):
            actors.setdefault(sid, []).append(a.name)
    out = []
    for sid, s in dataset.sources.items():
        cited = [Citing(ctx.target(mid, links), parts)
                 for mid, parts in citing.get(sid, {}).items()]
        out.append(SourcePage(sid, links.names.sources[sid], s.title, s.publisher, s.type,
                              s.date.edtf() if s.date else None, s.note, s.url,
                              s.url is not None and core.is_web_url(s.url),
                              cited, terms.get(sid, []), actors.get(sid, [])))
    return out


# -- glossary ------------------------------------------------------------------------------


class Term(NamedTuple):
    term: str
    anchor: str
    aliases: tuple[str, ...]
    definition: str
    see: list[Markup]
    sources: list[SourceItem]


def glossary(ctx: Context, links: Links) -> list[Term]:
    out = []
    for g in ctx.dataset.glossary:
        anchor = links.term_anchor(g.term)
        sources = [source_item(ctx.dataset, sid, n, f"{anchor}-q{n}", links)
                   for n, sid in enumerate(dict.fromkeys(g.sources), 1)]
        see = [ctx.target(mid, links) for mid in g.see]
        out.append(Term(g.term, anchor, g.aliases, g.definition, see, sources))
    return out
