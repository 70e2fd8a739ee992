"""benchmarks/index.py runs end to end on tiny datasets (no timing is asserted anywhere)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from helpers import ROOT as _ROOT

ROOT = _ROOT


def test_index_benchmark_runs_on_tiny_datasets(tmp_path: Path) -> None:
    out = tmp_path / "INDEX.md"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "index.py"), "--sizes",
                             "300", "--runs", "1", "--out", str(out), "--keep", str(tmp_path)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for needle in ("warm `kim show`", "warm `kim search`", "refs --depth 2", "glossary",
                   "first line", "json.dump", "yaml.load", "× `kim --version`", "Machine:"):
        assert needle in text, needle
