"""Test helpers in a plain module (not conftest): wording what the core returns as codes."""

from __future__ import annotations

from kimcli import i18n
from kimcli.errors import DateError, Diagnostic, KimError


def said(thing: Diagnostic | KimError | DateError) -> str:
    """What a user would read for a diagnostic or an error, in the current language."""
    if isinstance(thing, Diagnostic):
        return i18n.diagnostic_text(thing)
    return i18n.word(thing.message)
