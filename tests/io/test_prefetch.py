"""A reference tree names each of its milestones: they are read from the cache in one query,
and a damaged database still gives the answer the source gives."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import pytest
from helpers import ROOT

from kimcli import io as kimio
from kimcli.io import answers, cache, store
from kimcli.io.lazy import Db, LazyById, store_of
from kimcli.query import RefNode
from kimcli.render.milestone import ref_tree_view

sys.path.insert(0, str(ROOT / "benchmarks"))
from generate import generate


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(generate(300, seed=11), encoding="utf-8")
    assert path.stat().st_size >= cache.MIN_BYTES
    kimio.load(path)  # builds the database
    return path


def _ids(node: RefNode) -> set[str]:
    found, stack = set(), [node]
    while stack:
        n = stack.pop()
        found.add(n.id)
        stack.extend(n.children)
    return found


def _labels(dataset: object, tree: RefNode) -> str:
    from rich.console import Console

    console = Console(width=100, no_color=True, force_terminal=False, record=True)
    console.print(ref_tree_view(dataset, tree))  # type: ignore[arg-type]
    return console.export_text()


def test_the_tree_view_reads_no_milestone_after_the_tree(data: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    lazy = kimio.load(data, lazy=True)
    tree = answers.ref_tree(lazy, "m7", 2, "both", 50)
    by_id = lazy.by_id()
    assert isinstance(by_id, LazyById)
    assert _ids(tree) <= set(by_id.memo) and len(_ids(tree)) > 3
    calls: list[str] = []
    original = Db.milestones
    monkeypatch.setattr(Db, "milestones",
                        lambda self, where, *a, **k: calls.append(where) or original(
                            self, where, *a, **k))
    shown = _labels(lazy, tree)
    assert calls == []
    assert shown == _labels(_full(data), tree)


def _full(data: Path) -> object:
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KIM_NO_CACHE", "1")
        return kimio.load(data)


def test_a_damaged_row_during_the_prefetch_gives_the_answer_of_the_source(data: Path) -> None:
    lazy = kimio.load(data, lazy=True)
    db = store_of(lazy)
    assert db is not None
    with sqlite3.connect(store.entry(str(data))) as conn:  # another writer edits one row
        conn.execute("UPDATE milestones SET record = replace(record, 'm', 'x') WHERE id = 'm8'")
    by_id = lazy.by_id()
    assert isinstance(by_id, LazyById)
    by_id.prefetch(["m7", "m8", "m9", "nix"])
    truth = _full(data).by_id()  # type: ignore[attr-defined]
    assert {k: by_id.memo[k] for k in ("m7", "m8", "m9")} == {k: truth[k] for k in
                                                               ("m7", "m8", "m9")}
    assert "nix" not in by_id.memo
