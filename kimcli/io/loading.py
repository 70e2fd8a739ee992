"""A dataset file to a checked Dataset: read, parse, build, cross-check, with the cache."""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from collections.abc import Iterator
from dataclasses import dataclass, field

from kimcli.domain.dataset import Dataset
from kimcli.errors import DataError, Diagnostic
from kimcli.io.read import decode, read_bytes


@dataclass
class Report:
    """The outcome of checking a file: the dataset if it has no errors, and all diagnostics."""

    path: str
    dataset: Dataset | None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.is_error]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if not d.is_error]


def load(path: str | os.PathLike[str], *, lazy: bool = False) -> Dataset:
    """Load and validate; raise DataError with every error if the dataset is not usable.
    `lazy`: a dataset from the cache database may be read row by row as questions need it."""
    report = check(path, lazy=lazy)
    if report.dataset is None:
        raise DataError(report.errors)
    return report.dataset


def check(path: str | os.PathLike[str], *, cached: bool = True, lazy: bool = False) -> Report:
    """Validate a file and return all diagnostics; raises only PathError. `cached=False`
    (kim validate) reads the source only: the cache is an accelerator, never an authority.
    The cache is decided by content: whatever the file's timestamps, the same bytes are
    answered from the same database."""
    from kimcli.io import cache

    name = os.fspath(path)
    if cached and cache.folder() is not None:
        hit = _from_cache(name, lazy)
        if hit is not None:
            return hit
    data = read_bytes(name)
    use_cache = cached and len(data) >= cache.MIN_BYTES and cache.folder() is not None
    if use_cache:
        from kimcli.io import store

        content_digest = cache.digest(data)
    try:
        text = decode(data, name)
    except DataError as exc:
        return Report(name, None, exc.diagnostics)
    del data  # the text is all that is needed now; large files need the memory
    report = check_text(text, name)
    if use_cache and report.dataset is not None:
        store.save(name, content_digest, report.dataset, report.diagnostics)
        dataset = dataclasses.replace(report.dataset, digest=content_digest)
        # What the save worked out (the time order, sorted once) is the same for the copy.
        for kept in ("_chronological", "_by_id"):
            if kept in report.dataset.__dict__:
                object.__setattr__(dataset, kept, report.dataset.__dict__[kept])
        report = Report(name, dataset, report.diagnostics)
    return report


def _from_cache(name: str, lazy: bool) -> Report | None:
    """The report from the cache for a regular file of the cache's size, or None: then the
    file is read as always. A file whose identity is exactly one recorded with its digest is
    not read at all (cache.known_digest); any other is hashed as it is read (the bytes are
    never all held), and its identity recorded when the cache has its digest."""
    import stat

    from kimcli.io import cache

    taken = cache.now_ns()  # before the file is looked at: see cache.remember
    try:
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size < cache.MIN_BYTES:
            return None
        known = cache.known_digest(name, info)
        if known is not None:
            hit = _lookup(name, known, lazy)
            if hit is not None:
                return hit
        content_digest = cache.digest_stream(fd, info.st_size)
    except OSError:
        return None
    finally:
        os.close(fd)
    hit = _lookup(name, content_digest, lazy)
    if hit is not None and known != content_digest:
        cache.remember(name, info, taken, content_digest)
    return hit


def _lookup(name: str, content_digest: str, lazy: bool) -> Report | None:
    from kimcli.io import store

    with _gc_paused():
        hit = store.lookup(name, content_digest, lazy=lazy)
    return None if hit is None else Report(name, hit[0], hit[1])


@contextlib.contextmanager
def _gc_paused() -> Iterator[None]:
    """Building millions of small objects triggers the cyclic collector again and again for
    nothing (the records hold no cycles): pausing it more than halves load time. The `kim`
    command pauses it for the whole run (kimcli.entry); this is for library callers."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def check_text(text: str, name: str) -> Report:
    from kimcli.io.build import Builder
    from kimcli.io.yamltree import parse

    with _gc_paused():
        try:
            root = parse(text, name)
        except DataError as exc:
            return Report(name, None, exc.diagnostics)
        builder = Builder(name)
        dataset = builder.build(root)
    diags = sorted(builder.diags, key=lambda d: (d.line, d.col, d.message))
    if any(d.is_error for d in diags):
        dataset = None
    return Report(name, dataset, diags)
