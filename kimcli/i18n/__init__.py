"""Codes to words: the chosen language, plural forms, messages and dates as text.

The domain raises and returns codes with parameters (kimcli.errors.Msg); only the faces (the
terminal, exports, the browser, the site) word them, through this package. The catalogues are
the packages `de` (the default) and `en`, one module per face; a new language is one more
catalogue and one line in LANGUAGES. The dataset's own texts in the chosen language are picked
in kimcli.i18n.texts.
"""

from __future__ import annotations

import re
from types import ModuleType
from typing import TYPE_CHECKING

from kimcli.errors import Diagnostic, Msg, Param

if TYPE_CHECKING:
    from kimcli.dates import EDTFDate, Point

LANGUAGES = ("de", "en")
_language = "de"
_catalogs: dict[str, ModuleType] = {}


def normalize(lang: str | None) -> str | None:
    """The supported language a tag names ("en", "EN", "en_US.UTF-8", "de-AT"), else None."""
    primary = re.split(r"[-_.@]", (lang or "de").strip().lower(), maxsplit=1)[0]
    return primary if primary in LANGUAGES else None


def set_language(lang: str | None) -> None:
    """Choose the language of every word from now on; unknown tags mean German (the CLI
    refuses them before they get here)."""
    global _language
    _language = normalize(lang) or "de"


def language() -> str:
    return _language


def _catalog(lang: str) -> ModuleType:
    found = _catalogs.get(lang)
    if found is None:  # imported on first use: English costs nothing to a German run
        import importlib

        found = _catalogs[lang] = importlib.import_module(f"kimcli.i18n.{lang}")
    return found


def _form(entry: str | dict[str, str], params: dict[str, object]) -> str:
    if isinstance(entry, str):
        return entry
    count = params.get(entry["n"])
    return entry["one"] if count == 1 else entry["other"]


def t(code: str, /, **params: Param | object) -> str:
    """The sentence for `code` in the current language; Msg parameters are worded too."""
    entry = _catalog(_language).CATALOG.get(code)
    if entry is None:
        entry = _catalog("de").CATALOG[code]
    template = _form(entry, params)
    if not params:
        return template
    worded = {k: word(v) if isinstance(v, Msg) else v for k, v in params.items()}
    return template.format(**worded)


def word(message: Msg) -> str:
    return t(message.code, **dict(message.params))


def count(code: str, n: int) -> Msg:
    """A counted word ("1 Warnung", "3 warnings") to use as a parameter."""
    return Msg(code, (("n", n),))


def diagnostic_text(d: Diagnostic) -> str:
    return "; ".join([word(d.message), *(word(h) for h in d.hints)])


# -- dates -----------------------------------------------------------------------------------


def month_label(year: int, month: int) -> str:
    return f"{_catalog(_language).MONTHS[month - 1]} {year}"


def day_label(year: int, month: int, day: int) -> str:
    if _language == "en":
        return f"{day} {_catalog('en').MONTHS[month - 1]} {year:04d}"
    return f"{day:02d}.{month:02d}.{year:04d}"


def point_text(p: Point) -> str:
    if p.day is not None:
        text = day_label(p.year, p.month or 1, p.day)
    elif p.month is not None:
        text = month_label(p.year, p.month)
    else:
        text = str(p.year)
    if p.approximate:
        text = t("date.circa", date=text)
    if p.uncertain:
        text += "?"
    return text


def date_text(d: EDTFDate) -> str:
    """A date at its own precision: '2017–2020', 'Nov. 2020', 'ca. 1993', 'seit 2019'."""
    if not d.interval:
        assert d.start is not None
        return point_text(d.start)
    if d.start is None:
        end = point_text(d.end) if d.end else "?"
        if d.start_mode == "open":
            return t("date.until", date=end)
        return f"?–{end}"
    start = point_text(d.start)
    if d.end is None:
        if d.end_mode == "open":
            return t("date.since", date=start)
        return f"{start}–?"
    end = point_text(d.end)
    sep = " – " if (" " in start or " " in end) else "–"
    return f"{start}{sep}{end}"
