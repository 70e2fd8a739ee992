"""English words of kim browse (kimcli/browse/)."""

from __future__ import annotations

CATALOG: dict[str, str | dict[str, str]] = {
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
}
