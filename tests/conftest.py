"""Shared fixtures: paths, a pinned 'today', a CliRunner with a plain terminal."""

from __future__ import annotations

import datetime
import io
import os
import shutil
import sys
from pathlib import Path

import pytest
from rich.console import Console

from kimcli import dates, i18n

TESTS = Path(__file__).resolve().parent
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
SMALL = FIXTURES / "small.yaml"
PLAIN_ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None,
             "KIM_DATA": None, "KIM_LANG": None}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/* from the current rendering")


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    # Open ends run to "today": pin it so renderings do not change with the calendar.
    monkeypatch.setattr(dates, "current_day", lambda: datetime.date(2026, 11, 25))
    i18n.set_language("de")
    # Never touch the user's cache; subprocesses inherit this too.
    monkeypatch.setenv("KIM_CACHE_DIR", str(tmp_path_factory.mktemp("kim-cache")))
    monkeypatch.delenv("KIM_NO_CACHE", raising=False)


def render(renderable: object, width: int = 80) -> str:
    console = Console(width=width, record=True, color_system=None, file=io.StringIO(),
                      highlight=False, markup=False, emoji=False)
    console.print(renderable, crop=False)
    return console.export_text()


@pytest.fixture
def golden(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    update = request.config.getoption("--update-golden")

    def check(name: str, actual: str) -> None:
        path = GOLDEN / name
        if update:
            path.parent.mkdir(exist_ok=True)
            path.write_text(actual, encoding="utf-8")
        assert path.exists(), f"{name} missing; run pytest --update-golden to create it"
        expected = path.read_text(encoding="utf-8")
        print(repr(actual))
        assert actual == expected, f"{name} differs; run pytest --update-golden to accept"

    return check


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
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "KIM_DATA", "KIM_LANG")}
    env.update({"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"})
    env.update(extra)
    return env
