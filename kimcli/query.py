"""Pure queries over a Dataset: filter and order, resolve ids, search, walk references."""

from __future__ import annotations

import heapq
import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from kimcli import index as _index
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Actor, GlossaryEntry, Milestone, SearchField
from kimcli.errors import NotFoundError, msg
from kimcli.fuzzy import TOKEN_RE, distance, fold, fold_text, suggest, tokens
from kimcli.index import SearchIndex

# -- timeline ------------------------------------------------------------------------------


class TimelineFilter(NamedTuple):
    start: int | None = None  # first day (ordinal) to keep, inclusive
    end: int | None = None  # last day (ordinal) to keep, inclusive
    kinds: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    reverse: bool = False
    disputed: bool = False  # only milestones whose sources disagree somewhere


def timeline(dataset: Dataset, flt: TimelineFilter) -> list[Milestone]:
    """The milestones that overlap the range and match any given kind and any given tag (and,
    with `disputed`, that record a dispute)."""
    kinds = {fold(k) for k in flt.kinds}
    tags = {fold(t) for t in flt.tags}
    lo = flt.start if flt.start is not None else 0
    hi = flt.end if flt.end is not None else 10**9
    dated = flt.start is not None or flt.end is not None
    result = list(dataset.chronological())
    if kinds or tags or dated:
        result = [m for m in result
                  if not (kinds and fold(m.kind) not in kinds)
                  and not (tags and tags.isdisjoint(fold(t) for t in m.tags))
                  and not (dated and not m.date.overlaps(lo, hi))]
    if flt.disputed:
        result = [m for m in result if m.disputes]
    if flt.reverse:
        result.reverse()
    return result


# -- finding one milestone -----------------------------------------------------------------


def find(dataset: Dataset, query: str) -> Milestone:
    """By id, alias (case and umlauts folded), or unique prefix; NotFoundError with suggestions."""
    q = query.strip()
    by_id = dataset.by_id()
    if q in by_id:
        return by_id[q]
    fq = fold(q)
    exact = [m for m in dataset.milestones
             if fold(m.id) == fq or any(fold(a) == fq for a in m.aliases)]
    if len(exact) == 1:
        return exact[0]
    if not exact and fq:
        exact = [m for m in dataset.milestones if fold(m.id).startswith(fq)]
        if len(exact) == 1:
            return exact[0]
    if len(exact) > 1:
        ids = [m.id for m in exact]
        raise NotFoundError(msg("find.ambiguous", query=q, candidates=", ".join(ids)))
    names = [m.id for m in dataset.milestones]
    names += [a for m in dataset.milestones for a in m.aliases]
    close = suggest(q, names)
    alias_owner = {fold(a): m.id for m in dataset.milestones for a in m.aliases}
    ids = list(dict.fromkeys(alias_owner.get(fold(c), c) for c in close))
    raise NotFoundError(msg("find.not_found", query=q), ids)


def find_actor(dataset: Dataset, query: str) -> Actor | None:
    """An actor by id or abbreviation, case and umlauts folded; None when none matches."""
    fq = fold(query.strip())
    for actor in dataset.actors.values():
        if fold(actor.id) == fq or (actor.abbr and fold(actor.abbr) == fq):
            return actor
    return None


def appearances(dataset: Dataset, actor_id: str) -> list[Milestone]:
    """The milestones that name an actor, in time order."""
    return [m for m in dataset.chronological() if actor_id in m.actors]


# -- search --------------------------------------------------------------------------------

_TERSE = {SearchField.ID, SearchField.TAG, SearchField.KIND}


class Hit(NamedTuple):
    type: str  # "milestone" or "glossary"
    id: str  # milestone id, or the glossary term
    title: str
    field: SearchField
    text: str  # the full text of the field that matched best
    spans: tuple[tuple[int, int], ...]  # matched character ranges in `text`
    score: float
    milestone: Milestone | None = None
    entry: GlossaryEntry | None = None
    translates: str | None = None  # the field `text` is the English text of, if it is one


