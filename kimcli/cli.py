"""The Typer app: thin commands that parse options, query, and hand the answer to render.output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from kimcli import __version__, i18n
from kimcli.errors import (
    DateError,
    ExitCode,
    KimError,
    NotFoundError,
    Severity,
    UsageError,
    msg,
)
from kimcli.render import output


class _Group(typer.core.TyperGroup):
    """kim's command group: picks the language, words the help, and turns domain errors into
    one message and an exit code, once, for every command."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        from kimcli import coercion

        args = list(sys.argv[1:] if args is None else args)
        args = _take_language(args)
        _localize(self)
        coercion.install(self)
        return super().main(args, *rest, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (KimError, BrokenPipeError, KeyboardInterrupt, OSError) as exc:
            raise typer.Exit(_report(exc)) from None


def _take_language(args: list[str]) -> list[str]:
    """--lang X (or --lang=X, or KIM_LANG) wherever it stands, before or after the command;
    the words of everything after depend on it, help texts included."""
    lang = os.environ.get("KIM_LANG")
    out: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            out += args[index:]
            break
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
            index += 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
            index += 1
            continue
        out.append(arg)
        index += 1
    if lang is not None and i18n.normalize(lang) is None:
        from kimcli.render.inert import clean

        i18n.set_language(None)
        message = i18n.t("option.lang", lang=clean(lang), languages=", ".join(i18n.LANGUAGES))
        output.print_message(i18n.t("cli.invalid_value", hint="--lang / KIM_LANG",
                                    message=message))
        sys.exit(ExitCode.USAGE)
    i18n.set_language(lang)
    return out


def _localize(command: Any) -> None:
    """Help texts and metavars are written as catalogue codes; word them in the language."""
    from kimcli.i18n import de

    def word(value: Any) -> Any:
        return i18n.t(value) if isinstance(value, str) and value in de.CATALOG else value

    pending = [command]
    while pending:
        current = pending.pop()
        if not hasattr(current, "_kim_help"):
            current._kim_help = current.help
        current.help = word(current._kim_help)
        for param in current.params:
            if not hasattr(param, "_kim_words"):
                param._kim_words = (getattr(param, "help", None), param.metavar)
            if hasattr(param, "help"):
                param.help = word(param._kim_words[0])
            param.metavar = word(param._kim_words[1])
        pending.extend(getattr(current, "commands", {}).values())


def _report(exc: BaseException) -> int:
    """One message on stderr for a domain error, and its exit code; the only place."""
    if isinstance(exc, BrokenPipeError):
        # The reader (head, a pager) went away: not an error worth a traceback.
        sys.stderr.close()
        return ExitCode.OK
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    assert isinstance(exc, (KimError, OSError))
    output.print_error(exc)
    return exc.exit_code if isinstance(exc, KimError) else ExitCode.USAGE


app = typer.Typer(
    name="kim",
    cls=_Group,
    help="help.app",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# -- completion ----------------------------------------------------------------------------


def _completion_dataset(ctx: typer.Context) -> Any:
    from kimcli.io.loading import load
    from kimcli.io.read import default_data_path

    data = ctx.params.get("data") or os.environ.get("KIM_DATA")
    return load(data or default_data_path())


def _complete(ctx: typer.Context, incomplete: str, pick: Callable[[Any], list[tuple[str, str]]]
              ) -> list[tuple[str, str]]:
    """Candidates starting with what was typed, whatever its case; never fails.

    Typer keeps only candidates that start with the typed text as typed, so a candidate that
    differs only in case is offered with the typed prefix ("ewg" for "EWG"): kim finds either.
    """
    try:
        from kimcli.render.inert import clean

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
                 metavar="metavar.file",
                 help="help.opt.data"),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="help.opt.json")]
FromOpt = Annotated[str | None, typer.Option(
    "--from", help="help.opt.from", show_default=False,
    metavar="metavar.date")]
ToOpt = Annotated[str | None, typer.Option(
    "--to", help="help.opt.to", metavar="metavar.date",
    show_default=False)]
KindOpt = Annotated[list[str] | None, typer.Option(
    "--kind", "-k", help="help.opt.kind", show_default=False,
    metavar="metavar.kind",
    autocompletion=complete_kind)]
TagOpt = Annotated[list[str] | None, typer.Option(
    "--tag", "-t", help="help.opt.tag", show_default=False,
    metavar="metavar.tag",
    autocompletion=complete_tag)]
MilestoneArg = Annotated[str, typer.Argument(
    help="help.arg.milestone", show_default=False,
    metavar="metavar.milestone",
    autocompletion=complete_milestone)]




def _load(data: Path | None) -> Any:
    from kimcli.io.loading import load
    from kimcli.io.read import default_data_path

    return load(data if data is not None else default_data_path())


