"""Where answers reach the user: stdout and stderr consoles, the pager, JSON, export documents."""

from __future__ import annotations

import contextlib
import io
import itertools
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, Literal

from rich.console import Console, RenderableType

from kimcli import i18n
from kimcli.errors import DataError, Diagnostic, KimError, NotFoundError, PathError
from kimcli.render import pager
from kimcli.render.inert import clean, text

# Each function imports only the view it shows: `kim timeline` need not load Rich's tables
# and trees, nor `kim --version` any view at all.
if TYPE_CHECKING:
    from kimcli.dates import EDTFDate
    from kimcli.domain.dataset import Dataset
    from kimcli.domain.fields import Actor, GlossaryEntry, Milestone
    from kimcli.query import Citations, Hit, Link, RefNode


# Narrower than this (COLUMNS=0, COLUMNS=3) nothing readable fits: such widths count as this.
MIN_WIDTH = 20


def _degrade() -> None:
    """A console encoding that cannot show every character (PYTHONIOENCODING=ascii, latin-1)
    shows escapes instead of failing with a traceback."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "") == "strict":
            with contextlib.suppress(Exception):
                reconfigure(errors="backslashreplace")


def _at_least(console: Console) -> Console:
    if console.width < MIN_WIDTH:
        console.width = MIN_WIDTH
    return console


def _stdout() -> Console:
    # Created per command, never at import, so tests and NO_COLOR/COLUMNS take effect.
    _degrade()
    return _at_least(Console(highlight=False, markup=False, emoji=False))


def _stderr() -> Console:
    # soft_wrap: a message stays one line, whole, however narrow the terminal.
    _degrade()
    return _at_least(Console(stderr=True, highlight=False, markup=False, emoji=False,
                             soft_wrap=True))


def use_pager(enabled: bool) -> None:
    """Whether long output may go through a pager at all (`--no-pager` says no)."""
    pager.set_enabled(enabled)


def _page(renderable: RenderableType, console: Console | None = None) -> None:
    """Human output: through the pager when it is taller than the terminal."""
    console = console or _stdout()
    # crop=False lets the few no-wrap lines (URLs) run past the edge instead of being cut.
    with console.capture() as capture:
        console.print(renderable, crop=False)
    rendered = capture.get()
    if not console.is_terminal:
        # Piped: no padding at line ends (a table pads every cell to its width).
        console.file.write(_TRAILING_RE.sub("", rendered))
        return
    if pager.wanted(console, rendered.count("\n")):
        with pager.paged(console) as target:
            target.file.write(rendered)
        if _pager_failed():
            console.file.write(rendered)
    else:
        console.file.write(rendered)


_TRAILING_RE = re.compile(r"[ \t]+(?=\n)|[ \t]+\Z")


# -- data to stdout, as it is ----------------------------------------------------------------


def write(value: str | Iterable[str]) -> None:
    """Text that is already final (an export, a graph, a version line) to stdout, whole or in
    pieces."""
    _degrade()
    if isinstance(value, str):
        sys.stdout.write(value)
        return
    for piece in value:
        sys.stdout.write(piece)


def print_json(value: Any) -> None:
    """`--json` output: JSON text straight to stdout, never through Rich."""
    from kimcli.jsontext import chunks

    _degrade()
    for chunk in chunks(value):
        sys.stdout.write(chunk)
    sys.stdout.write("\n")


def answer(as_json: bool, plain: Callable[[], Any], view: Callable[[], None],
           empty: str | None = None) -> None:
    """One answer of a command: its plain data as JSON with `--json`, else its view. Both are
    given as functions so that only the one asked for is built. An `empty` answer (nothing
    found, which is no error) is its empty data, or nothing on stdout and `empty` said on
    stderr."""
    if as_json:
        print_json(plain())
    elif empty is not None:
        print_message(empty)
    else:
        view()


# -- views to stdout ------------------------------------------------------------------------


def print_timeline(items: Sequence[Milestone], total: int, as_of: EDTFDate | None = None
                   ) -> None:
    """The timeline of `items` (of `total` milestones) at the terminal's width, with the
    dataset's as-of date when it has one."""
    from kimcli.render.layout import Rows
    from kimcli.render.timeline import timeline_view

    console = _stdout()
    view = timeline_view(items, total, console.width, as_of)
    if not isinstance(view, Rows):
        _page(view, console)
        return
    # In parts, so that a long timeline starts to appear (and to page) at once.
    use = pager.wanted(console, len(items) * 2 + 3)
    with pager.paged(console) if use else contextlib.nullcontext(console) as target:
        _write_rows(view, target)
    if use and _pager_failed():
        _write_rows(view, console)


