"""Time until `kim browse` shows its first screen: the bundled dataset and a generated one
(10,000 milestones by default), side by side in one run, with a warm cache.

Each run starts `kim browse` in a pseudo-terminal of 80×24, as a person would in a terminal,
and stops the clock when both panes have been drawn: the status line under the timeline
("N von N Meilensteinen") and the detail of the milestone under the cursor (its
"Genauigkeit" line); then it presses q and checks that kim exits with 0. A minimal Textual app
runs beside them as the floor of the stack. The cases take turns (A, B, C, A, B, C, …) so that
all see the same machine; medians are reported, with the CPU time each run took.

Usage: python benchmarks/browse_startup.py [--size 10000] [--runs 7] [--timeout 30]
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

ANSI = re.compile(rb"\x1b(\[[0-9;?<>=$]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")


def first_screen(cmd: list[str], env: dict[str, str], markers: list[bytes], timeout: float
                 ) -> tuple[float, float]:
    """Seconds from start until every marker is on the screen; then q, and exit code 0. Also
    the CPU seconds the whole run took (user and system), which a busy machine changes less."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: a terminal of 80×24
        os.execve(cmd[0], cmd, env)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    start = time.perf_counter()
    seen = b""
    elapsed = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([fd], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
            text = ANSI.sub(b"", seen)
            if all(marker in text for marker in markers):
                elapsed = time.perf_counter() - start
                break
        if elapsed is None:
            raise SystemExit(f"no first screen within {timeout} s: {' '.join(cmd)}\n"
                             f"{ANSI.sub(b'', seen)[-2000:].decode(errors='replace')}")
        os.write(fd, b"q")
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            done, status, usage = os.wait4(pid, os.WNOHANG)
            if done:
                code = os.waitstatus_to_exitcode(status)
                if code != 0:
                    raise SystemExit(f"kim browse exited with {code}")
                return elapsed, usage.ru_utime + usage.ru_stime
            try:  # keep draining, so the child never blocks on a full terminal
                if select.select([fd], [], [], 0.05)[0]:
                    os.read(fd, 65536)
            except OSError:
                pass
        raise SystemExit("kim browse did not quit on q")
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=30.0)
    args = parser.parse_args()

    beside = Path(sys.executable).parent / "kim"  # the kim of this Python first
    kim = str(beside) if beside.exists() else shutil.which("kim") or "kim"
    work = Path(tempfile.mkdtemp(prefix="kim-browse-bench-"))
    env = {k: v for k, v in os.environ.items()
           if k not in ("KIM_DATA", "KIM_NO_CACHE", "NO_COLOR", "FORCE_COLOR")}
    env.update({"KIM_CACHE_DIR": str(work / "cache"), "KIM_LANG": "de",
                "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"})
    try:
        data = work / f"synthetic-{args.size}.yaml"
        data.write_text(generate(args.size), encoding="utf-8")
        detail = b"Genauigkeit"
        bundled = len(json.loads(subprocess.run(
            [kim, "export", "--format", "json"], env=env, check=True,
            stdout=subprocess.PIPE).stdout)["milestones"])
        cases = {
            "baseline: a minimal Textual app (benchmarks/minimal_textual.py)": (
                [sys.executable, str(HERE / "minimal_textual.py")],
                [b"14 von 14 Meilensteinen", detail], 0.0),
            f"bundled dataset ({bundled} milestones)": (
                [kim, "browse"], [f"{bundled} von {bundled} Meilenstein".encode(), detail], 0.5),
            f"{args.size:,} milestones, warm cache": (
                [kim, "browse", "--data", str(data)],
                [f"{args.size} von {args.size} Meilensteinen".encode(), detail], 1.5),
        }
        # Warm: the cache holds the parsed dataset, the disk holds kim and Textual.
        subprocess.run([kim, "timeline", "--data", str(data)], env=env, check=True,
                       stdout=subprocess.DEVNULL)
        for cmd, marker, _ in cases.values():
            first_screen(cmd, env, marker, args.timeout)
        samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(args.runs):
            for name, (cmd, marker, _) in cases.items():
                samples[name].append(first_screen(cmd, env, marker, args.timeout))
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(f"`kim browse`: first screen at 80×24, median of {args.runs} runs "
              f"(Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
              f"load average {load:.1f})\n")
        print("| dataset | first screen, median s | min s | max s | CPU s per run | target |")
        print("|---|---|---|---|---|---|")
        for name, (_, _, target) in cases.items():
            times = [wall for wall, _ in samples[name]]
            cpu = statistics.median(used for _, used in samples[name])
            goal = f"< {target} s" if target else "–"
            print(f"| {name} | {statistics.median(times):.3f} | {min(times):.3f} | "
                  f"{max(times):.3f} | {cpu:.3f} | {goal} |")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