def _version(value: bool) -> None:
    if value:
        output.write(f"kim {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="help.opt.version")] = False,
    no_pager: Annotated[bool, typer.Option(
        "--no-pager", help="help.opt.no_pager",
    )] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", envvar="KIM_LANG", show_default=False, metavar="de|en",
        help="help.opt.lang")] = None,
) -> None:
    output.use_pager(not no_pager)  # --lang was taken before parsing (see _take_language)


def _bound(value: str | None, option: str, upper: bool) -> int | None:
    from kimcli import dates
    from kimcli.render.inert import clean

    if value is None:
        return None
    try:
        return dates.parse_bound(value, upper=upper)
    except DateError as exc:
        raise typer.BadParameter(clean(i18n.word(exc.message)), param_hint=f"--{option}") from None


def _range(from_: str | None, to: str | None) -> tuple[int | None, int | None]:
    """--from and --to as first and last day, refusing a range that ends before it starts."""
    start, end = _bound(from_, "from", False), _bound(to, "to", True)
    if start is not None and end is not None and start > end:
        raise typer.BadParameter(i18n.t("option.range"), param_hint="--from/--to")
    return start, end


# -- commands ------------------------------------------------------------------------------


@app.command(help="help.cmd.timeline")
def timeline(
    data: DataOpt = None,
    json_: JsonOpt = False,
    from_: FromOpt = None,
    to: ToOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    reverse: Annotated[bool, typer.Option("--reverse", "-r",
                                          help="help.opt.reverse")] = False,
) -> None:
    from kimcli import query

    start, end = _range(from_, to)
    dataset = _load(data)
    flt = query.TimelineFilter(start, end, tuple(kind or ()), tuple(tag or ()), reverse)
    items = query.timeline(dataset, flt)
    if json_:
        from kimcli.jsonout import milestone_brief

        output.print_json([milestone_brief(m) for m in items])
        return
    output.print_timeline(items, len(dataset.milestones))


@app.command(help="help.cmd.show")
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

        output.print_json(milestone_full(dataset, found, incoming))
        return
    output.print_milestone(dataset, found, incoming)


@app.command(help="help.cmd.search")
def search(
    words: Annotated[list[str], typer.Argument(help="help.arg.words",
                                               metavar="metavar.words",
                                               show_default=False)],
    data: DataOpt = None,
    json_: JsonOpt = False,
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="help.opt.limit")
                     ] = 10,
) -> None:

    dataset = _load(data)
    phrase = " ".join(words)
    from kimcli.io.cache import search as cached_search

    hits = cached_search(dataset, phrase, limit)
    if json_:
        from kimcli.jsonout import hit_dict

        output.print_json([hit_dict(h) for h in hits])
    if not hits:
        raise NotFoundError(msg("search.no_hits", query=phrase))
    if json_:
        return
    output.print_search(hits)


class Direction(str, Enum):
    both = "both"
    out = "out"
    in_ = "in"


class GraphFormat(str, Enum):
    text = "text"
    mermaid = "mermaid"
    dot = "dot"


