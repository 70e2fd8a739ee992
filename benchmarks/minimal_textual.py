"""The floor for `kim browse`: a Textual app with two lines of text and a footer, q to quit.

benchmarks/browse_startup.py times its first screen beside kim browse's.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.widgets import Footer, Static


class Minimal(App[None]):
    BINDINGS: ClassVar[list[BindingType]] = [("q", "quit", "Beenden")]

    def compose(self) -> ComposeResult:
        yield Static("14 von 14 Meilensteinen")
        yield Static("Genauigkeit")
        yield Footer()


if __name__ == "__main__":
    Minimal().run()
