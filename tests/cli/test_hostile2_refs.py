"""Issue 14: `kim refs` marks a milestone as already shown only after it was shown, in the order
the tree is read, and still shows every milestone within --depth steps."""

from __future__ import annotations

import subprocess
import tempfile
from collections import deque
from collections.abc import Iterator
from pathlib import Path

from helpers import installed_kim, plain_env
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kimcli import query
from kimcli.io.loading import load
from kimcli.query import RefNode

CYCLE = """\
title: Kreis
language: de
relations:
  r: {label: führt zu, inverse: folgt aus}
milestones:
  - {id: c1, title: Eins, date: 2017, kind: K, summary: S, refs: [{to: c2, rel: r}]}
  - {id: c2, title: Zwei, date: 2018, kind: K, summary: S, refs: [{to: c3, rel: r}]}
  - {id: c3, title: Drei, date: 2019, kind: K, summary: S, refs: [{to: c1, rel: r}]}
"""


def test_a_cycle_is_marked_where_it_comes_round_again(tmp_path: Path) -> None:
    data = tmp_path / "cycle.yaml"
    data.write_text(CYCLE, encoding="utf-8")
    result = subprocess.run([installed_kim(), "refs", "c1", "--depth", "50", "--data", str(data)],
                            capture_output=True, text=True, env=plain_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "Eins (c1)",
        "├── führt zu → Zwei (c2)",
        "│   └── führt zu → Drei (c3)",
        "│       └── führt zu → Eins (c1) (schon gezeigt)",
        "└── folgt aus ← Drei (c3) (schon gezeigt)",
    ]


def preorder(node: RefNode, level: int = 0) -> Iterator[tuple[RefNode, int]]:
    yield node, level
    for child in node.children:
        yield from preorder(child, level + 1)


def distances(edges: list[tuple[int, int]], root: int, direction: str) -> dict[str, int]:
    steps = {f"m{root}": 0}
    queue = deque([f"m{root}"])
    while queue:
        here = queue.popleft()
        for a, b in edges:
            for src, dst, way in ((f"m{a}", f"m{b}", "out"), (f"m{b}", f"m{a}", "in")):
                if src == here and direction in (way, "both") and dst not in steps:
                    steps[dst] = steps[here] + 1
                    queue.append(dst)
    return steps


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(2, 7), data=st.data(), depth=st.integers(1, 5),
       direction=st.sampled_from(["both", "out", "in"]))
def test_marks_follow_the_reading_order(n: int, data: st.DataObject, depth: int,
                                        direction: str) -> None:
    pairs = st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)).filter(lambda p: p[0] != p[1])
    edges = sorted(set(data.draw(st.lists(pairs, max_size=14))))
    refs: dict[int, list[int]] = {i: [b for a, b in edges if a == i] for i in range(n)}
    lines = ["title: G", "relations:", "  r: {label: zu, inverse: von}", "milestones:"]
    for i in range(n):
        lines.append(f"  - {{id: m{i}, title: T{i}, date: 2020, kind: K, summary: S, refs: ["
                     + ", ".join(f"{{to: m{b}, rel: r}}" for b in refs[i]) + "]}")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "g.yaml"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        ds = load(path)
    tree = query.ref_tree(ds, "m0", depth, direction)
    seen: set[str] = set()
    for node, level in preorder(tree):
        assert level <= depth
        # Marked as shown only where it was shown before, in reading order; never the first.
        if node.repeat:
            assert node.id in seen and not node.children
        seen.add(node.id)
    # Every milestone within `depth` steps is in the tree.
    assert {m for m, d in distances(edges, 0, direction).items() if d <= depth} == seen
