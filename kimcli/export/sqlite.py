"""`kim export --format sqlite -o FILE`: the dataset as a SQLite database (docs/SQLITE.md), the
cache's schema without its macs, for Datasette or any SQL tool. A file only: never a stream."""

from __future__ import annotations

import os

from kimcli.domain.dataset import Dataset
from kimcli.errors import UsageError, msg
from kimcli.files import check_replaceable, is_stream, replacing, resolve_target


def write_file(name: str | None, dataset: Dataset, *, force: bool = False) -> None:
    """Write the database to the regular file `name` (through a temporary file renamed into
    place, keeping the mode of a file it replaces; a symlink is followed to its target)."""
    if name is None or name in ("-", "/dev/stdout"):
        raise UsageError(msg("export.sqlite_needs_file"))
    if name == "":
        raise UsageError(msg("file.empty_name"))
    target, info = resolve_target(name, force=force)
    if is_stream(info):
        raise UsageError(msg("export.sqlite_needs_file"))
    check_replaceable(name, info, force=force)
    _write(name, target, dataset, info)


def _write(name: str, target: str, dataset: Dataset, info: os.stat_result | None) -> None:
    import sqlite3

    from kimcli import __version__
    from kimcli.io.store import write_db

    with replacing(name, target, info) as (fd, tmp):
        os.close(fd)  # SQLite opens the file by its name
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            write_db(conn, dataset, [], {"kim": __version__})
            conn.execute("PRAGMA journal_mode = DELETE")
        finally:
            conn.close()
