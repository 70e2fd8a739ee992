"""English words of kim site and the single-page HTML export (kimcli/site/)."""

from __future__ import annotations

CATALOG: dict[str, str | dict[str, str]] = {
    "help.cmd.site": (
        "The timeline as a static, accessible website: overview, a page per milestone and "
        "source, glossary, search.\n\n"
        "Example: kim site ./kim-website --from 2015"
    ),
    "site.alt_start": "Sources also give {date} as the start",
    "site.alt_end": "Sources also give {date} as the end",
    "site.alt_date": "Sources also give {date}",
    "help.arg.outdir": "Folder of the website; created, or filled when empty.",
    "help.opt.site_force": (
        "Replace a folder that is not empty (the old site stays if the build fails)."
    ),
    "metavar.folder": "FOLDER",
    "site.written": "wrote the website to {path} ({count} milestones)",
    "site.not_empty": "{path} is not empty; --force replaces the folder",
    "site.not_folder": "{path} is not a folder",
    "site.refused": (
        "{path} is not replaced: it holds the current directory or the data set, or it is a "
        "home or root folder"
    ),
    "site.skip": "Skip to content",
    "site.nav": "Main navigation",
    "site.timeline": "Timeline",
    "site.glossary": "Glossary",
    "site.sources": "Sources",
    "site.search": "Search",
    "site.search_label": "Search",
    "site.search_hint": "Case does not matter, ü = ue = u, ß = ss, one typo per word is forgiven.",
    "site.search_button": "Search",
    "site.search_none": "No matches.",
    "site.search_count": "Matches: {count}",
    "site.search_loading": "Loading the search index …",
    "site.as_of": "As of",
    "site.count": "{count} milestones",
    "site.years": "Milestones by year",
    "site.year_title": "Milestones {year}",
    "site.year_count": "{count} milestones",
    "site.phases": "Phases",
    "site.previous": "Earlier",
    "site.next": "Later",
    "site.back": "Back to the timeline",
    "site.milestones": "Milestones",
    "site.start": "Start",
    "site.end": "End",
    "site.source_ref": "Source {n}",
    "site.source_page": "Page of the source",
    "site.no_link": "not a web address, not linked",
    "site.url": "Address",
    "site.type": "Type",
    "site.note": "Note",
    "site.cited_by": "Cited by",
    "site.cited_by_terms": "Cited in the glossary",
    "site.cited_by_actors": "Evidence for actors",
    "site.not_cited": "No milestone of this website cites this source.",
    "site.cited_count": "cited by {count} milestones",
    "site.not_shown": "not on this website",
    "site.footer": "Made with kim {version} from a data set of {count} milestones.",
    "site.contents": "Contents",
}
