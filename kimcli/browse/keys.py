"""Every key of `kim browse` in one table: the bindings, the footer, the help and the README."""

from __future__ import annotations

from typing import NamedTuple

from textual.binding import Binding

from kimcli.browse import core


class Key(NamedTuple):
    display: str  # as the help screen and the README name it
    label: str  # the label key of what it does
    keys: str = ""  # Textual key names bound on the main screen; "" where a widget handles it
    action: str = ""
    footer: str = ""  # how the footer shows the key, if it does (with browse.footer.<action>)


KEYS: tuple[Key, ...] = (
    Key("↑ ↓  k j", "browse.key.move"),
    Key("PgUp PgDn", "browse.key.page"),
    Key("Home End", "browse.key.ends"),
    Key("Enter", "browse.key.enter"),
    Key("Tab  Shift+Tab", "browse.key.tab"),
    Key("r", "browse.key.refs", "r", "refs"),
    Key("Backspace  Alt+←", "browse.key.back", "backspace,alt+left", "history_back", "⌫"),
    Key("Alt+→", "browse.key.forward", "alt+right", "history_forward"),
    Key("/", "browse.key.search", "slash", "search", "/"),
    Key("f", "browse.key.filter", "f", "filter", "f"),
    Key("x", "browse.key.clear", "x", "clear", "x"),
    Key("s", "browse.key.sources", "s", "sources", "s"),
    Key("c", "browse.key.copy"),
    Key("z", "browse.key.maximize", "z", "maximize"),
    Key("?", "browse.key.help", "question_mark", "help", "?"),
    Key("Esc", "browse.key.escape", "escape", "escape"),
    Key("q", "browse.key.quit", "q", "quit", "q"),
    Key("browse.mouse", "browse.key.mouse"),
)


def bindings() -> list[Binding]:
    """The main screen's bindings, described in the reader's language (built when the screen
    class is made, so a language chosen at run time applies)."""
    return [Binding(k.keys, "app." + k.action,
                    core.t("browse.footer." + k.action.removeprefix("history_"))
                    if k.footer else "",
                    show=bool(k.footer), key_display=k.footer or None)
            for k in KEYS if k.keys]


def help_rows() -> list[tuple[str, str]]:
    return [(core.t(k.display) if k.display.startswith("browse.") else k.display, core.t(k.label))
            for k in KEYS]
