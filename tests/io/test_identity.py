"""The cache's stat fast path (issue #16, as git's index does it): a file whose identity is
exactly the one recorded with its digest is not hashed again; any other identity, and any
identity too new to be trusted ("racy"), is hashed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import record_calls

from kimcli import io as kimio
from kimcli.io import cache

BIG = "title: Gross\nmilestones:\n" + "".join(
    f"  - {{id: m{i}, title: 'Meilenstein {i}', date: '{1950 + i % 70}',"
    f" kind: K, summary: '{'x' * 200}'}}\n" for i in range(400))
LATER = 3 * cache.RACY_NS  # a clock this far ahead sees every file's times as settled


@pytest.fixture
def big(tmp_path: Path) -> Path:
    path = tmp_path / "big.yaml"
    path.write_text(BIG, encoding="utf-8")
    assert path.stat().st_size >= cache.MIN_BYTES
    return path


@pytest.fixture
def hashed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes of the files hashed since the fixture was set up."""
    return record_calls(monkeypatch, cache, "digest_stream", lambda fd, size: size)


def later(monkeypatch: pytest.MonkeyPatch) -> None:
    real = cache.now_ns
    monkeypatch.setattr(cache, "now_ns", lambda: real() + LATER)


def identity_files() -> list[Path]:
    base = cache.folder()
    assert base is not None
    return sorted(base.glob("*.id"))


def test_a_settled_file_is_hashed_once_then_known_by_its_identity(
        big: Path, hashed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    first = kimio.check(big)  # hashed, not found: parsed, the database built
    second = kimio.check(big)  # hashed: the digest is found, the identity recorded
    assert len(hashed) == 2 and len(identity_files()) == 1
    third = kimio.check(big)  # known by its identity: not hashed
    assert len(hashed) == 2
    assert first.dataset == second.dataset == third.dataset
    assert third.diagnostics == first.diagnostics


def test_an_edit_that_keeps_size_and_mtime_is_seen_by_its_ctime(
        big: Path, hashed: list[int], monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    kimio.check(big)
    kimio.check(big)
    assert identity_files()
    info = big.stat()
    big.write_text(BIG.replace("m398", "q398"), encoding="utf-8")
    os.utime(big, ns=(info.st_atime_ns, info.st_mtime_ns))  # size and mtime as before
    after = big.stat()
    assert (after.st_size, after.st_mtime_ns) == (info.st_size, info.st_mtime_ns)
    if after.st_ctime_ns == info.st_ctime_ns:  # a clock too coarse to tell them apart
        pytest.skip("ctime did not change")
    before = len(hashed)
    ids = [m.id for m in kimio.load(big).milestones]
    assert "q398" in ids and "m398" not in ids
    assert len(hashed) == before + 1


def test_a_file_rewritten_within_the_racy_window_is_hashed_every_time(
        big: Path, hashed: list[int]) -> None:
    # With the real clock the file was written just now: its identity is never trusted.
    kimio.check(big)
    kimio.check(big)
    kimio.check(big)
    assert len(hashed) == 3 and identity_files() == []
    big.write_text(BIG.replace("m7,", "q7,"), encoding="utf-8")
    ids = [m.id for m in kimio.load(big).milestones]
    assert "q7" in ids and "m7" not in ids


def test_an_identity_recorded_too_soon_after_a_write_is_not_trusted(
        big: Path, hashed: list[int]) -> None:
    info = big.stat()
    digest = cache.digest(big.read_bytes())
    taken = max(info.st_mtime_ns, info.st_ctime_ns) + cache.RACY_NS // 2
    cache.remember(str(big), info, taken, digest)
    assert identity_files() == []  # never written
    settled = max(info.st_mtime_ns, info.st_ctime_ns) + LATER
    cache.remember(str(big), info, settled, digest)
    assert cache.known_digest(str(big), info) == digest
    (record,) = identity_files()
    # A record whose own time says it was taken too soon is not believed either, even signed.
    cache.remember(str(big), info, settled, digest)
    text = record.read_text(encoding="ascii").replace(str(settled), str(taken))
    record.write_text(text, encoding="ascii")
    assert cache.known_digest(str(big), info) is None


@pytest.mark.parametrize("damage", ["edit", "garbage", "fifo", "link", "empty"])
def test_a_damaged_identity_record_costs_a_hash_never_a_wrong_answer(
        big: Path, hashed: list[int], monkeypatch: pytest.MonkeyPatch, damage: str) -> None:
    later(monkeypatch)
    kimio.check(big)
    kimio.check(big)
    (record,) = identity_files()
    text = record.read_text(encoding="ascii")
    record.unlink()
    if damage == "edit":  # another digest, the mac kept
        record.write_text(text.replace('"', '"0', 1), encoding="ascii")
    elif damage == "garbage":
        record.write_bytes(os.urandom(300))
    elif damage == "fifo":
        if not hasattr(os, "mkfifo"):
            pytest.skip("no FIFOs")
        os.mkfifo(record)
    elif damage == "link":
        record.symlink_to(big)
    else:
        record.write_bytes(b"")
    before = len(hashed)
    report = kimio.check(big)
    assert report.dataset is not None and report.dataset.milestones[0].id == "m0"
    assert len(hashed) == before + 1


def test_a_record_names_its_file_and_identity(big: Path, tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    kimio.check(big)
    kimio.check(big)
    info = big.stat()
    assert cache.known_digest(str(big), info) is not None
    copy = tmp_path / "copy.yaml"
    copy.write_bytes(big.read_bytes())
    # Another file: not its record, nor its identity.
    assert cache.known_digest(str(copy), info) is None
    assert cache.known_digest(str(big), copy.stat()) is None


def test_validate_reads_the_source_whole(big: Path, hashed: list[int],
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    later(monkeypatch)
    kimio.check(big)
    kimio.check(big)
    calls: list[str] = []
    from kimcli.io import loading

    real = loading.check_text
    monkeypatch.setattr(loading, "check_text",
                        lambda text, name: (calls.append(name), real(text, name))[1])
    assert kimio.check(big, cached=False).dataset is not None
    assert calls == [str(big)]
