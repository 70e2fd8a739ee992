"""The `kim` command: one process, one command; the cyclic garbage collector stays off."""

from __future__ import annotations

import gc


def main() -> None:
    # kim runs one command and exits, and its records hold no reference cycles: the cyclic
    # collector would only walk the loaded dataset again and again (a tenth of a second for
    # 10,000 milestones). Reference counting still frees memory as usual.
    gc.disable()
    from kimcli.cli import run

    run()
