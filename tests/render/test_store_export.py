"""`kim export --format sqlite -o FILE`: the documented database, readable by any SQL tool;
a file only, never standard output or a pipe."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
from pathlib import Path

import pytest
from helpers import ROOT as _ROOT
from helpers import installed_kim, plain_env

from kimcli import io as kimio
from kimcli.io import dbwrite

ROOT = _ROOT


def kim(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_kim(), *args], capture_output=True, text=True,
                          env=plain_env(), timeout=60)


def test_the_export_counts_and_finds(tmp_path: Path) -> None:
    out = tmp_path / "kim.db"
    result = kim("export", "--format", "sqlite", "-o", str(out))
    assert result.returncode == 0, result.stderr
    dataset = kimio.load(ROOT / "data" / "kim.yaml")
    with sqlite3.connect(out) as conn:
        assert conn.execute("select count(*) from milestones").fetchone() == (
            len(dataset.milestones),)
        found = {row[0] for row in conn.execute(
            "select id from search where search match 'Modellkommunen'")}
        assert "einwanderung-gestalten" in found
        columns = {row[1] for row in conn.execute("pragma table_info(milestones)")}
        assert "mac" not in columns  # the cache's signatures stay in the cache
        tables = {row[0] for row in conn.execute("select name from sqlite_master")}
    assert {t for t, _, _ in dbwrite.TABLES} <= tables


def test_the_schema_is_documented() -> None:
    doc = (ROOT / "docs" / "SQLITE.md").read_text(encoding="utf-8")
    for table, columns, _ in dbwrite.TABLES:
        assert f"`{table}`" in doc
        for column in columns.split(","):
            assert f"`{column.split()[0]}`" in doc, (table, column)


@pytest.mark.parametrize("where", [None, "-", "/dev/stdout", "fifo"])
def test_sqlite_needs_a_file(tmp_path: Path, where: str | None) -> None:
    args = ["export", "-f", "sqlite"]
    if where == "fifo":
        fifo = tmp_path / "p"
        os.mkfifo(fifo)
        args += ["-o", str(fifo), "--force"]
    elif where is not None:
        args += ["-o", where]
    result = kim(*args)
    assert result.returncode == 2 and "-o" in result.stderr and result.stdout == ""
    if where == "fifo":
        assert stat.S_ISFIFO(os.lstat(tmp_path / "p").st_mode)


def test_an_existing_file_needs_force_and_keeps_its_mode(tmp_path: Path) -> None:
    out = tmp_path / "kim.db"
    out.write_text("old", encoding="utf-8")
    out.chmod(0o600)
    assert kim("export", "-f", "sqlite", "-o", str(out)).returncode == 2
    assert out.read_text(encoding="utf-8") == "old"
    assert kim("export", "-f", "sqlite", "-o", str(out), "--force").returncode == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_bytes().startswith(b"SQLite format 3\x00")


def test_a_filter_exports_the_chosen_milestones(tmp_path: Path) -> None:
    out = tmp_path / "part.db"
    assert kim("export", "-f", "sqlite", "-o", str(out), "--from", "2020").returncode == 0
    with sqlite3.connect(out) as conn:
        (count,) = conn.execute("select count(*) from milestones").fetchone()
    assert 0 < count < len(kimio.load(ROOT / "data" / "kim.yaml").milestones)
