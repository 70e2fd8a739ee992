"""`kim site` against `kim export --format json` on one synthetic dataset, side by side.

Both read the same dataset through the same cache (warmed once before measuring), and the
two commands run alternately (A, B, A, B, …) so that both see the same machine. Each site is
written to a new folder; the folders are removed only after the last run, and the disk is
synced before every run of either command (outside the timing), so that no run pays for
the writes or deletions of the one before. The JSON goes to /dev/null.

On a disk whose ext4 has no journal, creating files right after many were deleted (by any
program, or by this script's own clean-up at its end) costs seconds of system time: the
user / system column shows it; run again a few minutes later.

Target: the site takes at most 3 × the time of the JSON export. A second line compares
with a stricter aim (--aim, 1.5 × by default), as the JSON export may become faster.

--baseline KIM adds a third command, `kim site` of another installation (say, the code before
a change), run in the same alternation (A, B, C, A, B, C, …) on its own cache, so that a
change is measured against its "before" under the same conditions.

Usage: python benchmarks/site_build.py [--size 10000] [--runs 5] [--aim 1.5] [--where DIR]
                                       [--out FILE] [--baseline KIM]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import TIME, Sample, run_once  # noqa: E402

TARGET = 3.0


@dataclass
class Timed(Sample):
    """A run's wall time and peak memory, and the processor time of it and its workers."""

    user: float
    sys: float


def run_timed(cmd: list[str], env: dict[str, str]) -> Timed:
    """run.run_once, with user and system time (kim site's workers included: it waits for
    them). The system time shows what the kernel spent, creating thousands of files."""
    if TIME is None:  # pragma: no cover - no /usr/bin/time: wall time and peak only
        sample = run_once(cmd, env)
        return Timed(sample.seconds, sample.max_rss_mb, float("nan"), float("nan"))
    start = time.perf_counter()
    proc = subprocess.run([TIME, "-f", "maxrss=%M user=%U sys=%S", *cmd], env=env,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False)
    elapsed = time.perf_counter() - start
    err = proc.stderr.decode()
    if proc.returncode != 0:
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    fields = dict(item.split("=", 1) for item in ("maxrss=" + err.rsplit("maxrss=", 1)[1]).split())
    return Timed(elapsed, float(fields["maxrss"]) / 1024, float(fields["user"]),
                 float(fields["sys"]))


def median(samples: list[Timed]) -> float:
    return statistics.median(s.seconds for s in samples)


def peak(samples: list[Timed]) -> float:
    return max(s.max_rss_mb for s in samples)


def cpu(samples: list[Timed]) -> str:
    """Median user and system seconds."""
    return (f"{statistics.median(s.user for s in samples):.2f} / "
            f"{statistics.median(s.sys for s in samples):.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--aim", type=float, default=1.5,
                        help="a stricter ratio to report against besides the target")
    parser.add_argument("--where", type=Path, default=None,
                        help="folder to write the sites in (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    parser.add_argument("--baseline", default=None,
                        help="another installation's kim: its `kim site` is run alongside as C")
    args = parser.parse_args()

    kim = shutil.which("kim") or str(Path(sys.executable).parent / "kim")
    work = Path(tempfile.mkdtemp(prefix="kim-site-bench-", dir=args.where))
    env = {k: v for k, v in os.environ.items() if k not in ("KIM_DATA", "KIM_NO_CACHE")}
    env.update({"KIM_CACHE_DIR": str(work / "cache"), "KIM_LANG": "de"})
    data = work / f"synthetic-{args.size}.yaml"
    data.write_text(generate(args.size), encoding="utf-8")
    export = [kim, "export", "--format", "json", "--data", str(data)]

    def site(n: int, program: str = kim, name: str = "site") -> list[str]:
        return [program, "site", str(work / f"{name}-{n}"), "--data", str(data)]

    # Warm-up: fills the cache (dataset and search index) that both commands read.
    run_once(export, env)
    run_once(site(0), env)
    # The baseline keeps a cache of its own: another version may not read this one's.
    env_c = {**env, "KIM_CACHE_DIR": str(work / "cache-baseline")}
    if args.baseline:
        run_once(site(0, args.baseline, "baseline"), env_c)
    pages = sum(1 for _ in (work / "site-0").rglob("*.html"))
    a: list[Timed] = []
    b: list[Timed] = []
    c: list[Timed] = []
    for n in range(1, args.runs + 1):
        os.sync()
        a.append(run_timed(export, env))
        os.sync()
        b.append(run_timed(site(n), env))
        line = f"run {n}: A {a[-1].seconds:.2f} s, B {b[-1].seconds:.2f} s"
        if args.baseline:
            os.sync()
            c.append(run_timed(site(n, args.baseline, "baseline"), env_c))
            line += f", C {c[-1].seconds:.2f} s"
        print(line, file=sys.stderr)
    ratio = median(b) / median(a)
    verdict = "met" if ratio <= TARGET else "missed"
    aim = "met" if ratio <= args.aim else "missed"
    machine = (f"{platform.machine()}, {os.cpu_count()} cores, Python "
               f"{platform.python_version()}, {platform.system()} {platform.release()}; "
               f"sites written to {work.parent}")
    text = "\n".join([
        f"`kim site` vs `kim export --format json`, {args.size:,} milestones "
        f"({data.stat().st_size / 1e6:.1f} MB, {pages:,} pages), medians of {args.runs} "
        f"alternating runs, warm cache. {time.strftime('%Y-%m-%d')}; {machine}.",
        "",
        "| command | median s | median user / system s | peak memory MB |",
        "|---|---|---|---|",
        f"| A: `kim export --format json` | {median(a):.3f} | {cpu(a)} | {peak(a):.0f} |",
        f"| B: `kim site OUTDIR` | {median(b):.3f} | {cpu(b)} | {peak(b):.0f} |",
        *([f"| C: baseline `kim site OUTDIR` | {median(c):.3f} | {cpu(c)} | {peak(c):.0f} |"]
          if c else []),
        "",
        f"B / A = {ratio:.2f} (target ≤ {TARGET:.0f}: {verdict}; aim ≤ {args.aim:g}: {aim}); "
        + (f"C / A = {median(c) / median(a):.2f}, B / C = {median(b) / median(c):.2f}; "
           if c else "")
        + f"all runs A: {', '.join(f'{s.seconds:.2f}' for s in a)}; "
        f"B: {', '.join(f'{s.seconds:.2f}' for s in b)}"
        + (f"; C: {', '.join(f'{s.seconds:.2f}' for s in c)}" if c else ""),
        "",
    ])
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
