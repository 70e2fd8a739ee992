"""Read a dataset file safely, validate it, and report every problem at FILE:LINE:COL."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kimcli import dates, labels
from kimcli.errors import DataError, Diagnostic, PathError
from kimcli.fuzzy import suggest
from kimcli.model import (
    CONFIDENCE_LEVELS,
    Actor,
    Claim,
    Dataset,
    Dispute,
    Fact,
    GlossaryEntry,
    KeyDate,
    Milestone,
    Phase,
    Ref,
    Relation,
    Source,
    Translation,
)

if TYPE_CHECKING:
    import yaml

MAX_BYTES = 256 * 1024 * 1024
MAX_DEPTH = 64
# An alias may repeat a subtree, but the expanded tree may not outgrow the file by much.
ALIAS_SLACK = 100_000

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

# PyYAML is imported only to parse: a dataset answered from the cache never needs it.
_Loader: Any = None  # the parser class, libyaml's where PyYAML has it; chosen on first use
_RESOLVER: Any = None

_T = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (
    _T + "str", _T + "int", _T + "float", _T + "bool", _T + "null", _T + "timestamp")
SEQ, MAP = _T + "seq", _T + "map"
_ALLOWED_TAGS = {STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, SEQ, MAP}

TOP_FIELDS = ("title", "language", "description", "en", "relations", "sources", "actors",
              "glossary", "phases", "milestones")
MILESTONE_FIELDS = ("id", "title", "date", "kind", "summary", "date_label", "description",
                    "phase", "tags", "aliases", "actors", "refs", "sources", "facts",
                    "key_dates", "disputes", "en")
MILESTONE_REQUIRED = ("id", "title", "date", "kind", "summary")


def default_data_path() -> Path:
    """The bundled dataset: inside the installed package, or data/ in a source checkout."""
    here = Path(__file__).resolve().parent
    installed = here / "data" / "kim.yaml"
    if installed.is_file():
        return installed
    return here.parent / "data" / "kim.yaml"


@dataclass
class Report:
    """The outcome of checking a file: the dataset if it has no errors, and all diagnostics."""

    path: str
    dataset: Dataset | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def read_text(path: str | os.PathLike[str]) -> str:
    """The file as text; PathError for unusable paths, DataError for bad bytes."""
    name = os.fspath(path)
    return decode(read_bytes(name), name)


def read_bytes(name: str) -> bytes:
    """The file's bytes, refusing directories, devices, FIFOs and oversized files up front."""
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise PathError(name, labels.t("load.not_found")) from None
    except OSError as exc:
        raise PathError(name, labels.t("load.unreadable", reason=exc.strerror or exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise PathError(name, labels.t("load.is_dir"))
    if not stat.S_ISREG(info.st_mode):
        raise PathError(name, labels.t("load.not_regular"))
    if info.st_size > MAX_BYTES:
        raise PathError(name, labels.t("load.too_large", size=info.st_size, limit=MAX_BYTES))
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise PathError(name, labels.t("load.unreadable", reason=exc.strerror or exc)) from None
    if len(data) > MAX_BYTES:
        raise PathError(name, labels.t("load.too_large", size=len(data), limit=MAX_BYTES))
    return data


def decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = labels.t("load.not_utf8", byte=data[exc.start])
        raise DataError([Diagnostic(name, line, col, message)]) from None
    return text[1:] if text.startswith("\ufeff") else text


def load(path: str | os.PathLike[str]) -> Dataset:
    """Load and validate; raise DataError with every error if the dataset is not usable."""
    report = check(path)
    if report.dataset is None:
        raise DataError(report.errors)
    return report.dataset


def check(path: str | os.PathLike[str]) -> Report:
    """Validate a file and return all diagnostics; raises only PathError."""
    from kimcli import cache

    name = os.fspath(path)
    data = read_bytes(name)
    use_cache = len(data) >= cache.MIN_BYTES and cache.folder() is not None
    if use_cache:
        content_digest = cache.digest(data)
        with _gc_paused():
            hit = cache.lookup(name, content_digest)
        if hit is not None:
            return Report(name, hit[0], hit[1])
    try:
        text = decode(data, name)
    except DataError as exc:
        return Report(name, None, exc.diagnostics)
    del data  # the text is all that is needed now; large files need the memory
    report = check_text(text, name)
    if use_cache and report.dataset is not None:
        cache.store(name, content_digest, report.dataset, report.diagnostics)
        report = Report(name, dataclasses.replace(report.dataset, digest=content_digest),
                        report.diagnostics)
    return report


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building millions of small objects triggers the cyclic collector again and again for
    nothing (the tree has no garbage cycles): pausing it more than halves load time."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_text(text: str, name: str) -> Report:
    with _gc_paused():
        return _check_text(text, name)


def _check_text(text: str, name: str) -> Report:
    positions = Positions(text)
    try:
        root, aliased = _compose(text, name, positions)
        if aliased:
            _check_tree(root, name)
    except DataError as exc:
        return Report(name, None, exc.diagnostics)
    builder = _Builder(name)
    dataset = builder.build(root)
    diags = sorted(builder.diags, key=lambda d: (d.line, d.col, d.message))
    if any(d.is_error for d in diags):
        dataset = None
    return Report(name, dataset, diags)


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


_DONE = ScalarNode(NULL, "", 0, 0)  # stands in for a milestone's nodes once it is built
PLAIN = "plain"  # an unquoted scalar that is neither boolean nor null: kim reads it as text
_BOOLS = frozenset("yes Yes YES no No NO true True TRUE false False FALSE on On ON off Off OFF"
                   .split())
_NULLS = frozenset(["", "~", "null", "Null", "NULL"])


def compose(text: str, name: str) -> Node:
    return _compose(text, name, Positions(text))[0]


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
        message = labels.t("load.yaml", problem=exc.reason)
        raise DataError([Diagnostic(name, line, col, message)]) from None
    except yaml.YAMLError as exc:
        raise DataError([Diagnostic(name, 0, 0, labels.t("load.yaml", problem=exc))]) from None
    except (ValueError, TypeError) as exc:  # the parser's own failures on odd input
        raise DataError([Diagnostic(name, 0, 0, labels.t("load.yaml", problem=exc))]) from None
    finally:
        loader.dispose()


def _build_tree(loader: Any, name: str, positions: Positions) -> tuple[Node, bool]:
    """The root, and whether any alias was used (only then can subtrees repeat or loop)."""
    import yaml

    def fail(mark: Any, message: str) -> DataError:
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
                raise fail(event.start_mark, labels.t("load.tag", tag=tag.replace(_T, "!!")))
            line, col = of(event.start_mark)
            node = ScalarNode(tag, value, line, col)
        elif kind is map_start or kind is seq_start:
            tag = event.tag
            if tag is not None and tag != "!" and tag not in _ALLOWED_TAGS:
                raise fail(event.start_mark, labels.t("load.tag", tag=tag.replace(_T, "!!")))
            if len(stack) >= MAX_DEPTH:
                raise fail(event.start_mark, labels.t("load.too_deep", limit=MAX_DEPTH))
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
                raise fail(event.start_mark, labels.t(
                    "load.yaml", problem=f"unknown anchor {event.anchor}"))
            node = found
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise fail(event.start_mark, labels.t("load.multi_doc"))
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
        raise DataError([Diagnostic(name, 0, 0, labels.t("load.empty"))])
    return root, aliases_seen


def _yaml_diag(exc: yaml.MarkedYAMLError, name: str, positions: Positions) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "?"
    if "expected a single document" in str(exc.context or ""):
        problem_text = labels.t("load.multi_doc")
    else:
        parts = [p for p in (exc.context, exc.problem) if p]
        problem_text = labels.t("load.yaml", problem="; ".join(parts) or problem)
    line, col = positions.of(mark)
    return Diagnostic(name, line, col, problem_text)


def _line_col(text: str, position: int) -> tuple[int, int]:
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    return line, col


class Positions:
    """1-based line and column of a YAML mark, counting lines the way editors do.

    YAML also breaks lines at CR, NEL, LS and PS; where the text has any of those, the
    position is recounted from the mark's character offset so that only newlines count.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.plain = not any(c in text for c in "\r\x85\u2028\u2029")

    def of(self, mark: Any) -> tuple[int, int]:
        if mark is None:
            return 0, 0
        if self.plain:
            return mark.line + 1, mark.column + 1
        return _line_col(self.text, mark.index)



def _check_tree(root: Node, name: str) -> None:
    """Reject alias bombs and recursive aliases before anything is built."""
    sizes: dict[int, int] = {}
    on_path: set[int] = set()

    def fail(node: Node, message: str) -> DataError:
        return DataError([Diagnostic(name, node.line, node.col, message)])

    def walk(node: Node, depth: int) -> int:
        key = id(node)
        known = sizes.get(key)
        if known is not None:
            return known
        if key in on_path:
            raise fail(node, labels.t("load.recursive_alias"))
        if depth > MAX_DEPTH:  # only aliases can nest this deep once the tree is built
            raise fail(node, labels.t("load.too_deep", limit=MAX_DEPTH))
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
            raise fail(node, labels.t("load.too_many_aliases", limit=len(sizes) + ALIAS_SLACK))
        return total

    walk(root, 0)


def did_you_mean(value: str, choices: Iterable[str]) -> str | None:
    found = suggest(value, choices, n=1)
    return found[0] if found else None


def _resolve(value: str) -> str:
    """The YAML 1.1 type of a plain scalar, only asked for when a message names it."""
    global _RESOLVER
    import yaml

    if _RESOLVER is None:
        _RESOLVER = yaml.resolver.Resolver()
    tag: str = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))
    return tag


def _pos(node: Node) -> tuple[int, int]:
    return node.line, node.col


def _type_name(node: Node) -> str:
    if isinstance(node, MappingNode):
        return labels.t("type.mapping")
    if isinstance(node, SequenceNode):
        return labels.t("type.list")
    if node.tag == BOOL:
        return labels.t("type.bool_value") + f" ({node.value})"
    if node.tag == NULL:
        return labels.t("type.null")
    if node.tag in (INT, FLOAT) or (node.tag == PLAIN and _resolve(node.value) in (INT, FLOAT)):
        return labels.t("type.number") + f" ({node.value})"
    return labels.t("type.text")


class _Builder:
    """Turns a node tree into a Dataset, collecting every problem instead of stopping."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.diags: list[Diagnostic] = []
        # (kind, value, node, context) checked once every id is known
        self.pending: list[tuple[str, str, Node, str]] = []
        self.cited: set[str] = set()
        self.ids: set[str] = set()  # every milestone id, even of milestones with errors
        self.where: dict[str, tuple[int, int]] = {}  # milestone id -> line, column

    # -- reporting -------------------------------------------------------------------------
    def error(self, node: Node, message: str, severity: str = "error") -> None:
        line, col = _pos(node)
        self.diags.append(Diagnostic(self.name, line, col, message, severity))

    # -- shapes ----------------------------------------------------------------------------
    def pairs(self, node: Node, what: str) -> Iterator[tuple[str, Node, Node]]:
        """Key/value pairs of a mapping, with duplicate keys reported."""
        if not isinstance(node, MappingNode):
            self.error(node, labels.t("load.expected", field=what,
                                      expected=labels.t("type.mapping"), found=_type_name(node)))
            return
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.error(key_node, labels.t("load.expected", field=what,
                                              expected=labels.t("type.text"),
                                              found=_type_name(key_node)))
                continue
            key = key_node.value
            if key in seen:
                self.error(key_node, labels.t("load.dup_key", key=key, line=seen[key]))
                continue
            seen[key] = _pos(key_node)[0]
            yield key, key_node, value_node

    def fields(self, node: Node, what: str, allowed: tuple[str, ...],
               required: tuple[str, ...] = ()) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.error(node, labels.t("load.expected", field=what,
                                      expected=labels.t("type.mapping"), found=_type_name(node)))
            return None
        found: dict[str, Node] = {}
        unknown: list[tuple[str, Node]] = []
        for key, key_node, value_node in self.pairs(node, what):
            if key in allowed:
                found[key] = value_node
            else:
                unknown.append((key, key_node))
        missing = [f for f in required if f not in found]
        for key, key_node in unknown:
            suggestion = did_you_mean(key, [f for f in allowed if f not in found])
            message = labels.t("load.unknown_field", field=key)
            if suggestion:
                message += "; " + labels.t("load.did_you_mean", suggestion=suggestion)
                if suggestion in missing:
                    # One message for the typo, not a second one for the field it misspells.
                    missing.remove(suggestion)
                    message += " (" + labels.t("load.missing", field=suggestion) + ")"
            self.error(key_node, message)
        for name in missing:
            self.error(node, labels.t("load.missing", field=name))
        return found

    def text(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, labels.t("load.expected", field=what, expected=labels.t("type.text"),
                                      found=_type_name(node)))
            return None
        if node.tag == BOOL:
            self.error(node, labels.t("load.bool_text", field=what, raw=node.value))
            return None
        if node.tag == NULL:
            self.error(node, labels.t("load.null_text", field=what))
            return None
        # Numbers and timestamps are kept as typed: `date: 2012` means "2012".
        value: str = node.value
        return value

    def optional_text(self, node: Node | None, what: str) -> str | None:
        if node is None or (node.tag == NULL and isinstance(node, ScalarNode)):
            return None
        return self.text(node, what)

    def flag(self, node: Node | None, what: str) -> bool:
        if node is None:
            return False
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            return node.value.lower() in ("true", "yes", "on", "y")
        self.error(node, labels.t("load.expected", field=what, expected=labels.t("type.bool"),
                                  found=_type_name(node)))
        return False

    def items(self, node: Node | None, what: str) -> list[Node]:
        if node is None or (isinstance(node, ScalarNode) and node.tag == NULL):
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, labels.t("load.expected", field=what, expected=labels.t("type.list"),
                                      found=_type_name(node)))
            return []
        return list(node.value)

    def texts(self, node: Node | None, what: str) -> tuple[str, ...]:
        out = []
        for item in self.items(node, what):
            value = self.text(item, what)
            if value is not None:
                out.append(value)
        return tuple(out)

    def refs_to(self, kind: str, node: Node | None, what: str) -> tuple[str, ...]:
        """A list of ids of `kind` (source, actor), checked once everything is read."""
        out = []
        for item in self.items(node, what):
            value = self.text(item, what)
            if value is not None:
                out.append(value)
                self.pending.append((kind, value, item, what))
        return tuple(out)

    def sources(self, node: Node | None, what: str = "sources") -> tuple[str, ...]:
        found = self.refs_to("source", node, what)
        self.cited.update(found)
        return found

    def date(self, node: Node | None, what: str) -> tuple[dates.EDTFDate, str] | None:
        raw = self.text(node, what)
        if raw is None or node is None:
            return None
        try:
            return dates.parse(raw), raw.strip()
        except dates.DateError as exc:
            self.error(node, str(exc))
            return None

    def slug(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and node is not None and not SLUG_RE.match(value):
            self.error(node, labels.t("load.bad_slug", field=what, value=value))
            return None
        return value

    # -- sections --------------------------------------------------------------------------
    def build(self, root: Node) -> Dataset | None:
        if not isinstance(root, MappingNode):
            self.error(root, labels.t("load.top_not_mapping", found=_type_name(root)))
            return None
        top = self.fields(root, "Datensatz", TOP_FIELDS, ("title", "milestones"))
        if top is None:
            return None
        title = self.text(top.get("title"), "title")
        language = self.optional_text(top.get("language"), "language")
        description = self.optional_text(top.get("description"), "description")
        if "en" in top:
            self.fields(top["en"], "en", ("title", "description"))
        relations = self.relations(top.get("relations"))
        sources, source_nodes = self.source_table(top.get("sources"))
        actors = self.actors(top.get("actors"))
        phases = self.phases(top.get("phases"))
        milestones = self.milestones(top.get("milestones"), relations)
        glossary = self.glossary(top.get("glossary"))
        self.resolve(milestones, relations, sources, source_nodes, actors, phases)
        if title is None or milestones is None:
            return None
        return Dataset(
            title=title,
            milestones=tuple(milestones),
            language=language,
            description=description,
            sources=sources,
            relations=relations,
            actors=actors,
            glossary=glossary,
            phases=phases,
            path=self.name,
        )

    def relations(self, node: Node | None) -> dict[str, Relation]:
        out: dict[str, Relation] = {}
        if node is None:
            return out
        for key, _key_node, value in self.pairs(node, "relations"):
            spec = self.fields(value, f"relations.{key}", ("label", "inverse", "ordered", "en"),
                               ("label", "inverse"))
            if spec is None:
                continue
            label = self.text(spec.get("label"), "label")
            inverse = self.text(spec.get("inverse"), "inverse")
            ordered = self.flag(spec.get("ordered"), "ordered")
            en = self.fields(spec["en"], "en", ("label", "inverse")) if "en" in spec else {}
            if label is not None and inverse is not None:
                out[key] = Relation(key, label, inverse, ordered,
                                    self.optional_text((en or {}).get("label"), "label"),
                                    self.optional_text((en or {}).get("inverse"), "inverse"))
        return out

    def source_table(self, node: Node | None
                     ) -> tuple[dict[str, Source], dict[str, Node]]:
        out: dict[str, Source] = {}
        nodes: dict[str, Node] = {}
        if node is None:
            return out, nodes
        allowed = ("title", "url", "publisher", "type", "date", "note")
        for key, key_node, value in self.pairs(node, "sources"):
            spec = self.fields(value, f"sources.{key}", allowed, ("title",))
            if spec is None:
                continue
            title = self.text(spec.get("title"), "title")
            url = self.optional_text(spec.get("url"), "url")
            if url is not None and not re.match(r"^https?://", url, re.IGNORECASE):
                # Kept and shown as text; views make links of http(s) addresses only.
                self.error(spec["url"], labels.t("load.bad_url", field="url"), "warning")
            if "date" in spec:
                self.date(spec["date"], "date")
            nodes[key] = key_node
            if title is not None:
                out[key] = Source(
                    key, title, url,
                    publisher=self.optional_text(spec.get("publisher"), "publisher"),
                    type=self.optional_text(spec.get("type"), "type"),
                    date=self.optional_text(spec.get("date"), "date"),
                    note=self.optional_text(spec.get("note"), "note"),
                )
        return out, nodes

    def actors(self, node: Node | None) -> dict[str, Actor]:
        out: dict[str, Actor] = {}
        if node is None:
            return out
        for key, _key_node, value in self.pairs(node, "actors"):
            spec = self.fields(value, f"actors.{key}", ("name", "abbr", "role", "sources"),
                               ("name",))
            if spec is None:
                continue
            name = self.text(spec.get("name"), "name")
            if name is not None:
                out[key] = Actor(key, name, self.optional_text(spec.get("abbr"), "abbr"),
                                 self.optional_text(spec.get("role"), "role"),
                                 self.sources(spec.get("sources")))
        return out

    def phases(self, node: Node | None) -> tuple[Phase, ...]:
        out = []
        for item in self.items(node, "phases"):
            spec = self.fields(item, "phases[]", ("id", "title", "date", "summary"),
                               ("id", "title", "date"))
            if spec is None:
                continue
            pid = self.slug(spec.get("id"), "id")
            title = self.text(spec.get("title"), "title")
            parsed = self.date(spec.get("date"), "date")
            if pid and title and parsed:
                out.append(Phase(pid, title, parsed[0], parsed[1],
                                 self.optional_text(spec.get("summary"), "summary")))
        return tuple(out)

    def glossary(self, node: Node | None) -> tuple[GlossaryEntry, ...]:
        out = []
        seen: dict[str, int] = {}
        for item in self.items(node, "glossary"):
            spec = self.fields(item, "glossary[]", ("term", "definition", "aliases", "sources",
                                                    "see"), ("term", "definition"))
            if spec is None:
                continue
            term = self.text(spec.get("term"), "term")
            definition = self.text(spec.get("definition"), "definition")
            if term is not None:
                if term in seen:
                    self.error(spec["term"], labels.t("load.dup_term", term=term, line=seen[term]))
                seen.setdefault(term, _pos(spec["term"])[0])
            see = self.refs_to("milestone", spec.get("see"), "see")
            entry_sources = self.sources(spec.get("sources"))
            if term is not None and definition is not None:
                aliases = self.texts(spec.get("aliases"), "aliases")
                out.append(GlossaryEntry(term, definition, aliases, entry_sources, see))
        return tuple(out)

    def milestones(self, node: Node | None, relations: dict[str, Relation]
                   ) -> list[Milestone] | None:
        if node is None:
            return None
        if not isinstance(node, SequenceNode):
            self.error(node, labels.t("load.expected", field="milestones",
                                      expected=labels.t("type.list"), found=_type_name(node)))
            return None
        out: list[Milestone] = []
        first_line: dict[str, int] = {}
        items = node.value
        for index, item in enumerate(items):
            # Each milestone's nodes are let go once it is built: large files need the room.
            items[index] = _DONE
            spec = self.fields(item, "milestones[]", MILESTONE_FIELDS, MILESTONE_REQUIRED)
            if spec is None:
                continue
            mid = self.slug(spec.get("id"), "id")
            if mid is not None:
                if mid in first_line:
                    self.error(spec["id"], labels.t("load.dup_id", id=mid, line=first_line[mid]))
                else:
                    first_line[mid] = _pos(spec["id"])[0]
                    self.ids.add(mid)
            milestone = self.milestone(spec, mid, item)
            if milestone is not None:
                out.append(milestone)
                self.where[milestone.id] = _pos(item)
        return out

    def milestone(self, spec: dict[str, Node], mid: str | None, node: Node
                  ) -> Milestone | None:
        title = self.text(spec.get("title"), "title")
        parsed = self.date(spec.get("date"), "date")
        kind = self.text(spec.get("kind"), "kind")
        summary = self.text(spec.get("summary"), "summary")
        refs = []
        for item in self.items(spec.get("refs"), "refs"):
            ref_spec = self.fields(item, "refs[]", ("to", "rel", "note", "sources"), ("to", "rel"))
            if ref_spec is None:
                continue
            to = self.text(ref_spec.get("to"), "to")
            rel = self.text(ref_spec.get("rel"), "rel")
            if to is not None and rel is not None:
                self.pending.append(("milestone", to, ref_spec["to"], "to"))
                self.pending.append(("relation", rel, ref_spec["rel"], "rel"))
                if to == mid:
                    self.error(ref_spec["to"], labels.t("load.self_ref", id=to))
                refs.append(Ref(to, rel, self.optional_text(ref_spec.get("note"), "note"),
                                self.sources(ref_spec.get("sources"))))
        facts = []
        for item in self.items(spec.get("facts"), "facts"):
            fact_spec = self.fields(item, "facts[]", ("text", "sources", "confidence"), ("text",))
            if fact_spec is None:
                continue
            text = self.text(fact_spec.get("text"), "text")
            confidence = self.optional_text(fact_spec.get("confidence"), "confidence")
            if confidence is not None and confidence not in CONFIDENCE_LEVELS:
                message = labels.t("load.expected", field="confidence",
                                   expected=" | ".join(CONFIDENCE_LEVELS), found=confidence)
                self.error(fact_spec["confidence"], message)
            fact_sources = self.sources(fact_spec.get("sources"))
            if text is not None:
                facts.append(Fact(text, fact_sources, confidence))
        key_dates = []
        for item in self.items(spec.get("key_dates"), "key_dates"):
            kd_spec = self.fields(item, "key_dates[]", ("date", "label", "sources"),
                                  ("date", "label"))
            if kd_spec is None:
                continue
            kd_date = self.date(kd_spec.get("date"), "date")
            label = self.text(kd_spec.get("label"), "label")
            kd_sources = self.sources(kd_spec.get("sources"))
            if kd_date is not None and label is not None:
                key_dates.append(KeyDate(kd_date[0], kd_date[1], label, kd_sources))
        disputes = []
        for item in self.items(spec.get("disputes"), "disputes"):
            d_spec = self.fields(item, "disputes[]", ("topic", "claims", "note"),
                                 ("topic", "claims"))
            if d_spec is None:
                continue
            claims = []
            for claim_node in self.items(d_spec.get("claims"), "claims"):
                c_spec = self.fields(claim_node, "claims[]", ("claim", "sources"), ("claim",))
                if c_spec is None:
                    continue
                claim = self.text(c_spec.get("claim"), "claim")
                claim_sources = self.sources(c_spec.get("sources"))
                if claim is not None:
                    claims.append(Claim(claim, claim_sources))
            topic = self.text(d_spec.get("topic"), "topic")
            if topic is not None:
                disputes.append(Dispute(topic, tuple(claims),
                                        self.optional_text(d_spec.get("note"), "note")))
        en = None
        if "en" in spec:
            en_spec = self.fields(spec["en"], "en", ("title", "summary", "date_label", "kind"))
            if en_spec is not None:
                en = Translation(self.optional_text(en_spec.get("title"), "title"),
                                 self.optional_text(en_spec.get("summary"), "summary"),
                                 self.optional_text(en_spec.get("date_label"), "date_label"),
                                 self.optional_text(en_spec.get("kind"), "kind"))
        phase = self.optional_text(spec.get("phase"), "phase")
        if phase is not None:
            self.pending.append(("phase", phase, spec["phase"], "phase"))
        milestone_sources = self.sources(spec.get("sources"))
        actors = self.refs_to("actor", spec.get("actors"), "actors")
        tags = self.texts(spec.get("tags"), "tags")
        aliases = self.texts(spec.get("aliases"), "aliases")
        date_label = self.optional_text(spec.get("date_label"), "date_label")
        description = self.optional_text(spec.get("description"), "description")
        if None in (mid, title, parsed, kind, summary):
            return None
        assert mid and title is not None and parsed and kind is not None and summary is not None
        milestone = Milestone(
            id=mid, title=title, date=parsed[0], raw_date=parsed[1], kind=kind, summary=summary,
            date_label=date_label, description=description, phase=phase, tags=tags,
            aliases=aliases, actors=actors, refs=tuple(refs), sources=milestone_sources,
            facts=tuple(facts), key_dates=tuple(key_dates), disputes=tuple(disputes), en=en,
            line=_pos(node)[0],
        )
        if not milestone.cited_sources():
            self.error(node, labels.t("load.no_sources", id=mid), "warning")
        return milestone

    # -- cross-checks ----------------------------------------------------------------------
    def resolve(self, milestones: list[Milestone] | None,
                relations: dict[str, Relation], sources: dict[str, Source],
                source_nodes: dict[str, Node], actors: dict[str, Actor],
                phases: tuple[Phase, ...]) -> None:
        ids = self.ids
        known: dict[str, Callable[[str], bool]] = {
            "milestone": ids.__contains__,
            "source": lambda s: s in sources or s in source_nodes,
            "actor": actors.__contains__,
            "phase": {p.id for p in phases}.__contains__,
            # Without a declared vocabulary, relations are free text.
            "relation": (lambda r: True) if not relations else relations.__contains__,
        }
        choices: dict[str, Callable[[], Iterable[str]]] = {
            "milestone": lambda: ids, "source": lambda: source_nodes, "actor": lambda: actors,
            "phase": lambda: [p.id for p in phases], "relation": lambda: relations,
        }
        messages = {"milestone": "load.unknown_ref", "source": "load.unknown_source",
                    "actor": "load.unknown_actor", "phase": "load.unknown_phase",
                    "relation": "load.unknown_rel"}
        for kind, value, node, _what in self.pending:
            if known[kind](value):
                continue
            message = labels.t(messages[kind], id=value, rel=value)
            suggestion = did_you_mean(value, choices[kind]())
            if suggestion:
                message += "; " + labels.t("load.did_you_mean", suggestion=suggestion)
            self.error(node, message)
        for key, node in source_nodes.items():
            if key not in self.cited:
                self.error(node, labels.t("load.uncited", id=key), "warning")
        if milestones and relations:
            self.cycles(milestones, relations)

    def cycles(self, milestones: list[Milestone],
               relations: dict[str, Relation]) -> None:
        """Warn once per cycle among relations that imply an order in time."""
        graph: dict[str, list[str]] = {}
        for m in milestones:
            graph[m.id] = [r.to for r in m.refs
                           if r.rel in relations and relations[r.rel].ordered and r.to != m.id]
        state: dict[str, int] = {}  # 1 on stack, 2 done
        for start in graph:
            if start in state:
                continue
            stack: list[tuple[str, Iterator[str]]] = [(start, iter(graph[start]))]
            path = [start]
            state[start] = 1
            while stack:
                current, children = stack[-1]
                child = next(children, None)
                if child is None:
                    state[current] = 2
                    stack.pop()
                    path.pop()
                    continue
                if child not in graph:
                    continue
                if state.get(child) == 1:
                    cycle = [*path[path.index(child):], child]
                    line, col = self.where[current]
                    self.diags.append(Diagnostic(self.name, line, col, labels.t(
                        "load.cycle", path=" → ".join(cycle)), "warning"))
                elif child not in state:
                    state[child] = 1
                    path.append(child)
                    stack.append((child, iter(graph[child])))
