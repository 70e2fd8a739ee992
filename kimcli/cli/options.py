"""Options every command shares, defined once, with shell completion and date ranges."""

import os
from collections.abc import Callable
from typing import Annotated, Any

import typer

from kimcli import i18n
from kimcli.errors import (
    DateError,
)


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


def named(value: str | None) -> str | None:
    """A file or folder name as typed: an empty one is refused as such (as a Path, "" would
    silently become ".")."""
    if value == "":
        raise typer.BadParameter(i18n.t("file.empty_name"))
    return value


# Text, not Path: see named(). An empty KIM_DATA counts as unset, as empty variables do.
DataOpt = Annotated[
    str | None,
    typer.Option("--data", "-d", envvar="KIM_DATA", show_default=False, callback=named,
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
WithoutTagOpt = Annotated[list[str] | None, typer.Option(
    "--without-tag", "-T", help="help.opt.without_tag", show_default=False,
    metavar="metavar.tag", autocompletion=complete_tag)]
AllTagsOpt = Annotated[bool, typer.Option("--all-tags", help="help.opt.all_tags")]
DisputedOpt = Annotated[bool, typer.Option("--disputed", help="help.opt.disputed")]
MilestoneArg = Annotated[str, typer.Argument(
    help="help.arg.milestone", show_default=False,
    metavar="metavar.milestone",
    autocompletion=complete_milestone)]




def _load(data: str | None, *, lazy: bool = False) -> Any:
    """The dataset; `lazy`: read from the cache database only as far as the command asks
    (the command then asks through kimcli.io.answers)."""
    from kimcli.io.loading import load
    from kimcli.io.read import default_data_path

    return load(data if data is not None else default_data_path(), lazy=lazy)


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
