"""Two installed kims side by side on the same dataset: medians and their ratio per command.

Usage: python benchmarks/compare.py OLD_KIM NEW_KIM DATASET [--runs 11]

Each command runs warm (one run first fills each kim's own cache folder), then the two kims
alternate (A, B, A, B, …) so that both see the same machine state. Used to check that a change
made no command slower; the machine's load moves both columns alike, the ratio less so.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time


def commands(data: str, first_id: str) -> list[list[str]]:
    return [["timeline", "-d", data], ["show", first_id, "-d", data],
            ["search", "integration", "-d", data], ["validate", data],
            ["refs", first_id, "--depth", "2", "-d", data],
            ["export", "--format", "json", "-d", data], ["--version"]]


def first_milestone(data: str) -> str:
    """The first milestone's id, read without a YAML parser (the file may be large)."""
    import re

    with open(data, encoding="utf-8") as handle:
        in_milestones = False
        for line in handle:
            in_milestones = in_milestones or line.startswith("milestones:")
            found = re.match(r"\s*- id:\s*(\S+)", line) if in_milestones else None
            if found:
                return found.group(1).strip("\"'")
    raise SystemExit(f"{data}: no milestone id found")


def run(kim: str, args: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run([kim, *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("old")
    parser.add_argument("new")
    parser.add_argument("data")
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("--id", help="the milestone for show and refs (default: the first)")
    opts = parser.parse_args()
    opts.id = opts.id or first_milestone(opts.data)
    base = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1", "PAGER": ""}
    with tempfile.TemporaryDirectory() as a_cache, tempfile.TemporaryDirectory() as b_cache:
        envs = ({**base, "KIM_CACHE_DIR": a_cache}, {**base, "KIM_CACHE_DIR": b_cache})
        print("| command | old (s) | new (s) | new / old |\n|---|---|---|---|")
        for args in commands(opts.data, opts.id):
            for kim, env in zip((opts.old, opts.new), envs, strict=True):
                run(kim, args, env)  # warm: the cache entry and the search index
            times: tuple[list[float], list[float]] = ([], [])
            for _ in range(opts.runs):
                for side, (kim, env) in enumerate(zip((opts.old, opts.new), envs, strict=True)):
                    times[side].append(run(kim, args, env))
            old, new = (statistics.median(t) for t in times)
            label = " ".join(a for a in args if a != opts.data and a != "-d")
            print(f"| `kim {label}` | {old:.3f} | {new:.3f} | {new / old:.2f} |")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
