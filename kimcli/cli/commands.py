"""The commands: each reads its options, asks the core one question and hands the answer to
render.output (or JSON)."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from kimcli import i18n
from kimcli.cli.app import app
from kimcli.cli.options import (
    DataOpt,
    DisputedOpt,
    FromOpt,
    JsonOpt,
    KindOpt,
    MilestoneArg,
    TagOpt,
    ToOpt,
    _load,
    _range,
    complete_milestone,
    complete_term,
)
from kimcli.errors import (
    ExitCode,
    NotFoundError,
    Severity,
    UsageError,
    msg,
)
from kimcli.export.registry import ExportFormat, render_export
from kimcli.render import output


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
    disputed: DisputedOpt = False,
) -> None:
    from kimcli import query

    start, end = _range(from_, to)
    dataset = _load(data)
    flt = query.TimelineFilter(start, end, tuple(kind or ()), tuple(tag or ()), reverse,
                               disputed)
    items = query.timeline(dataset, flt)
    if json_:
        from kimcli.jsonout import milestone_brief

        output.print_json([milestone_brief(m) for m in items])
        return
    output.print_timeline(items, len(dataset.milestones), dataset.as_of)


@app.command(help="help.cmd.show")
def show(
    milestone: MilestoneArg,
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    try:
        found = query.find(dataset, milestone)
    except NotFoundError:
        # Not a milestone: an actor's id or abbreviation shows that actor.
        actor = query.find_actor(dataset, milestone)
        if actor is None:
            raise
        appears = query.appearances(dataset, actor.id)
        if json_:
            from kimcli.jsonout import actor_dict

            output.print_json(actor_dict(dataset, actor, appears))
            return
        output.print_actor(dataset, actor, appears)
        return
    incoming = query.referenced_by(dataset, found.id)
    if json_:
        from kimcli.jsonout import milestone_full

        output.print_json(milestone_full(dataset, found, incoming))
        return
    output.print_milestone(dataset, found, incoming)


@app.command(help="help.cmd.actors")
def actors(
    actor: Annotated[str | None, typer.Argument(help="help.arg.actor", show_default=False,
                                                metavar="metavar.actor")] = None,
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query

    dataset = _load(data)
    if actor is None:
        if json_:
            output.print_json([{"id": a.id, "abbr": a.abbr, "name": a.name}
                               for a in dataset.actors.values()])
            return
        output.print_actor_list(dataset)
        return
    found = query.find_actor(dataset, actor)
    if found is None:
        from kimcli.fuzzy import suggest

        raise NotFoundError(msg("actor.not_found", query=actor),
                            suggest(actor, list(dataset.actors)))
    appears = query.appearances(dataset, found.id)
    if json_:
        from kimcli.jsonout import actor_dict

        output.print_json(actor_dict(dataset, found, appears))
        return
    output.print_actor(dataset, found, appears)


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
    disputed: DisputedOpt = False,
) -> None:
    from kimcli import query

    start, end = _range(from_, to)
    dataset = _load(data)
    items = query.timeline(dataset, query.TimelineFilter(start, end, tuple(kind or ()),
                                                         tuple(tag or ()), disputed=disputed))
    content = render_export(format_, dataset, items, width)
    if output_ is None:
        output.write(content)
        return
    from kimcli.files import write_atomic

    if not write_atomic(output_, content, force=force):
        return  # "-": the export went to standard output
    output.print_message(i18n.t("export.written", path=str(output_),
                                count=i18n.count("n.milestones", len(items))))


@app.command(help="help.cmd.site")
def site(
    outdir: Annotated[Path, typer.Argument(help="help.arg.outdir", show_default=False,
                                           metavar="metavar.folder")],
    data: DataOpt = None,
    from_: FromOpt = None,
    to: ToOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    force: Annotated[bool, typer.Option("--force", help="help.opt.site_force")] = False,
) -> None:
    from kimcli.site.build import build_site

    start, end = _range(from_, to)
    count = build_site(outdir, data=data, start=start, end=end, kinds=tuple(kind or ()),
                       tags=tuple(tag or ()), force=force)
    output.print_message(i18n.t("site.written", path=str(outdir), count=count))


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
    stale_after: Annotated[int, typer.Option("--stale-after", min=0, metavar="metavar.days",
                                             help="help.opt.stale_after")] = 365,
    require_accessed: Annotated[bool, typer.Option("--require-accessed",
                                                   help="help.opt.require_accessed")] = False,
) -> None:
    from kimcli.io.checks import provenance
    from kimcli.io.loading import check
    from kimcli.io.read import default_data_path

    target = path or data or default_data_path()
    report = check(target, cached=False)
    diags = list(report.diagnostics)
    if report.dataset is not None:
        diags += provenance(report.dataset, report.path, stale_after, require_accessed)
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


class DiffFormat(str, Enum):
    text = "text"
    markdown = "markdown"


@app.command(help="help.cmd.diff")
def diff(
    old: Annotated[str, typer.Argument(help="help.arg.diff_old", metavar="metavar.side",
                                       show_default=False)],
    new: Annotated[str, typer.Argument(help="help.arg.diff_new", metavar="metavar.side",
                                       show_default=False)],
    json_: JsonOpt = False,
    format_: Annotated[DiffFormat, typer.Option("--format", "-f", help="help.opt.diff_format",
                                                case_sensitive=False)] = DiffFormat.text,
    exit_code: Annotated[bool, typer.Option("--exit-code", help="help.opt.diff_exit_code")
                         ] = False,
) -> None:
    from kimcli.diff import compare, to_plain
    from kimcli.io.sides import read_side

    if json_ and format_ is not DiffFormat.text:
        raise UsageError(msg("diff.json_and_format"))
    found = compare(read_side(old), read_side(new))
    if json_:
        output.print_json(to_plain(found, old, new))
    else:
        output.print_diff(found, old, new, markdown=format_ is DiffFormat.markdown)
    if exit_code and not found.empty:
        raise typer.Exit(ExitCode.CHANGED)
