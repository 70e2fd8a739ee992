"""The dataset cache: used when valid, rebuilt when the file changes, ignored when broken."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from helpers import assert_in_time_order, said

from kimcli import io as kimio
from kimcli.dates import EDTFDate
from kimcli.io import cache
from kimcli.io import loading as load_module

BIG = "title: Gross\nmilestones:\n" + "".join(
    f"  - {{id: m{i}, title: 'Meilenstein {i} – Einbürgerung', date: '{1950 + i % 70}/..',"
    f" kind: K, summary: '{'x' * 200}',"
    f" key_dates: [{{date: '{1950 + i % 70}-0{1 + i % 9}', label: L}}]}}\n"
    for i in range(400))


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(BIG, encoding="utf-8")
    assert path.stat().st_size >= cache.MIN_BYTES
    return path


def _entries() -> list[Path]:
    base = cache.folder()
    assert base is not None
    return sorted(base.glob("*.db")) if base.exists() else []


def test_hit_gives_the_same_dataset(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = kimio.check(big)
    assert first.dataset is not None and len(_entries()) == 1
    calls: list[str] = []
    monkeypatch.setattr(load_module, "check_text", lambda *a: calls.append("parsed"))  # type: ignore[arg-type, return-value]
    second = kimio.check(big)
    assert calls == []  # answered from the cache, not parsed again
    assert second.dataset == first.dataset and second.diagnostics == first.diagnostics


def test_change_of_content_rebuilds(big: Path) -> None:
    kimio.check(big)
    big.write_text(BIG.replace("m399", "z399"), encoding="utf-8")
    report = kimio.check(big)
    assert report.dataset is not None and report.dataset.milestones[-1].id == "z399"


def test_same_size_same_mtime_different_content_rebuilds(big: Path) -> None:
    kimio.check(big)
    info = big.stat()
    big.write_text(BIG.replace("m398", "q398"), encoding="utf-8")
    os.utime(big, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert big.stat().st_size == info.st_size
    ids = [m.id for m in kimio.load(big).milestones]
    assert "q398" in ids and "m398" not in ids


def test_unreadable_entry_is_ignored_and_replaced(big: Path) -> None:
    kimio.check(big)
    (entry,) = _entries()
    entry.write_text("{not json", encoding="utf-8")
    assert kimio.load(big).milestones[0].id == "m0"
    assert entry.read_bytes().startswith(b"SQLite format 3\x00")


def test_broken_dataset_is_never_cached(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BIG.replace("date: '1950/..'", "date: '1950-13'"), encoding="utf-8")
    assert kimio.check(path).errors
    assert _entries() == []


def test_cache_can_be_switched_off(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KIM_NO_CACHE", "1")
    kimio.check(big)
    monkeypatch.delenv("KIM_NO_CACHE")
    assert _entries() == []


def test_a_cache_hit_runs_no_pickle_or_marshal(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache entry is data, never code: written and read back with pickle unimportable and
    marshal refused to everyone but Python's own import system."""
    import marshal
    import pickle
    import sys

    def refuse(module: str, real: Any) -> Any:
        def call(*args: Any, **kwargs: Any) -> Any:
            caller = sys._getframe(1).f_globals.get("__name__", "")
            if not caller.startswith(("importlib", "_frozen_importlib")):
                raise AssertionError(f"{module}.{real.__name__} called by {caller}")
            return real(*args, **kwargs)
        return call

    for module in (marshal, pickle):
        for name in ("dump", "dumps", "load", "loads"):
            monkeypatch.setattr(module, name, refuse(module.__name__, getattr(module, name)))
    monkeypatch.setattr(pickle, "Unpickler", None)
    monkeypatch.setitem(sys.modules, "pickle", None)  # `import pickle` fails from here on
    first = kimio.check(big)
    assert first.dataset is not None and len(_entries()) == 1
    monkeypatch.setattr(load_module, "check_text", refuse("loading", load_module.check_text))
    second = kimio.check(big)  # answered from the cache: check_text would refuse
    assert second.dataset == first.dataset


def test_warnings_follow_language_and_the_name_given(big: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from kimcli import i18n

    text = BIG.replace("title: Gross\n", "title: Gross\nsources:\n  S1: {title: Q}\n")
    big.write_text(text, encoding="utf-8")
    first = kimio.check(big)
    assert any("zitiert" in said(d) for d in first.warnings)
    i18n.set_language("en")
    try:
        english = kimio.check(big)
        assert any("cited" in said(d) for d in english.warnings)
    finally:
        i18n.set_language("de")
    monkeypatch.chdir(tmp_path)
    relative = kimio.check("big.yaml")
    assert {d.file for d in relative.warnings} == {"big.yaml"}


def test_a_cache_hit_needs_no_yaml_parser(big: Path) -> None:
    """Answered from the cache, kim does not even import PyYAML (start-up time)."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        f"sys.argv = ['kim', 'timeline', '--data', {str(big)!r}]\n"
        "from kimcli import entry\n"
        "try:\n    entry.main()\n"
        "except SystemExit as exc:\n    assert not exc.code, exc.code\n"
        "sys.stderr.write(f'yaml={\"yaml\" in sys.modules}')\n"
    )
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                           check=True).stderr for _ in range(2)]
    assert runs == ["yaml=True", "yaml=False"]  # parsed and cached, then answered from it


def test_time_order_comes_back_from_the_cache(big: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fresh = kimio.load(big)
    order = fresh.chronological()
    assert_in_time_order(order)
    assert sorted(m.id for m in order) == sorted(m.id for m in fresh.milestones)

    def no_sorting(self: object) -> None:
        raise AssertionError("sorted again, not restored from the cache")

    monkeypatch.setattr(EDTFDate, "sort_key", no_sorting)
    cached = kimio.load(big)
    assert cached.chronological() == order


@pytest.mark.parametrize("damage", ["repeat", "negative", "short"])
def test_a_damaged_time_order_is_not_trusted(big: Path, damage: str) -> None:
    import sqlite3

    from kimcli.io import store

    kimio.load(big)
    (entry,) = _entries()
    secret = cache._secret(entry.parent, create=False)
    assert secret is not None
    sign = store.Signer(secret, cache.digest(big.read_bytes()))
    change = {"repeat": "chrono = (select chrono from milestones where pos = 0)",
              "negative": "chrono = -1", "short": "chrono = 400"}[damage]
    with sqlite3.connect(entry) as conn:
        conn.execute(f"update milestones set {change} where pos = 1")
        # Signed as kim would sign it: the store's own checks are what is tested here.
        row = conn.execute("select pos, chrono, id, date, start, end, kind, kind_folded, title,"
                           " disputed, record from milestones where pos = 1").fetchone()
        conn.execute("update milestones set mac = ? where pos = 1", (sign("milestones", row),))
    again = kimio.load(big)
    order = again.chronological()
    assert_in_time_order(order)
    assert sorted(m.id for m in order) == sorted(m.id for m in again.milestones)
