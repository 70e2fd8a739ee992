"""The `kim` command: the language is chosen first, so that help texts are built in it."""

from __future__ import annotations

import gc
import os
import sys

from kimcli import labels


def requested_language(argv: list[str]) -> str | None:
    """--lang X or --lang=X anywhere on the command line, else KIM_LANG."""
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return argv[index + 1]
        if arg.startswith("--lang="):
            return arg.split("=", 1)[1]
    return os.environ.get("KIM_LANG")


def main() -> None:
    # kim runs one command and exits, and its records hold no reference cycles: the cyclic
    # collector would only walk the loaded dataset again and again (a tenth of a second for
    # 10,000 milestones). Reference counting still frees memory as usual.
    gc.disable()
    labels.set_language(requested_language(sys.argv[1:]))
    from kimcli.cli import run

    run()
