"""Commands that explore the history: timeline, show, actors, search, refs, path, graph."""

from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from kimcli import i18n
from kimcli.cli.app import app
from kimcli.cli.options import (
    AllTagsOpt,
    DataOpt,
    DisputedOpt,
    FromOpt,
    JsonOpt,
    KindOpt,
    MilestoneArg,
    TagOpt,
    ToOpt,
    WithoutTagOpt,
    _load,
    _range,
    complete_milestone,
)
from kimcli.errors import NotFoundError, msg
from kimcli.render import output

if TYPE_CHECKING:
    from types import ModuleType

    from kimcli.domain.dataset import Dataset
    from kimcli.domain.fields import Actor


def jsonout() -> "ModuleType":
    """kimcli.jsonout, imported when `--json` asks for it."""
    from kimcli import jsonout

    return jsonout


@app.command(help="help.cmd.timeline")
def timeline(
    data: DataOpt = None,
    json_: JsonOpt = False,
    from_: FromOpt = None,
    to: ToOpt = None,
    kind: KindOpt = None,
    tag: TagOpt = None,
    without_tag: WithoutTagOpt = None,
    all_tags: AllTagsOpt = False,
    reverse: Annotated[bool, typer.Option("--reverse", "-r",
                                          help="help.opt.reverse")] = False,
    disputed: DisputedOpt = False,
) -> None:
    from kimcli import query
    from kimcli.io import answers

    start, end = _range(from_, to)
    dataset = _load(data, lazy=True)
    flt = query.TimelineFilter(start, end, tuple(kind or ()), tuple(tag or ()), reverse,
                               disputed, tuple(without_tag or ()), all_tags)
    items = answers.timeline(dataset, flt, rows=not json_)
    output.answer(json_, lambda: [jsonout().milestone_brief(m) for m in items],
                  lambda: output.print_timeline(items, len(dataset.milestones), dataset.as_of),
                  None if items else i18n.t("timeline.empty"))


@app.command(help="help.cmd.show")
def show(
    milestone: MilestoneArg,
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli import query
    from kimcli.io import answers

    dataset = _load(data, lazy=True)
    try:
        found = answers.find(dataset, milestone)
    except NotFoundError:
        # Not a milestone: an actor's id or abbreviation shows that actor.
        actor = query.find_actor(dataset, milestone)
        if actor is None:
            raise
        _answer_actor(dataset, actor, json_)
        return
    incoming = answers.referenced_by(dataset, found.id)
    output.answer(json_, lambda: jsonout().milestone_full(dataset, found, incoming),
                  lambda: output.print_milestone(dataset, found, incoming))


def _answer_actor(dataset: "Dataset", actor: "Actor", json_: bool) -> None:
    from kimcli import query

    appears = query.appearances(dataset, actor.id)
    output.answer(json_, lambda: jsonout().actor_dict(dataset, actor, appears),
                  lambda: output.print_actor(dataset, actor, appears))


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
        output.answer(json_, lambda: [{"id": a.id, "abbr": a.abbr, "name": a.name}
                                      for a in dataset.actors.values()],
                      lambda: output.print_actor_list(dataset),
                      None if dataset.actors else i18n.t("actors.none"))
        return
    found = query.find_actor(dataset, actor)
    if found is None:
        from kimcli.fuzzy import suggest

        raise NotFoundError(msg("actor.not_found", query=actor),
                            suggest(actor, list(dataset.actors)))
    _answer_actor(dataset, found, json_)


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
    from kimcli.io import answers

    dataset = _load(data, lazy=True)
    phrase = " ".join(words)
    hits = answers.search(dataset, phrase, limit)
    output.answer(json_, lambda: [jsonout().hit_dict(h) for h in hits],
                  lambda: output.print_search(hits),
                  None if hits else i18n.t("search.no_hits", query=phrase))


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
    from kimcli.io import answers

    dataset = _load(data, lazy=True)
    root = answers.ref_tree(dataset, answers.find(dataset, milestone).id, depth,
                            direction.value, limit)
    output.answer(json_, lambda: jsonout().ref_node_dict(root),
                  lambda: output.print_refs(dataset, root))


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
    from kimcli.io import answers

    dataset = _load(data, lazy=True)
    a, b = answers.find(dataset, start), answers.find(dataset, goal)
    chain = answers.shortest_path(dataset, a.id, b.id)
    output.answer(json_, lambda: jsonout().path_dict(chain),
                  lambda: output.print_path(dataset, chain),
                  None if chain else i18n.t("path.none", a=a.id, b=b.id))


@app.command(help="help.cmd.graph")
def graph(
    format_: Annotated[GraphFormat, typer.Option(
        "--format", "-f",
        help="help.opt.graph_format",
    )] = GraphFormat.text,
    data: DataOpt = None,
) -> None:
    # Read from the cache database as it is drawn: every milestone is passed on once.
    dataset = _load(data, lazy=True)
    if format_ is GraphFormat.text:
        output.print_graph(dataset, dataset.chronological())
        return
    from kimcli.export.graph import dot_chunks, mermaid_chunks

    output.write(mermaid_chunks(dataset) if format_ is GraphFormat.mermaid
                 else dot_chunks(dataset))
