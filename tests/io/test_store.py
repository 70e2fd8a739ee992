"""The SQLite cache: decided by content, read only as far as a question needs, and never
trusted: a deleted, truncated, corrupted, edited or replaced database costs one rebuild."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import ROOT as _ROOT
from helpers import installed_kim, plain_env

from kimcli import io as kimio
from kimcli.io import answers, cache, store
from kimcli.io.lazy import store_of

sys.path.insert(0, str(_ROOT / "benchmarks"))
from generate import generate

HANG = 60


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(generate(300, seed=5), encoding="utf-8")
    assert path.stat().st_size >= cache.MIN_BYTES
    return path


def _db(data: Path) -> Path:
    target = store.entry(str(data))
    assert target is not None
    return target


def kim(*args: str, cache_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_kim(), *args], capture_output=True, text=True,
                          env=plain_env(KIM_CACHE_DIR=str(cache_dir)), timeout=HANG)


def test_the_cache_is_a_sqlite_database_any_tool_can_read(data: Path) -> None:
    kimio.load(data)
    with sqlite3.connect(_db(data)) as conn:
        assert conn.execute("select count(*) from milestones").fetchone() == (300,)
        assert conn.execute("select value from meta where key = 'digest'").fetchone()
    answers.search(kimio.load(data, lazy=True), "integration")  # makes the index's database
    with sqlite3.connect(store.entry(str(data), "search")) as conn:
        assert conn.execute("select count(*) from postings").fetchone()[0] > 30


def test_a_question_reads_only_the_rows_it_needs(data: Path) -> None:
    kimio.load(data)
    answers.search(kimio.load(data, lazy=True), "x")  # the first search makes its index
    lazy = kimio.load(data, lazy=True)
    db = store_of(lazy)
    assert db is not None
    found = answers.find(lazy, "m7")
    answers.referenced_by(lazy, found.id)
    answers.ref_tree(lazy, found.id, 2, "both", 50)
    answers.search(lazy, "integration kommune", 5)
    answers.timeline(lazy, __import__("kimcli.query").query.TimelineFilter(720000, 720400))
    assert len(db.by_pos) < 150  # of 300: never the whole dataset


def test_a_touched_or_copied_file_costs_a_hash_not_a_parse(
        data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kimcli.io import loading

    kimio.load(data)
    os.utime(data, ns=(1, 1))  # touch
    copy = data.with_suffix(".tmp")
    copy.write_bytes(data.read_bytes())
    os.replace(copy, data)  # a new inode with the same bytes, as cp or git checkout leave it
    monkeypatch.setattr(loading, "check_text", lambda *a: pytest.fail("parsed"))
    assert len(kimio.load(data, lazy=True).milestones) == 300


def test_changed_content_rebuilds(data: Path) -> None:
    kimio.load(data)
    text = data.read_text(encoding="utf-8")
    data.write_text(text.replace('    title: "', '    title: "Neu ', 1), encoding="utf-8")
    lazy = kimio.load(data, lazy=True)
    assert lazy.milestones[0].title.startswith("Neu")


def _sign(data: Path) -> store.Signer:
    secret = cache._secret(_db(data).parent, create=False)
    assert secret is not None
    return store.Signer(secret, cache.digest(data.read_bytes()))


def test_an_edited_row_is_not_trusted(data: Path) -> None:
    kimio.load(data)
    with sqlite3.connect(_db(data)) as conn:
        conn.execute("update milestones set record = replace(record, 'm7', 'm7\x1b[2J'),"
                     " id = 'm7\x1b[2J' where id = 'm7'")
        conn.execute("update refs set note = 'Vergiftet'")
    lazy = kimio.load(data, lazy=True)
    assert lazy.by_id()["m7"].id == "m7"
    assert all(link.note is None for link in answers.referenced_by(lazy, "m7"))
    assert answers.search(lazy, "m7") == answers.search(kimio.load(data), "m7")


def test_a_row_from_another_dataset_is_not_trusted(data: Path, tmp_path: Path) -> None:
    """A row signed for other content (the key depends on the content digest) fails."""
    kimio.load(data)
    other = _sign(data)
    row = ("meta", ("title", "Fremd"))
    assert other(*row) != store.Signer(b"x" * 32, cache.digest(b"other"))(*row)


def _damage(db: Path, damage: str, tmp_path: Path) -> None:
    size = db.stat().st_size
    if damage == "delete":
        db.unlink()
    elif damage == "truncate":
        os.truncate(db, size // 3)
    elif damage == "zero":
        os.truncate(db, 0)
    elif damage == "corrupt":
        with open(db, "r+b") as handle:
            for offset in range(4096, size, 8192):
                handle.seek(offset)
                handle.write(os.urandom(512))
    elif damage == "garbage":
        db.write_bytes(os.urandom(size))
    elif damage == "edit-meta":
        with sqlite3.connect(db) as conn:
            conn.execute("update meta set value = '999' where key = 'milestones'")
    else:
        db.unlink()
        if damage == "fifo":
            os.mkfifo(db)
        elif damage == "dev-zero":
            db.symlink_to("/dev/zero")
        elif damage == "dangling":
            db.symlink_to(tmp_path / "nowhere")
        else:
            db.mkdir()


@pytest.mark.parametrize("damage", ["delete", "truncate", "zero", "corrupt", "garbage",
                                    "fifo", "dev-zero", "dangling", "directory", "edit-meta"])
def test_a_damaged_database_costs_one_rebuild(data: Path, tmp_path: Path, damage: str) -> None:
    cache_dir = tmp_path / "cache"
    first = {args: kim(*args, "--data", str(data), cache_dir=cache_dir)
             for args in [("timeline",), ("show", "m3"), ("search", "integration"),
                          ("refs", "m3", "--depth", "2"), ("sources",)]}
    assert all(r.returncode == 0 for r in first.values())
    for db in sorted(cache_dir.glob("*.db")):  # the dataset's and its search index's
        _damage(db, damage, tmp_path)
    for args, before in first.items():
        again = kim(*args, "--data", str(data), cache_dir=cache_dir)
        assert (again.returncode, again.stdout) == (before.returncode, before.stdout), args
        assert "Traceback" not in again.stderr
    (db,) = [p for p in cache_dir.glob("*.db") if not p.name.endswith(".search.db")]
    if damage != "directory":
        assert db.is_file() and not db.is_symlink()  # rebuilt
        with sqlite3.connect(db) as conn:
            assert conn.execute("select count(*) from milestones").fetchone() == (300,)


def test_a_small_dataset_starts_without_sqlite() -> None:
    """Below the cache's size a dataset is parsed, and sqlite3 is never imported."""
    from helpers import SMALL

    assert SMALL.stat().st_size < cache.MIN_BYTES
    script = ("import sys\n"
              f"sys.argv = ['kim', 'timeline', '--data', {str(SMALL)!r}]\n"
              "from kimcli import entry\n"
              "try:\n    entry.main()\nexcept SystemExit:\n    pass\n"
              "sys.stderr.write(f'sqlite={\"sqlite3\" in sys.modules}')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=plain_env(), timeout=HANG, check=True)
    assert result.stderr.endswith("sqlite=False")