def _word_matches(word: str, vocabulary: Iterable[str]) -> dict[str, float]:
    """Tokens that a query word matches, with a quality from 1 (exact) down."""
    out: dict[str, float] = {}
    # Numbers are not typos of each other: 2013 must not find 2023.
    typo_limit = 0 if len(word) <= 3 or word.isdigit() else (1 if len(word) <= 7 else 2)
    for tok in vocabulary:
        if tok == word:
            out[tok] = 1.0
        elif tok.startswith(word) and len(word) >= 2:
            out[tok] = 0.85
        elif len(word) >= 4 and word in tok:
            out[tok] = 0.7
        elif typo_limit and distance(word, tok, typo_limit) <= typo_limit:
            out[tok] = 0.6
        elif typo_limit and len(tok) > len(word) and distance(word, tok[: len(word)], 1) <= 1:
            out[tok] = 0.5  # a typo in a prefix: "einwanderu" for "einwanderung"
    return out


def _spans(text: str, matched: set[str]) -> tuple[tuple[int, int], ...]:
    """Character ranges of `text` whose folded token is one of `matched`."""
    spans = []
    for m in re.finditer("[\\w§\u0300-\u036f]+", text):
        if fold(m.group()) in matched:
            spans.append((m.start(), m.end()))
    return tuple(spans)


# A name that is exactly what was typed ("KI", "TIntG") outranks a longer one that contains it.
NAME_FIELDS = _NAMES = frozenset({SearchField.ID, SearchField.ALIAS, SearchField.TITLE,
                                  SearchField.GLOSSARY})
EXACT_NAME_BONUS = 10.0
PHRASE_BONUS = 1.5


def search(dataset: Dataset, query: str, limit: int | None = None,
           index: SearchIndex | None = None) -> list[Hit]:
    """Every word must match somewhere in the record (typos forgiven); best records first.

    A record scores, for each word, its best match (quality × weight of the field); a name that
    is exactly the query earns a bonus, and a record holding the words as one phrase half again.
    """
    words = list(dict.fromkeys(tokens(query)))
    if not words:
        raise NotFoundError(msg("search.empty_query"))
    return _search(dataset, index if index is not None else _index.build(dataset), words, limit)


