"""Commands that look up what the history rests on: glossary, sources, schema."""

from typing import Annotated

import typer

from kimcli import i18n
from kimcli.cli.app import app
from kimcli.cli.explore import jsonout
from kimcli.cli.options import DataOpt, JsonOpt, _load, complete_term
from kimcli.render import output


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

    dataset = _load(data, lazy=True)
    if term is None or not term.strip():
        output.answer(json_, lambda: [jsonout().glossary_dict(dataset, g)
                                      for g in dataset.glossary],
                      lambda: output.print_glossary(dataset),
                      None if dataset.glossary else i18n.t("glossary.none"))
        return
    entry = query.find_term(dataset, term)
    output.answer(json_, lambda: jsonout().glossary_dict(dataset, entry),
                  lambda: output.print_term(dataset, entry))


@app.command(help="help.cmd.sources")
def sources(
    data: DataOpt = None,
    json_: JsonOpt = False,
) -> None:
    from kimcli.io import answers

    dataset = _load(data, lazy=True)
    cited = answers.citations(dataset)
    output.answer(json_, lambda: jsonout().sources_list(dataset, cited),
                  lambda: output.print_sources(dataset, cited),
                  None if dataset.sources else i18n.t("sources.none"))


@app.command(help="help.cmd.schema")
def schema() -> None:
    from kimcli.schema import SCHEMA

    output.print_json(SCHEMA)
