"""Every file in tests/bad_inputs, through the installed `kim` as a user would run it.

manifest.json says per file whether kim must refuse it (`error`, optionally at a line) or
render it (`render`, with a text that must appear literally).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parents[1]
BAD = HERE / "bad_inputs"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "bad-inputs"
MANIFEST: dict[str, dict[str, Any]] = json.loads((BAD / "manifest.json").read_text("utf-8"))

COMMANDS = {
    "validate": ["validate", "{file}"],
    "timeline": ["timeline", "--data", "{file}"],
    "show": ["show", "m1", "--data", "{file}"],
}

# C0 but newline and tab (ESC included), DEL, C1, bidi controls, zero-width characters.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\x80-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]")


def kim_executable() -> str:
    # The entry point next to this interpreter is the one installed with the package under test.
    beside = Path(sys.executable).parent / ("kim.exe" if os.name == "nt" else "kim")
    if beside.exists():
        return str(beside)
    found = shutil.which("kim")
    if found is None:
        pytest.fail("the `kim` entry point is not installed (pip install -e '.[test]')")
    return found


def run_kim(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("FORCE_COLOR", "KIM_DATA", "KIM_LANG", "CLICOLOR_FORCE")}
    env.update({"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb"})
    # The timeout only keeps a hanging kim from hanging the suite; it is not a speed check.
    return subprocess.run([kim_executable(), *args], cwd=cwd, env=env, capture_output=True,
                          text=True, encoding="utf-8", errors="replace", timeout=120,
                          check=False)


def cases() -> list[object]:
    return [pytest.param(name, command, id=f"{name}-{command}")
            for name in sorted(MANIFEST) for command in COMMANDS]


@pytest.mark.parametrize("name, command", cases())
def test_bad_input(name: str, command: str, tmp_path: Path) -> None:
    spec = MANIFEST[name]
    # A copy in an empty working directory: messages name the bare file, and anything the
    # file might make kim create (python-tag.yaml) would show up here.
    shutil.copyfile(BAD / name, tmp_path / name)
    result = run_kim([a.format(file=name) for a in COMMANDS[command]], tmp_path)
    out, err = result.stdout, result.stderr

    assert "Traceback" not in err and "Traceback" not in out, err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name], "kim created files"

    if spec["expect"] == "error":
        assert result.returncode in (1, 2), (result.returncode, out, err)
        assert err.strip(), "no message on stderr"
        assert out == ""
        assert not RAW_CONTROL.search(err), repr(err)
        if spec.get("line") is not None:
            first = err.splitlines()[0]
            assert f"{name}:{spec['line']}:" in first, err
    else:
        assert spec["expect"] == "render"
        assert result.returncode == 0, (result.returncode, out, err)
        assert not RAW_CONTROL.search(out), repr(out)
        assert not RAW_CONTROL.search(err), repr(err)
        if command != "validate":
            assert spec["shows"] in out, out


def test_manifest_covers_every_file() -> None:
    files = {p.name for p in BAD.iterdir()} - {"manifest.json", "README.md"}
    assert files == set(MANIFEST)
    assert all(spec["expect"] in ("error", "render") for spec in MANIFEST.values())
    assert all(spec["shows"] for spec in MANIFEST.values() if spec["expect"] == "render")


@pytest.mark.skipif(not SHARED.is_dir(), reason="no shared bad-inputs folder next to the repo")
def test_copy_matches_the_shared_folder() -> None:
    ours = {p.name: p.read_bytes() for p in BAD.iterdir() if p.is_file()}
    theirs = {p.name: p.read_bytes() for p in SHARED.iterdir() if p.is_file()}
    assert sorted(ours) == sorted(theirs)
    assert [n for n in ours if ours[n] != theirs[n]] == []
