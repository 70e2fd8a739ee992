"""`kim graph` at the terminal: Rich's tree of milestones and references, drawn line by line.

Rich's Tree measures and lays out every node through many layers and is held whole until it is
printed: 10,000 milestones took seconds and 100,000 more than a gigabyte. The tree here has
two fixed levels (a milestone, its references), so its lines are made as they are written, with
Rich's own guides, styles and word wrapping (rich._wrap.divide_line, then the steps of
Text.wrap); a label with characters that are not one cell wide, tabs or line breaks is wrapped
by Rich itself. tests/render/test_graph_stream.py holds the output equal to Rich's Tree.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from itertools import pairwise

from rich.cells import get_character_cell_size
from rich.console import Console, RenderableType
from rich.segment import Segment, Segments
from rich.style import Style
from rich.styled import Styled
from rich.text import Text

from kimcli import i18n
from kimcli.dates import EDTFDate
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Milestone
from kimcli.i18n.texts import date_of, rel_label, title_of
from kimcli.render.inert import clean
from kimcli.render.layout import DATE_BLANK, KeepWhole, date_parts

# Rich's tree guides (rich/tree.py): by index SPACE, CONTINUE, FORK, END; normal, bold, double.
_SPACE, _CONTINUE, _FORK, _END = range(4)
_GUIDES = (("    ", "│   ", "├── ", "└── "), ("    ", "┃   ", "┣━━ ", "┗━━ "),
           ("    ", "║   ", "╠══ ", "╚══ "))
_ASCII_GUIDES = ("    ", "|   ", "+-- ", "`-- ")
_TRAILING_SPACE = re.compile(r"\s+$")  # as Text.rstrip_end finds it
_WORD = re.compile(r"(\s*\S+)\s*")  # rich._wrap's words, their trailing space apart
_PROBE = "\ue001"  # stands for a text while a style's escape codes are worked out

# A milestone as the graph shows it: id, date label, title, and its references as
# (relation label, target id). Only these are kept of each milestone.
Row = tuple[str, str, str, tuple[tuple[str, str], ...]]
# A label's styles: (end offset, style) runs, in order, over its text.
Runs = Sequence[tuple[int, Style]]


class GraphTree:
    """The graph of `items` (every milestone in time order): what each milestone shows is read
    once (a cached dataset's milestones streamed, none kept), and chunks() draws the tree."""

    def __init__(self, dataset: Dataset, items: Sequence[Milestone]) -> None:
        stream = getattr(items, "stream", None)
        source = stream() if stream is not None else items
        computed: dict[EDTFDate, str] = {}
        labels: dict[str, str] = {}
        rows: list[Row] = []
        for m in source:
            refs = []
            for r in m.refs:
                label = labels.get(r.rel)
                if label is None:
                    label = labels[r.rel] = rel_label(dataset.relation(r.rel))
                refs.append((label, r.to))
            rows.append((m.id, date_of(m, computed), title_of(m), tuple(refs)))
        self.dataset, self.rows = dataset, rows
        self.titles = {row[0]: row[2] for row in rows}
        self.targets = {to for row in rows for _, to in row[3]}

    def _title(self, mid: str) -> str:
        found = self.titles.get(mid)
        if found is None:  # a milestone not shown: the dataset's own, or its id
            m = self.dataset.by_id().get(mid)
            found = self.titles[mid] = title_of(m) if m is not None else mid
        return found

    def chunks(self, console: Console, size: int = 256) -> Iterator[str]:
        """The tree as the console would print it, in pieces of whole lines."""
        draw = _Drawer(console)
        out = draw.root(i18n.t("graph.title"))
        isolated = i18n.t("graph.isolated")
        last_row = len(self.rows) - 1
        for n, (mid, date, title, refs) in enumerate(self.rows):
            last = n == last_row
            out += draw.milestone(clean(date), clean(title), clean(mid), last)
            for k, (rel, to) in enumerate(refs):
                out += draw.reference(clean(rel), clean(self._title(to)), clean(to), last,
                                      k == len(refs) - 1)
            if not refs and mid not in self.targets:
                out += draw.isolated(isolated, last)
            if len(out) >= size or last:
                yield "".join(out)
                out = []
        if out:
            yield "".join(out)


class _Drawer:
    """Lines of the tree as text for one console: escape codes as the console writes them,
    guides as Rich's Tree draws them (a root, milestones, their references)."""

    def __init__(self, console: Console) -> None:
        self.console, self.width = console, console.width
        self.codes: dict[Style | None, tuple[str, str]] = {None: ("", "")}
        self.single: set[str] = set()  # characters known to be one cell wide
        self.masks: dict[str, list[str]] = {}
        get = console.get_style
        # The styles Rich's Tree gives each level (its style and guide-style stacks).
        tree, dim = get("tree"), get("dim")
        self.node = (tree + tree, tree + tree + tree, tree + tree + tree + tree)
        level_guides = (dim + dim, dim + dim + dim)
        styles = {name: get(name) for name in ("bold", "cyan", "dim", "italic")}
        # Each label's styles as Text.render combines them and Styled adds the node's style.
        self.style: dict[tuple[int, str], Style] = {}
        for depth, names in ((0, "bold"), (1, "cyan"), (1, "cyan bold"), (1, "cyan dim"),
                             (2, "italic"), (2, "italic dim"), (2, "dim")):
            style, node = Style.combine(styles[n] for n in names.split()), self.node[depth]
            self.style[depth, names] = node + style if node else style
        options = console.options
        self.guides: list[tuple[str, ...]] = []
        for depth, style in enumerate(level_guides):
            kind = 1 if style.bold else (2 if style.underline2 else 0)
            texts = (_ASCII_GUIDES if options.ascii_only
                     else _GUIDES[0 if options.legacy_windows else kind])
            (shown,) = Segment.apply_style([Segment("", style)],
                                           self.node[depth + 1].background_style,
                                           post_style=Style(bold=False, underline2=False))
            self.guides.append(tuple(self.paint(t, shown.style) for t in texts))

    # -- styles --------------------------------------------------------------------------

    def paint(self, value: str, style: Style | None) -> str:
        """The text with the style's escape codes, as the console renders one segment."""
        codes = self.codes.get(style)
        if codes is None:
            console = self.console
            with console.capture() as capture:
                console.print(Segments([Segment(_PROBE, style)]), crop=False, end="")
            before, _, after = capture.get().partition(_PROBE)
            codes = self.codes[style] = (before, after.removesuffix("\n"))
        return codes[0] + value + codes[1] if value else ""

    # -- the levels ------------------------------------------------------------------------

    def root(self, title: str) -> list[str]:
        runs = [(len(title), self.style[0, "bold"])]
        return self._node(0, title, runs, (), ("", ""), lambda: Text(title, style="bold"))

    def milestone(self, date: str, title: str, mid: str, last: bool) -> list[str]:
        plain = f"{date} {title} ({mid})"
        runs = [(len(date) + 1, self.style[1, "cyan"]),
                (len(date) + 1 + len(title), self.style[1, "cyan bold"]),
                (len(plain), self.style[1, "cyan dim"])]

        def label() -> RenderableType:
            head = Text(date, style="cyan")
            head.append(" ")
            head.append_text(Text(title, style="bold"))
            head.append_text(Text(f" ({mid})", style="dim"))
            return KeepWhole(head, date)

        guides = self.guides[0]
        prefix = (guides[_END if last else _FORK], guides[_SPACE if last else _CONTINUE])
        return self._node(1, plain, runs, (date,), prefix, label)

    def reference(self, rel: str, title: str, to: str, parent_last: bool, last: bool
                  ) -> list[str]:
        plain = f"{rel} → {title} ({to})"
        shown = len(rel) + 3 + len(title)
        runs = [(shown, self.style[2, "italic"]), (len(plain), self.style[2, "italic dim"])]

        def label() -> RenderableType:
            line = Text(rel, style="italic")
            line.append(" → ")
            line.append_text(Text(title))
            line.append_text(Text(f" ({to})", style="dim"))
            return line

        return self._node(2, plain, runs, (), self._prefix(parent_last, last), label)

    def isolated(self, words: str, parent_last: bool) -> list[str]:
        runs = [(len(words), self.style[2, "dim"])]
        return self._node(2, words, runs, (), self._prefix(parent_last, True),
                          lambda: Text(words, style="dim"))

    def _prefix(self, parent_last: bool, last: bool) -> tuple[str, str]:
        outer, inner = self.guides
        parent = outer[_SPACE if parent_last else _CONTINUE]
        return (parent + inner[_END if last else _FORK],
                parent + inner[_SPACE if last else _CONTINUE])

    # -- one node --------------------------------------------------------------------------

    def _node(self, depth: int, plain: str, runs: Runs, dates: Sequence[str],
              prefix: tuple[str, str], label: Callable[[], RenderableType]) -> list[str]:
        """A node's lines: the first after the first guide, the rest after the second."""
        width = self.width - 4 * depth
        bodies = self._wrapped(plain, runs, width, dates)
        if bodies is None:
            bodies = self._by_rich(depth, label(), width)
        return [(prefix[0] if i == 0 else prefix[1]) + body + "\n"
                for i, body in enumerate(bodies)]

    def _wrapped(self, plain: str, runs: Runs, width: int, dates: Sequence[str]
                 ) -> list[str] | None:
        """Text.wrap for a label of one-cell characters, each line painted; None for any
        other label."""
        if not self.single.issuperset(plain) and not self._learn(plain):
            return None
        if len(plain) <= width:
            return [self._body(plain, runs, 0, len(plain))]
        masked = self._masked(plain, dates)
        if not self.single.issuperset(masked) and not self._learn(masked):
            return None
        bounds = [0, *breaks(masked, width), len(masked)]
        bodies = []
        for a, b in pairwise(bounds):
            if b - a > width:  # Text.rstrip_end, then Text.truncate
                space = _TRAILING_SPACE.search(masked, a, b)
                if space is not None:
                    b -= min(len(space.group(0)), b - a - width)
                b = min(b, a + width)
            bodies.append(self._body(plain, runs, a, b))
        return bodies

    def _learn(self, value: str) -> bool:
        """Whether every character of the text takes one cell (and no tab or line break)."""
        for char in set(value) - self.single:
            if get_character_cell_size(char) != 1:
                return False
            self.single.add(char)
        return True

    def _masked(self, plain: str, dates: Sequence[str]) -> str:
        """The label as KeepWhole wraps it: the spaces inside a date's parts masked."""
        for date in dates:
            parts = self.masks.get(date)
            if parts is None:
                parts = self.masks[date] = [p for p in date_parts(date) if " " in p]
            for part in parts:
                plain = plain.replace(part, part.replace(" ", DATE_BLANK))
        return plain

    def _body(self, plain: str, runs: Runs, a: int, b: int) -> str:
        out = []
        start = 0
        for end, style in runs:
            lo, hi = max(start, a), min(end, b)
            if lo < hi:
                out.append(self.paint(plain[lo:hi], style))
            start = end
        return "".join(out)

    def _by_rich(self, depth: int, label: RenderableType, width: int) -> list[str]:
        options = self.console.options.update(width=width, highlight=False, height=None,
                                              justify=None, overflow=None, no_wrap=None)
        lines = self.console.render_lines(Styled(label, self.node[depth]), options, pad=False)
        return ["".join(self.paint(s.text, s.style) for s in line)
                for line in lines]


def breaks(text: str, width: int) -> list[int]:
    """rich._wrap.divide_line(text, width, fold=True) for a text of one-cell characters: where
    the lines break, a word that fits on no line folded."""
    out: list[int] = []
    offset = 0
    for word in _WORD.finditer(text):
        start, end = word.span()
        length = word.end(1) - start  # without its trailing space
        if width - offset >= length:
            offset += end - start
        elif length > width:  # folded: pieces of `width` characters, trailing space and all
            size = end - start
            for piece in range(0, size, width):
                if start + piece:
                    out.append(start + piece)
            offset = size - (size - 1) // width * width
        elif offset and start:
            out.append(start)
            offset = end - start
    return out
