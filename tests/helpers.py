"""Test helpers in a plain module (not conftest): paths, environments, rendering, wording."""

from __future__ import annotations

import datetime
import importlib.util
import io
import itertools
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from kimcli import i18n
from kimcli.domain.fields import Milestone
from kimcli.errors import DateError, Diagnostic, KimError

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
BENCHMARKS = ROOT / "benchmarks"
FIXTURES = TESTS / "fixtures"
GOLDEN = TESTS / "golden"
BAD_INPUTS = TESTS / "bad_inputs"
SMALL = FIXTURES / "small.yaml"
# The bundled dataset, frozen: a realistic dataset whose counts and ids a data update cannot
# change. Code tests use it; only tests/data/ reads data/kim.yaml.
FROZEN = FIXTURES / "kim-frozen.yaml"
# For CliRunner(env=...): None removes a variable for the run. A command that names no dataset
# reads the frozen one, so that a data update cannot change what a code test sees.
PLAIN_ENV = {"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "FORCE_COLOR": None,
             "KIM_DATA": str(FROZEN), "KIM_LANG": None}
# The dataset kim ships (data/kim.yaml): for tests/data and the README's sessions only.
BUNDLED_ENV = {**PLAIN_ENV, "KIM_DATA": None}


def generate(n: int, seed: int = 1) -> str:
    """A synthetic dataset of `n` milestones from benchmarks/generate.py (sys.path untouched)."""
    spec = importlib.util.spec_from_file_location("kim_benchmarks_generate",
                                                  BENCHMARKS / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    text: str = module.generate(n, seed)
    return text


def assert_in_time_order(milestones: Sequence[Milestone]) -> None:
    """Time order as the format documents it, pair by pair: the earlier first day first; on the
    same first day the earlier last day (an open end runs on for ever); the same date by id."""
    far = datetime.date.max
    for a, b in itertools.pairwise(milestones):
        (a_first, a_last), (b_first, b_last) = a.date.bounds(far), b.date.bounds(far)
        assert a_first <= b_first, f"{a.id} ({a.date.edtf()}) starts after {b.id}"
        if a_first == b_first:
            assert a_last <= b_last, f"{a.id} ({a.date.edtf()}) ends after {b.id}"
        if a.date.edtf() == b.date.edtf():
            assert a.id < b.id, f"{a.id} and {b.id} share a date but not the order of ids"


def as_json(value: Any) -> Any:
    """YAML's own types (dates) as an editor's schema checker sees them."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


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
    """For subprocesses: this environment with a plain 80-column terminal, no kim settings, and
    the frozen dataset where a command names none (as PLAIN_ENV)."""
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "KIM_DATA", "KIM_LANG")}
    env.update({"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "KIM_DATA": str(FROZEN)})
    env.update(extra)
    return env


def bundled_env(**extra: str) -> dict[str, str]:
    """plain_env() with the dataset kim ships where a command names none: tests/data only."""
    env = plain_env(**extra)
    if "KIM_DATA" not in extra:
        del env["KIM_DATA"]
    return env


def timeline_text(data: Path, *args: str, cached: bool = True, width: int = 100,
                  flt: Sequence[str] = ()) -> str:
    """`kim [ARGS] timeline [FLT] --data DATA` in this process at `width` columns, with or
    without the cache; its output (the command must succeed)."""
    from typer.testing import CliRunner

    from kimcli.cli import app

    env = {**PLAIN_ENV, "COLUMNS": str(width), "KIM_NO_CACHE": None if cached else "1"}
    result = CliRunner().invoke(app, [*args, "timeline", *flt, "--data", str(data)], env=env)
    assert result.exit_code == 0, result.output
    return result.output


def cached_dataset(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str | bytes,
                   name: str = "kim.yaml") -> Path:
    """`content` as a dataset file in `tmp_path`, read through a cache folder of its own there
    that takes a file of any size (as at 100,000 milestones, however small the test's)."""
    from kimcli.io import cache

    path = tmp_path / name
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    monkeypatch.setenv("KIM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(cache, "MIN_BYTES", 0)
    return path


def record_calls(monkeypatch: pytest.MonkeyPatch, owner: Any, name: str,
                 pick: Any) -> list[Any]:
    """`owner.name` still does its work, and each call appends `pick(*args)` to the list
    returned."""
    calls: list[Any] = []
    real = getattr(owner, name)

    def recording(*args: Any) -> Any:
        calls.append(pick(*args))
        return real(*args)

    monkeypatch.setattr(owner, name, recording)
    return calls
