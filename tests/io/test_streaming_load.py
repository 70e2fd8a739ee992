"""Milestones built from the event stream (issue 17): the same records and diagnostics as
building from a whole tree, with the nodes let go as the file is read."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest
from helpers import TESTS as _TESTS

from kimcli.errors import DataError
from kimcli.io import yamltree
from kimcli.io.build import Builder
from kimcli.io.loading import check_text

TESTS = _TESTS
SMALL = (TESTS / "fixtures" / "small.yaml").read_text(encoding="utf-8")
BUNDLED = (TESTS.parent / "data" / "kim.yaml").read_text(encoding="utf-8")
CORPUS = sorted((TESTS / "bad_inputs").glob("*.yaml"))


def outcome(diags: list[Any], dataset: Any) -> tuple[Any, ...]:
    return ([(d.file, d.line, d.col, d.message, d.severity, d.hints) for d in diags],
            None if dataset is None else (dataset.milestones, dataset.sources, dataset.glossary))


def streamed(text: str) -> tuple[Any, ...]:
    report = check_text(text, "d.yaml")
    return outcome(report.diagnostics, report.dataset)


def from_tree(text: str) -> tuple[Any, ...]:
    """The way kim loaded before: the whole tree first, then the records."""
    try:
        root = yamltree.parse(text, "d.yaml", early=False)
    except DataError as exc:
        return outcome(exc.diagnostics, None)
    builder = Builder("d.yaml")
    dataset = builder.build(root)
    diags = sorted(builder.diags, key=lambda d: (d.line, d.col, d.message))
    return outcome(diags, None if any(d.is_error for d in diags) else dataset)


def test_milestones_are_built_while_parsing() -> None:
    root = yamltree.parse(SMALL, "d.yaml")
    items = dict((k.value, v) for k, v in root.value)["milestones"].value
    assert items and all(type(i) is yamltree.Released for i in items)
    assert all(i.value is not None and i.count > 5 for i in items)


def test_an_anchor_keeps_the_rest_as_nodes() -> None:
    text = SMALL.replace("  - id: programm\n", "  - &p\n    id: programm\n", 1)
    root = yamltree.parse(text, "d.yaml")
    items = dict((k.value, v) for k, v in root.value)["milestones"].value
    kinds = [type(i).__name__ for i in items]
    assert kinds[:2] == ["Released", "Released"] and "Released" not in kinds[2:]
    assert streamed(text) == from_tree(text)


@pytest.mark.parametrize("text", [SMALL, BUNDLED], ids=["small", "bundled"])
def test_good_files_give_the_same_dataset(text: str) -> None:
    result = streamed(text)
    assert result[1] is not None
    assert result == from_tree(text)


@pytest.mark.parametrize("path", CORPUS, ids=[p.name for p in CORPUS])
def test_the_bad_input_corpus_gives_the_same_diagnostics(path: Path) -> None:
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert streamed(text) == from_tree(text)


def test_a_second_milestones_key_is_not_built() -> None:
    text = SMALL + "milestones:\n  - id: UPPER\n    bogus: 1\n"
    result = streamed(text)
    assert result == from_tree(text)
    assert not any("bogus" in str(d[3]) for d in result[0])


def test_an_alias_bomb_after_built_milestones_is_still_refused() -> None:
    bomb = "".join(f"x{i}: &a{i + 1} [*a{i}, *a{i}, *a{i}, *a{i}]\n" for i in range(12))
    text = SMALL + "extra: &a0 [lol]\n" + bomb
    result = streamed(text)
    assert result == from_tree(text)
    assert result[0] and "too_many_aliases" in str(result[0][0][3])


def test_many_harmless_aliases_after_built_milestones_pass_alike() -> None:
    items = "".join(f"  - id: n{i}\n    title: T\n    date: 2020\n    kind: Gesetz\n"
                    f"    summary: S\n    sources: *s\n" for i in range(300))
    text = SMALL.replace("milestones:\n", "shared: &s [Q1, Q2]\nmilestones:\n", 1) + items
    assert streamed(text) == from_tree(text)


def mutate(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(lines))
        action = rng.randrange(5)
        if action == 0:
            del lines[i]
        elif action == 1:
            lines.insert(i, lines[rng.randrange(len(lines))])
        elif action == 2:
            lines[i] = lines[i].replace(":", "", 1)
        elif action == 3:
            lines[i] = "  " + lines[i]
        else:
            lines[i] = lines[i][: rng.randrange(len(lines[i]) + 1)]
    return "\n".join(lines)


@pytest.mark.parametrize("seed", range(40))
def test_damaged_files_give_the_same_diagnostics(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(5):
        text = mutate(SMALL, rng)
        assert streamed(text) == from_tree(text), text


def test_a_lone_surrogate_is_a_data_error_with_its_place() -> None:
    report = check_text("title: x\nmore: \ud800\n", "d.yaml")
    assert report.dataset is None
    assert [(d.line, d.col, d.message.code) for d in report.diagnostics] == [(2, 7, "load.yaml")]
