"""Nodes to records, guided by the field table, collecting every problem instead of stopping."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from kimcli import dates
from kimcli.domain.dataset import DATASET, Dataset
from kimcli.domain.fields import Field, FieldType, Spec, Target
from kimcli.errors import DateError, Diagnostic, Msg, Severity, msg
from kimcli.fuzzy import suggest
from kimcli.io.recordchecks import AFTER as _AFTER
from kimcli.io.recordchecks import BEFORE as _BEFORE
from kimcli.io.recordchecks import SLUG_RE
from kimcli.io.yamltree import (
    BOOL,
    DONE,
    NULL,
    PLAIN,
    MappingNode,
    Node,
    Released,
    ScalarNode,
    SequenceNode,
    flow,
    pos,
    type_name,
)

T = FieldType
_EMPTY: dict[FieldType, Any] = {T.TEXTS: (), T.REFS: (), T.LIST: (), T.TABLE: {}, T.FLAG: False}


def did_you_mean(value: str, choices: Iterator[str] | list[str] | Any) -> str | None:
    found = suggest(value, choices, n=1)
    return found[0] if found else None


class Builder:
    """Turns a node tree into a Dataset; `diags` holds every problem found on the way."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.diags: list[Diagnostic] = []
        # (target, value, node) checked once every id is known
        self.pending: list[tuple[Target, str, Node]] = []
        self.cited: set[str] = set()
        self.ids: set[str] = set()  # every milestone id, even of milestones with errors
        self.first_line: dict[str, int] = {}
        self.where: dict[str, tuple[int, int]] = {}  # milestone id -> line, column
        self.keys: dict[str, dict[str, Node]] = {}  # table -> every key written, valid or not
        self.terms: dict[str, int] = {}
        self.spec_stack: list[Spec] = [DATASET]  # the record being built: its `en:` keys

    def error(self, node: Node, message: Msg, severity: Severity = Severity.ERROR,
              hints: tuple[Msg, ...] = ()) -> None:
        line, col = pos(node)
        self.diags.append(Diagnostic(self.name, line, col, message, severity, hints))

    # -- shapes ----------------------------------------------------------------------------
    def pairs(self, node: Node, what: str) -> Iterator[tuple[str, Node, Node]]:
        """Key/value pairs of a mapping, with duplicate keys reported."""
        if not isinstance(node, MappingNode):
            self.error(node, msg("load.expected", field=what, expected=msg("type.mapping"),
                                 found=type_name(node)))
            return
        seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not self._bad_key(key_node, seen, what):
                yield key_node.value, key_node, value_node

    def _bad_key(self, key_node: Node, seen: dict[str, int], what: str) -> bool:
        """Whether a mapping's key is reported (not text, a merge key, a duplicate); else it is
        noted in `seen` with its line."""
        if not isinstance(key_node, ScalarNode):
            self.error(key_node, msg("load.key_not_text", found=type_name(key_node),
                                     key=flow(key_node), where=_where(what)))
            return True
        key = key_node.value
        if key == "<<" and key_node.tag == PLAIN:  # YAML 1.1's merge key, unquoted
            self.error(key_node, msg("load.merge_key", where=_where(what)))
            return True
        if key in seen:
            self.error(key_node, msg("load.dup_key", key=key, line=seen[key]))
            return True
        seen[key] = key_node.line
        return False

    def fields(self, node: Node, what: str, allowed: tuple[str, ...],
               required: tuple[str, ...] = ()) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.error(node, msg("load.expected", field=what, expected=msg("type.mapping"),
                                 found=type_name(node)))
            return None
        found: dict[str, Node] = {}
        unknown: list[tuple[str, Node]] = []
        seen: dict[str, int] = {}
        bad = self._bad_key
        for key_node, value_node in node.value:  # pairs(), inlined: most records are fine
            if type(key_node) is ScalarNode and (key := key_node.value) not in seen and (
                    key != "<<"):
                seen[key] = key_node.line
            elif bad(key_node, seen, what):
                continue
            else:
                key = key_node.value
            if key in allowed:
                found[key] = value_node
            else:
                unknown.append((key, key_node))
        missing = [f for f in required if f not in found]
        for key, key_node in unknown:
            suggestion = did_you_mean(key, [f for f in allowed if f not in found])
            hints: tuple[Msg, ...] = ()
            if suggestion in missing:
                # One message for the typo, not a second one for the field it misspells.
                missing.remove(suggestion)
                hints = (msg("load.did_you_mean_missing", suggestion=suggestion,
                             missing=msg("load.missing", field=suggestion)),)
            elif suggestion:
                hints = (msg("load.did_you_mean", suggestion=suggestion),)
            self.error(key_node, msg("load.unknown_field", field=key), hints=hints)
        for name in missing:
            self.error(node, msg("load.missing", field=name))
        return found

    def text(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.error(node, msg("load.expected", field=what, expected=msg("type.text"),
                                 found=type_name(node)))
            return None
        if node.tag == BOOL:
            self.error(node, msg("load.bool_text", field=what, raw=node.value))
            return None
        if node.tag == NULL:
            self.error(node, msg("load.null_text", field=what))
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
        self.error(node, msg("load.expected", field=what, expected=msg("type.bool"),
                             found=type_name(node)))
        return False

    def items(self, node: Node | None, what: str) -> list[Node]:
        if node is None or (isinstance(node, ScalarNode) and node.tag == NULL):
            return []
        if not isinstance(node, SequenceNode):
            self.error(node, msg("load.expected", field=what, expected=msg("type.list"),
                                 found=type_name(node)))
            return []
        return list(node.value)

    def texts(self, node: Node | None, what: str) -> tuple[str, ...]:
        out = []
        for item in self.items(node, what):
            value = self.text(item, what)
            if value is not None:
                out.append(value)
        return tuple(out)

    def date(self, node: Node | None, what: str, day: bool = False) -> dates.EDTFDate | None:
        raw = self.text(node, what)
        if raw is None or node is None:
            return None
        try:
            parsed = dates.parse(raw)
        except DateError as exc:
            self.error(node, exc.message)
            return None
        if day and parsed.precision != "day":
            self.error(node, msg("load.not_day", field=what, value=raw.strip()))
            return None
        return parsed

    def slug(self, node: Node | None, what: str) -> str | None:
        value = self.text(node, what)
        if value is not None and node is not None and not SLUG_RE.match(value):
            self.error(node, msg("load.bad_slug", field=what, value=value))
            return None
        return value

    # -- values by the table ---------------------------------------------------------------
    def value(self, f: Field, node: Node | None) -> Any:
        if node is None:
            return _EMPTY.get(f.type)
        kind = f.type
        name = f.name
        if kind is T.TEXT:
            return self.text(node, name) if f.required else self.optional_text(node, name)
        if kind is T.ID:
            return self.slug(node, name)
        if kind is T.DATE or kind is T.DAY:
            return self.date(node, name, day=kind is T.DAY)
        if kind is T.FLAG:
            return self.flag(node, name)
        if kind is T.TEXTS:
            return self.texts(node, name)
        if kind is T.CHOICE:
            value = self.optional_text(node, name)
            if value is not None and value not in f.choices:
                self.error(node, msg("load.expected", field=name,
                                     expected=" | ".join(f.choices), found=value))
            return value
        if kind is T.REF:
            assert f.target is not None
            value = self.text(node, name) if f.required else self.optional_text(node, name)
            if value is not None:
                self.pending.append((f.target, value, node))
            return value
        if kind is T.REFS:
            assert f.target is not None
            ids = []
            for item in self.items(node, name):
                value = self.text(item, name)
                if value is not None:
                    ids.append(value)
                    self.pending.append((f.target, value, item))
            if f.target is Target.SOURCE:
                self.cited.update(ids)
            return tuple(ids)
        assert f.of is not None or kind is T.TRANSLATIONS
        if kind is T.LIST:
            return self.records(f, node)
        if kind is T.TABLE:
            return self.table(f, node)
        if kind is T.RECORD:
            assert f.of is not None
            return self.record(f.of, node, name)
        return self.translations(node)

    def translations(self, node: Node) -> tuple[tuple[str, str], ...] | None:
        allowed = self.spec_stack[-1].translatable
        found = self.fields(node, "en", allowed)
        if found is None:
            return None
        texts = [(name, self.optional_text(found[name], name)) for name in allowed
                 if name in found]
        return tuple((name, text) for name, text in texts if text is not None) or None

    def records(self, f: Field, node: Node) -> tuple[Any, ...] | None:
        assert f.of is not None
        if f.name == "milestones" and not isinstance(node, SequenceNode):
            self.error(node, msg("load.expected", field=f.name, expected=msg("type.list"),
                                 found=type_name(node)))
            return None
        if f.of.name == "milestone" and isinstance(node, SequenceNode):
            items = node.value
            out = []
            for index, item in enumerate(items):
                # Each milestone's nodes are let go once it is built: large files need the room.
                # Most were built while the file was parsed (early_milestone).
                items[index] = DONE
                if type(item) is Released:
                    record = item.value
                else:
                    record = self.record(f.of, item, f"{f.name}[]")
                if record is not None:
                    out.append(record)
            return tuple(out)
        return tuple(record for record in (self.record(f.of, item, f"{f.name}[]")
                                           for item in self.items(node, f.name))
                     if record is not None)

    def table(self, f: Field, node: Node) -> dict[str, Any]:
        assert f.of is not None
        out: dict[str, Any] = {}
        keys = self.keys.setdefault(f.name, {})
        for key, key_node, value in self.pairs(node, f.name):
            keys[key] = key_node
            record = self.record(f.of, value, f"{f.name}.{key}", key)
            if record is not None:
                out[key] = record
        return out

    def record(self, spec: Spec, node: Node, what: str, key: str | None = None) -> Any:
        """One record, or None when a required field is missing or broken."""
        allowed, required, plan = _names(spec)
        found = self.fields(node, what, allowed, required)
        if found is None:
            return None
        check = _BEFORE.get(spec.name)
        if check is not None:
            check(self, found)
        self.spec_stack.append(spec)
        try:
            # A field not written takes its empty value without a call (most are not).
            get, value = found.get, self.value
            values = [key if is_key else empty if (given := get(name)) is None
                      else value(f, given) for f, name, is_key, empty in plan]
        finally:
            self.spec_stack.pop()
        if None in values and any(v is None for f, v in zip(spec.fields, values, strict=True)
                                  if f.required):
            return None
        if spec.line:
            values.append(pos(node)[0])
        record = spec.cls(*values)
        after = _AFTER.get(spec.name)
        if after is not None:
            after(self, record, found, node)
        return record

    # -- the whole -------------------------------------------------------------------------
    def early_milestone(self, node: Node, count: int) -> Released:
        """One item of the top-level `milestones` list, built as soon as the parser has read
        it (yamltree); its nodes can go. `count`: how many nodes it had."""
        record = self.record(_MILESTONE, node, "milestones[]")
        return Released(record, count, node.line, node.col)

    def build(self, root: Node) -> Dataset | None:
        early = getattr(root, "early", None)
        if isinstance(early, Builder) and early is not self and early.name == self.name:
            # The parser built the milestones already: carry on from where that builder is.
            self.__dict__.update(early.__dict__)
            root.early = None  # type: ignore[attr-defined]
        if not isinstance(root, MappingNode):
            self.error(root, msg("load.top_not_mapping", found=type_name(root)))
            return None
        found = self.fields(root, "", tuple(f.name for f in DATASET.fields),
                            tuple(f.name for f in DATASET.fields if f.required))
        if found is None:
            return None
        values = {f.name: self.value(f, found.get(f.name)) for f in DATASET.fields}
        from kimcli.io.checks import resolve

        resolve(self, values)
        if any(values[f.name] is None for f in DATASET.fields if f.required):
            return None
        return Dataset(**values, path=self.name)


_Plan = tuple[tuple[Field, str, bool, Any], ...]
_NAMES: dict[int, tuple[tuple[str, ...], tuple[str, ...], _Plan]] = {}  # by id() of the spec


def _names(spec: Spec) -> tuple[tuple[str, ...], tuple[str, ...], _Plan]:
    """The fields a record of `spec` may have, those it must have, and for each field its
    name, whether it is the record's key, and its value when not written (worked out once)."""
    found = _NAMES.get(id(spec))
    if found is None:
        found = _NAMES[id(spec)] = (
            tuple(f.name for f in spec.written),
            tuple(f.name for f in spec.written if f.required),
            tuple((f, f.name, f.name == spec.key, _EMPTY.get(f.type)) for f in spec.fields))
    return found


# -- checks of single records, by spec name ------------------------------------------------


def _where(what: str) -> Msg:
    return msg("load.where_in", field=what) if what else msg("load.where_top")


def _milestone_spec() -> Spec:
    spec = DATASET.by_name["milestones"].of
    assert spec is not None
    return spec


_MILESTONE = _milestone_spec()
