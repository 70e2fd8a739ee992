"""Issue 14 acceptance, a fault test against the installed kim: 20 concurrent `kim timeline`
runs while another process rewrites the dataset and corrupts, deletes and replaces every file
of the cache folder (whatever the cache keeps there: JSON entries, a database and its
journals, keys), also with FIFOs and links to /dev/zero. Every run ends within its timeout,
never with a traceback, and shows the old or the new timeline, never a mix.

A dataset rewritten in place (not atomically) can be read half-written by any program. Such
a file is built here so that every half of it is broken (its last line, `as_of`, is a day that
no prefix of it gives): kim must then say that the dataset is broken (exit 1), never show what
it read as if it were the dataset. An atomic replacement must always give one whole side.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import installed_kim, plain_env

from kimcli.io import cache

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs are POSIX")

RUNS = 20
TIMEOUT = 60  # per run: only a hang reaches it (not a timing test)


def content(word: str, day: str) -> str:
    lines = ["title: Fehlertest", "language: de", "milestones:"]
    for i in range(300):
        lines.append(f"  - {{id: m{i:03d}, title: '{word} {i}', date: '{1950 + i % 70}',"
                     f" kind: K, summary: '{word} {'z' * 200}'}}")
    lines.append(f"as_of: {day}")  # last: a file cut short lacks it or has half of it
    return "\n".join(lines) + "\n"


OLD = content("Meilenstein", "2026-01-05")
NEW = content("Etappe", "2026-02-17")

# The other process: rewrites the dataset, atomically and in place by turns, and attacks every
# file under the cache folder, until the stop file appears.
HOSTILE = textwrap.dedent("""
    import os, sys
    data, cache_dir, stop, old, new = sys.argv[1:]
    texts = [open(old, encoding="utf-8").read(), open(new, encoding="utf-8").read()]
    turn = 0
    while not os.path.exists(stop):
        turn += 1
        text = texts[turn % 2].encode("utf-8")
        try:
            if turn % 2:
                spare = data + ".spare"
                with open(spare, "wb") as f:
                    f.write(text)
                os.replace(spare, data)
            else:  # in place: truncated, then written in two parts
                with open(data, "r+b") as f:
                    f.truncate(0)
                    f.write(text[: len(text) // 2])
                    f.flush()
                    f.write(text[len(text) // 2:])
        except OSError:
            pass
        for folder, _, names in os.walk(cache_dir):
            for name in names:
                entry = os.path.join(folder, name)
                how = (turn + len(name)) % 6
                try:
                    if how == 0:
                        os.unlink(entry)
                    elif how == 1:
                        os.unlink(entry)
                        os.mkfifo(entry)
                    elif how == 2:
                        os.unlink(entry)
                        os.symlink("/dev/zero", entry)
                    elif how == 3:  # in place: garbage over the start
                        fd = os.open(entry, os.O_WRONLY | os.O_NONBLOCK)
                        os.write(fd, b"\\x00garbage{[" * 64)
                        os.close(fd)
                    elif how == 4:  # replaced whole by garbage
                        with open(entry + ".x", "wb") as f:
                            f.write(os.urandom(4096))
                        os.replace(entry + ".x", entry)
                    else:  # cut short
                        fd = os.open(entry, os.O_WRONLY | os.O_NONBLOCK)
                        os.ftruncate(fd, 7)
                        os.close(fd)
                except OSError:
                    pass
""")


def timeline(data: Path, env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([installed_kim(), "--no-pager", "timeline", "--data", str(data)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", env=plain_env(**env))


def finish(proc: subprocess.Popen[str]) -> tuple[int, str, str]:
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"kim timeline hung for {TIMEOUT} s")
    return proc.returncode, out, err


def test_concurrent_runs_under_a_hostile_writer_show_one_whole_side(tmp_path: Path) -> None:
    assert len(OLD.encode()) >= cache.MIN_BYTES and len(NEW.encode()) >= cache.MIN_BYTES
    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    old.write_text(OLD, encoding="utf-8")
    new.write_text(NEW, encoding="utf-8")
    cache_dir = tmp_path / "cache"
    env = {"KIM_CACHE_DIR": str(cache_dir)}
    data = tmp_path / "data.yaml"
    expected = []
    for side in (NEW, OLD):  # each twice: the second run reads what the first one cached
        data.write_text(side, encoding="utf-8")
        runs = [finish(timeline(data, env)) for _ in range(2)]
        assert runs[0] == runs[1] and runs[0][0] == 0, runs[0][2]
        expected.append(runs[0][1])
    assert expected[0] != expected[1]
    assert [p for p in cache_dir.rglob("*") if p.is_file()], "the cache was not used"

    stop = tmp_path / "stop"
    writer = subprocess.Popen([sys.executable, "-c", HOSTILE, str(data), str(cache_dir),
                               str(stop), str(old), str(new)])
    try:
        results = []
        for _ in range(2):  # two waves of 20
            procs = [timeline(data, env) for _ in range(RUNS)]
            results += [finish(p) for p in procs]
    finally:
        stop.touch()
        try:
            writer.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            writer.kill()
            writer.wait()
    assert writer.returncode == 0
    whole = broken = 0
    for code, out, err in results:
        assert "Traceback" not in err and "Error" not in err, err
        if code == 0:
            assert out in expected, "a mix of old and new, or something else:\n" + out[:2000]
            whole += 1
        else:
            # Read while being rewritten in place: said to be broken, nothing shown.
            assert code == 1 and out == "" and err.strip(), (code, out[:500], err)
            broken += 1
    assert whole + broken == 2 * RUNS


def test_an_atomically_replaced_dataset_always_gives_one_whole_side(tmp_path: Path) -> None:
    """Only atomic replacements, and the same attack on the cache: every run succeeds."""
    sides = [OLD, NEW]
    cache_dir = tmp_path / "cache"
    env = {"KIM_CACHE_DIR": str(cache_dir)}
    data = tmp_path / "data.yaml"
    expected = []
    for side in sides:
        data.write_text(side, encoding="utf-8")
        code, out, err = finish(timeline(data, env))
        assert code == 0, err
        expected.append(out)
    script = HOSTILE.replace("if turn % 2:", "if True:")  # never in place
    stop = tmp_path / "stop"
    paths = []
    for name, side in (("old", OLD), ("new", NEW)):
        paths.append(tmp_path / f"{name}.yaml")
        paths[-1].write_text(side, encoding="utf-8")
    writer = subprocess.Popen([sys.executable, "-c", script, str(data), str(cache_dir),
                               str(stop), *map(str, paths)])
    try:
        procs = [timeline(data, env) for _ in range(RUNS)]
        results = [finish(p) for p in procs]
    finally:
        stop.touch()
        writer.wait(timeout=TIMEOUT)
    for code, out, err in results:
        assert code == 0 and "Traceback" not in err, err
        assert out in expected, "a mix of old and new, or something else:\n" + out[:2000]
