"""Click's own words (help screen, usage errors) in kim's language, with every supported Typer."""

from __future__ import annotations

import importlib
import subprocess

import pytest
import typer
from helpers import PLAIN_ENV, installed_kim, plain_env
from typer.testing import CliRunner

from kimcli import i18n
from kimcli.cli import app, words

runner = CliRunner()

# Click's English words that German output must never contain.
ENGLISH = ["Usage:", "Options", "Show this message", "Error:", "Invalid value",
           "Missing argument", "Missing option", "No such option", "No such command", "Try ",
           "Commands", "Arguments", "Did you mean", "Got unexpected", "requires an argument",
           "is not one of", "not a valid integer", "Input should be", "[default:", "[required]",
           "env var", "Install completion", "Choose from"]


def kim(*args: str, **env: str | None):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env={**PLAIN_ENV, **env})


def _enforces_required() -> bool:
    """Whether this Typer and Click refuse a missing required argument. Typer 0.16 with Click
    8.3 or later does not (a known incompatibility of those two, not of kim): then kim never
    sees a MissingParameter to word."""
    probe = typer.Typer()

    @probe.command()
    def one(name: str) -> None:
        pass

    return runner.invoke(probe, []).exit_code == 2


REQUIRED = pytest.mark.skipif(not _enforces_required(),
                              reason="this Typer with this Click does not enforce required "
                                     "parameters")

# (arguments, German words, English words); each also shows the usage line and the hint.
ERRORS = {
    "no such command": (["nope"], "Fehler: Unbekannter Befehl 'nope'.",
                        "Error: No such command 'nope'."),
    "command with a typo": (["timelin"], "Fehler: Unbekannter Befehl 'timelin'.",
                            "Error: No such command 'timelin'."),
    "no such option": (["timeline", "--bogus"], "Fehler: Unbekannte Option: --bogus",
                       "Error: No such option: --bogus"),
    "possible options": (["timeline", "--tim"], "(Mögliche Optionen: --tag, --to)",
                         "(Possible options: --tag, --to)"),
    "one possible option": (["timeline", "--rever"], "Meinten Sie --reverse?",
                            "Did you mean --reverse?"),
    "extra argument": (["timeline", "extra"], "Fehler: Unerwartete",
                       "Error: Got unexpected extra argument"),
    "option needs a value": (["search", "x", "-n"], "Fehler: Option '-n' braucht einen Wert.",
                             "Error: Option '-n' requires an argument."),
    "below the range": (["search", "x", "-n", "0"], "Ungültiger Wert für '--limit' / '-n': ",
                        "Error: Invalid value for '--limit' / '-n': "),
    "not an integer": (["search", "x", "-n", "abc"], "Ungültiger Wert für '--limit' / '-n': ",
                       "Error: Invalid value for '--limit' / '-n': "),
    "not a choice": (["graph", "--format", "foo"],
                     "'foo' ist keiner der Werte 'text', 'mermaid', 'dot'.",
                     "'foo' is not one of 'text', 'mermaid', 'dot'."),
    "missing argument": (["show"], "Fehler: Argument 'MEILENSTEIN' fehlt.",
                         "Error: Missing argument 'MILESTONE'."),
    "missing option": (["export"], "Fehler: Option '--format' / '-f' fehlt. Zur Wahl:",
                       "Error: Missing option '--format' / '-f'. Choose from:"),
}
CASES = [pytest.param(*case, id=key, marks=[REQUIRED] if key.startswith("missing") else [])
         for key, case in ERRORS.items()]


@pytest.mark.parametrize(("args", "german", "english"), CASES)
def test_click_errors_in_german(args: list[str], german: str, english: str) -> None:
    result = kim("--lang", "de", *args)
    assert result.exit_code == 2, result.output
    assert german in result.stderr, result.stderr
    assert f"Aufruf: kim {args[0]}" in result.stderr or "Aufruf: kim [OPTIONEN]" in result.stderr \
        or args[-1] == "-n", result.stderr
    assert "Hilfe: „kim" in result.stderr or args[-1] == "-n", result.stderr
    assert not [word for word in ENGLISH if word in result.output], result.output


@pytest.mark.parametrize(("args", "german", "english"), CASES)
def test_click_errors_in_english(args: list[str], german: str, english: str) -> None:
    result = kim(*args, KIM_LANG="en")
    assert result.exit_code == 2, result.output
    assert english in result.stderr, result.stderr
    assert "Usage: kim" in result.stderr or args[-1] == "-n", result.stderr
    assert "Try 'kim" in result.stderr or args[-1] == "-n", result.stderr
    assert "Fehler" not in result.output and "Aufruf" not in result.output


@pytest.mark.parametrize(("english", "german"), [
    ("Input should be greater than or equal to 1", "Der Wert muss mindestens 1 sein"),
    ("Input should be less than or equal to 50", "Der Wert darf höchstens 50 sein"),
    ("Input should be a valid integer, unable to parse string as an integer",
     "Eine ganze Zahl wird erwartet"),
    ("Value error, 'x' is not one of 'a', 'b'.", "'x' ist keiner der Werte 'a', 'b'."),
    ("'x' is not one of 'a', 'b'.", "'x' ist keiner der Werte 'a', 'b'."),
    ("'x' is not a valid integer.", "'x' ist keine ganze Zahl."),
    ("'x' is not a valid integer range.", "'x' ist keine ganze Zahl."),
    ("0 is not in the range x>=1.", "0 liegt nicht im Bereich x>=1."),
    ("51 is not in the range 1<=x<=50.", "51 liegt nicht im Bereich 1<=x<=50."),
    ("Something kim has never seen", "Something kim has never seen"),
])
def test_type_messages_of_typer_click_and_kim_are_translated(english: str, german: str) -> None:
    i18n.set_language("de")
    assert words.inner(english) == german
    i18n.set_language("en")
    assert words.inner(english) == english  # English stays word for word what Typer says


