"""Bytes in: the bundled dataset's path, and a file's bytes and text read safely."""

from __future__ import annotations

import os
import stat
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
    """The file's bytes, refusing directories, devices, FIFOs and oversized files up front."""
    try:
        info = os.stat(name)
    except FileNotFoundError:
        raise PathError(name, msg("load.not_found")) from None
    except OSError as exc:
        raise PathError(name, msg("load.unreadable", reason=exc.strerror or str(exc))) from None
    if stat.S_ISDIR(info.st_mode):
        raise PathError(name, msg("load.is_dir"))
    if not stat.S_ISREG(info.st_mode):
        raise PathError(name, msg("load.not_regular"))
    if info.st_size > MAX_BYTES:
        raise PathError(name, msg("load.too_large", size=info.st_size, limit=MAX_BYTES))
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise PathError(name, msg("load.unreadable", reason=exc.strerror or str(exc))) from None
    if len(data) > MAX_BYTES:
        raise PathError(name, msg("load.too_large", size=len(data), limit=MAX_BYTES))
    return data


def decode(data: bytes, name: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        col = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        message = msg("load.not_utf8", byte=data[exc.start])
        raise DataError([Diagnostic(name, line, col, message)]) from None
    return text[1:] if text.startswith("\ufeff") else text
