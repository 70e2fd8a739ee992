"""The floor of the stack: a Typer app that loads 12 rows with PyYAML and prints a Rich table.

kim's start-up is compared against this in benchmarks/run.py.
"""

from __future__ import annotations

import typer
import yaml
from rich.console import Console
from rich.table import Table

ROWS = "\n".join(f"- {{year: {2012 + i}, title: Meilenstein {i}}}" for i in range(12))
app = typer.Typer()


@app.command()
def timeline() -> None:
    rows = yaml.load(ROWS, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    table = Table("Jahr", "Titel")
    for row in rows:
        table.add_row(str(row["year"]), row["title"])
    Console().print(table)


if __name__ == "__main__":
    app()