def test_kims_coercion_messages_are_known_patterns() -> None:
    from kimcli import coercion

    i18n.set_language("de")
    for message in (coercion.NOT_AN_INTEGER, coercion.AT_LEAST.format(1),
                    coercion.AT_MOST.format(9)):
        assert words.inner(message) != message


def _commands() -> list[str]:
    return list(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", ["", *_commands()])
def test_german_help_and_errors_have_no_english_word_from_click(command: str) -> None:
    line = [command] if command else []
    shown = kim("--lang", "de", *line, "-h")
    assert shown.exit_code == 0, shown.output
    assert "Aufruf: kim" in shown.stdout and "Optionen:" in shown.stdout
    assert "Diese Hilfe zeigen und beenden." in shown.stdout
    failed = kim("--lang", "de", *line, "--kein-solches")
    assert failed.exit_code == 2 and "Fehler: Unbekannte Option" in failed.stderr
    for output in (shown.output, failed.output):
        assert not [word for word in ENGLISH if word in output], output


def test_help_screens_in_both_languages() -> None:
    german = kim("--lang", "de", "--help").stdout
    for heading in ("Aufruf: kim [OPTIONEN] BEFEHL [ARGUMENTE]...", "Optionen:", "Befehle:",
                    "[Umgebungsvariable: KIM_LANG]"):
        assert heading in german
    english = kim("--lang", "en", "--help").stdout
    for heading in ("Usage: kim [OPTIONS] COMMAND [ARGS]...", "\nOptions:\n", "\nCommands:\n",
                    "[env var: KIM_LANG]", "Show this message and exit."):
        assert heading in english
    refs = kim("--lang", "de", "refs", "-h").stdout
    assert "Argumente:" in refs and "[Standard: 1;" in refs and "[Pflicht]" in refs
    refs = kim("--lang", "en", "refs", "-h").stdout
    assert "Arguments:" in refs and "[default: 1;" in refs and "[required]" in refs


def test_kim_alone_shows_the_help_in_its_language() -> None:
    result = kim("--lang", "de")
    assert result.exit_code == 2 and "Aufruf: kim" in result.output
    assert "Fehler" not in result.output and "Befehle:" in result.output


def test_a_suggested_command_is_suggested_in_german_too() -> None:
    english = kim("timelin", KIM_LANG="en")
    german = kim("timelin", KIM_LANG="de")
    if "Did you mean 'timeline'?" not in english.stderr:
        pytest.skip("this Typer suggests no command")
    assert "Meinten Sie 'timeline'?" in german.stderr, german.stderr


# Click's exceptions, wherever this Typer takes Click from (its own copy since 0.26).
_click_exceptions = importlib.import_module(typer.BadParameter.__module__)


class _Click821Missing(_click_exceptions.MissingParameter):  # type: ignore[misc]
    """A missing option as Click 8.2.0 and 8.2.1 word it: with the environment variable in the
    hint, and "'None'" for an option that has none."""

    def __init__(self, english: str) -> None:
        super().__init__()
        self.english = english

    def format_message(self) -> str:
        return self.english


def test_click_8_2_1s_environment_hint_is_worded_or_left_out() -> None:
    i18n.set_language("de")
    assert words.message(_Click821Missing("Missing option '--limit' / '-n' (env var: 'None').")
                         ) == "Option '--limit' / '-n' fehlt."
    assert words.message(_Click821Missing("Missing option '--data' / '-d' (env var: 'KIM_DATA').")
                         ) == "Option '--data' / '-d' (Umgebungsvariable: 'KIM_DATA') fehlt."


def _installed(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([installed_kim(), *args], capture_output=True, text=True,
                          env=plain_env(**env), timeout=120)


def test_installed_kim_speaks_german_and_english() -> None:
    german = _installed("timeline", "--tim")
    assert german.returncode == 2, german.stderr
    assert german.stderr == ("Aufruf: kim timeline [OPTIONEN]\nHilfe: „kim timeline -h“.\n\n"
                             "Fehler: Unbekannte Option: --tim (Mögliche Optionen: --tag, --to)\n")
    english = _installed("timeline", "--tim", "--lang", "en")
    assert english.returncode == 2, english.stderr
    assert english.stderr == ("Usage: kim timeline [OPTIONS]\nTry 'kim timeline -h' for help.\n\n"
                              "Error: No such option: --tim (Possible options: --tag, --to)\n")
    from_env = _installed("search", "x", "-n", "abc", KIM_LANG="en")
    assert from_env.returncode == 2 and "Error: Invalid value for '--limit'" in from_env.stderr


def test_installed_help_at_40_columns_is_german() -> None:
    result = _installed("--lang", "de", "timeline", "-h", COLUMNS="40")
    assert result.returncode == 0
    assert result.stdout.startswith("Aufruf: kim timeline [OPTIONEN]\n")
    assert not [word for word in ENGLISH if word in result.stdout], result.stdout


def test_show_nix_prints_no_english_word() -> None:
    result = _installed("--lang", "de", "show", "nix")
    assert result.returncode == 3, result.stderr
    assert "kein Meilenstein „nix“" in result.stderr
    assert not [word for word in ENGLISH if word in result.stdout + result.stderr]
