"""Checks of single records while they are built, by spec name: before a record's fields are
read (its id or term noted, duplicates and self-references reported) and after it is made."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kimcli.errors import Severity, msg
from kimcli.io.yamltree import BOOL, NULL, MappingNode, Node, ScalarNode, SequenceNode, pos

if TYPE_CHECKING:
    from kimcli.io.build import Builder

SLUG_RE = re.compile(r"^[a-z0-9][a-z0-9._-]*$")


def _plain_text(node: Node | None) -> str | None:
    """A scalar's text where it is one, without reporting anything (the fields do that)."""
    if isinstance(node, ScalarNode) and node.tag not in (BOOL, NULL):
        return node.value
    return None


def _milestone_id(builder: Builder, found: dict[str, Node]) -> None:
    """Every id counts, even of a milestone with errors: references to it are not unknown."""
    node = found.get("id")
    mid = _plain_text(node)
    if mid is None or node is None or not SLUG_RE.match(mid):
        return
    if mid in builder.first_line:
        builder.error(node, msg("load.dup_id", id=mid, line=builder.first_line[mid]))
    else:
        builder.first_line[mid] = pos(node)[0]
        builder.ids.add(mid)
    refs = found.get("refs")
    for ref_node in refs.value if isinstance(refs, SequenceNode) else ():
        if isinstance(ref_node, MappingNode):
            for key, value in ref_node.value:
                if _plain_text(key) == "to" and _plain_text(value) == mid:
                    builder.error(value, msg("load.self_ref", id=mid))


def _milestone(builder: Builder, m: Any, found: dict[str, Node], node: Node) -> None:
    builder.where[m.id] = pos(node)
    if not m.sources and not m.cited_sources():  # its own sources come first
        builder.error(node, msg("load.no_sources", id=m.id), Severity.WARNING)


def _source(builder: Builder, s: Any, found: dict[str, Node], node: Node) -> None:
    if s.url is not None and not re.match(r"^https?://", s.url, re.IGNORECASE):
        # Kept and shown as text; views make links of http(s) addresses only.
        builder.error(found["url"], msg("load.bad_url", field="url"), Severity.WARNING)


def _glossary_term(builder: Builder, found: dict[str, Node]) -> None:
    node = found.get("term")
    term = _plain_text(node)
    if term is None or node is None:
        return
    if term in builder.terms:
        builder.error(node, msg("load.dup_term", term=term, line=builder.terms[term]))
    builder.terms.setdefault(term, pos(node)[0])


BEFORE: dict[str, Callable[[Builder, dict[str, Node]], None]] = {
    "milestone": _milestone_id, "glossary_entry": _glossary_term}
AFTER: dict[str, Callable[[Builder, Any, dict[str, Node], Node], None]] = {
    "milestone": _milestone, "source": _source}
