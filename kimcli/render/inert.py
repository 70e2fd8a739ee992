"""Turn untrusted dataset text into inert Rich Text: no markup, no emoji codes, no control bytes."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.style import Style
    from rich.text import Text

# The one rule for what never reaches a terminal, a JSON text or an export raw: control and
# format characters (C0, C1, bidi controls, zero-width, soft hyphen, tag characters, U+FFF9-B),
# line and paragraph separators, private-use and unassigned code points. Tab and newline stay.
UNSAFE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Co", "Cn"})
_KEPT = frozenset("\t\n")


def is_unsafe(char: str) -> bool:
    import unicodedata  # only for text that is not printable as it is: most runs never need it

    return char not in _KEPT and unicodedata.category(char) in UNSAFE_CATEGORIES


def replace_unsafe(value: str, escape: Callable[[str], str]) -> str:
    """The text with each unsafe character replaced by `escape(char)`."""
    if value.isprintable() or value.replace("\n", " ").replace("\t", " ").isprintable():
        return value  # the usual case, checked in C: nothing to replace
    return "".join(escape(c) if is_unsafe(c) else c for c in value)


def _escape(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def json_escape(char: str) -> str:
    """A JSON string escape for one character (a surrogate pair beyond the BMP)."""
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def clean(value: str) -> str:
    """The text with every unsafe character replaced by a visible escape."""
    return replace_unsafe(value, _escape)


def text(value: str, style: str | Style | None = None) -> Text:
    """Dataset text as a Text object: Rich never parses it as markup or emoji."""
    from rich.text import Text

    return Text(clean(value), style=style or "")


def is_web_url(url: str) -> bool:
    """http(s), and nothing in it that a terminal or a document could misread."""
    return clean(url) == url and re.match(r"^https?://[^\s<>\"]+$", url, re.IGNORECASE) is not None


def link(url: str, style: str = "") -> Text:
    """A URL, clickable only when it is a plain web address."""
    from rich.style import Style
    from rich.text import Text

    linked = Style.parse(style or "none") + Style(link=url) if is_web_url(url) else style
    return Text(clean(url), style=linked)
