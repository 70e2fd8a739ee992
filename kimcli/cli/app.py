"""The Typer app: the language, help worded at run time, domain errors worded once."""

import os
import sys
from typing import Annotated, Any

import typer

from kimcli import __version__, i18n
from kimcli.cli import words
from kimcli.errors import (
    ExitCode,
    KimError,
)
from kimcli.render import output


class _Group(words.Words, typer.core.TyperGroup):
    """kim's command group: picks the language, words the help and Click's errors, and turns
    domain errors into one message and an exit code, once, for every command."""

    def main(self, args: Any = None, *rest: Any, **kwargs: Any) -> Any:
        from kimcli import coercion

        args = list(sys.argv[1:] if args is None else args)
        args = _take_language(args)
        _localize(self)
        coercion.install(self)
        # Click's own error output is English (or gettext's): kim words it (cli/words.py).
        assert len(rest) < 3, "standalone_mode is taken by keyword"
        standalone = kwargs.get("standalone_mode", True)
        kwargs["standalone_mode"] = False
        try:
            result = super().main(args, *rest, **kwargs)
        except words.ClickException as exc:
            if not standalone:
                raise
            sys.exit(words.show_error(exc))
        except words.Abort:
            if not standalone:
                raise
            sys.exit(words.show_abort())
        if not standalone:
            return result
        # As Click's standalone mode: typer.Exit's code, else 0.
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (KimError, BrokenPipeError, KeyboardInterrupt, OSError) as exc:
            raise typer.Exit(_report(exc)) from None


def _take_language(args: list[str]) -> list[str]:
    """--lang X (or --lang=X, or KIM_LANG) wherever it stands, before or after the command;
    the words of everything after depend on it, help texts included."""
    lang = os.environ.get("KIM_LANG")
    out: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            out += args[index:]
            break
        if arg == "--lang" and index + 1 < len(args):
            lang = args[index + 1]
            index += 2
            continue
        if arg.startswith("--lang="):
            lang = arg.split("=", 1)[1]
            index += 1
            continue
        out.append(arg)
        index += 1
    if lang is not None and i18n.normalize(lang) is None:
        from kimcli.render.inert import clean

        i18n.set_language(None)
        message = i18n.t("option.lang", lang=clean(lang), languages=", ".join(i18n.LANGUAGES))
        output.print_message(i18n.t("cli.invalid_value", hint="--lang / KIM_LANG",
                                    message=message))
        sys.exit(ExitCode.USAGE)
    i18n.set_language(lang)
    return out


def _localize(command: Any) -> None:
    """Help texts and metavars are written as catalogue codes; word them in the language."""
    from kimcli.i18n import de

    def word(value: Any) -> Any:
        return i18n.t(value) if isinstance(value, str) and value in de.CATALOG else value

    pending = [command]
    while pending:
        current = pending.pop()
        if not hasattr(current, "_kim_help"):
            current._kim_help = current.help
        current.help = word(current._kim_help)
        for param in current.params:
            if not hasattr(param, "_kim_words"):
                param._kim_words = (getattr(param, "help", None), param.metavar)
            if hasattr(param, "help"):
                param.help = word(param._kim_words[0])
            param.metavar = word(param._kim_words[1])
        words.give(current)
        pending.extend(getattr(current, "commands", {}).values())


def _report(exc: BaseException) -> int:
    """One message on stderr for a domain error, and its exit code; the only place."""
    if isinstance(exc, BrokenPipeError):
        # The reader (head, a pager) went away: not an error worth a traceback.
        sys.stderr.close()
        return ExitCode.OK
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.INTERRUPTED
    assert isinstance(exc, (KimError, OSError))
    output.print_error(exc)
    return exc.exit_code if isinstance(exc, KimError) else ExitCode.USAGE


app = typer.Typer(
    name="kim",
    cls=_Group,
    help="help.app",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

# -- completion ----------------------------------------------------------------------------



def _version(value: bool) -> None:
    if value:
        output.write(f"kim {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", "-V", callback=_version, is_eager=True,
                                          help="help.opt.version")] = False,
    no_pager: Annotated[bool, typer.Option(
        "--no-pager", help="help.opt.no_pager",
    )] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", envvar="KIM_LANG", show_default=False, metavar="de|en",
        help="help.opt.lang")] = None,
) -> None:
    output.use_pager(not no_pager)  # --lang was taken before parsing (see _take_language)


def run() -> None:
    """Run the app as the `kim` command (see kimcli.entry, which picks the language first)."""
    try:
        app(prog_name="kim")
    except BrokenPipeError:
        sys.exit(ExitCode.OK)
