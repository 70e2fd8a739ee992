"""Commands that check datasets: validate one, diff two."""

from enum import Enum
from typing import Annotated

import typer

from kimcli import i18n
from kimcli.cli.app import app
from kimcli.cli.options import DataOpt, JsonOpt, named
from kimcli.errors import ExitCode, Severity, UsageError, msg
from kimcli.render import output


@app.command(help="help.cmd.validate")
def validate(
    path: Annotated[str | None, typer.Argument(help="help.arg.path", show_default=False,
                                               metavar="metavar.file", callback=named)] = None,
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
