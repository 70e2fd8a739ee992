"""The cache's hash and comparison come from CPython's own modules where they exist, and from
hashlib and hmac otherwise: the same digests, the same verdicts, either way."""

from __future__ import annotations

import hashlib
import hmac
import os
import sys
from pathlib import Path

import pytest

from kimcli.io import cache


@pytest.fixture
def without_private_modules(monkeypatch: pytest.MonkeyPatch) -> None:
    # A module set to None in sys.modules cannot be imported: as on a Python without them.
    monkeypatch.setitem(sys.modules, "_blake2", None)
    fake_operator = type(sys)("_operator")  # a _operator without _compare_digest
    monkeypatch.setitem(sys.modules, "_operator", fake_operator)


def test_private_blake2_gives_hashlibs_digest() -> None:
    data = b"milestones:\n  - id: x\n" * 1000
    assert cache.digest(data) == hashlib.blake2b(data, digest_size=20).hexdigest()


@pytest.mark.usefixtures("without_private_modules")
def test_fallback_to_hashlib_and_hmac() -> None:
    assert cache.blake2b_type() is hashlib.blake2b
    assert cache.same_type() is hmac.compare_digest
    data = b"abc" * 100
    assert cache.digest(data) == hashlib.blake2b(data, digest_size=20).hexdigest()
    assert cache.same(b"same", b"same")
    assert not cache.same(b"same", b"diff")


def test_digest_stream_matches_digest(tmp_path: Path) -> None:
    path = tmp_path / "f"
    data = os.urandom(3 * (1 << 20) + 17)
    with open(path, "wb") as handle:
        handle.write(data)
    fd = os.open(path, os.O_RDONLY)
    try:
        assert cache.digest_stream(fd, len(data)) == cache.digest(data)
    finally:
        os.close(fd)
