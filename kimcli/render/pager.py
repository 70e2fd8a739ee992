"""Long output through a pager when stdout is a terminal, like git: PAGER and LESS respected."""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
from collections.abc import Iterator

from rich.console import Console

_enabled = True
# The pager command and its exit status when it failed (PAGER=false): the caller says so.
failure: tuple[str, int] | None = None


def set_enabled(enabled: bool) -> None:
    global _enabled
    _enabled = enabled


def wanted(console: Console, lines: int) -> bool:
    """Page only a terminal, only when asked to (not --no-pager, PAGER not empty), only when
    the output is taller than the screen."""
    if not _enabled or not console.is_terminal or os.environ.get("PAGER") == "":
        return False
    return lines > console.height


@contextlib.contextmanager
def paged(console: Console) -> Iterator[Console]:
    """A console whose output goes to the pager; the plain console if no pager can start."""
    global failure
    failure = None
    env = dict(os.environ)
    env.setdefault("LESS", "FRX")  # quit if one screen, keep colours, leave the screen as is
    try:
        import shlex

        command = shlex.split(os.environ.get("PAGER") or "less")
        proc = subprocess.Popen(command, stdin=subprocess.PIPE, env=env)
    except (OSError, ValueError, IndexError):  # no such pager, or PAGER is not a command line
        yield console
        return
    assert proc.stdin is not None
    stream = io.TextIOWrapper(proc.stdin, encoding="utf-8", errors="replace", write_through=True)
    pager_console = Console(file=stream, width=console.width, height=console.height,
                            force_terminal=True,
                            color_system=console.color_system,  # type: ignore[arg-type]
                            no_color=console.no_color, highlight=False, markup=False,
                            emoji=False)
    try:
        yield pager_console
    except BrokenPipeError:
        pass  # the reader quit the pager early
    finally:
        with contextlib.suppress(BrokenPipeError, OSError):
            stream.close()
        code = proc.wait()
        # 128 + SIGPIPE or a quit key are the reader's choice; other failures are not.
        if code not in (0, 141, -13):
            failure = (" ".join(command), code)
