"""`kim browse` as a command: errors before the application, a terminal required, and the
plain commands never importing Textual."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from helpers import PLAIN_ENV, installed_kim, plain_env
from typer.testing import CliRunner

from kimcli.cli import app

ROOT = Path(__file__).resolve().parents[2]
BROKEN = ROOT / "docs" / "examples" / "broken.yaml"


def test_piped_output_is_refused_with_exit_2_pointing_to_timeline() -> None:
    result = subprocess.run(["bash", "-c", f"set -o pipefail; '{installed_kim()}' browse | cat"],
                            env=plain_env(), capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "kim browse braucht ein Terminal" in result.stderr and "kim timeline" in result.stderr
    direct = subprocess.run([installed_kim(), "--lang", "en", "browse"], env=plain_env(),
                            capture_output=True, text=True, timeout=60,
                            stdin=subprocess.DEVNULL)
    assert direct.returncode == 2
    assert direct.stderr.strip() == (
        "kim browse needs a terminal (input and output); for a pipe or a file: kim timeline")
    assert "Traceback" not in direct.stderr


def test_broken_dataset_fails_first_with_file_line_col() -> None:
    result = CliRunner().invoke(app, ["browse", "--data", str(BROKEN)], env=PLAIN_ENV)
    assert result.exit_code == 1
    assert f"{BROKEN}:6:5: Fehler: unbekanntes Feld „titel“" in result.output
    assert "Terminal" not in result.output  # the dataset is checked before the terminal


def test_unknown_milestone_is_not_found_with_suggestions() -> None:
    result = CliRunner().invoke(app, ["browse", "einwanderung-gestaltn"], env=PLAIN_ENV)
    assert result.exit_code == 3
    assert "kein Meilenstein „einwanderung-gestaltn“" in result.output
    assert "Meinten Sie: einwanderung-gestalten?" in result.output


def test_milestone_is_resolved_as_kim_show_resolves_it(monkeypatch: pytest.MonkeyPatch) -> None:
    started: list[str | None] = []

    def fake_run(dataset: object, start: str | None = None) -> int:
        started.append(start)
        return 0

    import kimcli.browse.app

    monkeypatch.setattr(kimcli.browse.app, "run", fake_run)
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    import kimcli.cli

    for name in ("EWG", "einwanderung-g", "Einwanderung-Gestalten"):
        with pytest.raises(SystemExit) as stop:
            kimcli.cli.app(["browse", name], prog_name="kim", standalone_mode=True)
        assert stop.value.code == 0
    assert started == ["einwanderung-gestalten"] * 3


def _modules_after(cwd: Path, *args: str) -> set[str]:
    code = ("import atexit, sys\n"
            "atexit.register(lambda: sys.stderr.write('MODULES ' + ' '.join(sys.modules)))\n"
            f"sys.argv = ['kim', *{list(args)!r}]\n"
            "from kimcli.entry import main\n"
            "main()\n")
    result = subprocess.run([sys.executable, "-c", code], env=plain_env(),
                            capture_output=True, text=True, timeout=60, cwd=cwd,
                            stdin=subprocess.DEVNULL)
    line = next(x for x in result.stderr.splitlines() if x.startswith("MODULES "))
    return set(line.split()[1:])


@pytest.mark.parametrize("args", [("timeline",), ("show", "ewg"), ("search", "kim"),
                                  ("browse",)])
def test_plain_commands_do_not_import_textual(args: tuple[str, ...], tmp_path: Path) -> None:
    modules = _modules_after(tmp_path, *args)  # browse: refused without a terminal, before
    assert "kimcli.cli" in modules
    assert not any(m == "textual" or m.startswith("textual.") for m in modules), args


def test_first_screen_benchmark_runs_in_a_real_terminal() -> None:
    """The benchmark drives the installed kim in a pseudo-terminal: the first screen appears,
    q quits with 0 (it fails otherwise). No timing is asserted."""
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "browse_startup.py"),
                             "--size", "30", "--runs", "1"], capture_output=True, text=True,
                            timeout=300, env=plain_env(), stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stdout + result.stderr
    for needle in ("minimal Textual app", "bundled dataset (14 milestones)",
                   "30 milestones, warm cache", "< 0.5 s", "< 1.5 s"):
        assert needle in result.stdout, needle
