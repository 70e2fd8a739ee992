"""Ctrl-C ends kim with exit 130 and no traceback, from its first import to its last line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

# Sends SIGINT to kim while it imports one module: the moment Ctrl-C lands, made exact.
SCRIPT = """
import os, signal, sys

class Trip:
    def find_spec(self, name, path=None, target=None):
        if name == {module!r}:
            sys.meta_path.remove(self)
            os.kill(os.getpid(), signal.SIGINT)
        return None

sys.meta_path.insert(0, Trip())
sys.argv = ["kim", *{args!r}]
from kimcli.entry import main
main()
"""


@pytest.mark.parametrize(("module", "moment"), [
    ("typer", "while Python imports Typer"),
    ("rich.console", "while Python imports Rich"),
    ("kimcli.coercion", "while the app is set up"),
    ("kimcli.render.pager", "while the app is set up"),
    ("kimcli.query", "in the command"),
])
def test_ctrl_c_exits_130_quietly(module: str, moment: str, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-c", SCRIPT.format(module=module,
                                                                args=["timeline"])],
                          capture_output=True, text=True, cwd=tmp_path, timeout=120,
                          stdin=subprocess.DEVNULL, check=False)
    assert (proc.returncode, proc.stderr) == (130, ""), moment


def test_the_handler_is_put_back(tmp_path: Path) -> None:
    script = (
        "import signal, sys\n"
        "sys.argv = ['kim', '--version']\n"
        "from kimcli.entry import main\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, timeout=120, check=False)
    assert proc.stdout.splitlines()[-1] == "True", proc.stderr
