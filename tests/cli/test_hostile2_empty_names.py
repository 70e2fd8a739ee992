"""Issue 14, run against the installed kim: an empty file or folder name is said to be empty,
for every command that takes one (an empty name once became ".", the current folder)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from helpers import SMALL, installed_kim, plain_env

EMPTY = "der Dateiname ist leer"


def kim(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_kim(), *args], capture_output=True, text=True,
                          encoding="utf-8", env=plain_env(**env), cwd=cwd, timeout=60)


COMMANDS = [["timeline"], ["show", "projekt"], ["refs", "projekt"], ["path", "projekt", "novelle"],
            ["actors"], ["search", "Gesetz"], ["glossary"], ["sources"], ["graph"],
            ["export", "-f", "csv"], ["browse"], ["validate"], ["site", "out"]]


@pytest.mark.parametrize("args", COMMANDS, ids=[a[0] for a in COMMANDS])
def test_an_empty_data_name_is_said_to_be_empty(args: list[str], tmp_path: Path) -> None:
    result = kim(*args, "--data", "", cwd=tmp_path)
    assert result.returncode == 2 and EMPTY in result.stderr, result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", [["validate", ""], ["site", ""], ["export", "-f", "csv", "-o", ""],
                                  ["diff", "", str(SMALL)], ["diff", str(SMALL), ""]])
def test_an_empty_file_or_folder_argument_is_said_to_be_empty(args: list[str],
                                                              tmp_path: Path) -> None:
    result = kim(*args, cwd=tmp_path)
    assert result.returncode == 2 and EMPTY in result.stderr, result.stderr
    assert "ist ein Ordner" not in result.stderr and not result.stderr.startswith(":")
    assert list(tmp_path.iterdir()) == []


def test_an_empty_kim_data_counts_as_unset() -> None:
    # As with other variables (an empty XDG_CACHE_HOME, an empty PAGER): the bundled dataset.
    result = kim("validate", KIM_DATA="")
    assert result.returncode == 0 and "kim.yaml: in Ordnung" in result.stderr
