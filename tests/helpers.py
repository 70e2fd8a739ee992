"""Test helpers in a plain module (not conftest): paths, environments, rendering, wording."""

from __future__ import annotations

import io
import os
import shutil
import sys
from pathlib import Path

import pytest
from rich.console import Console

from kimcli import i18n
from kimcli.errors import DateError, Diagnostic, KimError

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
BENCHMARKS = ROOT / "benchmarks"
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
BAD_INPUTS = TESTS / "bad_inputs"
SMALL = FIXTURES / "small.yaml"
# For CliRunner(env=...): None removes a variable for the run.
PLAIN_ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None,
             "KIM_DATA": None, "KIM_LANG": None}


def said(thing: Diagnostic | KimError | DateError) -> str:
    """What a user would read for a diagnostic or an error, in the current language."""
    if isinstance(thing, Diagnostic):
        return i18n.diagnostic_text(thing)
    return i18n.word(thing.message)


def render(renderable: object, width: int = 80) -> str:
    """A renderable as plain text at `width` columns, as a terminal without colour shows it."""
    console = Console(width=width, record=True, color_system=None, file=io.StringIO(),
                      highlight=False, markup=False, emoji=False)
    console.print(renderable, crop=False)
    return console.export_text()


def installed_kim() -> str:
    """The `kim` entry point of the environment running the tests, as a user would call it."""
    candidate = Path(sys.executable).parent / ("kim.exe" if os.name == "nt" else "kim")
    if candidate.exists():
        return str(candidate)
    found = shutil.which("kim")
    if not found:
        pytest.fail("the kim entry point is not installed; run pip install '.[test]'")
    return found


def plain_env(**extra: str) -> dict[str, str]:
    """For subprocesses: this environment with a plain 80-column terminal and no kim settings."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "KIM_DATA", "KIM_LANG")}
    env.update({"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"})
    env.update(extra)
    return env
