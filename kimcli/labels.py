"""Every user-facing word kim prints, per language; German is the default."""

from __future__ import annotations

import re

_MONTHS = {
    "de": ["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.",
           "Nov.", "Dez."],
}

LABELS: dict[str, dict[str, str]] = {
    "de": {
        # dates
        "date.until": "bis {date}",
        "date.since": "seit {date}",
        "date.circa": "ca. {date}",
        "date.empty": "leeres Datum",
        "date.unparseable": "Datum „{value}“ nicht lesbar: erwartet z. B. 2012, 2020-11, "
        "2022-01-01, 2017/2020, 2019/.., mit ~ ? % als Zusatz",
        "date.year_zero": "Datum „{value}“: das Jahr 0 gibt es nicht",
        "date.bad_month": "Datum „{value}“: Monat {month} gibt es nicht",
        "date.bad_day": "Datum „{value}“: Tag {day} gibt es in diesem Monat nicht (1–{last})",
        "date.both_open": "Datum „{value}“: ein Zeitraum braucht mindestens ein bekanntes Ende",
        "date.bad_bound": "„{value}“: erwartet ein Jahr, einen Monat oder einen Tag, z. B. 2019, 2019-11 oder 2019-11-25",
        "date.reversed": "Datum „{value}“: der Zeitraum endet vor seinem Beginn",
        "precision.year": "Jahr",
        "precision.month": "Monat",
        "precision.day": "Tag",
        "precision.interval": "Zeitraum",
        "precision.approximate": "ungefähr",
        "precision.uncertain": "unsicher",
        "precision.open": "offenes Ende",
        "precision.unknown_end": "Ende unbekannt",
        # loading
        "load.not_found": "Datei nicht gefunden",
        "load.is_dir": "ist ein Ordner, keine Datei",
        "load.not_regular": "ist keine normale Datei (Gerät, FIFO oder Socket)",
        "load.unreadable": "nicht lesbar: {reason}",
        "load.too_large": "Datei zu groß ({size} Bytes, höchstens {limit})",
        "load.not_utf8": "kein gültiges UTF-8 (Byte 0x{byte:02x}); bitte als UTF-8 speichern",
        "load.empty": "die Datei enthält keinen Datensatz",
        "load.yaml": "YAML-Fehler: {problem}",
        "load.multi_doc": "mehr als ein YAML-Dokument in der Datei; kim liest genau eines",
        "load.tag": "YAML-Tag „{tag}“ ist nicht erlaubt (kim liest nur einfache Daten)",
        "load.too_deep": "zu tief verschachtelt (mehr als {limit} Ebenen)",
        "load.too_many_aliases": "zu viele Alias-Auflösungen (über {limit} Knoten); "
        "ist das eine „Billion Laughs“-Datei?",
        "load.recursive_alias": "rekursiver Alias",
        "load.dup_key": "Schlüssel „{key}“ doppelt (zuerst in Zeile {line}); YAML behielte "
        "stillschweigend nur den letzten",
        "load.top_not_mapping": "oberste Ebene muss eine Zuordnung sein (title:, milestones: …), "
        "gefunden: {found}",
        "load.expected": "„{field}“ muss {expected} sein, gefunden: {found}",
        "load.bool_text": "„{field}“: YAML liest {raw} als Wahrheitswert; bitte in "
        "Anführungszeichen setzen: \"{raw}\"",
        "load.null_text": "„{field}“ ist leer",
        "load.missing": "Pflichtfeld „{field}“ fehlt",
        "load.unknown_field": "unbekanntes Feld „{field}“",
        "load.did_you_mean": "meinten Sie „{suggestion}“?",
        "load.bad_slug": "„{field}“: „{value}“ ist kein gültiger Bezeichner "
        "(Kleinbuchstaben, Ziffern, . _ -; erstes Zeichen Buchstabe oder Ziffer)",
        "load.dup_id": "Meilenstein-ID „{id}“ doppelt (zuerst in Zeile {line})",
        "load.dup_term": "Glossarbegriff „{term}“ doppelt (zuerst in Zeile {line})",
        "load.unknown_ref": "Verweis auf unbekannten Meilenstein „{id}“",
        "load.self_ref": "Meilenstein „{id}“ verweist auf sich selbst",
        "load.unknown_source": "unbekannte Quelle „{id}“",
        "load.unknown_rel": "unbekannte Relation „{rel}“ (erklärt unter relations:)",
        "load.unknown_actor": "unbekannter Akteur „{id}“",
        "load.unknown_phase": "unbekannte Phase „{id}“",
        "load.bad_url": "„{field}“: keine http- oder https-Adresse; sie wird gezeigt, aber nicht verlinkt",
        "load.no_sources": "Meilenstein „{id}“ nennt keine Quelle",
        "load.uncited": "Quelle „{id}“ wird nirgends zitiert",
        "load.cycle": "Zyklus in geordneten Relationen: {path}",
        "load.summary_ok": "{file}: in Ordnung ({milestones} Meilensteine, {warnings} Warnungen)",
        "load.summary_bad": "{file}: {errors} Fehler, {warnings} Warnungen",
        "load.warning": "Warnung",
        "load.error": "Fehler",
        "type.mapping": "eine Zuordnung",
        "type.list": "eine Liste",
        "type.text": "ein Text",
        "type.bool": "true oder false",
        "type.bool_value": "ein Wahrheitswert",
        "type.number": "eine Zahl",
        "type.null": "nichts (leer)",
        # queries
        "find.not_found": "kein Meilenstein „{query}“",
        "find.ambiguous": "„{query}“ ist mehrdeutig: {candidates}",
        "find.did_you_mean": "Meinten Sie: {suggestions}?",
        "search.no_hits": "keine Treffer für „{query}“",
        "search.empty_query": "die Suche braucht mindestens ein Wort",
        "option.bad_date": "--{option}: {message}",
        "option.range": "--from liegt nach --to",
        "option.lang": "unbekannte Sprache „{lang}“; kim spricht {languages}",
        "path.none": "keine Verbindung zwischen „{a}“ und „{b}“",
        "glossary.not_found": "kein Glossarbegriff „{query}“",
        "export.exists": "{path} gibt es schon; --force überschreibt",
        "export.no_phase": "ohne Phase",
        "export.no_year": "ohne Anfangsjahr",
        "export.is_dir": "{path} ist ein Ordner; bitte einen Dateinamen angeben",
        "export.no_folder": "Ordner {path} gibt es nicht",
        "export.written": "{path} geschrieben ({count} Meilensteine)",
        # help texts
        "help.opt.lang": "Sprache der Ausgabe: de (Standard) oder en; auch über KIM_LANG.",
        "metavar.file": "DATEI",
        "metavar.date": "DATUM",
        "metavar.kind": "ART",
        "metavar.tag": "SCHLAGWORT",
        "metavar.milestone": "MEILENSTEIN",
        "metavar.words": "WÖRTER",
        "metavar.start": "START",
        "metavar.goal": "ZIEL",
        "metavar.term": "BEGRIFF",
        "help.example": "Beispiel",
        "help.app": "kim – Zeitleisten im Terminal. Standard: die Geschichte des Kommunalen Integrationsmanagements (KIM) in NRW, mit Quellen.",
        "help.opt.data": "Datensatz (YAML) statt des mitgelieferten; auch über KIM_DATA.",
        "help.opt.json": "Reines JSON auf stdout ausgeben.",
        "help.opt.from": "Nur was bis zu diesem Zeitpunkt oder später liegt (Jahr oder Datum, einschließlich).",
        "help.opt.to": "Nur was bis zu diesem Zeitpunkt begonnen hat (Jahr oder Datum, einschließlich).",
        "help.opt.kind": "Nur diese Art (wiederholbar).",
        "help.opt.tag": "Nur mit diesem Schlagwort (wiederholbar).",
        "help.arg.milestone": "ID, Alias oder eindeutiger Anfang einer ID.",
        "help.opt.version": "Version zeigen und beenden.",
        "help.opt.no_pager": "Lange Ausgaben nie an einen Pager geben (sonst: PAGER, sonst less).",
        "help.opt.reverse": "Neueste zuerst.",
        "help.arg.words": "Suchwörter; alle müssen passen.",
        "help.opt.limit": "Höchstens so viele Treffer.",
        "help.opt.depth": "So viele Schritte weit folgen.",
        "help.opt.direction": "out: Verweise des Meilensteins; in: Verweise auf ihn; both: beide.",
        "help.opt.refs_limit": "Höchstens so viele Verweise je Meilenstein.",
        "help.arg.start": "Von diesem Meilenstein …",
        "help.arg.goal": "… zu diesem.",
        "help.opt.graph_format": "text: Übersicht im Terminal; mermaid: Flussdiagramm; dot: Graphviz.",
        "help.opt.export_format": "Zielformat.",
        "help.opt.output": "In diese Datei schreiben (sonst stdout).",
        "help.opt.force": "Vorhandene Datei überschreiben.",
        "help.opt.width": "Breite des Bildes (svg, html) in Zeichen.",
        "help.arg.term": "Begriff oder Abkürzung; ohne: alle.",
        "help.arg.path": "Datei; sonst --data/KIM_DATA oder der mitgelieferte Datensatz.",
        "help.opt.strict": "Warnungen als Fehler werten.",
        "help.cmd.timeline": "Die Meilensteine in zeitlicher Reihenfolge, mit Zeitachse.\n\nBeispiel: kim timeline --from 2019 --to 2020 --kind Gesetz",
        "help.cmd.show": "Alles zu einem Meilenstein: Fakten, Quellen, Widersprüche, Querverweise.\n\nBeispiel: kim show einwanderung-gestalten",
        "help.cmd.search": "Suche über Titel, Aliasse, Texte, Schlagwörter, Glossar und Quellen.\n\nGroß-/Kleinschreibung egal, ü = ue = u, ß = ss, ein Tippfehler pro Wort erlaubt.\n\nBeispiel: kim search einbuergerung",
        "help.cmd.refs": "Die Querverweise um einen Meilenstein als Baum, über mehrere Schritte.\n\nBeispiel: kim refs kim-start-2020 --depth 2 --direction in",
        "help.cmd.path": "Die kürzeste Kette von Querverweisen zwischen zwei Meilensteinen (in beide Richtungen).\n\nBeispiel: kim path tintg-2012 kim-start-2020",
        "help.cmd.graph": "Alle Querverweise auf einen Blick, oder als Mermaid/DOT für Dokumente.\n\nBeispiel: kim graph --format mermaid > kim.mmd",
        "help.cmd.export": "Die (gefilterte) Zeitleiste als JSON, CSV, Markdown, TimelineJS, Mermaid, SVG oder HTML.\n\nBeispiel: kim export --format timelinejs --from 2015 -o kim-timeline.json",
        "help.cmd.glossary": "Begriffe und Abkürzungen, die Neue im KIM-Umfeld treffen, mit Quellen.\n\nBeispiel: kim glossary TIntG",
        "help.cmd.sources": "Alle Quellen mit Herausgeber, Adresse und den Meilensteinen, die sie zitieren.\n\nBeispiel: kim sources --json",
        "help.cmd.validate": "Prüft einen Datensatz und meldet alle Probleme als DATEI:ZEILE:SPALTE.\n\nBeispiel: kim validate meine-zeitleiste.yaml --strict",
        "help.cmd.schema": "Das JSON-Schema des Datensatzformats, für Editoren (yaml-language-server).\n\nBeispiel: kim schema > kim.schema.json",
        # views
        "col.date": "Datum",
        "col.title": "Meilenstein",
        "col.kind": "Art",
        "col.id": "ID",
        "col.bar": "Zeitachse",
        "col.term": "Begriff",
        "col.definition": "Erklärung",
        "col.source": "Quelle",
        "col.publisher": "Herausgeber",
        "col.cited_by": "zitiert von",
        "col.field": "Feld",
        "col.match": "Treffer",
        "timeline.caption": "{count} von {total} Meilensteinen",
        "timeline.empty": "keine Meilensteine in dieser Auswahl",
        "show.date": "Datum",
        "show.precision": "Genauigkeit",
        "show.kind": "Art",
        "show.phase": "Phase",
        "show.tags": "Schlagwörter",
        "show.aliases": "Auch",
        "show.actors": "Akteure",
        "show.summary": "Kurzfassung",
        "show.description": "Beschreibung",
        "show.facts": "Fakten",
        "show.key_dates": "Weitere Daten",
        "show.disputes": "Widersprüche zwischen Quellen",
        "show.sources": "Quellen",
        "show.refs": "Querverweise",
        "show.see": "Siehe",
        "show.refs_out": "verweist auf",
        "show.refs_in": "wird erwähnt von",
        "show.no_refs": "keine",
        "show.original": "Original",
        "conf.primary": "Hauptquelle",
        "conf.confirmed": "bestätigt",
        "conf.secondary": "weitere Quelle",
        "field.id": "ID",
        "field.title": "Titel",
        "field.alias": "Alias",
        "field.summary": "Kurzfassung",
        "field.description": "Beschreibung",
        "field.fact": "Fakt",
        "field.tag": "Schlagwort",
        "field.kind": "Art",
        "field.source": "Quelle",
        "field.glossary": "Glossar",
        "field.dispute": "Widerspruch",
        "kind.glossary": "Glossar",
        "kind.actor": "Akteur",
        "rel.inverse_default": "{rel} (Gegenrichtung)",
        "refs.more": "… und {count} weitere",
        "refs.cycle": "(Zyklus, oben schon gezeigt)",
        "refs.seen": "(schon gezeigt)",
        "graph.title": "Verweise zwischen Meilensteinen",
        "graph.isolated": "ohne Verweise",
        # -- site -- (kim site and the single-page HTML export; kimcli/site/)
        "help.cmd.site": "Die Zeitleiste als statische, barrierearme Website: Übersicht, eine Seite je Meilenstein und Quelle, Glossar, Suche.\n\nBeispiel: kim site ./kim-website --from 2015",
        "help.arg.outdir": "Ordner der Website; wird neu angelegt oder (leer) gefüllt.",
        "help.opt.site_force": "Einen nicht leeren Ordner ersetzen (die alte Website bleibt, falls der Bau scheitert).",
        "metavar.folder": "ORDNER",
        "site.written": "Website in {path} geschrieben ({count} Meilensteine)",
        "site.not_empty": "{path} ist nicht leer; --force ersetzt den Ordner",
        "site.not_folder": "{path} ist kein Ordner",
        "site.refused": "{path} wird nicht ersetzt: der Ordner enthält das aktuelle Verzeichnis, den Datensatz oder ist ein Home- oder Wurzelverzeichnis",
        "site.skip": "Zum Inhalt springen",
        "site.nav": "Hauptnavigation",
        "site.timeline": "Zeitleiste",
        "site.glossary": "Glossar",
        "site.sources": "Quellen",
        "site.search": "Suche",
        "site.search_label": "Suchen",
        "site.search_hint": "Groß- und Kleinschreibung egal, ü = ue = u, ß = ss, ein Tippfehler pro Wort erlaubt.",
        "site.search_button": "Suchen",
        "site.search_none": "Keine Treffer.",
        "site.search_count": "Treffer: {count}",
        "site.search_loading": "Suchindex wird geladen …",
        "site.as_of": "Stand",
        "site.count": "{count} Meilensteine",
        "site.years": "Meilensteine nach Jahren",
        "site.year_title": "Meilensteine {year}",
        "site.year_count": "{count} Meilensteine",
        "site.phases": "Phasen",
        "site.previous": "Früher",
        "site.next": "Später",
        "site.back": "Zurück zur Zeitleiste",
        "site.milestones": "Meilensteine",
        "site.start": "Beginn",
        "site.end": "Ende",
        "site.source_ref": "Quelle {n}",
        "site.source_page": "Seite der Quelle",
        "site.no_link": "keine Web-Adresse, nicht verlinkt",
        "site.url": "Adresse",
        "site.type": "Typ",
        "site.note": "Hinweis",
        "site.cited_by": "Zitiert von",
        "site.cited_by_terms": "Zitiert im Glossar",
        "site.cited_by_actors": "Belegt für Akteure",
        "site.not_cited": "Kein Meilenstein dieser Website zitiert diese Quelle.",
        "site.cited_count": "zitiert von {count} Meilensteinen",
        "site.not_shown": "nicht auf dieser Website",
        "site.footer": "Erstellt mit kim {version} aus einem Datensatz mit {count} Meilensteinen.",
        "site.contents": "Inhalt",
        # -- end of site --
    },
}

