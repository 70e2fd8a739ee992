"""Odd usage and hostile text at the edges: output files, pagers, options, exports, completion."""

from __future__ import annotations

import io
import json
import os
import re
import stat
from pathlib import Path

import pytest
from helpers import PLAIN_ENV, SMALL, installed_kim, plain_env
from rich.console import Console
from typer.testing import CliRunner

from kimcli.cli import app
from kimcli.render import pager

runner = CliRunner()
UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")

HOSTILE = """title: "T\\e[2J"
phases:
  - {id: p, title: Phase, date: '2019/2021'}
sources:
  a: {title: "Böse \\x9b31m", url: 'javascript:alert(1)'}
milestones:
  - id: m1
    title: "A \\e]0;x\\a \\u202e \\x85 \\u200b: | \\"q\\" [bold]"
    date: '2030/..'
    date_label: "<img src=x onerror=alert(1)>"
    kind: "<b>K</b>"
    phase: p
    summary: "S \\x7f"
    sources: [a]
  - {id: m2, title: "Ohne Phase", date: '2013', kind: K, summary: S, sources: [a]}
"""


def kim(*args: str, **env: str | None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={**PLAIN_ENV, **env})


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


@pytest.mark.parametrize("target", ["/proc/kim-x.csv", "missing-folder/x.csv", "a" * 300 + ".csv"])
def test_unwritable_output_is_one_message(tmp_path: Path, target: str,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = kim("export", "-f", "csv", "-o", target)
    assert result.exit_code == 2 and result.stdout == "" and "Traceback" not in result.output
    assert result.stderr.strip()


def test_output_folder_is_refused_and_files_get_normal_permissions(tmp_path: Path) -> None:
    assert kim("export", "-f", "csv", "-o", str(tmp_path) + "/").exit_code == 2
    assert kim("export", "-f", "csv", "-o", str(tmp_path / "new") + "/").exit_code == 2
    target = tmp_path / "out.csv"
    old = os.umask(0o022)
    try:
        assert kim("export", "-f", "csv", "-o", str(target)).exit_code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE(target.stat().st_mode) == 0o644


def test_export_refuses_a_reversed_range_like_timeline() -> None:
    assert kim("export", "-f", "csv", "--from", "2021", "--to", "2020").exit_code == 2
    assert kim("timeline", "--from", "2019/..").exit_code == 2  # a bound is a year, month or day
    assert kim("timeline", "--from", "2019~").exit_code == 2


def test_hostile_option_value_is_not_echoed_raw() -> None:
    result = kim("timeline", "--from", "\x1b[31mX\u202e")
    assert result.exit_code == 2 and not UNSAFE.search(result.output)


@pytest.mark.parametrize("value", ['less "', " ", "no-such-pager-anywhere"])
def test_a_broken_pager_falls_back_to_plain_output(value: str,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGER", value)
    console = Console(file=io.StringIO(), force_terminal=True, width=80, height=5)
    with pager.paged(console) as out:
        out.print("Zeile")
    assert "Zeile" in console.file.getvalue()  # type: ignore[attr-defined]


@pytest.mark.parametrize("args", [["graph", "-f", "mermaid"], ["graph", "-f", "dot"],
                                  ["graph"], ["export", "-f", "csv"],
                                  ["export", "-f", "markdown"], ["export", "-f", "mermaid"],
                                  ["export", "-f", "timelinejs"], ["sources"], ["glossary"],
                                  ["timeline"], ["show", "m1"], ["refs", "m1"]])
def test_no_raw_control_characters_in_any_output(hostile: Path, args: list[str]) -> None:
    result = kim(*args, "--data", str(hostile))
    assert result.exit_code == 0, result.output
    assert not UNSAFE.search(result.stdout), repr(UNSAFE.search(result.stdout))


def test_exports_link_only_web_addresses_and_escape_html(hostile: Path) -> None:
    tl = json.loads(kim("export", "-f", "timelinejs", "--data", str(hostile)).stdout)
    text = json.dumps(tl)
    assert "href=\\\"javascript" not in text and "<img" not in text and "<b>" not in text
    m1 = next(e for e in tl["events"] if e["unique_id"] == "m1")
    start, end = m1["start_date"], m1["end_date"]
    assert (end["year"], end.get("month", 1)) >= (start["year"], start.get("month", 1))
    md = kim("export", "-f", "markdown", "--data", str(hostile)).stdout
    assert "](<javascript" not in md and "javascript:alert" in md


def test_mermaid_gives_milestones_without_phase_their_own_section(hostile: Path) -> None:
    out = kim("export", "-f", "mermaid", "--data", str(hostile)).stdout
    lines = out.splitlines()
    section_of = {}
    current = None
    for line in lines:
        if line.startswith("    section "):
            current = line.removeprefix("    section ")
        elif line.startswith("        "):
            section_of[line.split(" : ", 1)[1]] = current
    assert section_of["Ohne Phase"] == "ohne Phase" and section_of["Ohne Phase"] != "Phase"


def test_years_are_not_typos_of_each_other() -> None:
    hits = json.loads(kim("search", "2013", "--json").stdout)
    assert hits and all("2023" not in h["text"] or "2013" in h["text"] for h in hits)


def test_empty_glossary_term_lists_everything() -> None:
    assert kim("glossary", "").stdout == kim("glossary").stdout


def _complete(words: str, cword: int) -> list[str]:
    import subprocess

    result = subprocess.run([installed_kim()], env=plain_env(
        _KIM_COMPLETE="complete_bash", COMP_WORDS=words, COMP_CWORD=str(cword)),
        capture_output=True, text=True, timeout=60)
    return result.stdout.split()


def test_completion_ignores_case() -> None:
    assert _complete("kim show ewg", 2) == ["ewg"]
    assert _complete("kim show Einw", 2) == ["Einwanderung-gestalten"]
    assert "Gesetz" in _complete("kim timeline --kind Ge", 3)
    assert kim("show", "Einwanderung-gestalten", "--json", "--data", str(SMALL)).exit_code == 3


def test_timeline_of_open_starts_only(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Every milestone without a first day (`../2020`): the axis reaches back to their ends."""
    path = tmp_path / "open.yaml"
    path.write_text("title: T\nmilestones:\n"
                    "  - {id: a, title: Bis 2020, date: '../2020', kind: K, summary: S}\n"
                    "  - {id: b, title: Bis 2015, date: '../2015-06', kind: K, summary: S}\n",
                    encoding="utf-8")
    for args in (["timeline"], ["export", "--format", "svg"], ["export", "--format", "html"],
                 ["export", "--format", "timelinejs"]):
        result = kim(*args, "--data", str(path))
        assert result.exit_code == 0, (args, result.output)
    lines = kim("timeline", "--data", str(path)).output.splitlines()
    assert any("2015" in line and "Bis 2015" in line for line in lines)
