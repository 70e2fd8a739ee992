"""The cache folder and what every cache file shares: the per-user secret that signs entries,
reading a cache file without blocking, diagnostics as plain values (never pickle). The
entries themselves are SQLite databases (io/store.py), decided by content alone."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kimcli.domain.dataset import Dataset
from kimcli.errors import Diagnostic, KimError, Msg, Severity

if TYPE_CHECKING:
    import hashlib

# Small files load faster than a cache entry would; only larger ones are worth remembering.
MIN_BYTES = 64 * 1024


def folder() -> Path | None:
    """KIM_CACHE_DIR, else the platform's user cache folder; None when KIM_NO_CACHE is set or
    there is no usable home. A relative XDG_CACHE_HOME is ignored, as the XDG spec says."""
    if os.environ.get("KIM_NO_CACHE"):
        return None
    explicit = os.environ.get("KIM_CACHE_DIR")
    if explicit:
        return Path(explicit)
    xdg = os.environ.get("XDG_CACHE_HOME", "")
    base = xdg if os.path.isabs(xdg) else ""
    if os.name == "nt" and os.environ.get("LOCALAPPDATA"):
        base = base or os.path.join(os.environ["LOCALAPPDATA"], "kim")
    if base:
        return Path(base) / "kim"
    try:
        home = Path.home()
    except (RuntimeError, KeyError, OSError):  # no HOME and no passwd entry
        return None
    if not home.is_absolute():
        return None
    return home / ".cache" / "kim"


def blake2b_type() -> type[hashlib.blake2b]:
    """hashlib.blake2b, from CPython's own module where there is one: hashlib (and hmac) load
    OpenSSL, 3–4 ms of every warm run for a hash that does not come from it anyway."""
    try:
        from _blake2 import blake2b as made
    except ImportError:  # another Python
        from hashlib import blake2b as made
    return made  # type: ignore[no-any-return, unused-ignore]


def blake2b(*args: Any, **kwargs: Any) -> hashlib.blake2b:
    return blake2b_type()(*args, **kwargs)


def same_type() -> Callable[[Any, Any], bool]:
    """hmac.compare_digest without importing hmac (see blake2b_type)."""
    try:
        from _operator import _compare_digest
    except ImportError:
        from hmac import compare_digest as _compare_digest  # type: ignore[no-redef, unused-ignore]
    return _compare_digest


def same(a: str | bytes, b: str | bytes) -> bool:
    return bool(same_type()(a, b))


def digest(data: bytes) -> str:
    return blake2b(data, digest_size=20).hexdigest()


def digest_stream(fd: int, size: int) -> str:
    """digest() of a regular file's first `size` bytes, read in chunks from `fd`. The same
    value as digest(bytes) when the file is read whole (a file that grows meanwhile is hashed
    as it was)."""
    from kimcli.io.read import pieces

    h = blake2b(digest_size=20)
    for piece in pieces(fd, size, 1 << 20):
        h.update(piece)
    return h.hexdigest()


# -- a file's identity: git's stat fast path ---------------------------------------------------
# A file whose identity (device, inode, size, mtime, ctime) is exactly the one recorded with a
# digest has that digest, so it need not be hashed again. Only an identity whose times lie
# clearly before the moment it was taken is recorded ("racy" files, written in the same clock
# tick as they were looked at, are hashed every time, as git does): any later write gives the
# file a newer mtime and ctime, and so another identity. A record is signed with the per-user
# secret; anything unusable about it costs a hash, never a wrong answer.
RACY_NS = 2_000_000_000  # the safety margin: above any file system's timestamp granularity
_IDENTITY = "kim-identity-1"


def now_ns() -> int:
    import time

    return time.time_ns()


def identity(info: os.stat_result) -> list[int]:
    return [info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_ctime_ns]


def _identity_file(base: Path, name: str) -> tuple[Path, str]:
    real = os.path.realpath(name)
    key = blake2b(real.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    return base / f"{key}.id", real


def _settled(info: os.stat_result, taken_ns: int) -> bool:
    """Whether the file's times lie clearly before `taken_ns` (its identity is not racy)."""
    return max(info.st_mtime_ns, info.st_ctime_ns) < taken_ns - RACY_NS


