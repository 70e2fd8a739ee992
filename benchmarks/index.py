"""Warm per-command figures of the SQLite cache (issue #16) side by side with start-up.

For each size: a generated dataset, one cold run (against `yaml.load` with CSafeLoader), then
each warm command alternated with `kim --version` (A, B, A, B, …), medians and their ratio,
the peak memory of each command, the time to the first line of a full `kim timeline`, and
`kim export --format json` against `json.dump` of the same data. Prints each target of the
issue with its measured ratio and writes a Markdown report.

Usage: python benchmarks/index.py [--sizes 1000 10000 100000] [--runs 5] [--out INDEX.md]
                                  [--keep DIR]   (reuse generated datasets from DIR)
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

KIM = [sys.executable, "-m", "kimcli"]


def run_once(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall time (s) and peak memory (MiB) of one run, output discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        err = proc.stderr.read().decode() if proc.stderr else ""
        raise SystemExit(f"failed: {' '.join(cmd)}\n{err}")
    return elapsed, usage.ru_maxrss / 1024


def first_output(cmd: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Time to the first byte on stdout, total time, peak memory."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    assert proc.stdout is not None
    proc.stdout.read(1)
    first = time.perf_counter() - start
    while proc.stdout.read(1 << 16):
        pass
    _, _, usage = os.wait4(proc.pid, 0)
    return first, time.perf_counter() - start, usage.ru_maxrss / 1024


def paired(a: list[str], b: list[str], runs: int, env: dict[str, str]
           ) -> tuple[float, float, float]:
    """Medians of a and b (alternated, after one warm-up run of a) and a's peak memory."""
    run_once(a, env)  # the first search, say, makes its index: not what is measured here
    ta, tb, mem = [], [], 0.0
    for _ in range(runs):
        seconds, peak = run_once(a, env)
        ta.append(seconds)
        mem = max(mem, peak)
        tb.append(run_once(b, env)[0])
    return statistics.median(ta), statistics.median(tb), mem


def child_seconds(code: str, env: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True).stdout
    return float(out.strip().splitlines()[-1])


YAML_LOAD = ("import sys, time, yaml\nt = time.perf_counter()\n"
             "yaml.load(open(sys.argv[1], encoding='utf-8'), Loader=yaml.CSafeLoader)\n"
             "print(time.perf_counter() - t)\n")
JSON_DUMP = ("import json, os, sys, time\nd = json.load(open(sys.argv[1], encoding='utf-8'))\n"
             "t = time.perf_counter()\n"
             "with open(os.devnull, 'w', encoding='utf-8') as f:\n"
             "    json.dump(d, f, ensure_ascii=False, indent=2)\n"
             "print(time.perf_counter() - t)\n")


