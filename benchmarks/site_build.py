"""`kim site` against `kim export --format json` on one synthetic dataset, side by side.

Both read the same dataset through the same cache (warmed once before measuring), and the
two commands run alternately (A, B, A, B, …) so that both see the same machine. Each site is
written to a new folder; the folders are removed only after the last run, and the disk is
synced before every run of either command (outside the timing), so that no run pays for
the writes or deletions of the one before. The JSON goes to /dev/null.

Target: the site takes at most 3 × the time of the JSON export. A second line compares
with a stricter aim (--aim, 1.5 × by default), as the JSON export may become faster.

Usage: python benchmarks/site_build.py [--size 10000] [--runs 5] [--aim 1.5] [--where DIR]
                                       [--out FILE]
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402
from run import Sample, median, peak, run_once  # noqa: E402

TARGET = 3.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--aim", type=float, default=1.5,
                        help="a stricter ratio to report against besides the target")
    parser.add_argument("--where", type=Path, default=None,
                        help="folder to write the sites in (default: a temporary folder)")
    parser.add_argument("--out", type=Path, default=None, help="also write the table here")
    args = parser.parse_args()

    kim = shutil.which("kim") or str(Path(sys.executable).parent / "kim")
    work = Path(tempfile.mkdtemp(prefix="kim-site-bench-", dir=args.where))
    env = {k: v for k, v in os.environ.items() if k not in ("KIM_DATA", "KIM_NO_CACHE")}
    env.update({"KIM_CACHE_DIR": str(work / "cache"), "KIM_LANG": "de"})
    data = work / f"synthetic-{args.size}.yaml"
    data.write_text(generate(args.size), encoding="utf-8")
    export = [kim, "export", "--format", "json", "--data", str(data)]

    def site(n: int) -> list[str]:
        return [kim, "site", str(work / f"site-{n}"), "--data", str(data)]

    # Warm-up: fills the cache (dataset and search index) that both commands read.
    run_once(export, env)
    run_once(site(0), env)
    pages = sum(1 for _ in (work / "site-0").rglob("*.html"))
    a: list[Sample] = []
    b: list[Sample] = []
    for n in range(1, args.runs + 1):
        os.sync()
        a.append(run_once(export, env))
        os.sync()
        b.append(run_once(site(n), env))
        print(f"run {n}: A {a[-1].seconds:.2f} s, B {b[-1].seconds:.2f} s", file=sys.stderr)
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
        "| command | median s | peak memory MB |",
        "|---|---|---|",
        f"| A: `kim export --format json` | {median(a):.3f} | {peak(a):.0f} |",
        f"| B: `kim site OUTDIR` | {median(b):.3f} | {peak(b):.0f} |",
        "",
        f"B / A = {ratio:.2f} (target ≤ {TARGET:.0f}: {verdict}; aim ≤ {args.aim:g}: {aim}); "
        f"all runs A: {', '.join(f'{s.seconds:.2f}' for s in a)}; "
        f"B: {', '.join(f'{s.seconds:.2f}' for s in b)}",
        "",
    ])
    print(text)
    if args.out is not None:
        args.out.write_text(text, encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
