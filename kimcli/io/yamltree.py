"""YAML text to a light tree of positioned nodes, straight from libyaml's event stream.

A speed and safety trick, kept here: PyYAML's own composer keeps marks for every node and
recurses; this builder keeps only line and column, measures nesting before anything can
recurse, refuses foreign tags and a second document where they start, and checks aliases
for bombs and loops. Each item of the top-level `milestones` list is handed to the record
builder as soon as its events are complete and its nodes are let go, so that the whole file
is never held as a tree (once an anchor appears, the rest is kept for the alias checks).
`tests/test_loader.py` and the bad-input corpus check it; a property test compares it with
`yaml.safe_load`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kimcli.errors import DataError, Diagnostic, Msg, msg
from kimcli.io.positions import Positions, line_col

if TYPE_CHECKING:
    import yaml

MAX_DEPTH = 64
# An alias may repeat a subtree, but the expanded tree may not outgrow the file by much.
ALIAS_SLACK = 100_000

# PyYAML is imported only to parse: a dataset answered from the cache never needs it.
_Loader: Any = None  # the parser class, libyaml's where PyYAML has it; chosen on first use
_RESOLVER: Any = None

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null", _T + "timestamp")
SEQ, MAP = _T + "seq", _T + "map"
_ALLOWED_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP}


class Node:
    """A parsed YAML value with its position: lighter than PyYAML's nodes (no marks kept), so
    that large files fit in memory."""

    __slots__ = ("col", "line", "tag", "value")

    def __init__(self, tag: str, value: Any, line: int, col: int) -> None:
        self.tag = tag
        self.value = value
        self.line = line
        self.col = col


class ScalarNode(Node):
    __slots__ = ()
    value: str


class MappingNode(Node):
    __slots__ = ()
    value: list[tuple[Node, Node]]


class SequenceNode(Node):
    __slots__ = ()
    value: list[Node]


class Released(Node):
    """Stands in for a milestone built while parsing: `value` is its record (or None), `count`
    how many nodes it had (the alias check counts them as if they were still there)."""

    __slots__ = ("count",)

    def __init__(self, value: Any, count: int, line: int, col: int) -> None:
        super().__init__(NULL, value, line, col)
        self.count = count


class Root(MappingNode):
    """The top-level mapping, with the builder that already built milestones from the events."""

    __slots__ = ("early",)

    def __init__(self, line: int, col: int) -> None:
        super().__init__(MAP, [], line, col)
        self.early: Any = None


DONE = ScalarNode(NULL, "", 0, 0)  # stands in for a milestone's nodes once it is built
PLAIN = "plain"  # an unquoted scalar that is neither boolean nor null: kim reads it as text
_BOOLS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF"
                   .split())
_NULLS = frozenset(["", "~", "null", "Null", "NULL"])


def parse(text: str, name: str, *, early: bool = True) -> Node:
    """The document's root node; DataError for broken YAML, bombs and loops. With `early`,
    the milestones are built into records as they are parsed (build.Builder.early_milestone)
    and the root (a `Root`) carries that builder for `Builder.build` to continue."""
    builder = None
    if early:
        from kimcli.io.build import Builder

        builder = Builder(name)
    root, aliased = _compose(text, name, Positions(text), builder)
    if aliased:
        _check_aliases(root, name)
    if type(root) is Root:
        root.early = builder
    return root


def _compose(text: str, name: str, positions: Positions, builder: Any = None
             ) -> tuple[Node, bool]:
    """Parse one YAML document into light nodes, straight from libyaml's event stream.

    Building the tree here (not with PyYAML's composer) keeps memory small, measures nesting
    before anything can recurse, and sees a second document or a foreign tag where it starts.
    """
    global _Loader
    import yaml

    if _Loader is None:
        _Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        loader = _Loader(text)
    except UnicodeEncodeError as exc:  # a lone surrogate: text that no file can hold
        line, col = line_col(text, exc.start)
        message = msg("load.yaml", problem=exc.reason)
        raise DataError([Diagnostic(name, line, col, message)]) from None
    try:
        return _build_tree(loader, name, positions, builder)
    except yaml.MarkedYAMLError as exc:
        raise DataError([_yaml_diag(exc, name, positions)]) from None
    except yaml.reader.ReaderError as exc:
        line, col = line_col(text, exc.position)
        message = msg("load.yaml", problem=exc.reason)
        raise DataError([Diagnostic(name, line, col, message)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Diagnostic(name, 0, 0, msg("load.yaml", problem=str(exc)))]) from None
    except (ValueError, TypeError) as exc:  # the parser's own failures on odd input
        raise DataError([Diagnostic(name, 0, 0, msg("load.yaml", problem=str(exc)))]) from None
    finally:
        loader.dispose()


def _build_tree(loader: Any, name: str, positions: Positions, builder: Any
                ) -> tuple[Node, bool]:
    """The root, and whether any alias was used (only then can subtrees repeat or loop).

    With a `builder`, each finished item of the top-level `milestones` list goes to
    `builder.early_milestone` and is replaced by what it returns, until an anchor is seen.
    """
    import yaml

    def fail(mark: Any, message: Msg) -> DataError:
        line, col = positions.of(mark)
        return DataError([Diagnostic(name, line, col, message)])

    aliases_seen = False
    # Each open collection with, for a mapping, the key waiting for its value.
    stack: list[list[Any]] = []
    anchors: dict[str, Node] = {}
    root: Node | None = None
    documents = 0
    of = positions.of
    plain = positions.plain  # positions as libyaml counts them (Positions.of, inlined)
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    # The milestones list while its items are built as they end; nodes made so far, and
    # when the last item ended.
    target: SequenceNode | None = None
    looking = builder is not None  # for the first top-level key `milestones`
    made = mark = 0
    while True:
        event = loader.get_event()
        if event is None:
            break
        kind = type(event)
        node: Node
        if kind is scalar_event:
            tag = event.tag
            value = event.value
            if tag is None or tag == "!":
                if event.implicit[0] and tag is None:
                    tag = BOOL if value in _BOOLS else NULL if value in _NULLS else PLAIN
                else:
                    tag = STR
            elif tag not in _ALLOWED_TAGS:
                raise fail(event.start_mark, msg("load.tag", tag=tag.replace(_T, "!!")))
            where = event.start_mark
            line, col = (where.line + 1, where.column + 1) if plain else of(where)
            node = ScalarNode(tag, value, line, col)
            made += 1
        elif kind is map_start or kind is seq_start:
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
                raise fail(event.start_mark, msg("load.tag", tag=tag.replace(_T, "!!")))
            if len(stack) >= MAX_DEPTH:
                raise fail(event.start_mark, msg("load.too_deep", limit=MAX_DEPTH))
            where = event.start_mark
            line, col = (where.line + 1, where.column + 1) if plain else of(where)
            if kind is seq_start:
                node = SequenceNode(SEQ, [], line, col)
            else:
                node = Root(line, col) if not stack and looking else MappingNode(MAP, [], line, col)
            made += 1
        elif kind in ends:
            stack.pop()
            if target is not None and stack and stack[-1][0] is target:
                target, mark = _release(builder, target, anchors, made, mark)
            continue
        elif kind is alias_event:
            aliases_seen = True
            found = anchors.get(event.anchor)
            if found is None:
                raise fail(event.start_mark,
                           msg("load.yaml", problem=f"unknown anchor {event.anchor}"))
            node = found
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise fail(event.start_mark, msg("load.multi_doc"))
            continue
        else:
            continue
        if kind is not alias_event and event.anchor is not None:
            anchors[event.anchor] = node
        if not stack:
            root = node
        else:
            top = stack[-1]
            parent = top[0]
            if type(parent) is SequenceNode:
                parent.value.append(node)
                if parent is target and kind is not map_start and kind is not seq_start:
                    target, mark = _release(builder, target, anchors, made, mark)
            elif top[1] is None:
                top[1] = node
            else:
                if looking and len(stack) == 1 and _is_milestones_key(top[1]):
                    # The first `milestones` key counts (a later one is a duplicate).
                    looking = False
                    if kind is seq_start and type(parent) is Root:
                        target, mark = node, made  # type: ignore[assignment]
                parent.value.append((top[1], node))
                top[1] = None
        if kind is map_start or kind is seq_start:
            stack.append([node, None])
    if root is None or (type(root) is ScalarNode and root.tag == NULL):
        raise DataError([Diagnostic(name, 0, 0, msg("load.empty"))])
    return root, aliases_seen


def _is_milestones_key(node: Node) -> bool:
    return type(node) is ScalarNode and node.value == "milestones"


def _release(builder: Any, target: SequenceNode, anchors: dict[str, Node], made: int,
             mark: int) -> tuple[SequenceNode | None, int]:
    """The last item of `target` is complete: build it and let its nodes go. Once an anchor
    was seen, items stay nodes (an alias may repeat them; the alias checks need them)."""
    if anchors:
        return None, made
    item = target.value[-1]
    target.value[-1] = builder.early_milestone(item, made - mark)
    return target, made


def _yaml_diag(exc: yaml.MarkedYAMLError, name: str, positions: Positions) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "?"
    if "expected a single document" in str(exc.context or ""):
        problem_text = msg("load.multi_doc")
    else:
        parts = [p for p in (exc.context, exc.problem) if p]
        problem_text = msg("load.yaml", problem="; ".join(parts) or problem)
    line, col = positions.of(mark)
    return Diagnostic(name, line, col, problem_text)


def _check_aliases(root: Node, name: str) -> None:
    """Reject alias bombs and recursive aliases before anything is built."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()
    distinct = 0  # nodes seen once each; a milestone built while parsing counts its nodes

    def fail(node: Node, message: Msg) -> DataError:
        return DataError([Diagnostic(name, node.line, node.col, message)])

    def walk(node: Node, depth: int) -> int:
        key = id(node)
        nonlocal distinct
        known = sizes.get(key)
        if known is not None:
            return known
        if type(node) is Released:
            sizes[key] = node.count
            distinct += node.count
            return node.count
        if key in on_path:
            raise fail(node, msg("load.recursive_alias"))
        if depth > MAX_DEPTH:  # only aliases can nest this deep once the tree is built
            raise fail(node, msg("load.too_deep", limit=MAX_DEPTH))
        total = 1
        if isinstance(node, MappingNode):
            on_path.add(key)
            for k, v in node.value:
                total += walk(k, depth + 1) + walk(v, depth + 1)
            on_path.discard(key)
        elif isinstance(node, SequenceNode):
            on_path.add(key)
            for item in node.value:
                total += walk(item, depth + 1)
            on_path.discard(key)
        sizes[key] = total
        distinct += 1
        if total > distinct + ALIAS_SLACK and total > 2 * distinct:
            raise fail(node, msg("load.too_many_aliases", limit=distinct + ALIAS_SLACK))
        return total

    walk(root, 0)


def _resolve(value: str) -> str:
    """The YAML 1.1 type of a plain scalar, only asked for when a message names it."""
    global _RESOLVER
    import yaml

    if _RESOLVER is None:
        _RESOLVER = yaml.resolver.Resolver()
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return tag


def flow(node: Node, limit: int = 40) -> str:
    """A node as short YAML flow text for a message: `{x: 1}`, `[a, b]`, cut at `limit`."""
    parts: list[str] = []
    size = 0

    def put(piece: str) -> bool:
        nonlocal size
        parts.append(piece)
        size += len(piece)
        return size <= limit

    def walk(n: Node, depth: int) -> bool:
        if isinstance(n, ScalarNode):
            text = " ".join(n.value.split("\n"))
            return put(f'"{text}"' if n.tag == STR or not text else text)
        if depth > 3:
            return put("…")
        mapping = isinstance(n, MappingNode)
        if not put("{" if mapping else "["):
            return False
        for i, item in enumerate(n.value):
            if i and not put(", "):
                return False
            if mapping:
                if not (walk(item[0], depth + 1) and put(": ") and walk(item[1], depth + 1)):
                    return False
            elif not walk(item, depth + 1):
                return False
        return put("}" if mapping else "]")

    if walk(node, 0):
        return "".join(parts)
    return "".join(parts)[:limit] + "…"


def pos(node: Node) -> tuple[int, int]:
    return node.line, node.col


def type_name(node: Node) -> Msg:
    if isinstance(node, MappingNode):
        return msg("type.mapping")
    if isinstance(node, SequenceNode):
        return msg("type.list")
    if node.tag == BOOL:
        return msg("type.bool_value", value=node.value)
    if node.tag == NULL:
        return msg("type.null")
    if node.tag in (INT, FLOAT) or (node.tag == PLAIN and _resolve(node.value) in (INT, FLOAT)):
        return msg("type.number", value=node.value)
    return msg("type.text")
