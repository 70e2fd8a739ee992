"""The README stays true: its sessions are real output, its commands are what CI runs."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from helpers import BUNDLED_ENV
from typer.testing import CliRunner

from kimcli.cli import app

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
SESSION_RE = re.compile(r"```console\n\$ (kim [^\n]*)\n(.*?)```", re.S)


def _run(command: str) -> str:
    result = CliRunner().invoke(app, shlex.split(command)[1:], env=BUNDLED_ENV)
    return "\n".join(line.rstrip() for line in result.output.splitlines()) + "\n"


def test_readme_sessions_are_real_output(request: pytest.FixtureRequest,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    text = README.read_text(encoding="utf-8")
    sessions = SESSION_RE.findall(text)
    assert len(sessions) >= 4
    if request.config.getoption("--update-golden"):
        text = SESSION_RE.sub(lambda m: f"```console\n$ {m.group(1)}\n{_run(m.group(1))}```", text)
        README.write_text(text, encoding="utf-8")
        sessions = SESSION_RE.findall(text)
    for command, shown in sessions:
        actual = _run(command)
        print(repr(actual))
        assert shown == actual, f"README session '{command}' is stale: pytest --update-golden"


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", README.read_text(encoding="utf-8"), re.S)
    assert len(blocks) == 2
    install, test = blocks
    assert install.endswith("kim timeline") and "pip install ." in install
    assert "pip install '.[test]'" in test and "pytest" in test
    assert test in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_changelog_follows_keep_a_changelog() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "keepachangelog.com" in text and "## [Unreleased]" in text


def test_format_doc_names_every_field() -> None:
    from kimcli.domain.dataset import DATASET
    from kimcli.domain.fields import MILESTONE

    doc = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    for name in [f.name for spec in (DATASET, MILESTONE) for f in spec.written]:
        assert f"`{name}`" in doc, name


def test_readme_timeline_picture_is_current(request: pytest.FixtureRequest) -> None:
    picture = ROOT / "docs" / "timeline.svg"
    actual = CliRunner().invoke(app, ["export", "--format", "svg"], env=BUNDLED_ENV).stdout
    if request.config.getoption("--update-golden"):
        picture.write_text(actual, encoding="utf-8")
    assert picture.read_text(encoding="utf-8") == actual, "stale: pytest --update-golden"


def test_readme_browse_picture_is_current(request: pytest.FixtureRequest,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from browse_pilot import screenshot

    from kimcli import io as kimio

    async def first_screen(*_: object) -> None:
        pass

    monkeypatch.delenv("NO_COLOR", raising=False)
    picture = ROOT / "docs" / "browse.svg"
    actual = screenshot(first_screen, (80, 24), kimio.load(kimio.default_data_path()))
    if request.config.getoption("--update-golden"):
        picture.write_text(actual, encoding="utf-8")
    assert picture.read_text(encoding="utf-8") == actual, "stale: pytest --update-golden"