def measure(n: int, runs: int, folder: Path, rows: list[str], targets: list[str]) -> None:
    data = folder / f"g{n}.yaml"
    if not data.exists():
        data.write_text(generate(n), encoding="utf-8")
    cache = Path(tempfile.mkdtemp(prefix="kim-index-cache-"))
    env = {**os.environ, "KIM_CACHE_DIR": str(cache), "COLUMNS": "100", "NO_COLOR": "1"}
    env.pop("KIM_NO_CACHE", None)
    version = [*KIM, "--version"]
    mid = f"m{n // 2}"
    cold, cold_mem = run_once([*KIM, "show", mid, "--data", str(data)], env)
    yaml_s = child_seconds(YAML_LOAD.replace("sys.argv[1]", repr(str(data))), env)
    rows.append(f"| {n:,} | cold `kim show` (builds the index) | {cold:.2f} s | "
                f"{cold / yaml_s:.2f} × yaml.load | {cold_mem:.0f} MiB |")
    if n >= 10_000:
        targets.append(f"cold at {n:,}: {cold / yaml_s:.2f} × yaml.load(CSafeLoader) "
                       f"(target ≤ 0.5), peak {cold_mem:.0f} MiB (target < 1024 at 100k)")
    commands = {
        "show": ["show", mid], "search": ["search", "Integration"],
        "refs --depth 2": ["refs", mid, "--depth", "2"], "glossary": ["glossary"],
        "timeline --from 2019 --to 2020": ["timeline", "--from", "2019", "--to", "2020"],
    }
    for name, args in commands.items():
        a, b, mem = paired([*KIM, *args, "--data", str(data)], version, runs, env)
        rows.append(f"| {n:,} | warm `kim {name}` | {a:.3f} s | {a / b:.2f} × start-up "
                    f"({b:.3f} s) | {mem:.0f} MiB |")
        if n == max(SIZES):
            targets.append(f"warm `kim {name}` at {n:,}: {a / b:.2f} × `kim --version` "
                           f"(target ≤ 1.5), peak {mem:.0f} MiB (target < 100)")
    # The first full timeline of a day works out its axis and widths; later ones stream.
    run_once([*KIM, "timeline", "--data", str(data)], env)
    firsts, totals, mems = [], [], []
    for _ in range(runs):
        first, total, mem = first_output([*KIM, "timeline", "--data", str(data)], env)
        firsts.append(first)
        totals.append(total)
        mems.append(mem)
    first, total = statistics.median(firsts), statistics.median(totals)
    rows.append(f"| {n:,} | warm `kim timeline` (all) | first line {first:.3f} s, all "
                f"{total:.2f} s | | {max(mems):.0f} MiB |")
    if n == max(SIZES):
        targets.append(f"full `kim timeline` at {n:,}: first line after {first:.3f} s "
                       f"(target ≤ 0.3 s)")
    out = folder / f"g{n}.json"
    export = [*KIM, "export", "--format", "json", "--data", str(data)]
    subprocess.run([*export, "-o", str(out), "--force"], env=env, check=True,
                   capture_output=True)
    times, mem = [], 0.0
    dumps = []
    for _ in range(runs):
        seconds, peak = run_once(export, env)
        times.append(seconds)
        mem = max(mem, peak)
        dumps.append(child_seconds(JSON_DUMP.replace("sys.argv[1]", repr(str(out))), env))
    exp, dump = statistics.median(times), statistics.median(dumps)
    rows.append(f"| {n:,} | warm `kim export --format json` | {exp:.2f} s | "
                f"{exp / dump:.2f} × json.dump ({dump:.2f} s) | {mem:.0f} MiB |")
    if n == max(SIZES):
        targets.append(f"`export json` at {n:,}: {exp / dump:.2f} × json.dump (target ≤ 1.5), "
                       f"peak {mem:.0f} MiB (target < 300)")


SIZES: list[int] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--out", type=Path, default=HERE / "INDEX.md")
    parser.add_argument("--keep", type=Path, help="folder for the generated datasets")
    args = parser.parse_args()
    SIZES[:] = args.sizes
    # An installed kim runs from bytecode: without it every run compiles kim's modules first.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(HERE.parent / "kimcli")],
                   check=False, capture_output=True)
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kim-index-"))
    folder.mkdir(parents=True, exist_ok=True)
    rows: list[str] = []
    targets: list[str] = []
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    bundled, version, _ = paired([*KIM, "show", "kim"], [*KIM, "--version"], args.runs, env)
    targets.append(f"`kim show kim` on the bundled dataset: {bundled:.3f} s, "
                   f"{bundled / version:.2f} × `kim --version` ({version:.3f} s)")
    for n in args.sizes:
        measure(n, args.runs, folder, rows, targets)
        print(f"{n:,} done", file=sys.stderr)
    text = "\n".join([
        "## The SQLite index (issue #16)", "",
        f"Measured by `benchmarks/index.py --runs {args.runs}` on generated datasets; each "
        "warm command alternated with `kim --version`, medians; peak memory is the largest "
        "resident set of any run.", "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, SQLite {__import__('sqlite3').sqlite_version}.", "",
        "| milestones | command | time | ratio | peak memory |", "|---|---|---|---|---|",
        *rows, "", "Targets:", "", *(f"- {t}" for t in targets), ""])
    args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