def known_digest(name: str, info: os.stat_result) -> str | None:
    """The content digest recorded for exactly this identity of the file `name`, or None."""
    import json

    base = folder()
    if base is None:
        return None
    try:
        secret = _secret(base, create=False)
        if secret is None:
            return None
        path, real = _identity_file(base, name)
        data = _open_regular(path, 1 << 16).decode("ascii")
        body, _, mac = data.rpartition("\n")
        if not same(mac, _mac(secret, body.encode("ascii"))):
            return None
        tag, where, ident, taken, content_digest = json.loads(body)
        if (tag != _IDENTITY or where != real or ident != identity(info)
                or type(taken) is not int or not _settled(info, taken)
                or not isinstance(content_digest, str)):
            return None
        return content_digest
    except (OSError, ValueError, TypeError, UnicodeError):
        return None


def remember(name: str, info: os.stat_result, taken_ns: int, content_digest: str) -> None:
    """Record that the file with identity `info` (looked at, at `taken_ns`, before its bytes
    were read) has `content_digest`; nothing when the identity is racy or cannot be kept."""
    import json
    import tempfile

    base = folder()
    if base is None or not _settled(info, taken_ns):
        return
    try:
        secret = _secret(base, create=True)
        if secret is None:
            return
        path, real = _identity_file(base, name)
        body = json.dumps([_IDENTITY, real, identity(info), taken_ns, content_digest])
        text = f"{body}\n{_mac(secret, body.encode('ascii'))}"
        fd, tmp = tempfile.mkstemp(dir=base, prefix=".", suffix=".id.tmp")
        try:
            with os.fdopen(fd, "w", encoding="ascii") as f:
                f.write(text)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except (OSError, ValueError, UnicodeError):
        return


# An entry is bound to its content by a keyed digest: a per-user random secret kept 0600 in the
# cache folder. An edited entry fails the check and is rebuilt, never trusted.
_SECRET = "secret.key"
_ENTRY_LIMIT = 1 << 30


def _open_regular(path: Path, limit: int) -> bytes:
    """A cache file's bytes: opened without blocking or following links, checked on the
    descriptor to be a regular file, read no further than its size. OSError otherwise."""
    from kimcli.io.read import read_regular

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    fd = os.open(path, flags | getattr(os, "O_BINARY", 0))
    try:
        return read_regular(fd, str(path), limit)
    except KimError:
        raise OSError(f"{path}: not a usable cache file") from None
    finally:
        os.close(fd)


def _secret(base: Path, *, create: bool) -> bytes | None:
    key = base / _SECRET
    try:
        data = _open_regular(key, 64)
        return data if len(data) == 32 else None
    except FileNotFoundError:
        if not create:
            return None
    except OSError:
        return None
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd = os.open(key, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0),
                     0o600)
    except FileExistsError:  # another kim made it meanwhile
        return _secret(base, create=False)
    except OSError:
        return None
    secret = os.urandom(32)
    try:
        os.write(fd, secret)
    finally:
        os.close(fd)
    return secret


def _mac(secret: bytes, body: bytes) -> str:
    return blake2b(body, key=secret, digest_size=32).hexdigest()


# -- diagnostics: codes and parameters, worded when shown -------------------------------------

def _message(m: Msg) -> list[Any]:
    return [m.code, [[k, _message(v) if isinstance(v, Msg) else v] for k, v in m.params]]


def _unmessage(v: list[Any]) -> Msg:
    code, params = v
    return Msg(code, tuple((k, _unmessage(p) if isinstance(p, list) else p) for k, p in params))


def _diagnostic(d: Diagnostic) -> list[Any]:
    return [d.line, d.col, _message(d.message), d.severity.value, [_message(h) for h in d.hints]]


def _undiagnostic(v: list[Any], path: str) -> Diagnostic:
    line, col, message, severity, hints = v
    return Diagnostic(path, line, col, _unmessage(message), Severity(severity),
                      tuple(_unmessage(h) for h in hints))


def search(dataset: Dataset, words: str, limit: int | None = None) -> Any:
    """kim search, with the cache database's index when the dataset was read from it."""
    from kimcli.io.answers import search as answer

    return answer(dataset, words, limit)


def search_index(dataset: Dataset, *, rebuild: bool = False) -> Any:
    """The dataset's whole search index: read from the cache database when the dataset is
    cached there (each row checked), else built. `rebuild` builds it in any case."""
    from kimcli import index

    if dataset.digest and not rebuild:
        from kimcli.io.store import whole_index

        found = whole_index(dataset.path, dataset.digest)
        if found is not None:
            return found
    built = index.build(dataset)
    if dataset.digest:
        from kimcli.io.store import save

        save(dataset.path, dataset.digest, dataset, [], kind="search")
    return built
