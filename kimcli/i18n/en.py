"""English: one entry for every code of the German catalogue in kimcli.i18n.de."""

from __future__ import annotations

CATALOG: dict[str, str | dict[str, str]] = {
    # dates
    "date.until": "until {date}",
    "date.since": "since {date}",
    "date.circa": "c. {date}",
    "date.empty": "empty date",
    "date.unparseable": (
        "cannot read date “{value}”: expected e.g. 2012, 2020-11, 2022-01-01, 2017/2020, "
        "2019/.., optionally marked with ~ ? %"
    ),
    "date.year_zero": "date “{value}”: there is no year 0",
    "date.bad_month": "date “{value}”: there is no month {month}",
    "date.bad_day": "date “{value}”: this month has no day {day} (1–{last})",
    "date.both_open": "date “{value}”: a period needs at least one known end",
    "date.bad_bound": (
        "“{value}”: expected a year, a month or a day, e.g. 2019, 2019-11 or 2019-11-25"
    ),
    "date.reversed": "date “{value}”: the period ends before it begins",
    "precision.year": "year",
    "precision.month": "month",
    "precision.day": "day",
    "precision.interval": "period",
    "precision.approximate": "approximate",
    "precision.uncertain": "uncertain",
    "precision.open": "open end",
    "precision.unknown_end": "end unknown",
    # loading
    "load.not_found": "file not found",
    "load.is_dir": "is a directory, not a file",
    "load.not_regular": "is not a regular file (device, FIFO or socket)",
    "load.unreadable": "cannot read: {reason}",
    "load.too_large": "file too large ({size} bytes, at most {limit})",
    "load.not_utf8": "not valid UTF-8 (byte 0x{byte:02x}); please save as UTF-8",
    "load.empty": "the file contains no data set",
    "load.yaml": "YAML error: {problem}",
    "load.multi_doc": "more than one YAML document in the file; kim reads exactly one",
    "load.tag": "YAML tag “{tag}” is not allowed (kim reads plain data only)",
    "load.too_deep": "nested too deeply (more than {limit} levels)",
    "load.too_many_aliases": (
        "too many alias expansions (over {limit} nodes); is this a “billion laughs” file?"
    ),
    "load.recursive_alias": "recursive alias",
    "load.dup_key": (
        "duplicate key “{key}” (first on line {line}); YAML would silently keep only the last"
    ),
    "load.top_not_mapping": (
        "the top level must be a mapping (title:, milestones: …), found: {found}"
    ),
    "load.expected": "“{field}” must be {expected}, found: {found}",
    "load.bool_text": (
        '“{field}”: YAML reads {raw} as a boolean; please put it in quotes: "{raw}"'
    ),
    "load.null_text": "“{field}” is empty",
    "load.missing": "required field “{field}” is missing",
    "load.unknown_field": "unknown field “{field}”",
    "load.did_you_mean_missing": "did you mean “{suggestion}”? ({missing})",
    "load.did_you_mean": "did you mean “{suggestion}”?",
    "file.empty_name": "the file name is empty",
    "file.no_space": "no space left on device",
    "file.too_big": "the file grows too large for the file system",
    "file.denied": "no permission to write",
    "file.read_only": "the file system is read-only",
    "file.no_folder": "its folder is missing",
    "file.is_dir": "is a folder",
    "file.name_too_long": "the name is too long",
    "file.no_reader": "nobody reads at the other end",
    "file.failed": "could not be written ({reason})",
    "file.dangling": "is a link to “{target}”, which does not exist; --force creates it",
    "file.not_regular": "is not a regular file, a device or a pipe; nothing written",
    "pager.failed": "the pager “{command}” failed (status {code}); the output follows without it",
    "load.not_day": "“{field}”: “{value}” is not a day; expected e.g. 2026-12-03",
    "load.bad_slug": (
        "“{field}”: “{value}” is not a valid identifier "
        "(lowercase letters, digits, . _ -; first character a letter or digit)"
    ),
    "load.dup_id": "duplicate milestone ID “{id}” (first on line {line})",
    "load.dup_term": "duplicate glossary term “{term}” (first on line {line})",
    "load.unknown_ref": "reference to unknown milestone “{id}”",
    "load.self_ref": "milestone “{id}” refers to itself",
    "load.unknown_source": "unknown source “{id}”",
    "load.unknown_rel": "unknown relation “{id}” (declared under relations:)",
    "load.unknown_actor": "unknown actor “{id}”",
    "load.unknown_phase": "unknown phase “{id}”",
    "load.bad_url": "“{field}”: not an http or https address; it is shown but not linked",
    "load.no_sources": "milestone “{id}” cites no source",
    "load.uncited": "source “{id}” is never cited",
    "load.cycle": "cycle in ordered relations: {path}",
    "load.summary_ok": "{file}: OK ({milestones}, {warnings})",
    "load.summary_bad": "{file}: {errors}, {warnings}",
    "load.warning": "warning",
    "load.error": "error",
    "type.mapping": "a mapping",
    "type.list": "a list",
    "type.text": "a text",
    "type.bool": "true or false",
    "type.bool_value": "a boolean ({value})",
    "type.number": "a number ({value})",
    "type.null": "nothing (empty)",
    # queries
    "find.not_found": "no milestone “{query}”",
    "find.ambiguous": "“{query}” is ambiguous: {candidates}",
    "find.did_you_mean": "Did you mean: {suggestions}?",
    "search.no_hits": "no matches for “{query}”",
    "search.empty_query": "search needs at least one word",
    "cli.invalid_value": "Error: Invalid value for {hint}: {message}",
    "option.bad_date": "--{option}: {message}",
    "option.range": "--from is after --to",
    "option.lang": "unknown language “{lang}”; kim speaks {languages}",
    "path.none": "no connection between “{a}” and “{b}”",
    "glossary.not_found": "no glossary term “{query}”",
    "export.exists": "{path} already exists; --force overwrites it",
    "export.no_phase": "no phase",
    "export.no_year": "no start year",
    "export.is_dir": "{path} is a folder; please give a file name",
    "export.no_folder": "directory {path} does not exist",
    "export.written": "wrote {path} ({count})",
    # help texts
    "help.opt.lang": "Output language: de (default) or en; also via KIM_LANG.",
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
    # views
    "col.date": "Date",
    "col.title": "Milestone",
    "col.kind": "Kind",
    "col.id": "ID",
    "col.bar": "Time axis",
    "col.term": "Term",
    "col.definition": "Definition",
    "col.source": "Source",
    "col.publisher": "Publisher",
    "col.cited_by": "cited by",
    "col.field": "Field",
    "col.match": "Match",
    "timeline.caption": {"n": "total", "one": "{count} of {total} milestone", "other": "{count} of {total} milestones"},
    "timeline.empty": "no milestones in this selection",
    "show.date": "Date",
    "show.precision": "Precision",
    "show.kind": "Kind",
    "show.phase": "Phase",
    "show.tags": "Tags",
    "show.aliases": "Also",
    "show.actors": "Actors",
    "show.summary": "Summary",
    "show.description": "Description",
    "show.facts": "Facts",
    "show.key_dates": "Further dates",
    "show.disputes": "Disagreements between sources",
    "show.sources": "Sources",
    "show.refs": "Cross-references",
    "show.see": "See",
    "show.refs_out": "refers to",
    "show.refs_in": "referred to by",
    "show.no_refs": "none",
    "show.original": "Original",
    "conf.primary": "main source",
    "conf.confirmed": "confirmed",
    "conf.secondary": "other source",
    "field.id": "ID",
    "field.title": "Title",
    "field.alias": "Alias",
    "field.summary": "Summary",
    "field.description": "Description",
    "field.fact": "Fact",
    "field.tag": "Tag",
    "field.kind": "Kind",
    "field.source": "Source",
    "field.glossary": "Glossary",
    "field.dispute": "Disagreement",
    "kind.glossary": "Glossary",
    "kind.actor": "Actor",
    "rel.inverse_default": "{rel} (reverse)",
    "refs.more": "… and {count} more",
    "refs.cycle": "(cycle, shown above)",
    "refs.seen": "(shown above)",
    "graph.title": "References between milestones",
    "graph.isolated": "no references",
    "n.milestones": {"n": "n", "one": "{n} milestone", "other": "{n} milestones"},
    "n.errors": {"n": "n", "one": "{n} error", "other": "{n} errors"},
    "n.warnings": {"n": "n", "one": "{n} warning", "other": "{n} warnings"},
    # -- browse --
    "help.cmd.browse": (
        "Explore the timeline full-screen: milestones, cross-references, search, filters and "
        "sources, from the keyboard.\n\nExample: kim browse einwanderung-gestalten"
    ),
    "help.arg.browse_start": "Start on this milestone: id, alias or a unique beginning of an id.",
    "browse.not_tty": (
        "kim browse needs a terminal (input and output); for a pipe or a file: kim timeline"
    ),
    "browse.footer.quit": "Quit",
    "browse.footer.search": "Search",
    "browse.footer.filter": "Filter",
    "browse.footer.clear": "No filter",
    "browse.footer.sources": "Sources",
    "browse.footer.back": "Back",
    "browse.footer.help": "Help",
    "browse.key.quit": "quit",
    "browse.key.search": "search as you type, as kim search does (umlauts, typos)",
    "browse.key.filter": "filter by kind, phase, tag and date range; combinable",
    "browse.key.clear": "clear every filter",
    "browse.key.sources": "the milestone's sources; Enter opens one in a browser",
    "browse.key.refs": "to the milestone's cross-references",
    "browse.key.back": "back through the history, as in a web browser",
    "browse.key.forward": "forward through the history",
    "browse.key.help": "this help",
    "browse.key.maximize": "enlarge the focused pane, and back",
    "browse.key.escape": "close a window; else back to the timeline",
    "browse.key.move": "choose a milestone (or reference, hit, source)",
    "browse.key.page": "page up and down",
    "browse.key.ends": "first / last",
    "browse.key.enter": (
        "on the timeline: to the references; on a reference or hit: jump there; "
        "on a source: open it"
    ),
    "browse.key.tab": "switch between timeline, details and references",
    "browse.key.copy": "in the source list: copy the address to the clipboard",
    "browse.key.mouse": (
        "a click chooses, on a reference it jumps there; a double click is Enter; "
        "the wheel scrolls"
    ),
    "browse.mouse": "Mouse",
    "browse.help.title": "Keys",
    "browse.help.key": "Key",
    "browse.help.action": "What it does",
    "browse.close_hint": "Esc closes",
    "browse.history": "History",
    "browse.detail.none": "No milestone in this selection.",
    "browse.refs.hint": "Enter jumps to the reference, Backspace goes back",
    "browse.filter.active": "Filter",
    "browse.filter.title": "Filter",
    "browse.filter.kind": "Kind",
    "browse.filter.phase": "Phase",
    "browse.filter.tag": "Tag",
    "browse.filter.from": "from",
    "browse.filter.to": "to",
    "browse.filter.date_hint": "year, month or day: 2019, 2019-11, 2019-11-25",
    "browse.filter.range": "“from” is after “to”",
    "browse.filter.hint": "Space chooses · Tab moves on · applies at once · Esc closes",
    "browse.filter.clear": "Clear all",
    "browse.filter.close": "Close",
    "browse.filter.cleared": "Filters cleared",
    "browse.filter.revealed": "{id} was filtered out: filters cleared",
    "browse.search.placeholder": "Search titles, texts, tags, glossary, sources …",
    "browse.search.hint": "↑ ↓ choose · Enter jumps · Esc closes",
    "browse.search.one": "1 hit",
    "browse.search.count": "{count} hits",
    "browse.search.first": "the best {count} hits",
    "browse.search.none": "no hits",
    "browse.search.busy": "searching …",
    "browse.sources.title": "Sources",
    "browse.sources.hint": "Enter opens the address in a browser · c copies it · Esc closes",
    "browse.sources.none": "This milestone names no source.",
    "browse.sources.opened": "Opened in a browser:",
    "browse.sources.no_browser": "No browser found. The address, to copy:",
    "browse.sources.not_web": "Not an http(s) address, so not opened. To copy:",
    "browse.sources.no_url": "This source has no address.",
    "browse.sources.copied": "Address handed to the clipboard (where the terminal allows it).",
    # -- end browse --
}

MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