def _write_rows(view: Any, target: Console) -> None:
    for part in view.chunks(200):
        if target.color_system is None:
            target.file.write(part.plain())  # no styles to draw: skip Rich's pipeline
        else:
            target.print(part, crop=False)


def _pager_failed() -> bool:
    """Whether the pager just failed (PAGER=false); if so, said on stderr."""
    if pager.failure is None:
        return False
    command, code = pager.failure
    _stderr().print(text(i18n.t("pager.failed", command=command, code=code)))
    return True


def print_milestone(dataset: Dataset, m: Milestone, incoming: Sequence[Link]) -> None:
    from kimcli.render.milestone import show_view

    _page(show_view(dataset, m, incoming))


def print_actor(dataset: Dataset, actor: Actor, milestones: Sequence[Milestone]) -> None:
    from kimcli.render.actor import actor_view

    _page(actor_view(dataset, actor, milestones))


def print_actor_list(dataset: Dataset) -> None:
    from kimcli.render.actor import actor_list

    _page(actor_list(dataset))


def print_search(hits: Sequence[Hit]) -> None:
    from kimcli.render.lists import search_view

    console = _stdout()
    _page(search_view(hits, console.width), console)


def print_refs(dataset: Dataset, root: RefNode) -> None:
    from kimcli.render.milestone import ref_tree_view

    _page(ref_tree_view(dataset, root))


def print_path(dataset: Dataset, chain: Sequence[tuple[str, Link | None]]) -> None:
    from kimcli.render.milestone import path_view

    _page(path_view(dataset, chain))


def print_graph(dataset: Dataset, items: Sequence[Milestone]) -> None:
    """`kim graph`: the tree of milestones and references, written as its lines are made."""
    from kimcli.render.graph import GraphTree

    console = _stdout()
    tree = GraphTree(dataset, items)
    _page_lines(lambda: tree.chunks(console), console)


def _page_lines(made: Callable[[], Iterator[str]], console: Console) -> None:
    """What _page does with a rendering, for text made in pieces of whole lines: only the
    lines up to the screen's height are held to decide on the pager, the rest streams."""
    if not console.is_terminal:
        for piece in made():
            console.file.write(_TRAILING_RE.sub("", piece))
        return
    if not pager.wanted(console, sys.maxsize):  # no pager whatever the length
        for piece in made():
            console.file.write(piece)
        return
    pieces, held, lines = made(), [], 0
    for piece in pieces:
        held.append(piece)
        lines += piece.count("\n")
        if pager.wanted(console, lines):
            break
    else:
        console.file.write("".join(held))
        return
    with pager.paged(console) as target:
        for piece in itertools.chain(held, pieces):
            target.file.write(piece)
    if _pager_failed():
        for piece in made():
            console.file.write(piece)


def print_glossary(dataset: Dataset) -> None:
    from kimcli.render.lists import glossary_list_view

    console = _stdout()
    _page(glossary_list_view(dataset, console.width), console)


def print_term(dataset: Dataset, entry: GlossaryEntry) -> None:
    from kimcli.render.lists import glossary_entry_view

    _page(glossary_entry_view(dataset, entry))


def print_sources(dataset: Dataset, cited: dict[str, Citations]) -> None:
    from kimcli.render.lists import sources_view

    _page(sources_view(dataset, cited))


