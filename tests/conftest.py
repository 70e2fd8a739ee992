"""Fixtures and hooks only (helpers live in tests/helpers.py): a pinned 'today', a private
cache, golden files, and a guard that no test leaves global state changed."""

from __future__ import annotations

import datetime

import pytest
from helpers import GOLDEN

from kimcli import dates, i18n


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
