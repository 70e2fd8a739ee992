"""Issue 14: every name a lookup can never reach is reported, and an exact name wins."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import installed_kim, plain_env, said

from kimcli.domain.dataset import Dataset
from kimcli.errors import NotFoundError
from kimcli.io.loading import check
from kimcli.query import find, find_actor, find_term

HEAD = """\
title: Namen
language: de
sources:
  Q1: {title: Quelle}
"""


def milestone(mid: str, aliases: str = "[]") -> str:
    return (f"  - {{id: {mid}, title: T {mid}, date: 2020, kind: Gesetz, summary: S,"
            f" aliases: {aliases}, sources: [Q1]}}\n")


def load(tmp_path: Path, body: str) -> tuple[Dataset, list[str]]:
    path = tmp_path / "names.yaml"
    path.write_text(HEAD + body, encoding="utf-8")
    report = check(path, cached=False)
    assert report.dataset is not None, [said(d) for d in report.diagnostics]
    return report.dataset, [said(d) for d in report.diagnostics]


def test_terms_that_differ_in_case_are_both_found_as_written(tmp_path: Path) -> None:
    ds, warnings = load(tmp_path, "glossary:\n"
                        "  - {term: KIM, definition: Eins, sources: [Q1]}\n"
                        "  - {term: kim, definition: Zwei, sources: [Q1]}\n"
                        "milestones:\n" + milestone("a"))
    assert warnings == []
    assert find_term(ds, "KIM").definition == "Eins"
    assert find_term(ds, "kim").definition == "Zwei"
    with pytest.raises(NotFoundError) as caught:
        find_term(ds, "Kim")  # neither as written: both fold to it
    assert "mehrdeutig" in said(caught.value)


def test_the_installed_kim_finds_a_term_that_only_differs_in_case(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text(HEAD + "glossary:\n"
                    "  - {term: KIM, definition: Eins, sources: [Q1]}\n"
                    "  - {term: kim, definition: Zwei, sources: [Q1]}\n"
                    "milestones:\n" + milestone("a"), encoding="utf-8")
    result = subprocess.run([installed_kim(), "glossary", "KIM", "--data", str(path)],
                            capture_output=True, text=True, env=plain_env(), timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Eins" in result.stdout and "Zwei" not in result.stdout


def test_an_alias_that_is_another_milestones_id_is_reported(tmp_path: Path) -> None:
    ds, warnings = load(tmp_path, "milestones:\n" + milestone("a", "[b]") + milestone("b"))
    assert warnings == ["„b“, ein Name von „a“, ist schon der Name von „b“: kim findet "
                        "darunter immer „b“"]
    assert find(ds, "b").id == "b"


def test_an_alias_of_two_milestones_is_reported(tmp_path: Path) -> None:
    ds, warnings = load(tmp_path, "milestones:\n" + milestone("a", "[KIM]")
                        + milestone("b", "[KIM]"))
    assert warnings == ["„KIM“ ist ein Name von a, b: kim findet darunter keinen davon"]
    with pytest.raises(NotFoundError):
        find(ds, "KIM")


def test_aliases_that_differ_in_case_are_found_as_written(tmp_path: Path) -> None:
    ds, warnings = load(tmp_path, "milestones:\n" + milestone("a", "[KIM]")
                        + milestone("b", "[kim]"))
    assert warnings == []
    assert find(ds, "KIM").id == "a" and find(ds, "kim").id == "b"
    # An exact alias wins over a folded id, too.
    ds, _ = load(tmp_path, "milestones:\n" + milestone("x", "[B]") + milestone("b"))
    assert find(ds, "B").id == "x" and find(ds, "b").id == "b"


def test_a_milestones_own_id_as_alias_is_no_clash(tmp_path: Path) -> None:
    _, warnings = load(tmp_path, "milestones:\n" + milestone("a", "[a, a]"))
    assert warnings == []


def test_glossary_aliases_that_clash_are_reported(tmp_path: Path) -> None:
    ds, warnings = load(tmp_path, "glossary:\n"
                        "  - {term: KI, aliases: [ZK, Zentrum], definition: Eins, sources: [Q1]}\n"
                        "  - {term: ZK, aliases: [Zentrum], definition: Zwei, sources: [Q1]}\n"
                        "milestones:\n" + milestone("a"))
    assert sorted(warnings) == sorted([
        "„ZK“, ein Name von „KI“, ist schon der Name von „ZK“: kim findet darunter immer „ZK“",
        "„Zentrum“ ist ein Name von KI, ZK: kim findet darunter keinen davon"])
    assert find_term(ds, "ZK").definition == "Zwei"


def test_actor_abbreviations_that_clash_are_reported(tmp_path: Path) -> None:
    ds, warnings = load(tmp_path, "actors:\n"
                        "  mkffi: {name: Ministerium, abbr: amt, sources: [Q1]}\n"
                        "  amt: {name: Ein Amt, abbr: AM, sources: [Q1]}\n"
                        "  kreis: {name: Kreis, abbr: AM, sources: [Q1]}\n"
                        "  land: {name: Land, abbr: LA, sources: [Q1]}\n"
                        "  bund: {name: Bund, abbr: la, sources: [Q1]}\n"
                        "milestones:\n" + milestone("a"))
    assert sorted(warnings) == sorted([
        "„amt“, ein Name von „mkffi“, ist schon der Name von „amt“: kim findet darunter "
        "immer „amt“",
        "„AM“ ist ein Name von amt, kreis: kim findet darunter keinen davon"])
    found = find_actor(ds, "amt")
    assert found is not None and found.name == "Ein Amt"
    la, lower = find_actor(ds, "LA"), find_actor(ds, "la")
    assert la is not None and la.id == "land" and lower is not None and lower.id == "bund"
    assert find_actor(ds, "AM") is None


def test_the_position_names_the_owner(tmp_path: Path) -> None:
    path = tmp_path / "names.yaml"
    path.write_text(HEAD + "milestones:\n" + milestone("a") + milestone("b", "[a]"),
                    encoding="utf-8")
    report = check(path, cached=False)
    (diag,) = report.diagnostics
    assert diag.line == 7  # the line of milestone b, which holds the alias