def print_diff(diff: Any, old: str, new: str, markdown: bool = False) -> None:
    """`kim diff`: the changes grouped by milestone, Markdown, or one line saying there are
    none (on stdout: it is the answer)."""
    from kimcli.render.diff import diff_markdown, diff_view, nothing_line

    if markdown:
        write(diff_markdown(diff, old, new))
    elif diff.empty:
        _stdout().print(nothing_line(old, new), soft_wrap=True)
    else:
        _page(diff_view(diff, old, new))


# -- messages to stderr ---------------------------------------------------------------------


def print_report(diagnostics: Sequence[Diagnostic], summary: str) -> None:
    """A dataset check: each diagnostic on its line, then the summary in bold."""
    from kimcli.render.lists import diagnostic_line

    err = _stderr()
    for diag in diagnostics:
        err.print(diagnostic_line(diag))
    err.print(text(summary, "bold"))


def print_message(message: str) -> None:
    """One line for the user, not part of the output (a file was written)."""
    _stderr().print(text(message))


def print_error(exc: KimError | OSError) -> None:
    """An error as the user reads it: the dataset's diagnostics, the path that failed, or the
    message with any suggestions."""
    err = _stderr()
    if isinstance(exc, DataError):
        from kimcli.render.lists import diagnostic_line

        for diag in exc.diagnostics:
            err.print(diagnostic_line(diag))
    elif isinstance(exc, PathError):
        line = text(exc.path, "bold")
        line.append(": " if exc.path else "")  # an empty name: the message says so
        line.append_text(text(i18n.word(exc.message)))
        err.print(line)
    elif isinstance(exc, KimError):
        err.print(text(i18n.word(exc.message)))
        if isinstance(exc, NotFoundError) and exc.suggestions:
            names = ", ".join(exc.suggestions)
            err.print(text(i18n.t("find.did_you_mean", suggestions=names)))
    else:  # writing an output file: no such folder, no room, no right
        name = exc.filename if isinstance(exc.filename, str) else ""
        err.print(text(f"{name}: {exc.strerror or exc}" if name else str(exc)))


# -- documents ------------------------------------------------------------------------------


def timeline_document(dataset: Dataset, items: Sequence[Milestone], width: int,
                      kind: Literal["svg", "html"]) -> str:
    """The timeline as the terminal would show it at `width` columns, in colour, recorded as
    an SVG picture or an HTML page."""
    if kind == "svg":
        return "".join(timeline_svg(dataset, items, width))
    from kimcli.render.timeline import timeline_view

    console = _document_console(width, record=True)
    console.print(timeline_view(items, len(dataset.milestones), width, dataset.as_of))
    return console.export_html(inline_styles=True)


def timeline_svg(dataset: Dataset, items: Sequence[Milestone], width: int) -> Iterator[str]:
    """The timeline as the terminal would show it at `width` columns, in colour, as an SVG
    picture (Rich's export_svg) written in pieces: never held whole, nor its rows recorded."""
    from kimcli.i18n.texts import dataset_title
    from kimcli.render import svg
    from kimcli.render.layout import Rows
    from kimcli.render.timeline import timeline_view

    title = clean(dataset_title(dataset))
    if svg.SVG_FORMAT is None:  # a Rich without its SVG template where kim looks
        console = _document_console(width, record=True)
        console.print(timeline_view(items, len(dataset.milestones), width, dataset.as_of))
        yield console.export_svg(title=title)
        return

    def parts() -> Iterator[RenderableType]:
        view = timeline_view(items, len(dataset.milestones), width, dataset.as_of)
        if isinstance(view, Rows):
            yield from view.chunks(200)
        else:
            yield view

    yield from svg.svg_chunks(_document_console(width), parts, title)


def _document_console(width: int, record: bool = False) -> Console:
    return Console(record=record, width=width, file=io.StringIO(), highlight=False,
                   markup=False, emoji=False, color_system="truecolor")
