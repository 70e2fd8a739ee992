"""The Typer app: thin commands that parse options, query, and print a view or JSON."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console, RenderableType

from kimcli import __version__, labels
from kimcli.errors import DataError, ExitCode, KimError, NotFoundError, PathError

F = TypeVar("F", bound=Callable[..., Any])


class _Group(typer.core.TyperGroup):
    """kim's commands, with plain option values coerced without pydantic (kimcli.coercion)."""

    def main(self, *args: Any, **kwargs: Any) -> Any:
        from kimcli import coercion

        coercion.install(self)
        return super().main(*args, **kwargs)


app = typer.Typer(
    name="kim",
    cls=_Group,
    help=labels.t("help.app"),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# -- completion ----------------------------------------------------------------------------


def _completion_dataset(ctx: typer.Context) -> Any:
    from kimcli import loader

    data = ctx.params.get("data") or os.environ.get("KIM_DATA")
    return loader.load(data or loader.default_data_path())


def _complete(ctx: typer.Context, incomplete: str, pick: Callable[[Any], list[tuple[str, str]]]
              ) -> list[tuple[str, str]]:
    """Candidates starting with what was typed, whatever its case; never fails.

    Typer keeps only candidates that start with the typed text as typed, so a candidate that
    differs only in case is offered with the typed prefix ("ewg" for "EWG"): kim finds either.
    """
    try:
        from kimcli.safe import clean

        typed = incomplete.casefold()
        out = []
        for value, help_text in pick(_completion_dataset(ctx)):
            if clean(value) != value or not value.casefold().startswith(typed):
                continue  # an unprintable candidate is no use in a shell
            if not value.startswith(incomplete):
                value = incomplete + value[len(incomplete):]
            out.append((value, clean(help_text)))
        return out
    except Exception:
        return []


def complete_milestone(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:

    return _complete(ctx, incomplete, lambda ds: [(m.id, m.title) for m in ds.milestones]
                     + [(a, m.id) for m in ds.milestones for a in m.aliases if " " not in a])


def complete_tag(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, lambda ds: [
        (t, "") for t in sorted({t for m in ds.milestones for t in m.tags})])


def complete_kind(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, lambda ds: [
        (k, "") for k in sorted({m.kind for m in ds.milestones})])


def complete_term(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    return _complete(ctx, incomplete, lambda ds: [(g.term, "") for g in ds.glossary])


# -- shared options ------------------------------------------------------------------------

DataOpt = Annotated[
    Path | None,
    typer.Option("--data", "-d", envvar="KIM_DATA", show_default=False, dir_okay=True,
                 metavar=labels.t("metavar.file"),
                 help=labels.t("help.opt.data")),
]
JsonOpt = Annotated[bool, typer.Option("--json", help=labels.t("help.opt.json"))]
FromOpt = Annotated[str | None, typer.Option(
    "--from", help=labels.t("help.opt.from"), show_default=False,
    metavar=labels.t("metavar.date"))]
ToOpt = Annotated[str | None, typer.Option(
    "--to", help=labels.t("help.opt.to"), metavar=labels.t("metavar.date"),
    show_default=False)]
KindOpt = Annotated[list[str] | None, typer.Option(
    "--kind", "-k", help=labels.t("help.opt.kind"), show_default=False,
    metavar=labels.t("metavar.kind"),
    autocompletion=complete_kind)]
TagOpt = Annotated[list[str] | None, typer.Option(
    "--tag", "-t", help=labels.t("help.opt.tag"), show_default=False,
    metavar=labels.t("metavar.tag"),
    autocompletion=complete_tag)]
MilestoneArg = Annotated[str, typer.Argument(
    help=labels.t("help.arg.milestone"), show_default=False,
    metavar=labels.t("metavar.milestone"),
    autocompletion=complete_milestone)]


def _stdout() -> Console:
    # Created per command, never at import, so tests and NO_COLOR/COLUMNS take effect.
    return Console(highlight=False, markup=False, emoji=False)


def _stderr() -> Console:
    # soft_wrap: a message stays one line, whole, however narrow the terminal.
    return Console(stderr=True, highlight=False, markup=False, emoji=False, soft_wrap=True)


def _print(renderable: RenderableType) -> None:
    """Human output: through the pager when it is taller than the terminal."""
    from kimcli import pager

    console = _stdout()
    if not console.is_terminal:
        # crop=False lets the few no-wrap lines (URLs) run past the edge instead of being cut.
        console.print(renderable, crop=False)
        return
    with console.capture() as capture:
        console.print(renderable, crop=False)
    rendered = capture.get()
    if pager.wanted(console, rendered.count("\n")):
        with pager.paged(console) as target:
            target.file.write(rendered)
    else:
        console.file.write(rendered)


def _print_json(value: Any) -> None:
    from kimcli.jsonout import dumps

    sys.stdout.write(dumps(value) + "\n")


def translate_errors(fn: F) -> F:
    """Domain errors become one message on stderr and a documented exit code, once, here."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        err = _stderr()
        try:
            return fn(*args, **kwargs)
        except DataError as exc:
            from kimcli.views import diagnostic_line

            for diag in exc.diagnostics:
                err.print(diagnostic_line(diag))
            raise typer.Exit(exc.exit_code) from None
        except PathError as exc:
            from kimcli.safe import text

            line = text(exc.path, "bold")
            line.append(": ")
            line.append_text(text(exc.message))
            err.print(line)
            raise typer.Exit(exc.exit_code) from None
        except NotFoundError as exc:
            from kimcli.safe import text

            err.print(text(exc.message))
            if exc.suggestions:
                names = ", ".join(exc.suggestions)
                err.print(text(labels.t("find.did_you_mean", suggestions=names)))
            raise typer.Exit(exc.exit_code) from None
        except KimError as exc:
            from kimcli.safe import text

            err.print(text(exc.message))
            raise typer.Exit(exc.exit_code) from None
        except BrokenPipeError:
            # The reader (head, a pager) went away: not an error worth a traceback.
            sys.stderr.close()
            raise typer.Exit(ExitCode.OK) from None
        except KeyboardInterrupt:
            raise typer.Exit(ExitCode.INTERRUPTED) from None
        except OSError as exc:  # writing an output file: no such folder, no room, no right
            from kimcli.safe import text

            name = exc.filename if isinstance(exc.filename, str) else ""
            err.print(text(f"{name}: {exc.strerror or exc}" if name else str(exc)))
            raise typer.Exit(ExitCode.USAGE) from None

    return wrapper  # type: ignore[return-value]


def _load(data: Path | None) -> Any:
    from kimcli import loader

    return loader.load(data if data is not None else loader.default_data_path())


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kim {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help=labels.t("help.opt.version"))] = False,
    no_pager: Annotated[bool, typer.Option(
        "--no-pager", help=labels.t("help.opt.no_pager"),
    )] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", envvar="KIM_LANG", show_default=False, metavar="de|en",
        help=labels.t("help.opt.lang"))] = None,
) -> None:
    from kimcli import pager

    if lang is not None and labels.normalize(lang) is None:
        from kimcli.safe import clean

        raise typer.BadParameter(labels.t("option.lang", lang=clean(lang),
                                          languages=", ".join(labels.LANGUAGES)),
                                 param_hint="--lang / KIM_LANG")
    pager.set_enabled(not no_pager)
    labels.set_language(lang)


def _bound(value: str | None, option: str, upper: bool) -> int | None:
    from kimcli import dates
    from kimcli.safe import clean

    if value is None:
        return None
    try:
        return dates.parse_bound(value, upper=upper)
    except dates.DateError as exc:
        raise typer.BadParameter(clean(str(exc)), param_hint=f"--{option}") from None


def _range(from_: str | None, to: str | None) -> tuple[int | None, int | None]:
    """--from and --to as first and last day, refusing a range that ends before it starts."""
    start, end = _bound(from_, "from", False), _bound(to, "to", True)
    if start is not None and end is not None and start > end:
        raise typer.BadParameter(labels.t("option.range"), param_hint="--from/--to")
    return start, end


# -- commands ------------------------------------------------------------------------------


@app.command(help=labels.t("help.cmd.timeline"))
@translate_errors
def timeline(
    data: DataOpt = None,
    json_: JsonOpt = False,
    from_: FromOpt = None,
    to: ToOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r",
                                          help=labels.t("help.opt.reverse"))] = False,
) -> None:
    from kimcli import query

    start, end = _range(from_, to)
    dataset = _load(data)
    flt = query.TimelineFilter(start, end, tuple(kind or ()), tuple(tag or ()), reverse)
    items = query.timeline(dataset, flt)
    if json_:
        from kimcli.jsonout import milestone_brief

        _print_json([milestone_brief(m) for m in items])
        return
    from kimcli import pager
    from kimcli.views import Rows, timeline_view

    console = _stdout()
    view = timeline_view(items, len(dataset.milestones), console.width)
    if not isinstance(view, Rows):
        _print(view)
        return
    # In parts, so that a long timeline starts to appear (and to page) at once.
    use_pager = pager.wanted(console, len(items) * 2 + 3)
    with pager.paged(console) if use_pager else contextlib.nullcontext(console) as target:
        for part in view.chunks(200):
            if target.color_system is None:
                target.file.write(part.plain())  # no styles to draw: skip Rich's pipeline
            else:
                target.print(part, crop=False)


@app.command(help=labels.t("help.cmd.show"))
@translate_errors
def show(
    milestone: MilestoneArg,
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    found = query.find(dataset, milestone)
    incoming = query.referenced_by(dataset, found.id)
    if json_:
        from kimcli.jsonout import milestone_full

        _print_json(milestone_full(dataset, found, incoming))
        return
    from kimcli.views import show_view

    _print(show_view(dataset, found, incoming))


@app.command(help=labels.t("help.cmd.search"))
@translate_errors
def search(
    words: Annotated[list[str], typer.Argument(help=labels.t("help.arg.words"),
                                               metavar=labels.t("metavar.words"),
                                               show_default=False)],
    data: DataOpt = None,
    json_: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help=labels.t("help.opt.limit"))
                     ] = 10,
) -> None:
    from kimcli import query

    dataset = _load(data)
    phrase = " ".join(words)
    hits = query.search(dataset, phrase, limit)
    if json_:
        from kimcli.jsonout import hit_dict

        _print_json([hit_dict(h) for h in hits])
    if not hits:
        raise NotFoundError(labels.t("search.no_hits", query=phrase))
    if json_:
        return
    from kimcli.views import search_view

    _print(search_view(hits, _stdout().width))


class Direction(str, Enum):
    both = "both"
    out = "out"
    in_ = "in"


class GraphFormat(str, Enum):
    text = "text"
    mermaid = "mermaid"
    dot = "dot"


@app.command(help=labels.t("help.cmd.refs"))
@translate_errors
def refs(
    milestone: MilestoneArg,
    depth: Annotated[int, typer.Option("--depth", min=1, max=50,
                                       help=labels.t("help.opt.depth"))] = 1,
    direction: Annotated[Direction, typer.Option(
        "--direction", help=labels.t("help.opt.direction"),
    )] = Direction.both,
    limit: Annotated[int, typer.Option("--limit", min=1,
                                       help=labels.t("help.opt.refs_limit"))] = 50,
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    root = query.ref_tree(dataset, query.find(dataset, milestone).id, depth,
                          direction.value, limit)
    if json_:
        from kimcli.jsonout import ref_node_dict

        _print_json(ref_node_dict(root))
        return
    from kimcli.views import ref_tree_view

    _print(ref_tree_view(dataset, root))


@app.command(help=labels.t("help.cmd.path"))
@translate_errors
def path(
    start: Annotated[str, typer.Argument(help=labels.t("help.arg.start"), show_default=False,
                                         metavar=labels.t("metavar.start"),
                                         autocompletion=complete_milestone)],
    goal: Annotated[str, typer.Argument(help=labels.t("help.arg.goal"), show_default=False,
                                        metavar=labels.t("metavar.goal"),
                                        autocompletion=complete_milestone)],
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    a, b = query.find(dataset, start), query.find(dataset, goal)
    chain = query.shortest_path(dataset, a.id, b.id)
    if not chain:
        raise NotFoundError(labels.t("path.none", a=a.id, b=b.id))
    if json_:
        from kimcli.jsonout import path_dict

        _print_json(path_dict(chain))
        return
    from kimcli.views import path_view

    _print(path_view(dataset, chain))


@app.command(help=labels.t("help.cmd.graph"))
@translate_errors
def graph(
    format_: Annotated[GraphFormat, typer.Option(
        "--format", "-f",
        help=labels.t("help.opt.graph_format"),
    )] = GraphFormat.text,
    data: DataOpt = None,
) -> None:
    dataset = _load(data)
    if format_ is GraphFormat.text:
        from kimcli.views import graph_view

        _print(graph_view(dataset, dataset.chronological()))
        return
    from kimcli.export.graph import to_dot, to_mermaid

    sys.stdout.write(to_mermaid(dataset) if format_ is GraphFormat.mermaid else to_dot(dataset))


class ExportFormat(str, Enum):
    json = "json"
    csv = "csv"
    markdown = "markdown"
    timelinejs = "timelinejs"
    mermaid = "mermaid"
    svg = "svg"
    html = "html"


def _render_export(fmt: ExportFormat, dataset: Any, items: list[Any], width: int) -> str:
    if fmt is ExportFormat.json:
        from kimcli.export.data import dataset_record
        from kimcli.jsonout import dumps

        return dumps(dataset_record(dataset, items)) + "\n"
    if fmt is ExportFormat.csv:
        from kimcli.export.tabular import to_csv

        return to_csv(dataset, items)
    if fmt is ExportFormat.markdown:
        from kimcli.export.tabular import to_markdown

        return to_markdown(dataset, items)
    if fmt is ExportFormat.timelinejs:
        from kimcli.export.timelines import to_timelinejs
        from kimcli.jsonout import dumps

        return dumps(to_timelinejs(dataset, items)) + "\n"
    if fmt is ExportFormat.mermaid:
        from kimcli.export.timelines import to_mermaid_timeline

        return to_mermaid_timeline(dataset, items)
    if fmt is ExportFormat.html:
        from kimcli.export.html import to_html

        return to_html(dataset, items)
    import io

    from kimcli.safe import clean
    from kimcli.views import timeline_view

    console = Console(record=True, width=width, file=io.StringIO(), highlight=False,
                      markup=False, emoji=False, color_system="truecolor")
    console.print(timeline_view(items, len(dataset.milestones), width))
    return console.export_svg(title=clean(dataset.title))


@app.command(help=labels.t("help.cmd.export"))
@translate_errors
def export(
    format_: Annotated[ExportFormat, typer.Option("--format", "-f",
                                                  help=labels.t("help.opt.export_format"))],
    # Text, not Path: a trailing "/" (meaning a folder) must survive to be refused.
    output: Annotated[str | None, typer.Option(
        "--output", "-o", help=labels.t("help.opt.output"), metavar=labels.t("metavar.file"),
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help=labels.t("help.opt.force"))
                     ] = False,
    width: Annotated[int, typer.Option("--width", min=40, max=400,
                                       help=labels.t("help.opt.width"))] = 100,
    data: DataOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
) -> None:
    from kimcli import query

    start, end = _range(from_, to)
    dataset = _load(data)
    items = query.timeline(dataset, query.TimelineFilter(start, end, tuple(kind or ()),
                                                         tuple(tag or ())))
    content = _render_export(format_, dataset, items, width)
    if output is None:
        sys.stdout.write(content)
        return
    from kimcli.files import write_atomic
    from kimcli.safe import text

    write_atomic(output, content, force=force)
    _stderr().print(text(labels.t("export.written", path=str(output), count=len(items))))


@app.command(help=labels.t("help.cmd.site"))
@translate_errors
def site(
    outdir: Annotated[Path, typer.Argument(help=labels.t("help.arg.outdir"), show_default=False,
                                           metavar=labels.t("metavar.folder"))],
    data: DataOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    force: Annotated[bool, typer.Option("--force", help=labels.t("help.opt.site_force"))
                     ] = False,
) -> None:
    from kimcli.safe import text
    from kimcli.site.build import build_site

    start, end = _range(from_, to)
    count = build_site(outdir, data=data, start=start, end=end, kinds=tuple(kind or ()),
                       tags=tuple(tag or ()), force=force)
    _stderr().print(text(labels.t("site.written", path=str(outdir), count=count)))


@app.command(help=labels.t("help.cmd.glossary"))
@translate_errors
def glossary(
    term: Annotated[str | None, typer.Argument(help=labels.t("help.arg.term"),
                                                  show_default=False,
                                                  metavar=labels.t("metavar.term"),
                                                  autocompletion=complete_term)] = None,
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    if term is None or not term.strip():
        if json_:
            from kimcli.jsonout import glossary_dict

            _print_json([glossary_dict(dataset, g) for g in dataset.glossary])
            return
        from kimcli.views import glossary_list_view

        _print(glossary_list_view(dataset, _stdout().width))
        return
    entry = query.find_term(dataset, term)
    if json_:
        from kimcli.jsonout import glossary_dict

        _print_json(glossary_dict(dataset, entry))
        return
    from kimcli.views import glossary_entry_view

    _print(glossary_entry_view(dataset, entry))


@app.command(help=labels.t("help.cmd.sources"))
@translate_errors
def sources(
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    cited = query.citations(dataset)
    if json_:
        from kimcli.jsonout import sources_list

        _print_json(sources_list(dataset, cited))
        return
    from kimcli.views import sources_view

    _print(sources_view(dataset, cited))


@app.command(help=labels.t("help.cmd.validate"))
@translate_errors
def validate(
    path: Annotated[Path | None, typer.Argument(help=labels.t("help.arg.path"), show_default=False,
                                                metavar=labels.t("metavar.file"))] = None,
    data: DataOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help=labels.t("help.opt.strict"))] = False,
    json_: JsonOpt = False,
) -> None:
    from kimcli import loader
    from kimcli.views import diagnostic_line

    target = path or data or loader.default_data_path()
    report = loader.check(target)
    diags = report.diagnostics
    if strict:
        diags = [d if d.is_error else type(d)(d.file, d.line, d.col, d.message, "error")
                 for d in diags]
    errors = [d for d in diags if d.is_error]
    warnings = [d for d in diags if not d.is_error]
    diags = errors + warnings  # errors first, each group in file order
    if json_:
        from kimcli.jsonout import diagnostic_dict

        _print_json([diagnostic_dict(d) for d in diags])
    else:
        err = _stderr()
        for diag in diags:
            err.print(diagnostic_line(diag))
        if errors or report.dataset is None:
            summary = labels.t("load.summary_bad", file=str(target), errors=len(errors),
                               warnings=len(warnings))
        else:
            summary = labels.t("load.summary_ok", file=str(target),
                               milestones=len(report.dataset.milestones), warnings=len(warnings))
        from kimcli.safe import text

        err.print(text(summary, "bold"))
    if errors:
        raise typer.Exit(ExitCode.BAD_DATA)


@app.command(help=labels.t("help.cmd.schema"))
@translate_errors
def schema() -> None:
    from kimcli.schema import SCHEMA

    _print_json(SCHEMA)


def run() -> None:
    """Run the app as the `kim` command (see kimcli.entry, which picks the language first)."""
    try:
        app(prog_name="kim")
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
