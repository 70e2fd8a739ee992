"""Reference walks on any graph: depth, direction, cycles, diamonds, hubs, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers import PLAIN_ENV, render
from typer.testing import CliRunner

from kimcli import io as kimio
from kimcli import query
from kimcli.cli import app
from kimcli.render.milestone import ref_tree_view

runner = CliRunner()


def dataset(tmp_path: Path, edges: list[tuple[str, str]], extra: int = 0) -> Path:
    ids = sorted({x for edge in edges for x in edge} | {f"x{i}" for i in range(extra)})
    refs: dict[str, list[str]] = {i: [] for i in ids}
    for a, b in edges:
        refs[a].append(b)
    lines = ["title: G", "relations:", "  folgt: {label: folgt auf, inverse: gefolgt von}",
             "milestones:"]
    for i in ids:
        lines += [f"  - id: {i}", f"    title: T{i}", "    date: '2020'", "    kind: K",
                  "    summary: S"]
        if refs[i]:
            lines.append("    refs:")
            lines += [f"      - {{to: {b}, rel: folgt}}" for b in refs[i]]
    path = tmp_path / "g.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def ids_at(node: query.RefNode, depth: int) -> list[str]:
    level = [node]
    for _ in range(depth):
        level = [c for n in level for c in n.children]
    return [n.id for n in level]


def test_depth_and_direction(tmp_path: Path) -> None:
    ds = kimio.load(dataset(tmp_path, [("a", "b"), ("b", "c"), ("z", "a"), ("y", "z")]))
    both = query.ref_tree(ds, "a", depth=2, direction="both")
    assert sorted(ids_at(both, 1)) == ["b", "z"] and sorted(ids_at(both, 2)) == ["c", "y"]
    out = query.ref_tree(ds, "a", depth=2, direction="out")
    assert ids_at(out, 1) == ["b"] and ids_at(out, 2) == ["c"]
    inward = query.ref_tree(ds, "a", depth=2, direction="in")
    assert ids_at(inward, 1) == ["z"] and ids_at(inward, 2) == ["y"]


def test_cycles_are_shown_once_and_marked(tmp_path: Path) -> None:
    ds = kimio.load(dataset(tmp_path, [("a", "b"), ("b", "c"), ("c", "a")]))
    tree = query.ref_tree(ds, "a", depth=10, direction="out")
    chain = [tree.id]
    node = tree
    while node.children:
        (node,) = node.children
        chain.append(node.id)
    assert chain == ["a", "b", "c", "a"] and node.repeat and not node.children
    assert "(schon gezeigt)" in render(ref_tree_view(ds, tree))


def test_diamonds_do_not_multiply(tmp_path: Path) -> None:
    edges = [("top", f"mid{i}") for i in range(5)] + [(f"mid{i}", "bottom") for i in range(5)]
    ds = kimio.load(dataset(tmp_path, edges))
    tree = query.ref_tree(ds, "top", depth=3, direction="out")
    expanded = [n for n in ids_at(tree, 2)]
    assert expanded.count("bottom") == 5
    flags = [c.repeat for m in tree.children for c in m.children]
    assert flags.count(False) == 1  # expanded once, marked four times


def test_hub_with_thousands_of_references_shows_more(tmp_path: Path) -> None:
    ds = kimio.load(dataset(tmp_path, [("hub", f"n{i:04d}") for i in range(3000)]))
    tree = query.ref_tree(ds, "hub", depth=1, direction="out", limit=50)
    assert len(tree.children) == 50 and tree.hidden == 2950
    assert "… und 2950 weitere" in render(ref_tree_view(ds, tree))


@pytest.mark.parametrize("depth", [1, 2])
def test_refs_cli_json(tmp_path: Path, depth: int) -> None:
    path = dataset(tmp_path, [("a", "b"), ("b", "c"), ("z", "a")])
    result = runner.invoke(app, ["refs", "a", "--depth", str(depth), "--json", "--data", str(path)],
                           env=PLAIN_ENV)
    data = json.loads(result.stdout)
    assert data["id"] == "a"
    assert {(c["id"], c["direction"]) for c in data["children"]} == {("b", "out"), ("z", "in")}
    deeper = [g["id"] for c in data["children"] for g in c["children"]]
    assert deeper == (["c"] if depth == 2 else [])


def test_path_cli_prints_the_chain_in_order(tmp_path: Path) -> None:
    path = dataset(tmp_path, [("a", "b"), ("c", "b"), ("c", "d")])
    result = runner.invoke(app, ["path", "a", "d", "--data", str(path)], env=PLAIN_ENV)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    order = [next(i for i, line in enumerate(lines) if f"({x}, " in line) for x in "abcd"]
    assert order == sorted(order)
    assert "↓ folgt auf" in result.stdout and "↓ gefolgt von (← folgt auf)" in result.stdout
    steps = json.loads(runner.invoke(app, ["path", "a", "d", "--json", "--data", str(path)],
                                     env=PLAIN_ENV).stdout)
    assert [s["id"] for s in steps] == ["a", "b", "c", "d"]
    assert [s.get("direction") for s in steps] == [None, "out", "in", "out"]


def test_no_path_is_an_empty_answer(tmp_path: Path) -> None:
    path = dataset(tmp_path, [("a", "b")], extra=1)
    result = runner.invoke(app, ["path", "a", "x0", "--data", str(path)], env=PLAIN_ENV)
    assert result.exit_code == 0 and result.stdout == "" and "keine Verbindung" in result.stderr
