"""Glossary, sources, shell completion and the pager."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PLAIN_ENV, SMALL, installed_kim, plain_env
from rich.console import Console
from typer.testing import CliRunner

from kimcli.cli import app
from kimcli.render import pager

runner = CliRunner()


def kim(*args: str, **env: str | None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={**PLAIN_ENV, **env})


def test_glossary_tintg_names_both_versions() -> None:
    result = kim("glossary", "TIntG")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Teilhabe- und Integrationsgesetz" in out
    assert "14.02.2012" in out and "01.01.2022" in out
    assert "tintg-2012" in out and "tintg-novelle-2022" in out
    assert "recht.nrw.de" in out  # its sources, with addresses


def test_glossary_finds_by_alias_and_folds() -> None:
    data = json.loads(kim("glossary", "laki", "--json").stdout)
    assert data["term"] == "LaKI" and data["sources"]
    assert kim("glossary", "zentrale koordination", "--data", str(SMALL)).exit_code == 0


def test_glossary_unknown_term_suggests() -> None:
    result = kim("glossary", "TIntF")
    assert result.exit_code == 3 and "TIntG" in result.stderr


def test_glossary_lists_every_term() -> None:
    terms = [g["term"] for g in json.loads(kim("glossary", "--json").stdout)]
    out = kim("glossary").stdout
    assert len(terms) >= 25
    for term in ("TIntG", "KI", "KIM", "EWG", "LaKI", "KfI", "MKFFI", "MKJFGFI",
                 "rechtskreisübergreifend", "Regelstrukturen / Regelsysteme"):
        assert term in terms, term
    assert all(term.split()[0] in out for term in terms)


def test_search_finds_glossary_entries() -> None:
    hits = json.loads(kim("search", "Rechtskreiswechsel", "--json").stdout)
    assert any(h["type"] == "glossary" and h["id"] == "Rechtskreiswechsel" for h in hits)


def test_sources_lists_publisher_url_and_citing_milestones() -> None:
    data = json.loads(kim("sources", "--json").stdout)
    by_id = {s["id"]: s for s in data}
    s00 = by_id["S00"]
    assert s00["url"].startswith("https://kim.nrw/") and s00["publisher"]
    assert "einwanderung-gestalten" in s00["cited_by"]
    assert all(s["cited_by"] or s["glossary"] or s["actors"] for s in data)  # all are cited
    text = kim("sources").stdout
    assert "https://kim.nrw/kim-fuer-akteurinnen/wissensbereich-zum-kim/die-historie-von-kim" \
        in text


def _complete(words: str, cword: int, **env: str) -> list[str]:
    result = subprocess.run([installed_kim()], env=plain_env(
        _KIM_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword), **env),
        capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def test_bash_completes_milestone_ids() -> None:
    assert _complete("kim show einw", 2) == ["einwanderung-gestalten"]
    assert "kim-start-2020" in _complete("kim refs kim-st", 2)
    assert "tintg-novelle-2022" in _complete("kim path tintg-2012 tintg-n", 3)


def test_bash_completes_tags_kinds_and_other_datasets() -> None:
    assert "Gesetz" in _complete("kim timeline --kind Ge", 3)
    # Options before the word being completed count: here the small dataset is asked about.
    assert _complete(f"kim timeline --data {SMALL} --tag rec", 5) == ["recht"]
    assert _complete("kim show proj", 2, KIM_DATA=str(SMALL)) == ["projekt"]
    assert "TIntG" in _complete("kim glossary TIn", 2)


def test_completion_survives_a_broken_dataset(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: [\n", encoding="utf-8")
    assert _complete("kim show a", 2, KIM_DATA=str(bad)) == []


def test_install_completion_is_offered() -> None:
    assert "--install-completion" in kim("--help").stdout


def _pager_command(target: Path) -> str:
    script = f"import sys; open({str(target)!r}, 'w').write(sys.stdin.read())"
    return f"{sys.executable} -c \"{script}\""


def test_pager_receives_long_output_on_a_terminal(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", _pager_command(target))
    monkeypatch.delenv("LESS", raising=False)
    console = Console(file=io.StringIO(), force_terminal=True, width=80, height=10)
    pager.set_enabled(True)
    assert pager.wanted(console, 50) and not pager.wanted(console, 5)
    with pager.paged(console) as out:
        out.print("Zeile\n" * 50)
    assert target.read_text(encoding="utf-8").count("Zeile") == 50
    assert console.file.getvalue() == ""  # type: ignore[attr-defined]


def test_no_pager_when_disabled_piped_or_pager_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Console(file=io.StringIO(), force_terminal=True, width=80, height=10)
    pager.set_enabled(False)
    assert not pager.wanted(terminal, 50)
    pager.set_enabled(True)
    piped = Console(file=io.StringIO(), width=80, height=10)
    assert not pager.wanted(piped, 50)
    monkeypatch.setenv("PAGER", "")
    assert not pager.wanted(terminal, 50)


def test_piped_output_never_pages(tmp_path: Path) -> None:
    target = tmp_path / "paged.txt"
    result = subprocess.run([installed_kim(), "timeline"], env=plain_env(
        PAGER=_pager_command(target)), capture_output=True, text=True, timeout=60)
    assert "einwanderung-gestalten" in result.stdout and not target.exists()
