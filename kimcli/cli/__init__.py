"""The terminal face: the Typer app (app.py), shared options (options.py), and the commands by
subject: explore.py, publish.py, reference.py, check.py (importing them registers them, in the
order the help screen lists them)."""

from kimcli.cli import explore, publish, reference, check  # noqa: F401, I001 - the order is the help's
from kimcli.cli.app import app, run

__all__ = ["app", "run"]
