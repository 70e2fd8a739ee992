"""English mode: every label, message and help text, and the dataset's English texts."""

from __future__ import annotations

import string
import subprocess

from helpers import installed_kim, plain_env

from kimcli import i18n
from kimcli.i18n import de, en


def _forms(entry: str | dict[str, str]) -> list[str]:
    return [entry] if isinstance(entry, str) else [entry["one"], entry["other"]]


def test_every_label_has_an_english_twin_with_the_same_placeholders() -> None:
    assert list(en.CATALOG) == list(de.CATALOG)
    fmt = string.Formatter()
    for key, entry in de.CATALOG.items():
        english = en.CATALOG[key]
        assert isinstance(entry, str) == isinstance(english, str), key
        for german_form, english_form in zip(_forms(entry), _forms(english), strict=True):
            names = {f for _, f, _, _ in fmt.parse(german_form) if f}
            assert names == {f for _, f, _, _ in fmt.parse(english_form) if f}, key
    assert len(en.MONTHS) == 12 and len(de.MONTHS) == 12


def kim(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_kim(), *args], env=plain_env(**env), capture_output=True,
                          text=True, timeout=60)


GERMAN_LABELS = ("Datum", "Meilenstein", "Art", "von 14 Meilensteinen", "Gesetz ", "Programm ",
                 "Richtlinie ", "Ereignis ", "Nov. 2020", "Anfang 2022", "ab 2012")


def test_kim_lang_en_timeline_is_english_throughout() -> None:
    out = kim("timeline", KIM_LANG="en").stdout
    for german in GERMAN_LABELS:
        assert german not in out, german
    for english in ("Date", "Milestone", "Kind", "14 of 14 milestones", "Law", "Pilot project",
                    "early 2022", "from 2012", "Nov 2020", "Launch of the state programme"):
        assert english in " ".join(out.split()), english
    assert kim("--lang", "en", "timeline").stdout == out


def test_english_show_names_the_original_and_errors_are_english() -> None:
    out = kim("--lang", "en", "show", "einwanderung-gestalten").stdout
    assert "Pilot project" in out and "Original: Modellprojekt „Einwanderung gestalten NRW“" in out
    assert "Disagreements between sources" in out and "Sources" in out
    flat = " ".join(out.split())
    assert "led to → Launch of the state programme" in flat  # relations speak English too
    assert "grew out of ← Refugee migration" in flat
    miss = kim("show", "einwanderung-gestaltn", KIM_LANG="en")
    assert miss.returncode == 3 and "Did you mean: einwanderung-gestalten?" in miss.stderr


def test_english_help_texts() -> None:
    out = kim("timeline", "--help", KIM_LANG="en").stdout
    assert "Example: kim timeline" in out and "Beispiel" not in out
    assert "--data FILE" in out


def test_english_search_finds_english_titles() -> None:
    out = kim("search", "pilot", "project", KIM_LANG="en").stdout
    assert "einwanderung-gestalten" in out


def test_language_tags_name_the_language() -> None:
    for tag in ("en", "EN", "en_US.UTF-8", "en-GB"):
        assert i18n.normalize(tag) == "en", tag
    for tag in ("de", "de_AT", "", None):
        assert i18n.normalize(tag) == "de", tag
    assert i18n.normalize("fr") is None
    english = kim("timeline", KIM_LANG="en_GB.UTF-8")
    assert english.returncode == 0 and "Milestone" in english.stdout


def test_an_unknown_language_is_a_usage_error_not_silent_german() -> None:
    for result in (kim("--lang", "fr", "timeline"), kim("timeline", KIM_LANG="xx")):
        assert result.returncode == 2
        assert "unbekannte Sprache" in result.stderr and "de, en" in result.stderr
        assert result.stdout == ""
