"""Issue 14, run against the installed kim: never destroy, never hang, never lie."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import threading
import unicodedata
from pathlib import Path

import pytest
from helpers import SMALL, installed_kim, plain_env

from kimcli.io import cache

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="FIFOs and devices are POSIX")

# Generous: only a hang reaches it. Not a timing test.
HANG = 60


def kim(*args: str, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_kim(), *args], capture_output=True, text=True,
                          encoding="utf-8", env=plain_env(**env), cwd=cwd, timeout=HANG)


def export(target: str, *extra: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return kim("export", "-f", "csv", "--data", str(SMALL), "-o", target, *extra, cwd=cwd)


# -- writing files --------------------------------------------------------------------------


def test_a_fifo_is_written_into_never_replaced(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = export(str(fifo), "--force")
    reader.join(HANG)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.lstat().st_mode)  # still a pipe, not a plain file
    assert got and got[0].startswith(b"id,title")
    assert list(tmp_path.iterdir()) == [fifo]  # no temporary file left behind


def test_a_device_is_written_into_and_a_full_one_says_so_in_words() -> None:
    before = os.stat("/dev/full")
    result = export("/dev/full", "--force")
    assert result.returncode == 2
    assert "/dev/full: kein Platz auf dem Gerät" in result.stderr
    assert "Errno" not in result.stderr and ".tmp" not in result.stderr
    after = os.stat("/dev/full")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_dash_is_standard_output(tmp_path: Path) -> None:
    result = export("-", cwd=tmp_path)
    assert result.returncode == 0 and result.stdout.startswith("id,title")
    assert result.stderr == "" and list(tmp_path.iterdir()) == []


def test_an_empty_name_is_said_to_be_empty() -> None:
    result = export("")
    assert result.returncode == 2 and "der Dateiname ist leer" in result.stderr


def test_a_dangling_symlink_is_refused_without_force(tmp_path: Path) -> None:
    link = tmp_path / "l.csv"
    link.symlink_to(tmp_path / "nowhere.csv")
    result = export(str(link))
    assert result.returncode == 2 and "nowhere.csv" in result.stderr and "--force" in result.stderr
    assert link.is_symlink() and not (tmp_path / "nowhere.csv").exists()
    assert export(str(link), "--force").returncode == 0
    assert link.is_symlink() and (tmp_path / "nowhere.csv").read_text().startswith("id,title")


def test_a_symlink_is_followed_never_replaced(tmp_path: Path) -> None:
    target = tmp_path / "real.csv"
    target.write_text("old")
    link = tmp_path / "link.csv"
    link.symlink_to(target)
    refused = export(str(link))
    assert refused.returncode == 2 and "link.csv" in refused.stderr and target.read_text() == "old"
    assert export(str(link), "--force").returncode == 0
    assert link.is_symlink() and target.read_text().startswith("id,title")


def test_an_overwritten_file_keeps_its_mode(tmp_path: Path) -> None:
    private = tmp_path / "private.csv"
    private.write_text("old")
    private.chmod(0o600)
    assert export(str(private), "--force").returncode == 0
    assert stat.S_IMODE(private.stat().st_mode) == 0o600
    assert private.read_text().startswith("id,title")


def test_a_missing_folder_names_the_users_file(tmp_path: Path) -> None:
    result = export(str(tmp_path / "no" / "x.csv"))
    assert result.returncode == 2 and str(tmp_path / "no") in result.stderr
    assert "Errno" not in result.stderr


# -- the cache ------------------------------------------------------------------------------


def _big(tmp_path: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text("title: Gross\nmilestones:\n" + "".join(
        f"  - {{id: m{i}, title: 'Meilenstein {i}', date: '{1950 + i % 70}/..', kind: K,"
        f" summary: '{'x' * 200}'}}\n" for i in range(400)), encoding="utf-8")
    assert path.stat().st_size >= cache.MIN_BYTES
    return path


def _entry(cache_dir: Path) -> Path:
    (entry,) = sorted(cache_dir.glob("*.db"))
    return entry


@pytest.mark.parametrize("kind", ["fifo", "dev-zero"])
def test_a_cache_entry_that_is_no_file_never_hangs(tmp_path: Path, kind: str) -> None:
    data = _big(tmp_path)
    cache_dir = tmp_path / "cache"
    env = {"KIM_CACHE_DIR": str(cache_dir)}
    first = kim("timeline", "--data", str(data), **env)
    assert first.returncode == 0
    entry = _entry(cache_dir)
    entry.unlink()
    if kind == "fifo":
        os.mkfifo(entry)
    else:
        entry.symlink_to("/dev/zero")
    again = kim("timeline", "--data", str(data), **env)
    assert again.returncode == 0 and again.stdout == first.stdout


def test_a_dataset_named_as_a_fifo_is_refused_without_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "data.yaml"
    os.mkfifo(fifo)
    result = kim("timeline", "--data", str(fifo))
    assert result.returncode == 2 and "Traceback" not in result.stderr


def test_an_edited_cache_entry_is_not_trusted(tmp_path: Path) -> None:
    data = _big(tmp_path)
    cache_dir = tmp_path / "cache"
    env = {"KIM_CACHE_DIR": str(cache_dir)}
    first = kim("export", "-f", "markdown", "--data", str(data), **env)
    assert first.returncode == 0
    entry = _entry(cache_dir)
    import sqlite3

    with sqlite3.connect(entry) as conn:
        conn.execute("update milestones set id = char(27) || '[2Jm0', record = replace(record,"
                     " 'Meilenstein 0', 'Vergiftet') where id = 'm0'")
    again = kim("export", "-f", "markdown", "--data", str(data), **env)
    assert again.returncode == 0 and again.stdout == first.stdout
    assert "\x1b" not in again.stdout and "Vergiftet" not in again.stdout
    secret = cache_dir / "secret.key"
    assert stat.S_IMODE(secret.stat().st_mode) == 0o600


def test_validate_reads_the_source_not_the_cache(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from kimcli.io import loading

    data = _big(tmp_path)
    loading.check(data)  # fills the cache
    parsed: list[str] = []
    real = loading.check_text
    monkeypatch.setattr(loading, "check_text", lambda *a: parsed.append("x") or real(*a))
    loading.check(data, cached=False)
    assert parsed == ["x"]


def test_no_home_runs_without_a_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KIM_CACHE_DIR")
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)

    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert cache.folder() is None
    env = {k: v for k, v in plain_env().items() if k not in ("HOME", "KIM_CACHE_DIR")}
    result = subprocess.run([installed_kim(), "timeline", "--data", str(_big(tmp_path))],
                            capture_output=True, text=True, env=env, timeout=HANG)
    assert result.returncode == 0 and "Traceback" not in result.stderr


def test_a_relative_xdg_cache_home_is_ignored(tmp_path: Path) -> None:
    work = tmp_path / "work"
    work.mkdir()
    home = tmp_path / "home"
    env = {k: v for k, v in plain_env().items() if k != "KIM_CACHE_DIR"}
    env.update(XDG_CACHE_HOME="relative", HOME=str(home))
    result = subprocess.run([installed_kim(), "timeline", "--data", str(_big(tmp_path))],
                            capture_output=True, text=True, env=env, cwd=work, timeout=HANG)
    assert result.returncode == 0
    assert list(work.iterdir()) == []
    assert (home / ".cache" / "kim").is_dir()


def test_concurrent_runs_survive_a_hostile_writer(tmp_path: Path) -> None:
    """20 timelines while the dataset is rewritten and cache entries are corrupted, deleted
    and replaced by FIFOs: every run ends, with the old or the new content, never a mix."""
    data = _big(tmp_path)
    old_text = data.read_text(encoding="utf-8")
    new_text = old_text.replace("Meilenstein", "Etappe")
    cache_dir = tmp_path / "cache"
    env = {"KIM_CACHE_DIR": str(cache_dir)}
    assert kim("timeline", "--data", str(data), **env).returncode == 0
    outputs = {kim("timeline", "--data", str(data), **env).stdout}
    spare = tmp_path / "spare.yaml"
    spare.write_text(new_text, encoding="utf-8")
    os.replace(spare, data)
    outputs.add(kim("timeline", "--data", str(data), **env).stdout)
    assert len(outputs) == 2
    stop = threading.Event()

    def hostile() -> None:
        turn = 0
        while not stop.is_set():
            turn += 1
            spare.write_text(new_text if turn % 2 else old_text, encoding="utf-8")
            os.replace(spare, data)
            for entry in cache_dir.glob("*.db"):
                try:
                    if turn % 3 == 0:
                        entry.unlink()
                        os.mkfifo(entry)
                    elif turn % 3 == 1:
                        fd = os.open(entry, os.O_WRONLY | os.O_NONBLOCK | os.O_TRUNC)
                        os.write(fd, b'{"kim": "x"')
                        os.close(fd)
                    else:
                        entry.unlink()
                except OSError:
                    pass

    writer = threading.Thread(target=hostile)
    writer.start()
    try:
        procs = [subprocess.Popen([installed_kim(), "timeline", "--data", str(data)],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                  env=plain_env(**env)) for _ in range(20)]
        results = [p.communicate(timeout=HANG * 3) for p in procs]
    finally:
        stop.set()
        writer.join()
    for proc, (out, err) in zip(procs, results, strict=True):
        assert proc.returncode == 0, err
        assert "Traceback" not in err
        assert out in outputs


def test_the_cache_entry_is_a_database_with_signed_rows(tmp_path: Path) -> None:
    import sqlite3

    data = _big(tmp_path)
    cache_dir = tmp_path / "cache"
    assert kim("timeline", "--data", str(data), KIM_CACHE_DIR=str(cache_dir)).returncode == 0
    with sqlite3.connect(_entry(cache_dir)) as conn:
        digest, mac = conn.execute("select value, mac from meta where key = 'digest'").fetchone()
    assert len(digest) == 40 and len(mac) == 16


# -- terminal and text ----------------------------------------------------------------------

EVIL = "\x1b]52;c;aGk=\x07\u2060\U000e0041\u00ad\u061c\u180e\ufff9\u2028\u2029\ue000\x1b[2J"


def _unsafe(text: str) -> list[str]:
    return [hex(ord(c)) for c in text if c not in "\t\n"
            and unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cn")]


def _evil_dataset(tmp_path: Path) -> Path:
    evil = json.dumps("Q" + EVIL + "1")
    term = json.dumps("Z" + EVIL + "K")
    text = SMALL.read_text(encoding="utf-8")
    text = (text.replace("Q1:", evil + ":").replace("[Q1]", f"[{evil}]")
            .replace("[Q1, Q2]", f"[{evil}, Q2]").replace("term: ZK", f"term: {term}"))
    path = tmp_path / "evil.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_clean_decides_by_unicode_category() -> None:
    from kimcli.render.inert import clean

    for char in "\u061c\u2060\u180e\U000e0001\U000e007f\ufff9\ufffa\ufffb\u00ad\u2028\u2029\x1b":
        assert _unsafe(clean(f"a{char}b")) == [], hex(ord(char))
    assert clean("Straße – „Zitat“ 🙂\tfrei") == "Straße – „Zitat“ 🙂\tfrei"


@pytest.mark.parametrize("command", [
    "sources", "sources --json", "glossary", "timeline", "show projekt", "show gesetz-alt",
    "search Gesetz", "refs projekt", "validate", "export -f csv", "export -f json",
    "export -f markdown"])
def test_no_command_lets_dataset_text_reach_the_terminal_raw(tmp_path: Path,
                                                             command: str) -> None:
    result = kim(*command.split(), "--data", str(_evil_dataset(tmp_path)))
    assert "Traceback" not in result.stderr
    assert _unsafe(result.stdout) == [] and _unsafe(result.stderr) == []


def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised() -> None:
    import csv
    import io

    from kimcli.export.tabular import cell_of

    for formula in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert cell_of(formula).startswith("'"), formula
    assert cell_of("Gesetz") == "Gesetz"
    row = next(csv.reader(io.StringIO("=HYPERLINK(1)")))
    assert cell_of(row[0]) == "'=HYPERLINK(1)"


@pytest.mark.parametrize("columns", ["0", "1", "5"])
def test_a_tiny_width_counts_as_the_minimum(columns: str) -> None:
    show = kim("show", "projekt", "--data", str(SMALL), COLUMNS=columns)
    assert show.returncode == 0 and "Modellprojekt" in show.stdout
    missing = kim("show", "nichts-da", "--data", str(SMALL), COLUMNS=columns)
    assert missing.returncode == 3 and missing.stderr.strip()
    timeline = kim("timeline", "--data", str(SMALL), COLUMNS=columns)
    assert timeline.returncode == 0
    assert max(len(line) for line in timeline.stdout.splitlines()) >= 10


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_a_narrow_console_encoding_degrades(encoding: str) -> None:
    for command in (["show", "projekt"], ["timeline"], ["show", "projekt", "--json"],
                    ["export", "-f", "csv"], ["show", "nichts-da"]):
        result = subprocess.run([installed_kim(), *command, "--data", str(SMALL)],
                                capture_output=True, env=plain_env(PYTHONIOENCODING=encoding),
                                timeout=HANG)
        assert b"Traceback" not in result.stderr, command
        assert result.returncode in (0, 3) and (result.stdout or result.stderr)


def test_a_failing_pager_is_said(tmp_path: Path) -> None:
    for command in (["timeline"], ["show", "projekt"]):
        result = kim(*command, "--data", str(SMALL), FORCE_COLOR="1", LINES="3",
                     PAGER="false")
        assert result.returncode == 0
        assert "Pager „false“ ist gescheitert" in result.stderr
        assert result.stdout.strip()


@pytest.mark.parametrize("command", ["show projekt", "search Gesetz", "path gesetz-alt projekt",
                                     "timeline", "glossary", "sources"])
def test_piped_output_has_no_trailing_spaces(command: str) -> None:
    result = kim(*command.split(), "--data", str(SMALL))
    assert result.returncode == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if line != line.rstrip()] == []