_language = "de"


LANGUAGES = ("de", "en")


def normalize(lang: str | None) -> str | None:
    """The supported language a tag names ("en", "EN", "en_US.UTF-8", "de-AT"), else None."""
    primary = re.split(r"[-_.@]", (lang or "de").strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else None


def set_language(lang: str | None) -> None:
    """Switch every label; unknown languages fall back to German (the CLI refuses them)."""
    global _language
    lang = normalize(lang) or "de"
    if lang == "en" and "en" not in LABELS:
        from kimcli.labels_en import EN, MONTHS_EN

        LABELS["en"] = EN
        _MONTHS["en"] = MONTHS_EN
    _language = lang if lang in LABELS else "de"


def language() -> str:
    return _language


def t(key: str, /, **kwargs: object) -> str:
    table = LABELS.get(_language, LABELS["de"])
    template = table.get(key) or LABELS["de"][key]
    return template.format(**kwargs) if kwargs else template


def month_label(year: int, month: int) -> str:
    return f"{_MONTHS.get(_language, _MONTHS['de'])[month - 1]} {year}"


def day_label(year: int, month: int, day: int) -> str:
    if _language == "en":
        return f"{day} {_MONTHS['en'][month - 1]} {year:04d}"
    return f"{day:02d}.{month:02d}.{year:04d}"