@app.command(help="help.cmd.refs")
def refs(
    milestone: MilestoneArg,
    depth: Annotated[int, typer.Option("--depth", min=1, max=50,
                                       help="help.opt.depth")] = 1,
    direction: Annotated[Direction, typer.Option(
        "--direction", help="help.opt.direction",
    )] = Direction.both,
    limit: Annotated[int, typer.Option("--limit", min=1,
                                       help="help.opt.refs_limit")] = 50,
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    root = query.ref_tree(dataset, query.find(dataset, milestone).id, depth,
                          direction.value, limit)
    if json_:
        from kimcli.jsonout import ref_node_dict

        output.print_json(ref_node_dict(root))
        return
    output.print_refs(dataset, root)


@app.command(help="help.cmd.path")
def path(
    start: Annotated[str, typer.Argument(help="help.arg.start", show_default=False,
                                         metavar="metavar.start",
                                         autocompletion=complete_milestone)],
    goal: Annotated[str, typer.Argument(help="help.arg.goal", show_default=False,
                                        metavar="metavar.goal",
                                        autocompletion=complete_milestone)],
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    a, b = query.find(dataset, start), query.find(dataset, goal)
    chain = query.shortest_path(dataset, a.id, b.id)
    if not chain:
        raise NotFoundError(msg("path.none", a=a.id, b=b.id))
    if json_:
        from kimcli.jsonout import path_dict

        output.print_json(path_dict(chain))
        return
    output.print_path(dataset, chain)


@app.command(help="help.cmd.graph")
def graph(
    format_: Annotated[GraphFormat, typer.Option(
        "--format", "-f",
        help="help.opt.graph_format",
    )] = GraphFormat.text,
    data: DataOpt = None,
) -> None:
    dataset = _load(data)
    if format_ is GraphFormat.text:
        output.print_graph(dataset, dataset.chronological())
        return
    from kimcli.export.graph import to_dot, to_mermaid

    output.write(to_mermaid(dataset) if format_ is GraphFormat.mermaid else to_dot(dataset))


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
    return output.timeline_document(dataset, items, width,
                                    "svg" if fmt is ExportFormat.svg else "html")


@app.command(help="help.cmd.export")
def export(
    format_: Annotated[ExportFormat, typer.Option("--format", "-f",
                                                  help="help.opt.export_format")],
    # Text, not Path: a trailing "/" (meaning a folder) must survive to be refused.
    output_: Annotated[str | None, typer.Option(
        "--output", "-o", help="help.opt.output", metavar="metavar.file",
        show_default=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="help.opt.force")
                     ] = False,
    width: Annotated[int, typer.Option("--width", min=40, max=400,
                                       help="help.opt.width")] = 100,
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
    if output_ is None:
        output.write(content)
        return
    from kimcli.files import write_atomic

    write_atomic(output_, content, force=force)
    output.print_message(i18n.t("export.written", path=str(output_),
                                count=i18n.count("n.milestones", len(items))))


@app.command(help="help.cmd.glossary")
def glossary(
    term: Annotated[str | None, typer.Argument(help="help.arg.term",
                                                  show_default=False,
                                                  metavar="metavar.term",
                                                  autocompletion=complete_term)] = None,
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    if term is None or not term.strip():
        if json_:
            from kimcli.jsonout import glossary_dict

            output.print_json([glossary_dict(dataset, g) for g in dataset.glossary])
            return
        output.print_glossary(dataset)
        return
    entry = query.find_term(dataset, term)
    if json_:
        from kimcli.jsonout import glossary_dict

        output.print_json(glossary_dict(dataset, entry))
        return
    output.print_term(dataset, entry)


@app.command(help="help.cmd.sources")
def sources(
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    cited = query.citations(dataset)
    if json_:
        from kimcli.jsonout import sources_list

        output.print_json(sources_list(dataset, cited))
        return
    output.print_sources(dataset, cited)


@app.command(help="help.cmd.validate")
def validate(
    path: Annotated[Path | None, typer.Argument(help="help.arg.path", show_default=False,
                                                metavar="metavar.file")] = None,
    data: DataOpt = None,
    strict: Annotated[bool, typer.Option("--strict", help="help.opt.strict")] = False,
    json_: JsonOpt = False,
) -> None:
    from kimcli.io.loading import check
    from kimcli.io.read import default_data_path

    target = path or data or default_data_path()
    report = check(target)
    diags = report.diagnostics
    if strict:
        diags = [d._replace(severity=Severity.ERROR) for d in diags]
    errors = [d for d in diags if d.is_error]
    warnings = [d for d in diags if not d.is_error]
    diags = errors + warnings  # errors first, each group in file order
    if json_:
        from kimcli.jsonout import diagnostic_dict

        output.print_json([diagnostic_dict(d) for d in diags])
    else:
        if errors or report.dataset is None:
            summary = i18n.t("load.summary_bad", file=str(target),
                             errors=i18n.count("n.errors", len(errors)),
                             warnings=i18n.count("n.warnings", len(warnings)))
        else:
            summary = i18n.t("load.summary_ok", file=str(target),
                             milestones=i18n.count("n.milestones", len(report.dataset.milestones)),
                             warnings=i18n.count("n.warnings", len(warnings)))
        output.print_report(diags, summary)
    if errors:
        raise typer.Exit(ExitCode.BAD_DATA)


@app.command(help="help.cmd.browse")
def browse(
    milestone: Annotated[str | None, typer.Argument(
        help="help.arg.browse_start", show_default=False,
        metavar="metavar.milestone", autocompletion=complete_milestone)] = None,
    data: DataOpt = None,
) -> None:
    # The dataset and the milestone first, so that their errors read as everywhere else;
    # then the terminal, before Textual is imported at all.
    from kimcli import query

    dataset = _load(data)
    start = query.find(dataset, milestone).id if milestone is not None else None
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise UsageError(msg("browse.not_tty"))
    from kimcli.browse.app import run

    raise typer.Exit(run(dataset, start))


@app.command(help="help.cmd.schema")
def schema() -> None:
    from kimcli.schema import SCHEMA

    output.print_json(SCHEMA)


def run() -> None:
    """Run the app as the `kim` command (see kimcli.entry, which picks the language first)."""
    try:
        app(prog_name="kim")
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
