"""Pure queries over a Dataset: filter and order, resolve ids, search, walk references."""

from __future__ import annotations

import heapq
import re
from collections import deque
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from kimcli import fuzzy as _fuzzy
from kimcli import index as _index
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import GlossaryEntry, Milestone, SearchField
from kimcli.errors import NotFoundError, msg
from kimcli.fuzzy import TOKEN_RE, distance, fold, fold_text, tokens, typo_limit_of
from kimcli.index import SearchIndex
from kimcli.lookup import find as find  # lookups of one named thing, part of this API
from kimcli.lookup import find_actor as find_actor
from kimcli.lookup import find_term as find_term
from kimcli.timefilter import TimelineFilter as TimelineFilter  # part of this API
from kimcli.timefilter import timeline as timeline

# -- an actor's milestones -----------------------------------------------------------------


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
    if isinstance(vocabulary, _index.Vocabulary):
        return _fuzzy.vocabulary_matches(word, vocabulary.text, vocabulary.window)
    out: dict[str, float] = {}
    # Numbers are not typos of each other: 2013 must not find 2023.
    typo_limit = typo_limit_of(word)
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


def word_matches(word: str, vocabulary: Iterable[str]) -> dict[str, float]:
    return _word_matches(word, vocabulary)


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
            for record, field, sfield in index.entries(token):
                value = quality * sfield.weight
                if value > values.get(record, 0.0):
                    values[record] = value
                per_field = matched_fields.setdefault(record, {})
                per_field[(field, sfield)] = per_field.get((field, sfield), 0) | 1 << bit
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
            mask == every and sfield in _NAMES
            and ((record, field) in exact_fields if exact_fields is not None
                 else TOKEN_RE.findall(fold(record_fields(record)[field][1])) == words)
            for (field, sfield), mask in matched_fields[record].items())
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
    every_match = set().union(*matches.values())
    return [hit(dataset, record, total, matched_fields[record], record_fields(record),
                every_match) for total, record in (scored[:limit] if limit else scored)]


def hit(dataset: Dataset, record: int, total: float,
        masks: dict[tuple[int, SearchField], int], pairs: list[_index.SearchText],
        every_match: set[str]) -> Hit:
    """The hit of one record: its best field (`masks`: the words each matching field holds)
    with the matched words marked."""
    n_milestones = len(dataset.milestones)
    field = _best_field(masks, pairs)
    sfield, text, translates = pairs[field]
    matched = set(TOKEN_RE.findall(fold_text(text))) & every_match
    if record < n_milestones:
        m = dataset.milestones[record]
        return Hit("milestone", m.id, m.title, sfield, text, _spans(text, matched),
                   round(total, 3), milestone=m, translates=translates)
    g = dataset.glossary[record - n_milestones]
    return Hit("glossary", g.term, g.term, sfield, text, _spans(text, matched),
               round(total, 3), entry=g)


def _best_field(masks: dict[tuple[int, SearchField], int],
                pairs: list[_index.SearchText]) -> int:
    """The field to show: the one matching most words, prose before a bare id or tag, and
    the first of equals."""
    best_rank, best_field = -1.0, 0
    for (field, sfield), mask in sorted(masks.items(), key=lambda item: item[0][0]):
        rank = mask.bit_count() * 100 + sfield.weight - (20 if sfield in _TERSE else 0)
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


class _Visit(NamedTuple):
    node: RefNode
    came_from: str | None  # the id it was reached from
    level: int
    up: list[bool]  # the parent's flag: was anything below cut at the limit


class _Done(NamedTuple):
    id: str
    own: list[bool]
    up: list[bool]


def ref_tree(dataset: Dataset, root: str, depth: int = 1, direction: str = "both",
             limit: int = 50, adj: Mapping[str, list[Link]] | None = None) -> RefNode:
    """References around `root`, `depth` levels deep, built in the order the tree is read.

    A milestone is expanded where it first appears; wherever it appears after that it is
    marked `repeat`, never before. Only where its expansion stopped at the depth limit and it
    appears again nearer the root is it expanded again, further: so every milestone within
    `depth` steps is shown, and the tree stays finite. `adj` (as `neighbours` gives it) may
    come from an index instead."""
    adj = adj if adj is not None else neighbours(dataset, direction)
    expanded: dict[str, int] = {}  # id -> level of its fullest expansion so far
    cut: dict[str, bool] = {}  # id -> whether that expansion stopped at the limit somewhere
    top = RefNode(root, None, [])
    stack: list[_Visit | _Done] = [_Visit(top, None, 0, [False])]
    while stack:
        step = stack.pop()
        if isinstance(step, _Done):
            cut[step.id] = step.own[0]
            step.up[0] |= step.own[0]
            continue
        node, came_from, level, up = step
        links_here = [lk for lk in adj.get(node.id, []) if lk.other != came_from]
        prior = expanded.get(node.id)
        if prior is not None and (prior <= level or not cut[node.id]):
            node.repeat = True
            up[0] |= cut[node.id]
        elif level >= depth:  # a leaf at the limit; there again, it is a repeat
            node.repeat = node.id in cut
            cut.setdefault(node.id, False)
            up[0] |= bool(links_here)
        else:
            expanded[node.id], cut[node.id] = level, False
            # The edge we came along, seen from the other end, is not news.
            node.hidden = max(0, len(links_here) - limit)
            node.children = [RefNode(link.other, link, []) for link in links_here[:limit]]
            own = [False]
            stack.append(_Done(node.id, own, up))
            stack += [_Visit(child, node.id, level + 1, own) for child in reversed(node.children)]
    return top


# -- glossary and sources ------------------------------------------------------------------


class Citations(NamedTuple):
    """Who cites a source: milestones (in time order), glossary terms, actors."""

    milestones: list[str]
    glossary: list[str]
    actors: list[str]


def citations(dataset: Dataset, by_milestones: Iterable[tuple[str, str]] | None = None
              ) -> dict[str, Citations]:
    """Who cites each source. `by_milestones`: the (source, milestone) pairs in time order,
    when they are known already (the cache has them in a table of their own)."""
    if by_milestones is None:
        by_milestones = ((sid, m.id) for m in dataset.chronological()
                         for sid in m.cited_sources())
    cited = {sid: Citations([], [], []) for sid in dataset.sources}
    for part, pairs in ((0, by_milestones),
                        (1, ((sid, g.term) for g in dataset.glossary for sid in g.sources)),
                        (2, ((sid, a.id) for a in dataset.actors.values() for sid in a.sources))):
        for sid, who in pairs:
            cited.setdefault(sid, Citations([], [], []))[part].append(who)
    return cited
