"""The benchmark script runs end to end on tiny datasets (no timing is asserted anywhere)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_script_runs_on_a_tiny_dataset(tmp_path: Path) -> None:
    out = tmp_path / "BENCHMARKS.md"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "20",
                             "40", "--runs", "1", "--out", str(out)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    for needle in ("start-up", "`kim validate`", "`kim timeline`", "`kim search`", "`kim show`",
                   "repeated (cache)", "Growth from 20 to 40", "Peak memory", "Machine:",
                   "## Targets", "-n 5", "`touch` + `kim validate`", "`kim export -f html`",
                   "`kim site`", "`kim diff`", "`kim schema`", "peak (MB)"):
        assert needle in text, needle


def test_generated_dataset_is_valid_and_has_every_date_shape(tmp_path: Path) -> None:
    from helpers import generate

    from kimcli import io as kimio

    path = tmp_path / "g.yaml"
    path.write_text(generate(300), encoding="utf-8")
    report = kimio.check(path)
    assert report.errors == [] and report.dataset is not None
    raw = {m.date.edtf() for m in report.dataset.milestones}
    assert any(r.endswith("/..") for r in raw) and any(r.startswith("../") for r in raw)
    assert any(r[-1] in "~?%" for r in raw) and any(len(r) == 10 for r in raw)
    assert sum(len(m.refs) for m in report.dataset.milestones) > 300
