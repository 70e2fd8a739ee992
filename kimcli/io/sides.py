"""The two sides of `kim diff`: a dataset file, or a file at a git revision (`git:REV:PATH`)."""

from __future__ import annotations

import os
import shutil
import subprocess

from kimcli.domain.dataset import Dataset
from kimcli.errors import DataError, PathError, msg
from kimcli.io.loading import check_text, load
from kimcli.io.read import MAX_BYTES, decode

PREFIX = "git:"


def read_side(side: str) -> Dataset:
    """The checked dataset of one side; PathError (usage) when it cannot be read at all,
    DataError with FILE:LINE:COL diagnostics when it is broken."""
    if not side.startswith(PREFIX):
        return load(side)
    rev, sep, path = side[len(PREFIX):].partition(":")
    if not sep or not rev or not path:
        raise PathError(side, msg("diff.git_form"))
    report = check_text(decode(git_blob(side, rev, path), side), side)
    if report.dataset is None:
        raise DataError(report.errors)
    return report.dataset


def _git(*args: str) -> subprocess.CompletedProcess[bytes]:
    env = dict(os.environ, LC_ALL="C", GIT_PAGER="cat")
    return subprocess.run(["git", *args], capture_output=True, check=False, env=env)


def git_blob(side: str, rev: str, path: str) -> bytes:
    """The bytes of `path` at `rev` in the repository of the current folder (a path relative to
    the current folder, as `git show REV:./PATH` reads it)."""
    if shutil.which("git") is None:
        raise PathError(side, msg("diff.no_git"))
    if _git("rev-parse", "--git-dir").returncode != 0:
        raise PathError(side, msg("diff.not_repo"))
    if rev.startswith("-") or _git("rev-parse", "--verify", "--quiet",
                                   f"{rev}^{{commit}}").returncode != 0:
        raise PathError(side, msg("diff.bad_rev", rev=rev))
    spec = f"{rev}:{path if path.startswith(('./', '../', '/')) else './' + path}"
    if _git("cat-file", "-e", spec).returncode != 0:
        raise PathError(side, msg("diff.no_path", rev=rev, path=path))
    shown = _git("show", spec)
    if shown.returncode != 0:
        reason = shown.stderr.decode("utf-8", "replace").strip()
        raise PathError(side, msg("load.unreadable", reason=reason))
    if len(shown.stdout) > MAX_BYTES:
        raise PathError(side, msg("load.too_large", size=len(shown.stdout), limit=MAX_BYTES))
    return shown.stdout
