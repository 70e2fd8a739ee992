"""Issue 14, one rule for "nothing found", run against the installed kim: an empty answer is no
error (nothing on stdout, `[]` with --json, a note on stderr, exit 0); a name that finds nothing
is (stderr, exit 3)."""

from __future__ import annotations

import json
import subprocess

import pytest
from helpers import SMALL, installed_kim, plain_env

BARE = """\
title: Leer
language: de
milestones:
  - {id: a, title: A, date: 2020, kind: K, summary: S}
  - {id: b, title: B, date: 2021, kind: K, summary: S}
"""


def kim(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_kim(), *args], capture_output=True, text=True,
                          encoding="utf-8", env=plain_env(), timeout=60)


@pytest.fixture(scope="module")
def bare(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("bare") / "bare.yaml"
    path.write_text(BARE, encoding="utf-8")
    return str(path)


EMPTY = {
    "timeline": (["timeline", "--from", "2030"], "keine Meilensteine in dieser Auswahl"),
    "timeline-kind": (["timeline", "--kind", "Gibtsnicht"], "keine Meilensteine"),
    "search": (["search", "xylophonorchester"], "keine Treffer für „xylophonorchester“"),
    "path": (["path", "a", "b"], "keine Verbindung zwischen „a“ und „b“"),
    "actors": (["actors"], "der Datensatz nennt keine Akteure"),
    "glossary": (["glossary"], "der Datensatz hat kein Glossar"),
    "sources": (["sources"], "der Datensatz nennt keine Quellen"),
}


@pytest.mark.parametrize("case", list(EMPTY))
def test_an_empty_answer_is_no_error(case: str, bare: str) -> None:
    args, note = EMPTY[case]
    data = str(SMALL) if case.startswith(("timeline", "search")) else bare
    result = kim(*args, "--data", data)
    assert (result.returncode, result.stdout) == (0, ""), result.stderr
    assert note in result.stderr
    as_json = kim(*args, "--data", data, "--json")
    assert (as_json.returncode, as_json.stderr) == (0, "")
    assert json.loads(as_json.stdout) == []


NAMED = [["show", "gibtsnicht"], ["refs", "gibtsnicht"], ["path", "gibtsnicht", "projekt"],
         ["glossary", "gibtsnicht"], ["actors", "gibtsnicht"], ["show", "p"]]


@pytest.mark.parametrize("args", NAMED, ids=[" ".join(a) for a in NAMED])
def test_a_name_that_finds_nothing_is_an_error(args: list[str]) -> None:
    for extra in ([], ["--json"]):
        result = kim(*args, "--data", str(SMALL), *extra)
        assert (result.returncode, result.stdout) == (3, ""), result
        assert result.stderr.strip() and "Traceback" not in result.stderr
