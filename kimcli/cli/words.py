"""Click's own words (help screen, usage errors) said by kim, in kim's language.

Typer 0.16–0.25 runs on Click, whose words go through gettext; Typer 0.26 and later bundle Click
with English written into the code. Neither follows kim's language, so kim owns that output: its
group and commands write the help screen (`Words`), and `show_error` prints every Click exception
the way Click does, worded from kim's catalogues. Click's and Typer's signatures differ between
versions, their English sentences do not: an option's name and suggestions are taken from the
exception, everything else is read back from the known English patterns (the messages of
Click's parser, of Click's and Typer's types, and of kim's own coercion) into codes. A message
kim does not know is shown as it came.
"""

from __future__ import annotations

import re
import sys
import types
from typing import Any

import typer

from kimcli import i18n

# Click's exception classes, found through Typer's public BadParameter: the same classes in
# Click itself and in the copy that later Typers bundle.
_CLICK = {cls.__name__: cls for cls in typer.BadParameter.__mro__}
ClickException: type[Exception] = _CLICK["ClickException"]
_UsageError: type[Exception] = _CLICK["UsageError"]
_exceptions = sys.modules[ClickException.__module__]
_click = sys.modules[ClickException.__module__.rsplit(".", 1)[0]]
Abort: type[BaseException] = typer.Abort

# Typer's and Click's English inner messages for the types kim uses, as codes.
_INNER = [
    (re.compile(r"Value error, (?P<message>.*)", re.S), "click.value_error"),
    (re.compile(r"Choose from:(?P<choices>.*)", re.S), "click.choose_from"),
    (re.compile(r"Input should be a valid integer, unable to parse string as an integer"),
     "click.pyd_not_int"),
    (re.compile(r"Input should be greater than or equal to (?P<n>\S+)"), "click.at_least"),
    (re.compile(r"Input should be less than or equal to (?P<n>\S+)"), "click.at_most"),
    (re.compile(r"(?P<value>.*) is not a valid integer\.", re.S), "click.not_int"),
    (re.compile(r"(?P<value>.*) is not a valid integer range\.", re.S), "click.not_int_range"),
    (re.compile(r"(?P<value>.*) is not in the range (?P<range>\S+)\.", re.S),
     "click.not_in_range"),
    (re.compile(r"(?P<value>.*) is not one of (?P<choices>.*)\.", re.S), "click.not_one_of"),
    (re.compile(r"(?P<value>.*) is not (?P<choices>'[^']*')\.", re.S), "click.not_one_of"),
]
# Messages of Click's parser and of Typer's command lookup.
_USAGE = [
    (re.compile(r"No such command (?P<name>.*?)\.(?: Did you mean (?P<hint>.*)\?)?", re.S),
     "click.no_such_command"),
    (re.compile(r"Got unexpected extra argument(?P<n>s?) \((?P<args>.*)\)", re.S),
     "click.extra_args"),
    (re.compile(r"Got unexpected extra argument\(s\) \((?P<args>.*)\)", re.S),
     "click.extra_args_any"),
    (re.compile(r"Option (?P<name>.*) requires an argument\.", re.S), "click.needs_value"),
    (re.compile(r"Option (?P<name>.*) requires (?P<n>\d+) arguments\.", re.S),
     "click.needs_values"),
    (re.compile(r"Option (?P<name>.*) does not take a value\.", re.S), "click.no_value"),
]
# Words in help records that Click and Typer write: markers after the help text, type metavars.
_MARKERS = [("[env var: ", "click.env_var"), ("[default: ", "click.default"),
            ("; default: ", "click.default"), ("[required]", "click.required"),
            ("; required]", "click.required")]
_TYPES = {"<int range>": "click.type.int_range", "INTEGER RANGE": "click.type.int_range",
          "<int>": "click.type.int", "INTEGER": "click.type.int", "<str>": "click.type.text",
          "TEXT": "click.type.text", "<path>": "click.type.path", "PATH": "click.type.path"}
_PARAM_HELP = {"install_completion": "click.install_completion",
               "show_completion": "click.show_completion"}


def inner(message: str) -> str:
    """A type's message in kim's language, when it is one kim knows."""
    for pattern, code in _INNER:
        found = pattern.fullmatch(message)
        if found:
            parts = found.groupdict()
            if "message" in parts:
                parts["message"] = inner(parts["message"])
            return i18n.t(code, **parts)
    return message


def _usage_message(message: str) -> str:
    for pattern, code in _USAGE:
        found = pattern.fullmatch(message)
        if not found:
            continue
        parts = found.groupdict()
        if code == "click.no_such_command":
            said = i18n.t(code, name=parts["name"])
            hint = parts.get("hint")
            return f"{said} {i18n.t('click.did_you_mean', possibility=hint)}" if hint else said
        if code == "click.extra_args":
            return i18n.t(code, args=parts["args"], n=2 if parts["n"] else 1)
        return i18n.t(code, **parts)
    return message


_MISSING = re.compile(r"Missing (?P<kind>argument|option|parameter)(?: (?P<hint>[^.]*))?\."
                      r"(?: (?P<extra>.*))?", re.S)
_INVALID = re.compile(r"Invalid value for (?P<hint>.*): ", re.S)
# Click 8.2.0 and 8.2.1 name an option's environment variable in the hint, "'None'" for Typer's
# options that have none (Click's bug, fixed in 8.2.2): left out then, worded otherwise.
_ENVVAR = re.compile(r" \(env var: (?P<name>'[^']*')\)")


