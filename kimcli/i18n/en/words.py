"""English words of help texts and Click's own words (kimcli/cli/words.py)."""

from __future__ import annotations

CATALOG: dict[str, str | dict[str, str]] = {
    # help texts
    "help.opt.lang": "Output language: de (default) or en; also via KIM_LANG.",
    # Click's own words, said by kim (kimcli/cli/words.py)
    "click.usage": "Usage:",
    "click.options_metavar": "[OPTIONS]",
    "click.command_metavar": "COMMAND [ARGS]...",
    "click.arguments": "Arguments",
    "click.options": "Options",
    "click.commands": "Commands",
    "click.help": "Show this message and exit.",
    "click.install_completion": "Install completion for the current shell.",
    "click.show_completion": "Show completion for the current shell, to copy it or customize the installation.",
    "click.env_var": "env var",
    "click.default": "default",
    "click.required": "required",
    "click.type.int_range": "<int range>",
    "click.type.int": "INTEGER",
    "click.type.text": "TEXT",
    "click.type.path": "PATH",
    "click.try": "Try '{command} {option}' for help.",
    "click.error": "Error: {message}",
    "click.aborted": "Aborted!",
    "click.invalid_value": "Invalid value for {hint}: {message}",
    "click.invalid_value_bare": "Invalid value: {message}",
    "click.missing_argument": "Missing argument {hint}.",
    "click.missing_option": "Missing option {hint}.",
    "click.missing_parameter": "Missing parameter {hint}.",
    "click.no_such_option": "No such option: {name}",
    "click.did_you_mean": "Did you mean {possibility}?",
    "click.possible_options": "(Possible options: {possibilities})",
    "click.no_such_command": "No such command {name}.",
    "click.extra_args": {"n": "n", "one": "Got unexpected extra argument ({args})", "other": "Got unexpected extra arguments ({args})"},
    "click.extra_args_any": "Got unexpected extra argument(s) ({args})",
    "click.needs_value": "Option {name} requires an argument.",
    "click.needs_values": "Option {name} requires {n} arguments.",
    "click.no_value": "Option {name} does not take a value.",
    "click.value_error": "Value error, {message}",
    "click.pyd_not_int": "Input should be a valid integer, unable to parse string as an integer",
    "click.at_least": "Input should be greater than or equal to {n}",
    "click.at_most": "Input should be less than or equal to {n}",
    "click.not_int": "{value} is not a valid integer.",
    "click.not_int_range": "{value} is not a valid integer range.",
    "click.not_in_range": "{value} is not in the range {range}.",
    "click.not_one_of": "{value} is not one of {choices}.",
    "click.choose_from": "Choose from:{choices}",
    "metavar.file": "FILE",
    "metavar.date": "DATE",
    "metavar.kind": "KIND",
    "metavar.tag": "TAG",
    "metavar.milestone": "MILESTONE",
    "metavar.words": "WORDS",
    "metavar.start": "START",
    "metavar.goal": "GOAL",
    "metavar.term": "TERM",
    "help.example": "Example",
    "help.app": (
        "kim – timelines in the terminal. Default: the history of Kommunales "
        "Integrationsmanagement (KIM) in NRW, with sources."
    ),
    "help.opt.data": "Data set (YAML) instead of the bundled one; also via KIM_DATA.",
    "help.opt.json": "Print plain JSON to stdout.",
    "help.opt.from": "Only what lasts until this point or later (year or date, inclusive).",
    "help.opt.to": "Only what has begun by this point (year or date, inclusive).",
    "help.opt.kind": "Only this kind (repeatable).",
    "help.opt.tag": "Only with this tag (repeatable).",
    "help.opt.without_tag": "Not with this tag (repeatable).",
    "help.opt.all_tags": "With every tag given by --tag, not just one.",
    "help.arg.milestone": "ID, alias or unique prefix of an ID.",
    "help.opt.version": "Show the version and exit.",
    "help.opt.no_pager": "Never send long output to a pager (otherwise: PAGER, else less).",
    "help.opt.reverse": "Newest first.",
    "help.arg.words": "Search words; all must match.",
    "help.opt.limit": "At most this many matches.",
    "help.opt.depth": "Follow this many steps.",
    "help.opt.direction": "out: the milestone's references; in: references to it; both: both.",
    "help.opt.refs_limit": "At most this many references per milestone.",
    "help.arg.start": "From this milestone …",
    "help.arg.goal": "… to this one.",
    "help.opt.graph_format": "text: overview in the terminal; mermaid: flowchart; dot: Graphviz.",
    "help.opt.export_format": "Output format.",
    "help.opt.output": "Write to this file (otherwise stdout).",
    "help.opt.force": "Overwrite an existing file.",
    "help.opt.width": "Width of the image (svg, html) in characters.",
    "help.arg.term": "Term or abbreviation; without: all.",
    "help.arg.path": "File; otherwise --data/KIM_DATA or the bundled data set.",
    "help.opt.strict": "Treat warnings as errors.",
    "help.cmd.timeline": (
        "The milestones in chronological order, with a time axis.\n\n"
        "Example: kim timeline --from 2019 --to 2020 --kind Gesetz"
    ),
    "help.cmd.show": (
        "Everything about one milestone: facts, sources, disagreements, cross-references.\n\n"
        "Example: kim show einwanderung-gestalten"
    ),
    "help.cmd.search": (
        "Search titles, aliases, texts, tags, glossary and sources.\n\n"
        "Case-insensitive, ü = ue = u, ß = ss, one typo per word allowed.\n\n"
        "Example: kim search einbuergerung"
    ),
    "help.cmd.refs": (
        "The cross-references around a milestone as a tree, over several steps.\n\n"
        "Example: kim refs kim-start-2020 --depth 2 --direction in"
    ),
    "help.cmd.path": (
        "The shortest chain of cross-references between two milestones (in either "
        "direction).\n\n"
        "Example: kim path tintg-2012 kim-start-2020"
    ),
    "help.cmd.graph": (
        "All cross-references at a glance, or as Mermaid/DOT for documents.\n\n"
        "Example: kim graph --format mermaid > kim.mmd"
    ),
    "help.cmd.export": (
        "The (filtered) timeline as JSON, CSV, Markdown, TimelineJS, Mermaid, SVG or HTML.\n\n"
        "Example: kim export --format timelinejs --from 2015 -o kim-timeline.json"
    ),
    "help.cmd.glossary": (
        "Terms and abbreviations newcomers meet around KIM, with sources.\n\n"
        "Example: kim glossary TIntG"
    ),
    "help.cmd.sources": (
        "All sources with publisher, address and the milestones that cite them.\n\n"
        "Example: kim sources --json"
    ),
    "help.cmd.validate": (
        "Check a data set and report every problem as FILE:LINE:COLUMN.\n\n"
        "Example: kim validate meine-zeitleiste.yaml --strict"
    ),
    "help.cmd.schema": (
        "The JSON Schema of the data set format, for editors (yaml-language-server).\n\n"
        "Example: kim schema > kim.schema.json"
    ),
    # help texts of the commands added later
    "help.cmd.diff": "What changed between two versions of a dataset: milestones, dates, facts, sources, disputes, references.\n\nEach side is a file or git:REVISION:PATH. Exit code 0 whether or not something changed; with --exit-code 4 when something changed.\n\nExample: kim diff git:HEAD~10:data/kim.yaml data/kim.yaml",
    "help.arg.diff_old": "The old version: a file or git:REVISION:PATH.",
    "help.arg.diff_new": "The new version: a file or git:REVISION:PATH.",
    "help.opt.diff_format": "Text (default) or markdown (for a changelog or a newsletter).",
    "help.opt.diff_exit_code": "Exit with code 4 when something changed (as git diff does).",
    "help.opt.disputed": "Only milestones on which sources disagree.",
    "help.cmd.actors": "The actors; with an ID or abbreviation, one of them: role, dated facts with validity and sources, milestones.\n\nExample: kim actors MKJFGFI",
    "help.arg.actor": "ID or abbreviation of an actor (any case).",
    "help.opt.require_accessed": "Warn about every source without an accessed date, not only those of dated statements (valid).",
    "help.opt.stale_after": "Warn when the sources of an open-ended validity were last read this many days before the as-of date.",
}
