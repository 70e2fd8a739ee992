"""Where the reader has been: a browser's back and forward over visited milestones."""

from __future__ import annotations


class History:
    """Visited milestone ids and the position in them.

    A jump (a reference followed, a search hit chosen) is a new step and
    drops what lay ahead, as in a web browser. Moving the cursor on the timeline is not a step:
    it changes where the current step stands, so that Back returns to where a jump began.
    """

    def __init__(self, first: str | None = None) -> None:
        self.entries: list[str] = [first] if first else []
        self.index = 0 if first else -1

    @property
    def current(self) -> str | None:
        return self.entries[self.index] if self.index >= 0 else None

    def visit(self, mid: str) -> None:
        """A jump to `mid`: a new step after the current one."""
        if mid == self.current:
            return
        del self.entries[self.index + 1:]
        self.entries.append(mid)
        self.index = len(self.entries) - 1

    def replace(self, mid: str) -> None:
        """The cursor moved to `mid`: the current step now stands there."""
        if self.index < 0:
            self.visit(mid)
        else:
            self.entries[self.index] = mid

    def can_go(self, step: int) -> bool:
        return 0 <= self.index + step < len(self.entries)

    def go(self, step: int) -> str | None:
        """Back (-1) or forward (+1); None at either end. A step to the milestone the reader
        is already on is passed over."""
        here = self.current
        index = self.index + step
        while 0 <= index < len(self.entries) and self.entries[index] == here:
            index += step
        if not 0 <= index < len(self.entries):
            return None
        self.index = index
        return self.entries[index]

    def go_to(self, index: int) -> str | None:
        """Straight to one step of the trail (a click on the breadcrumb)."""
        if not 0 <= index < len(self.entries):
            return None
        self.index = index
        return self.entries[index]
