"""Writing output files: all or nothing, and never over an existing file unless asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from kimcli.errors import UsageError, msg


def write_atomic(name: str, content: str, *, force: bool = False) -> None:
    """Write through a temporary file in the same folder, then rename it into place."""
    path = Path(name)
    if not name or name.endswith(("/", os.sep)) or path.is_dir():
        raise UsageError(msg("export.is_dir", path=name))
    if path.exists() and not force:
        raise UsageError(msg("export.exists", path=str(path)))
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UsageError(msg("export.no_folder", path=str(folder)))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(content)
        # mkstemp makes the file private; a written export gets the usual permissions.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
