"""Bytes in: the bundled dataset's path, and a file's bytes and text read safely."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

from kimcli.errors import DataError, Diagnostic, PathError, msg

MAX_BYTES = 256 * 1024 * 1024


def default_data_path() -> Path:
    """The bundled dataset: inside the installed package, or data/ in a source checkout."""
    here = Path(__file__).resolve().parent.parent
    installed = here / "data" / "kim.yaml"
    if installed.is_file():
        return installed
    return here.parent / "data" / "kim.yaml"


def read_text(path: str | os.PathLike[str]) -> str:
    """The file as text; PathError for unusable paths, DataError for bad bytes."""
    name = os.fspath(path)
    return decode(read_bytes(name), name)


def read_bytes(name: str) -> bytes:
    """The file's bytes, refusing directories, devices, FIFOs and oversized files up front.

    The file is opened without blocking and checked on the opened descriptor, so a path that
    turns into a FIFO or a device between a look and the read never hangs kim."""
    if name == "":
        raise PathError(name, msg("file.empty_name"))
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise PathError(name, msg("load.not_found")) from None
    except IsADirectoryError:
        raise PathError(name, msg("load.is_dir")) from None
    except OSError as exc:
        raise PathError(name, msg("load.unreadable", reason=exc.strerror or str(exc))) from None
    try:
        return read_regular(fd, name)
    finally:
        os.close(fd)


def read_regular(fd: int, name: str, limit: int = MAX_BYTES) -> bytes:
    """At most `limit` bytes of an opened regular file, never more than its size; PathError
    for anything else (a folder, a FIFO, a device)."""
    info = os.fstat(fd)
    if stat.S_ISDIR(info.st_mode):
        raise PathError(name, msg("load.is_dir"))
    if not stat.S_ISREG(info.st_mode):
        raise PathError(name, msg("load.not_regular"))
    if info.st_size > limit:
        raise PathError(name, msg("load.too_large", size=info.st_size, limit=limit))
    try:
        return b"".join(pieces(fd, info.st_size))
    except OSError as exc:
        raise PathError(name, msg("load.unreadable", reason=exc.strerror or str(exc))) from None


def pieces(fd: int, size: int, step: int = 1 << 24) -> Iterator[bytes]:
    """The first `size` bytes of an open file, a piece at a time; fewer if it ends sooner (a
    file that grows meanwhile is read as it was)."""
    left = size
    while left > 0:
        piece = os.read(fd, min(left, step))
        if not piece:
            return
        yield piece
        left -= len(piece)


def decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A line ends at LF, CR LF or a lone CR (old Mac files), as editors count.
        at = exc.start
        line = data.count(b"\n", 0, at) + data.count(b"\r", 0, at) - data.count(b"\r\n", 0, at) + 1
        col = at - (max(data.rfind(b"\n", 0, at), data.rfind(b"\r", 0, at)) + 1) + 1
        message = msg("load.not_utf8", byte=data[exc.start])
        raise DataError([Diagnostic(name, line, col, message)]) from None
    return text[1:] if text.startswith("\ufeff") else text