def _search(dataset: Dataset, index: SearchIndex, words: list[str], limit: int | None
            ) -> list[Hit]:
    vocabulary = index.postings.keys()
    matches = {w: _word_matches(w, vocabulary) for w in words}
    if not all(matches.values()):
        return []
    # Per word, each record's best value; per record, each matching field's words (a bit mask).
    best: list[dict[int, float]] = []
    matched_fields: dict[int, dict[tuple[int, SearchField], int]] = {}
    for bit, w in enumerate(words):
        values: dict[int, float] = {}
        for token, quality in matches[w].items():
            for record, field, kind in index.entries(token):
                value = quality * kind.weight
                if value > values.get(record, 0.0):
                    values[record] = value
                per_field = matched_fields.setdefault(record, {})
                per_field[(field, kind)] = per_field.get((field, kind), 0) | 1 << bit
        best.append(values)
    candidates = set(best[0]).intersection(*best[1:])
    count = _index.record_count(dataset)
    n_milestones = len(dataset.milestones)
    every = (1 << len(words)) - 1
    fields_of: dict[int, list[_index.SearchText]] = {}

    def record_fields(record: int) -> list[_index.SearchText]:
        found = fields_of.get(record)
        if found is None:
            found = fields_of[record] = _index.fields(dataset, record)
        return found

    names = index.names
    exact_fields = index.exact(words) if index.exact is not None else None

    def name_of(record: int) -> str:
        if names is not None:
            return str(names[record])
        if record < n_milestones:
            return dataset.milestones[record].id
        return dataset.glossary[record - n_milestones].term

    scored: list[tuple[float, int]] = []
    for record in candidates:
        if record >= count:
            raise IndexError(record)
        total = sum(values[record] for values in best)
        exact_name = any(
            mask == every and kind in _NAMES
            and ((record, field) in exact_fields if exact_fields is not None
                 else TOKEN_RE.findall(fold(record_fields(record)[field][1])) == words)
            for (field, kind), mask in matched_fields[record].items())
        if exact_name:
            total += EXACT_NAME_BONUS
        scored.append((total, record))

    def order(item: tuple[float, int]) -> tuple[float, bool, str]:
        return -item[0], item[1] >= n_milestones, name_of(item[1])

    scored.sort(key=order)
    if len(words) > 1:
        # A record holding the words as one phrase scores half again. Only records whose score
        # could still reach the best `limit` are checked, best first.
        phrase = " ".join(words)
        rescored: list[tuple[float, int]] = []
        floor: list[float] = []  # the best `limit` scores so far, lowest first
        cap = limit if limit is not None and limit > 0 else 0  # 0: every record is wanted
        for total, record in scored:
            if cap and len(floor) >= cap and total * PHRASE_BONUS < floor[0]:
                break
            if phrase in _index.folded_record(record_fields(record)):
                total *= PHRASE_BONUS
            rescored.append((total, record))
            if cap:
                heapq.heappush(floor, total)
                if len(floor) > cap:
                    heapq.heappop(floor)
        scored = sorted(rescored, key=order)
    hits = []
    every_match = set().union(*matches.values())
    for total, record in scored[:limit] if limit else scored:
        pairs = record_fields(record)
        field = _best_field(matched_fields[record], pairs)
        kind, text, translates = pairs[field]
        matched = set(TOKEN_RE.findall(fold_text(text))) & every_match
        if record < n_milestones:
            m = dataset.milestones[record]
            hits.append(Hit("milestone", m.id, m.title, kind, text, _spans(text, matched),
                            round(total, 3), milestone=m, translates=translates))
        else:
            g = dataset.glossary[record - n_milestones]
            hits.append(Hit("glossary", g.term, g.term, kind, text, _spans(text, matched),
                            round(total, 3), entry=g))
    return hits


def _best_field(masks: dict[tuple[int, SearchField], int],
                pairs: list[_index.SearchText]) -> int:
    """The field to show: the one matching most words, prose before a bare id or tag, and
    the first of equals."""
    best_rank, best_field = -1.0, 0
    for (field, kind), mask in sorted(masks.items(), key=lambda item: item[0][0]):
        rank = mask.bit_count() * 100 + kind.weight - (20 if kind in _TERSE else 0)
        if rank > best_rank:
            best_rank, best_field = rank, field
    return best_field


# -- references ----------------------------------------------------------------------------


class Link(NamedTuple):
    """One reference seen from a milestone: outgoing (to) or incoming (from)."""

    other: str
    rel: str
    outgoing: bool
    note: str | None = None


def referenced_by(dataset: Dataset, mid: str) -> list[Link]:
    """The references pointing at one milestone (no index of all the others is built)."""
    return [Link(m.id, r.rel, False, r.note) for m in dataset.milestones for r in m.refs
            if r.to == mid]


def neighbours(dataset: Dataset, direction: str = "both"
               ) -> dict[str, list[Link]]:
    """Adjacency for graph walks, in the direction asked for ('in', 'out', 'both')."""
    adj: dict[str, list[Link]] = {m.id: [] for m in dataset.milestones}
    for m in dataset.milestones:
        for r in m.refs:
            if direction in ("out", "both"):
                adj[m.id].append(Link(r.to, r.rel, True, r.note))
            if direction in ("in", "both"):
                adj.setdefault(r.to, []).append(Link(m.id, r.rel, False, r.note))
    return adj


