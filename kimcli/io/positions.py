"""Line and column as editors count them, for YAML marks and character offsets."""

from __future__ import annotations

from typing import Any


def line_col(text: str, position: int) -> tuple[int, int]:
    """1-based line and column of a character offset; a line ends at LF, CR LF or a lone CR
    (old Mac files), as editors count."""
    line = (text.count("\n", 0, position) + text.count("\r", 0, position)
            - text.count("\r\n", 0, position) + 1)
    start = max(text.rfind("\n", 0, position), text.rfind("\r", 0, position)) + 1
    return line, position - start + 1


class Positions:
    """1-based line and column of a YAML mark, counting lines the way editors do.

    libyaml ends lines at LF, CR LF and a lone CR, as editors do, but also at NEL, LS and PS;
    where the text has any of those, the position is recounted from the mark's character
    offset so that they do not count.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.plain = not any(c in text for c in "\x85\u2028\u2029")

    def of(self, mark: Any) -> tuple[int, int]:
        if mark is None:
            return 0, 0
        if self.plain:
            return mark.line + 1, mark.column + 1
        return line_col(self.text, mark.index)
