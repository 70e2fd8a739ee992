"""Paragraphs of styled runs (a match highlighted inside its text) for the layout engine, and
a table of such cells laid out before it is drawn."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from kimcli.render.layout import Cell, Columns, Para, Rows, Span, wrap_sized


def wrap_runs(runs: Sequence[Para], width: int) -> list[Span]:
    """Runs of (text, style) wrapped as one paragraph, as wrap() wraps their joined text:
    each line's fragments keep the styles of their characters. Blanks are folded as wrap()
    folds them, a run of them to one."""
    chars: list[str] = []
    styles: list[str] = []
    for value, style in runs:
        for char in value:
            if char.isspace():
                if not chars or chars[-1] == " ":
                    continue
                char = " "
            chars.append(char)
            styles.append(style)
    while chars and chars[-1] == " ":
        chars.pop()
        styles.pop()
    text = "".join(chars)
    out: list[Span] = []
    pos = 0
    for line, size in wrap_sized(text, width):
        if not text.startswith(line, pos):  # the blank the line was broken at
            pos += 1
        fragments: list[Para] = []
        start = pos
        for i in range(pos + 1, pos + len(line) + 1):
            if i == pos + len(line) or styles[i] != styles[start]:
                fragments.append((text[start:i], styles[start]))
                start = i
        out.append((line, tuple(fragments) or (("", ""),), size))
        pos += len(line)
    return out


class LaidRows(Rows):
    """A table whose rows come laid out already: each cell its wrapped lines (spans), as
    wrapped() and wrap_runs() make them for the cell's column."""

    def __init__(self, widths: Sequence[int], laid: Sequence[Columns],
                 header: Sequence[Cell] | None = None, caption: str | None = None) -> None:
        super().__init__(widths, [], header, caption)
        self.laid = laid

    def _count(self) -> int:
        return len(self.laid)

    def _part(self, start: int, size: int, last: bool) -> Rows:
        return LaidRows(self.widths, self.laid[start:start + size],
                        self.header if start == 0 else None, self.caption if last else None)

    def _body(self) -> Iterator[Columns]:
        yield from self.laid
