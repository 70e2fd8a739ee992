"""A cache of validated datasets in the user's cache folder: JSON only (never pickle), keyed on
the file's identity and content, rebuilt when either changes, ignored when unreadable."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kimcli import __version__
from kimcli.domain.dataset import Dataset
from kimcli.errors import Diagnostic, KimError, Msg, Severity
from kimcli.io import codec

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


def digest(data: bytes) -> str:
    # Imported here: hashlib loads OpenSSL (3–4 ms), which only runs that use the cache need.
    from hashlib import blake2b

    return blake2b(data, digest_size=20).hexdigest()


def identity(path: str) -> dict[str, Any]:
    real = os.path.realpath(path)
    info = os.stat(real)
    return {"path": real, "dev": info.st_dev, "ino": info.st_ino, "size": info.st_size,
            "mtime_ns": info.st_mtime_ns}


def _entry(path: str, kind: str = "") -> Path | None:
    base = folder()
    if base is None:
        return None
    from hashlib import blake2b

    name = blake2b(os.path.realpath(path).encode("utf-8", "surrogateescape"), digest_size=16)
    return base / f"{name.hexdigest()}{'.' + kind if kind else ''}.json"


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
    from hashlib import blake2b

    return blake2b(body, key=secret, digest_size=32).hexdigest()


def _read(entry: Path, path: str, content_digest: str) -> dict[str, Any] | None:
    """An entry's record if it is for this kim, this file and this content, and was written
    by this user's kim (its keyed digest fits)."""
    import hmac

    secret = _secret(entry.parent, create=False)
    if secret is None:
        return None
    raw = _open_regular(entry, _ENTRY_LIMIT)
    mac, _, body = raw.partition(b"\n")
    if not hmac.compare_digest(mac, _mac(secret, body).encode("ascii")):
        return None
    record = json.loads(body.decode("utf-8"))
    if (not isinstance(record, dict) or record.get("kim") != __version__
            or record.get("format") != _FORMAT or record.get("identity") != identity(path)
            or record.get("digest") != content_digest):
        return None
    return record


def _write(entry: Path, record: dict[str, Any]) -> None:
    """Write an entry atomically; any failure leaves the cache as it was."""
    import tempfile

    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        secret = _secret(entry.parent, create=True)
        if secret is None:
            return
        body = json.dumps(record, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=entry.parent, prefix=".", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(_mac(secret, body).encode("ascii") + b"\n" + body)
            os.replace(tmp, entry)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError:
        return


def lookup(path: str, content_digest: str) -> tuple[Dataset, list[Diagnostic]] | None:
    """The cached dataset and warnings, or None when missing, stale or unreadable."""
    entry = _entry(path)
    if entry is None:
        return None
    try:
        record = _read(entry, path, content_digest)
        if record is None:
            return None
        # Warnings name the file as it was given this time, not as it was the first time.
        diags = [_undiagnostic(d, path) for d in record["diagnostics"]]
        return codec.dataset_from_record(record["dataset"], path, content_digest), diags
    except Exception:
        return None


def store(path: str, content_digest: str, dataset: Dataset, diags: list[Diagnostic]) -> None:
    """Write the entry atomically; any failure leaves the cache as it was."""
    entry = _entry(path)
    if entry is None:
        return
    try:
        ident = identity(path)
    except OSError:  # the file went away meanwhile: nothing to key the entry on
        return
    _write(entry, {"kim": __version__, "format": _FORMAT, "identity": ident,
                   "digest": content_digest, "dataset": codec.dataset_to_record(dataset),
                   "diagnostics": [_diagnostic(d) for d in diags]})


def lookup_extra(path: str, content_digest: str, kind: str) -> Any:
    """Something derived from a cached dataset (its search index), or None."""
    entry = _entry(path, kind)
    if entry is None:
        return None
    try:
        record = _read(entry, path, content_digest)
    except Exception:
        return None
    return None if record is None else record.get("payload")


def store_extra(path: str, content_digest: str, kind: str, payload: Any) -> None:
    entry = _entry(path, kind)
    if entry is None:
        return
    try:
        ident = identity(path)
    except OSError:
        return
    _write(entry, {"kim": __version__, "format": _FORMAT, "identity": ident,
                   "digest": content_digest, "payload": payload})


# -- diagnostics: codes and parameters, worded when shown -------------------------------------

_FORMAT = f"{codec.FORMAT}:{codec.shape()}"


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


def search_index(dataset: Dataset, *, rebuild: bool = False) -> Any:
    """The dataset's search index: from the cache when it holds one for this content, else
    built (and kept there, when the dataset itself is cached). `rebuild` replaces a cached
    index that turned out not to fit."""
    from kimcli import index

    if not dataset.digest:
        return index.build(dataset)
    if not rebuild:
        found = index.from_record(lookup_extra(dataset.path, dataset.digest, "search"))
        if found is not None:
            return found
    built = index.build(dataset)
    store_extra(dataset.path, dataset.digest, "search", index.to_record(built))
    return built


def search(dataset: Dataset, words: str, limit: int | None = None) -> Any:
    """kim search with the cached index; a cached index that does not fit this dataset
    (damaged on disk) is replaced by a new one. A fault of the search itself would fail again,
    and be seen."""
    from kimcli import query
    from kimcli.errors import NotFoundError

    try:
        return query.search(dataset, words, limit, search_index(dataset))
    except NotFoundError:
        raise
    except Exception:
        return query.search(dataset, words, limit, search_index(dataset, rebuild=True))
