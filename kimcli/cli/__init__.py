"""The terminal face: the Typer app (app.py), shared options (options.py), the commands."""

from kimcli.cli import commands as _commands  # noqa: F401 - registers the commands on the app
from kimcli.cli.app import app, run

__all__ = ["app", "run"]
