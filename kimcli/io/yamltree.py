"""YAML text to a light tree of positioned nodes, straight from libyaml's event stream.

A speed and safety trick, kept here: PyYAML's own composer keeps marks for every node and
recurses; this builder keeps only line and column, measures nesting before anything can
recurse, refuses foreign tags and a second document where they start, and checks aliases
for bombs and loops. `tests/test_loader.py` and the bad-input corpus check it; a property
test compares it with `yaml.safe_load`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kimcli.errors import DataError, Diagnostic, Msg, msg

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


DONE = ScalarNode(NULL, "", 0, 0)  # stands in for a milestone's nodes once it is built
PLAIN = "plain"  # an unquoted scalar that is neither boolean nor null: kim reads it as text
_BOOLS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF"
                   .split())
_NULLS = frozenset(["", "~", "null", "Null", "NULL"])


def parse(text: str, name: str) -> Node:
    """The document's root node; DataError for broken YAML, bombs and loops."""
    root, aliased = _compose(text, name, Positions(text))
    if aliased:
        _check_aliases(root, name)
    return root


def _compose(text: str, name: str, positions: Positions) -> tuple[Node, bool]:
    """Parse one YAML document into light nodes, straight from libyaml's event stream.

    Building the tree here (not with PyYAML's composer) keeps memory small, measures nesting
    before anything can recurse, and sees a second document or a foreign tag where it starts.
    """
    global _Loader
    import yaml

    if _Loader is None:
        _Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    loader = _Loader(text)
    try:
        return _build_tree(loader, name, positions)
    except yaml.MarkedYAMLError as exc:
        raise DataError([_yaml_diag(exc, name, positions)]) from None
    except yaml.reader.ReaderError as exc:
        line, col = _line_col(text, exc.position)
        message = msg("load.yaml", problem=exc.reason)
        raise DataError([Diagnostic(name, line, col, message)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Diagnostic(name, 0, 0, msg("load.yaml", problem=str(exc)))]) from None
    except (ValueError, TypeError) as exc:  # the parser's own failures on odd input
        raise DataError([Diagnostic(name, 0, 0, msg("load.yaml", problem=str(exc)))]) from None
    finally:
        loader.dispose()


def _build_tree(loader: Any, name: str, positions: Positions) -> tuple[Node, bool]:
    """The root, and whether any alias was used (only then can subtrees repeat or loop)."""
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
    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    map_start, seq_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
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
            line, col = of(event.start_mark)
            node = ScalarNode(tag, value, line, col)
        elif kind is map_start or kind is seq_start:
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
                raise fail(event.start_mark, msg("load.tag", tag=tag.replace(_T, "!!")))
            if len(stack) >= MAX_DEPTH:
                raise fail(event.start_mark, msg("load.too_deep", limit=MAX_DEPTH))
            line, col = of(event.start_mark)
            node = (MappingNode(MAP, [], line, col) if kind is map_start
                    else SequenceNode(SEQ, [], line, col))
        elif kind in ends:
            stack.pop()
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
            elif top[1] is None:
                top[1] = node
            else:
                parent.value.append((top[1], node))
                top[1] = None
        if kind is map_start or kind is seq_start:
            stack.append([node, None])
    if root is None or (type(root) is ScalarNode and root.tag == NULL):
        raise DataError([Diagnostic(name, 0, 0, msg("load.empty"))])
    return root, aliases_seen


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


def _line_col(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of a character offset; a line ends at LF, CR LF or a lone CR
    (old Mac files), as editors count."""
    line = (text.count("\n", 0, position) + text.count("\r", 0, position)
            - text.count("\r\n", 0, position) + 1)
    start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    return line, position - start + 1


class Positions:
    """1-based line and column of a YAML mark, counting lines the way editors do.

    libyaml ends lines at LF, CR LF and a lone CR, as editors do, but also at NEL, LS and PS;
    where the text has any of those, the position is recounted from the mark's character
    offset so that they do not count.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.plain = not any(c in text for c in "\x85\u2028\u2029")

    def of(self, mark: Any) -> tuple[int, int]:
        if mark is None:
            return 0, 0
        if self.plain:
            return mark.line + 1, mark.column + 1
        return _line_col(self.text, mark.index)


def _check_aliases(root: Node, name: str) -> None:
    """Reject alias bombs and recursive aliases before anything is built."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()

    def fail(node: Node, message: Msg) -> DataError:
        return DataError([Diagnostic(name, node.line, node.col, message)])

    def walk(node: Node, depth: int) -> int:
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
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
        if total > len(sizes) + ALIAS_SLACK and total > 2 * len(sizes):
            raise fail(node, msg("load.too_many_aliases", limit=len(sizes) + ALIAS_SLACK))
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
