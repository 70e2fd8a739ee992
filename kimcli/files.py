"""Writing output files: all or nothing, never over a file unless asked, never over a device."""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TextIO

from kimcli.errors import PathError, UsageError, msg

# errno -> catalogue code: the user reads what went wrong in words, never "[Errno 28]".
_REASONS = {
    errno.ENOSPC: "file.no_space",
    errno.EDQUOT: "file.no_space",
    errno.EFBIG: "file.too_big",
    errno.EACCES: "file.denied",
    errno.EPERM: "file.denied",
    errno.EROFS: "file.read_only",
    errno.ENOENT: "file.no_folder",
    errno.ENOTDIR: "file.no_folder",
    errno.EISDIR: "file.is_dir",
    errno.ENAMETOOLONG: "file.name_too_long",
    errno.ENXIO: "file.no_reader",
    errno.EPIPE: "file.no_reader",
}


def failure(name: str, exc: OSError) -> PathError:
    """An OS error while writing `name`, worded by its errno and naming the user's file."""
    code = _REASONS.get(exc.errno or 0)
    if code is None:
        return PathError(name, msg("file.failed", reason=exc.strerror or str(exc)))
    return PathError(name, msg(code))


def write_atomic(name: str, content: str | Iterable[str], *, force: bool = False) -> bool:
    """Write `content` (text, or text in pieces) to the file the user named; True if a file
    was written, False when it went to standard output (`-`).

    A regular file is written through a temporary file in its folder and renamed into place,
    keeping the mode of the file it replaces. A FIFO or character device is written to as a
    stream and never replaced; a symlink is followed to its target, a dangling one only with
    `force`.
    """
    if name == "":
        raise UsageError(msg("file.empty_name"))
    if name in ("-", "/dev/stdout"):
        _write_all(sys.stdout, content)
        sys.stdout.flush()
        return False
    target, info = resolve_target(name, force=force)
    if is_stream(info):
        _stream(name, target, content)
        return True
    check_replaceable(name, info, force=force)
    _replace(name, target, content, info)
    return True


def resolve_target(name: str, *, force: bool) -> tuple[str, os.stat_result | None]:
    """The file an output name leads to, and what is there now (None: nothing yet). A folder
    is refused; a symlink is followed to its target, a dangling one only with `force`."""
    if name.endswith(("/", os.sep)) or os.path.isdir(name):
        raise UsageError(msg("export.is_dir", path=name))
    target = name
    try:
        link = os.lstat(name)
    except FileNotFoundError:
        link = None
    except OSError as exc:
        raise failure(name, exc) from None
    if link is not None and stat.S_ISLNK(link.st_mode):
        if not os.path.exists(name) and not force:
            raise PathError(name, msg("file.dangling", target=os.readlink(name)))
        target = os.path.realpath(name)
    try:
        info: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise failure(name, exc) from None
    return target, info


def is_stream(info: os.stat_result | None) -> bool:
    """A FIFO or a character device: written to as a stream, never replaced."""
    return info is not None and (stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode))


def check_replaceable(name: str, info: os.stat_result | None, *, force: bool) -> None:
    """Only a regular file is ever replaced, and only with `force`."""
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise PathError(name, msg("file.not_regular"))
    if info is not None and not force:
        raise UsageError(msg("export.exists", path=name))


def _stream(name: str, target: str, content: str | Iterable[str]) -> None:
    """A pipe or a device the user named: write into it, never rename over it."""
    try:
        fd = os.open(target, os.O_WRONLY | os.O_APPEND)
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            _write_all(handle, content)
    except OSError as exc:
        raise failure(name, exc) from None


def _replace(name: str, target: str, content: str | Iterable[str],
             info: os.stat_result | None) -> None:
    with replacing(name, target, info) as (fd, _), \
            os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        _write_all(handle, content)


@contextlib.contextmanager
def replacing(name: str, target: str, info: os.stat_result | None
              ) -> Iterator[tuple[int, str]]:
    """A new temporary file in the target's folder (its descriptor, for the block to close,
    and its path) that is renamed over the target when the block ends, with the mode of the
    file it replaces; removed if the block fails, so the target stays as it was."""
    folder = os.path.dirname(target) or "."
    if not os.path.isdir(folder):
        raise UsageError(msg("export.no_folder", path=folder))
    if info is not None:
        mode = stat.S_IMODE(info.st_mode)
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{os.path.basename(target)}.", suffix=".tmp",
                                   dir=folder)
    except OSError as exc:
        raise failure(name, exc) from None
    try:
        yield fd, tmp
        # mkstemp makes the file private: give it the mode of the file it replaces.
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise failure(name, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _write_all(handle: TextIO, content: str | Iterable[str]) -> None:
    if isinstance(content, str):
        handle.write(content)
        return
    for piece in content:
        handle.write(piece)