def shortest_path(dataset: Dataset, start: str, goal: str,
                  adj: Mapping[str, list[Link]] | None = None
                  ) -> list[tuple[str, Link | None]]:
    """Breadth-first over references in either direction: [(id, link that led here), …].
    `adj` (as `neighbours` gives it) may come from an index instead."""
    adj = adj if adj is not None else neighbours(dataset, "both")
    previous: dict[str, tuple[str, Link] | None] = {start: None}
    queue = deque([start])
    while queue:
        current = queue.popleft()
        if current == goal:
            break
        for link in adj.get(current, []):
            if link.other not in previous:
                previous[link.other] = (current, link)
                queue.append(link.other)
    if goal not in previous:
        return []
    chain: list[tuple[str, Link | None]] = []
    node: str | None = goal
    while node is not None:
        step = previous[node]
        chain.append((node, step[1] if step else None))
        node = step[0] if step else None
    chain.reverse()
    return chain


@dataclass
class RefNode:
    """One milestone in a reference tree; `repeat` marks one already shown higher up."""

    id: str
    link: Link | None
    children: list[RefNode]
    repeat: bool = False
    hidden: int = 0  # children left out past the limit


def ref_tree(dataset: Dataset, root: str, depth: int = 1, direction: str = "both",
             limit: int = 50, adj: Mapping[str, list[Link]] | None = None) -> RefNode:
    """References around `root`, breadth first up to `depth`; each milestone expanded once.
    `adj` (as `neighbours` gives it) may come from an index instead."""
    adj = adj if adj is not None else neighbours(dataset, direction)
    top = RefNode(root, None, [])
    seen = {root}
    frontier: list[tuple[RefNode, str | None]] = [(top, None)]
    for _ in range(depth):
        next_frontier: list[tuple[RefNode, str | None]] = []
        for node, parent in frontier:
            # The edge we came along, seen from the other end, is not news.
            links_here = [lk for lk in adj.get(node.id, []) if lk.other != parent]
            node.hidden = max(0, len(links_here) - limit)
            for link in links_here[:limit]:
                child = RefNode(link.other, link, [], repeat=link.other in seen)
                node.children.append(child)
                if not child.repeat:
                    seen.add(link.other)
                    next_frontier.append((child, node.id))
        frontier = next_frontier
    return top


# -- glossary and sources ------------------------------------------------------------------


def find_term(dataset: Dataset, query: str) -> GlossaryEntry:
    """A glossary entry by term or alias (folded), or unique prefix; NotFoundError otherwise."""
    fq = fold(query.strip())
    names = [(fold(name), g) for g in dataset.glossary for name in (g.term, *g.aliases)]
    for candidates in ([g for n, g in names if n == fq], [g for n, g in names if n.startswith(fq)]):
        unique = list(dict.fromkeys(id(g) for g in candidates))
        if len(unique) == 1:
            return candidates[0]
        if len(unique) > 1:
            terms = list(dict.fromkeys(g.term for g in candidates))
            raise NotFoundError(msg("find.ambiguous", query=query, candidates=", ".join(terms)))
    close = suggest(query, [g.term for g in dataset.glossary] +
                    [a for g in dataset.glossary for a in g.aliases])
    owner = {fold(a): g.term for g in dataset.glossary for a in (g.term, *g.aliases)}
    raise NotFoundError(msg("glossary.not_found", query=query),
                        list(dict.fromkeys(owner[fold(c)] for c in close)))


class Citations(NamedTuple):
    """Who cites a source: milestones (in time order), glossary terms, actors."""

    milestones: list[str]
    glossary: list[str]
    actors: list[str]


def citations(dataset: Dataset) -> dict[str, Citations]:
    cited = {sid: Citations([], [], []) for sid in dataset.sources}

    def entry(sid: str) -> Citations:
        return cited.setdefault(sid, Citations([], [], []))

    for m in dataset.chronological():
        for sid in m.cited_sources():
            entry(sid).milestones.append(m.id)
    for g in dataset.glossary:
        for sid in g.sources:
            entry(sid).glossary.append(g.term)
    for a in dataset.actors.values():
        for sid in a.sources:
            entry(sid).actors.append(a.id)
    return cited
