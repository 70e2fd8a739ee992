"""Writing output files: all or nothing, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kimcli import labels
from kimcli.errors import UsageError


def write_atomic(path: Path, content: str, *, force: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename it into place."""
    if path.exists() and not force:
        raise UsageError(labels.t("export.exists", path=str(path)))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(labels.t("export.no_folder", path=str(folder)))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