def _hint(hint: str) -> str:
    def word(found: re.Match[str]) -> str:
        if found["name"] == "'None'":
            return ""
        return f" ({i18n.t('click.env_var')}: {found['name']})"

    return _ENVVAR.sub(word, hint)


def message(exc: Any) -> str:
    """What follows "Error: " for one Click exception, in kim's language.

    Click's and Typer's signatures differ between versions; their English sentence does not,
    so the parts are read back from it (hint and inner message), and worded anew.
    """
    if isinstance(exc, _exceptions.NoSuchOption):
        said = i18n.t("click.no_such_option", name=exc.option_name)
        possible = sorted(exc.possibilities or ())
        if len(possible) == 1:
            return f"{said} {i18n.t('click.did_you_mean', possibility=possible[0])}"
        if possible:
            return f"{said} {i18n.t('click.possible_options', possibilities=', '.join(possible))}"
        return said
    english = str(exc.format_message())
    if isinstance(exc, _exceptions.MissingParameter):
        found = _MISSING.fullmatch(english)
        if found is None:
            return english
        code = f"click.missing_{found['kind']}"
        said = i18n.t(code, hint=_hint(found["hint"] or ""))
        return f"{said} {inner(found['extra'])}" if found["extra"] else said
    if isinstance(exc, _exceptions.BadParameter):
        inner_english = str(exc.message)
        if not english.endswith(inner_english):
            return english
        prefix = english[:len(english) - len(inner_english)]
        found = _INVALID.fullmatch(prefix)
        if found is not None:
            return i18n.t("click.invalid_value", hint=_hint(found["hint"]),
                          message=inner(inner_english))
        if prefix == "Invalid value: ":
            return i18n.t("click.invalid_value_bare", message=inner(inner_english))
        return english
    return _usage_message(english)


def show_error(exc: Any) -> int:
    """Print a Click exception as Click would, in kim's language; its exit code."""
    echo = _click.echo
    ctx = getattr(exc, "ctx", None)
    if type(exc).__name__ == "NoArgsIsHelpError":  # `kim` alone: the help screen, on stderr
        echo(exc.format_message(), file=sys.stderr, color=ctx.color if ctx else None)
        return int(exc.exit_code)
    if isinstance(exc, _UsageError) and ctx is not None:
        hint = ""
        if ctx.command.get_help_option(ctx) is not None:
            hint = i18n.t("click.try", command=ctx.command_path,
                          option=ctx.help_option_names[0]) + "\n"
        echo(f"{ctx.get_usage()}\n{hint}", file=sys.stderr, color=ctx.color)
    echo(i18n.t("click.error", message=message(exc)), file=sys.stderr,
         color=ctx.color if ctx is not None else None)
    return int(exc.exit_code)


def show_abort() -> int:
    """Print Click's "Aborted!" in kim's language; Click's exit code for it."""
    _click.echo(i18n.t("click.aborted"), file=sys.stderr)
    return 1


def _record(record: tuple[str, str]) -> tuple[str, str]:
    """One line of the options table with Click's and Typer's words in kim's language."""
    left, right = record
    english = i18n.language() == "en"
    for word, code in _TYPES.items():
        if not english and word in left:
            left = left.replace(word, i18n.t(code))
    for marker, code in _MARKERS:
        english_word = marker.strip("[; ]").split(":")[0]
        right = right.replace(marker, marker.replace(english_word, i18n.t(code)))
    return left, right


class Words:
    """The help screen's words from kim's catalogues: mixed into kim's group and commands."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        words = {"[OPTIONS]": "click.options_metavar", "COMMAND [ARGS]...": "click.command_metavar"}
        pieces = [i18n.t(words[p]) if p in words else p
                  for p in self.collect_usage_pieces(ctx)]  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces),
                              prefix=i18n.t("click.usage") + " ")

    def format_options(self, ctx: Any, formatter: Any) -> None:
        args, opts = [], []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            if record is None:
                continue
            if param.param_type_name == "argument":
                args.append(_record(record))
            else:
                opts.append(_record(record))
        if args:
            with formatter.section(i18n.t("click.arguments")):
                formatter.write_dl(args)
        if opts:
            with formatter.section(i18n.t("click.options")):
                formatter.write_dl(opts)
        if hasattr(self, "commands"):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        commands = []
        for name in self.list_commands(ctx):  # type: ignore[attr-defined]
            command = self.get_command(ctx, name)  # type: ignore[attr-defined]
            if command is not None and not command.hidden:
                commands.append((name, command))
        if not commands:
            return
        limit = formatter.width - 6 - max(len(name) for name, _ in commands)
        rows = [(name, command.get_short_help_str(limit)) for name, command in commands]
        with formatter.section(i18n.t("click.commands")):
            formatter.write_dl(rows)

    def get_help_option(self, ctx: Any) -> Any:
        return _help_option(super().get_help_option(ctx))  # type: ignore[misc]


def _help_option(option: Any) -> Any:
    if option is not None:
        option.help = i18n.t("click.help")
    return option


def give(command: Any) -> None:
    """Let one of Typer's commands write its help screen with kim's words (as kim's group does,
    through its class): Words' methods, bound to the command itself."""
    for param in command.params:
        if param.name in _PARAM_HELP:
            param.help = i18n.t(_PARAM_HELP[param.name])
    if isinstance(command, Words) or getattr(command, "_kim_worded", False):
        return
    command._kim_worded = True
    for name in ("format_usage", "format_options", "format_commands"):
        setattr(command, name, types.MethodType(getattr(Words, name), command))
    plain = command.get_help_option
    command.get_help_option = lambda ctx: _help_option(plain(ctx))
