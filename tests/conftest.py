"""Fixtures and hooks only (helpers live in tests/helpers.py): a pinned 'today', a private
cache, golden files, and a guard that no test leaves global state changed."""

from __future__ import annotations

import datetime
import gc
import os
import signal
import sys
from collections.abc import Iterator
from typing import Any

import pytest
from helpers import GOLDEN

from kimcli import dates, i18n
from kimcli.render import output, pager


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true",
                     help="rewrite tests/golden/* from the current rendering")


def _globals() -> dict[str, Any]:
    """Process-wide state a test could change by accident and another test would inherit."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTEST_CURRENT_TEST"}
    return {"environment": environment, "working directory": os.getcwd(),
            "sys.path": list(sys.path), "gc enabled": gc.isenabled(),
            "gc frozen": gc.get_freeze_count(), "SIGINT handler": signal.getsignal(signal.SIGINT),
            "stdout": sys.stdout, "stderr": sys.stderr, "stdin": sys.stdin}


@pytest.fixture
def _leaves_no_trace() -> Iterator[None]:
    """Set up before monkeypatch (see _isolated), checked after monkeypatch has undone its
    changes: what is still different was changed by the test behind pytest's back."""
    before = _globals()
    yield
    # Chosen on purpose by many tests (--lang en, set_language): the next test starts German.
    i18n.set_language("de")
    # --no-pager in an in-process run switches the pager off for the process; a pager that
    # failed is remembered for one message. Both are per command: back to the defaults.
    output.use_pager(True)
    pager.failure = None
    after = _globals()
    changed = sorted(name for name in before if after[name] != before[name])
    # Put everything back first, so that one offender does not fail every later test.
    for name in set(os.environ) - set(before["environment"]) - {"PYTEST_CURRENT_TEST"}:
        del os.environ[name]
    os.environ.update(before["environment"])
    os.chdir(before["working directory"])
    sys.path[:] = before["sys.path"]
    if before["gc enabled"]:
        gc.enable()
    if after["gc frozen"] > before["gc frozen"]:
        gc.unfreeze()
    signal.signal(signal.SIGINT, before["SIGINT handler"])
    sys.stdout, sys.stderr, sys.stdin = before["stdout"], before["stderr"], before["stdin"]
    assert not changed, f"the test left global state changed: {', '.join(changed)}"


@pytest.fixture(autouse=True)
def _isolated(_leaves_no_trace: None, monkeypatch: pytest.MonkeyPatch,
              tmp_path_factory: pytest.TempPathFactory) -> None:
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
