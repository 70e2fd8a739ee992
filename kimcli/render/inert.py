"""Turn untrusted dataset text into inert Rich Text: no markup, no emoji codes, no control bytes."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text

# C0 except tab and newline, DEL, C1, zero-width, bidi embeddings/overrides/isolates, BOM.
UNSAFE_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"<U+{code:04X}>"


def clean(value: str) -> str:
    """The text with every unsafe character replaced by a visible escape."""
    if value.isprintable():  # the usual case, checked in C: nothing to replace
        return value
    return UNSAFE_RE.sub(_escape, value)


def text(value: str, style: str | Style | None = None) -> Text:
    """Dataset text as a Text object: Rich never parses it as markup or emoji."""
    return Text(clean(value), style=style or "")


def is_web_url(url: str) -> bool:
    """http(s), and nothing in it that a terminal or a document could misread."""
    return clean(url) == url and re.match(r"^https?://[^\s<>\"]+$", url, re.IGNORECASE) is not None


def link(url: str, style: str = "") -> Text:
    """A URL, clickable only when it is a plain web address."""
    linked = Style.parse(style or "none") + Style(link=url) if is_web_url(url) else style
    return Text(clean(url), style=linked)
