"""The output folder: refuse what must not be replaced, build beside it, swap at the end."""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from kimcli.site import core


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(target: Path, *, force: bool, keep: Sequence[Path] = ()) -> None:
    """A usable OUTDIR: missing, an empty folder, or (with force) a folder kim may replace.

    Even with force, kim does not replace a root or home folder, nor a folder holding the
    current directory or a file it was asked to read (`keep`)."""
    name = str(target)
    if target.exists() and not target.is_dir():
        raise core.UsageError(core.msg("site.not_folder", path=name))
    parent = target.parent if str(target.parent) else Path(".")
    if not parent.is_dir():
        raise core.UsageError(core.msg("export.no_folder", path=str(parent)))
    if not target.exists() or not any(target.iterdir()):
        return
    if not force:
        raise core.UsageError(core.msg("site.not_empty", path=name))
    resolved = target.resolve()
    precious = [Path(resolved.anchor)]
    with contextlib.suppress(RuntimeError, KeyError):  # no home folder known: nothing to keep
        precious.append(Path.home().resolve())
    if resolved in precious or _inside(Path.cwd().resolve(), resolved) or any(
            _inside(Path(p).resolve(), resolved) for p in keep):
        raise core.UsageError(core.msg("site.refused", path=name))


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A new, empty folder beside `target`; when the block succeeds it becomes `target`
    (an old folder there is removed only after the new one is in place)."""
    parent = target.parent if str(target.parent) else Path(".")
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".new", dir=parent))
    try:
        yield staging
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(staging, 0o777 & ~umask)  # mkdtemp makes it private; a site is not
        _swap(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _swap(staging: Path, target: Path) -> None:
    if not target.exists() or (target.is_dir() and not any(target.iterdir())):
        os.replace(staging, target)  # onto an empty folder too: one rename
        return
    old = staging.with_name(f".{target.name}.{secrets.token_hex(6)}.old")
    os.rename(target, old)
    try:
        os.rename(staging, target)
    except BaseException:
        os.rename(old, target)
        raise
    shutil.rmtree(old, ignore_errors=True)
