"""Commands that carry the history elsewhere: export, site, browse."""

import sys
from typing import Annotated, Any

import typer

from kimcli import i18n
from kimcli.cli.app import app
from kimcli.cli.options import (
    AllTagsOpt,
    DataOpt,
    DisputedOpt,
    FromOpt,
    KindOpt,
    TagOpt,
    ToOpt,
    WithoutTagOpt,
    _load,
    _range,
    complete_milestone,
    named,
)
from kimcli.errors import UsageError, msg
from kimcli.export.registry import ExportFormat, export_chunks
from kimcli.render import output


@app.command(help="help.cmd.export")
def export(
    format_: Annotated[ExportFormat, typer.Option("--format", "-f",
                                                  help="help.opt.export_format")],
    # Text, not Path: a trailing "/" (meaning a folder) must survive to be refused.
    output_: Annotated[str | None, typer.Option(
        "--output", "-o", help="help.opt.output", metavar="metavar.file",
        show_default=False, callback=named)] = None,
    force: Annotated[bool, typer.Option("--force", help="help.opt.force")
                     ] = False,
    width: Annotated[int, typer.Option("--width", min=40, max=400,
                                       help="help.opt.width")] = 100,
    data: DataOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    without_tag: WithoutTagOpt = None,
    all_tags: AllTagsOpt = False,
    disputed: DisputedOpt = False,
) -> None:
    from kimcli import query

    start, end = _range(from_, to)
    if format_ is ExportFormat.sqlite and output_ in (None, "-", "/dev/stdout"):
        raise UsageError(msg("export.sqlite_needs_file"))  # before any work
    flt = query.TimelineFilter(start, end, tuple(kind or ()), tuple(tag or ()),
                               disputed=disputed, without=tuple(without_tag or ()),
                               all_tags=all_tags)
    # A whole JSON export streams from the cache database, never holding every milestone.
    whole = format_ is ExportFormat.json and flt == query.TimelineFilter()
    dataset = _load(data, lazy=whole)
    items: Any = None
    if whole:
        from kimcli.export.stream import whole as streamed

        items = streamed(dataset, True)
    if items is None:
        items = query.timeline(dataset, flt)
    if format_ is ExportFormat.sqlite:
        from kimcli.export.sqlite import write_file

        write_file(output_, _selection(dataset, items), force=force)
        output.print_message(i18n.t("export.written", path=str(output_),
                                    count=i18n.count("n.milestones", len(items))))
        return
    content = export_chunks(format_, dataset, items, width)
    if output_ is None:
        output.write(content)
        return
    from kimcli.files import write_atomic

    if not write_atomic(output_, content, force=force):
        return  # "-": the export went to standard output
    output.print_message(i18n.t("export.written", path=str(output_),
                                count=i18n.count("n.milestones", len(items))))


def _selection(dataset: Any, items: list[Any]) -> Any:
    """The dataset, or only the chosen milestones (in dataset order) when a filter chose."""
    if len(items) == len(dataset.milestones):
        return dataset
    from dataclasses import replace

    chosen = {m.id for m in items}
    return replace(dataset, milestones=tuple(m for m in dataset.milestones if m.id in chosen))


@app.command(help="help.cmd.site")
def site(
    outdir: Annotated[str, typer.Argument(help="help.arg.outdir", show_default=False,
                                          metavar="metavar.folder", callback=named)],
    data: DataOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    without_tag: WithoutTagOpt = None,
    all_tags: AllTagsOpt = False,
    disputed: DisputedOpt = False,
    force: Annotated[bool, typer.Option("--force", help="help.opt.site_force")] = False,
) -> None:
    from kimcli import query
    from kimcli.site.build import build_site

    start, end = _range(from_, to)
    flt = query.TimelineFilter(start, end, tuple(kind or ()), tuple(tag or ()),
                               disputed=disputed, without=tuple(without_tag or ()),
                               all_tags=all_tags)
    count = build_site(outdir, data=data, flt=flt, force=force)
    output.print_message(i18n.t("site.written", path=str(outdir), count=count))


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
