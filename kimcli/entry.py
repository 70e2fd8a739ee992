"""The `kim` command: Ctrl-C handled from the first instant; the cyclic collector stays off."""

from __future__ import annotations

import signal
from types import FrameType

INTERRUPTED = 130  # kimcli.errors.ExitCode.INTERRUPTED, without importing it first


def _interrupted(signum: int, frame: FrameType | None) -> None:
    # Ctrl-C ends kim with 130 and no traceback, wherever it lands: while Python imports Typer
    # and Rich, while Click parses the command line (where a KeyboardInterrupt would become
    # "Aborted!" and 1), or in a command. SystemExit still runs `finally` blocks on its way out.
    raise SystemExit(INTERRUPTED)


def main() -> None:
    # Before anything heavy is imported: the first tenth of a second is spent importing.
    try:
        previous = signal.signal(signal.SIGINT, _interrupted)
    except ValueError:  # not the main thread (kim run from another program): signals are its
        previous = None
    try:
        import gc

        # kim runs one command and exits, and its records hold no reference cycles: the cyclic
        # collector would only walk the loaded dataset again and again (a tenth of a second for
        # 10,000 milestones). Reference counting still frees memory as usual.
        gc.disable()
        from kimcli.cli import run

        run()
    finally:
        if previous is not None:  # None too for a handler set outside Python: nothing to put back
            signal.signal(signal.SIGINT, previous)
