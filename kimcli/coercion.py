"""Option values without pydantic: Typer's answer, given without the 60–90 ms it costs to import.

What it trades. Typer 0.29 coerces every option through a pydantic TypeAdapter, built on first
use; importing pydantic and building the adapters takes longer than kim needs to load, query and
print the bundled timeline. kim's options are strings, flags, paths, string lists, enum choices
and integers with a range (`-n 5`, `--depth 1`, `--width 80`). For those this module gives the
value, or the error message, that Typer's adapters give, without pydantic: the string itself,
`Path(text)`, a list of the strings, the enum member typed, the integer typed, or Typer's wording
("Input should be greater than or equal to 1"). Any value it cannot answer for with certainty
(`-n " 5"`, `-n 5.0`, `-n 1_0`, a bool given as an unusual word, an option with a parser, a
clamp or float bounds, anything unexpected) goes through Typer's own coercion, unchanged: it
then costs the pydantic import, never a different answer.

How it stays safe. It leans on Typer internals (`typer._coercion.RuntimeParam`,
`_TyperParameter._runtime_param`, `get_runtime_param`, `process_value`, `coerce_cli_choice`,
`coerce_cli_path`, `get_error_msg`, the command's `get_help_option`). `_internals` checks, once,
that each exists with the fields and signature relied on and behaves as expected on a probe.
If anything differs, as in a Typer before 0.29 (Click's own types, no pydantic at all) or a
later one that moved something, `install` does nothing and Typer coerces as it always does: an
upgrade may cost milliseconds, never break kim. An unexpected exception in the fast path also
hands the value to Typer.

How it is checked. `tests/test_coercion.py` compares every parameter of every command, value by
value and error message by error message, with Typer's own coercion (integers also with
generated text); runs each command with each of its options in a subprocess and checks that
pydantic was never imported (also with `-X importtime`); and checks that `install` stands back
when an internal is missing. `.ci/run` runs the suite against the oldest and the newest Typer
that `pyproject.toml` declares, and the coercion tests against the oldest pydantic that Typer
accepts.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import re
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from typing import Any

# pydantic's wording, as Typer shows it (`get_error_msg`); the tests compare each with Typer's.
NOT_AN_INTEGER = "Input should be a valid integer, unable to parse string as an integer"
AT_LEAST = "Input should be greater than or equal to {}"
AT_MOST = "Input should be less than or equal to {}"
# pydantic reads more as an integer (" 5", "1_0", "5.0"); those are left to Typer. Short text
# without an ASCII digit is never an integer to pydantic; long text may get another message
# (pydantic 2.5 says "exceeded maximum size" for any text over 4,300 characters).
_DIGITS = re.compile(r"[+-]?[0-9]{1,18}")
_SOME_DIGIT = re.compile(r"[0-9]")
# pydantic's words for a bool (any case); other text is left to Typer.
_BOOLS = {"0": False, "off": False, "f": False, "false": False, "n": False, "no": False,
          "1": True, "on": True, "t": True, "true": True, "y": True, "yes": True}


class _Fallback(Exception):
    """This value is Typer's to coerce."""


def _parameters(function: Any) -> list[tuple[str, Any]]:
    return [(p.name, p.kind) for p in inspect.signature(function).parameters.values()]


def _escapes(error_msg: Any) -> bool:
    """Whether Typer's message maker returns the message as text, terminal controls defused."""
    shown = error_msg(SimpleNamespace(errors=lambda: [{"msg": "x\x1b[2J"}]))
    return isinstance(shown, str) and shown.startswith("x") and "\x1b" not in shown


def _internals() -> SimpleNamespace | None:
    """Typer's internals that the fast path relies on, if they are all as expected; else None."""
    try:
        # Imported by name, typed Any: nothing of kim, its type checks included, rests on them.
        _coercion, _display, _param_types, core, models = (
            importlib.import_module(f"typer.{name}")
            for name in ("_coercion", "_display", "_param_types", "core", "models"))
        runtime, descriptor = _coercion.RuntimeParam, _coercion.TypeDescriptor
        choice, path = _param_types.coerce_cli_choice, _param_types.coerce_cli_path
        error_msg, parameter = _display.get_error_msg, core._TyperParameter
        positional = inspect.Parameter.POSITIONAL_OR_KEYWORD
        keyword = inspect.Parameter.KEYWORD_ONLY
        checks = [
            # The runtime parameter: a frozen dataclass of (parameter_info, annotation) whose
            # `coerce` handles None and multiple values, then calls `_coerce_value`.
            [f.name for f in dataclasses.fields(runtime)] == ["parameter_info", "annotation"],
            runtime.__dataclass_params__.frozen,
            runtime.__abstractmethods__ == frozenset({"_coerce_value"}),
            _parameters(runtime.coerce) == [("self", positional), ("value", positional),
                                            ("param", positional), ("ctx", positional)],
            _parameters(runtime._coerce_value) == _parameters(runtime.coerce),
            {"annotation", "parameter_info", "file_annotation"}
            <= {f.name for f in dataclasses.fields(descriptor)},
            _parameters(_coercion.build_runtime_param) == [("descriptor", positional)],
            _parameters(choice) == [("value", positional), ("choices", keyword),
                                    ("case_sensitive", keyword), ("ctx", keyword)],
            _parameters(path) == [("value", positional), ("parameter_info", positional),
                                  ("path_type", keyword), ("param", keyword), ("ctx", keyword)],
            all(hasattr(models.OptionInfo(), name) for name in (
                "min", "max", "clamp", "case_sensitive", "parser", "path_type", "allow_dash")),
        ]
        if not all(checks):
            return None

        class Probe(str, Enum):
            a = "a"
            b = "B"

        # Behaviour: choices, paths and messages come back as the fast path expects them.
        if (choice("b", choices=tuple(Probe), case_sensitive=False, ctx=None) is not Probe.b
                or path(Path("kim"), models.OptionInfo(), path_type=Path) != Path("kim")
                or not _escapes(error_msg)):
            return None
        try:
            choice("c", choices=tuple(Probe), case_sensitive=True, ctx=None)
        except ValueError:
            pass
        else:
            return None
        # A parameter takes the runtime parameter it was given, and coerces a value through it.
        answer = SimpleNamespace(coerce=lambda value, param, ctx: ("coerced", value))
        stub = SimpleNamespace(_runtime_param=answer, type_descriptor=SimpleNamespace(
            annotation=str), required=False, callback=None)
        if parameter.get_runtime_param(stub) is not answer:
            return None
        stub.get_runtime_param = lambda: answer
        if parameter.process_value(stub, None, "v") != ("coerced", "v"):
            return None
        return SimpleNamespace(runtime=runtime, build=_coercion.build_runtime_param,
                               choice=choice, path=path, error_msg=error_msg,
                               parameter=parameter)
    except Exception:  # anything at all unlike the Typer this was written for
        return None


TYPER = _internals()


def _kind(annotation: Any, info: Any) -> str | None:
    """Which plain kind an annotation is, or None when Typer has to coerce it."""
    if info.parser is not None:
        return None
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "enum"
    if annotation is str:
        return "str"
    if annotation is bool:
        return "bool"
    if annotation is int:
        bounds_ok = all(b is None or type(b) is int for b in (info.min, info.max))
        return "int" if bounds_ok and not info.clamp else None
    if annotation is Path:
        return "path" if info.path_type is None and not info.allow_dash else None
    if annotation == list[str]:
        return "strs"
    return None


def _message(text: str) -> str:
    """The text as Typer shows a pydantic message (terminal controls escaped)."""
    assert TYPER is not None
    return str(TYPER.error_msg(SimpleNamespace(errors=lambda: [{"msg": text}])))


def _coerce(kind: str, value: Any, info: Any, annotation: Any, param: Any, ctx: Any) -> Any:
    """The value Typer's adapter would give; BadParameter as it would raise; else _Fallback."""
    from typer import BadParameter

    assert TYPER is not None
    if kind == "str" and type(value) is str:
        return value
    if kind == "bool":
        if type(value) is bool:
            return value
        if type(value) is str and value.strip().lower() in _BOOLS:
            return _BOOLS[value.strip().lower()]
        if type(value) is str and value.strip() == "":
            return False
    if kind == "strs" and isinstance(value, (list, tuple)) and all(
            type(item) is str for item in value):
        return list(value)
    if kind == "int":
        if type(value) is int:
            number = value
        elif type(value) is str and _DIGITS.fullmatch(value):
            number = int(value)
        elif type(value) is str and len(value) <= 64 and not _SOME_DIGIT.search(value):
            raise BadParameter(NOT_AN_INTEGER, ctx=ctx, param=param)
        else:
            raise _Fallback
        if info.min is not None and number < info.min:
            raise BadParameter(AT_LEAST.format(info.min), ctx=ctx, param=param)
        if info.max is not None and number > info.max:
            raise BadParameter(AT_MOST.format(info.max), ctx=ctx, param=param)
        return number
    if kind == "path" and isinstance(value, (str, Path)):
        as_path = Path(value)
        try:
            return TYPER.path(as_path, info, path_type=Path, param=param, ctx=ctx)
        except BadParameter:
            if str(as_path) != str(value):  # Typer names the text typed, not the Path
                raise _Fallback from None
            raise
    if kind == "enum":
        try:
            return TYPER.choice(value, choices=tuple(annotation),
                                case_sensitive=info.case_sensitive, ctx=ctx)
        except ValueError as exc:
            if type(value) is not str:
                raise _Fallback from None
            raise BadParameter(_message(f"Value error, {exc}"), ctx=ctx, param=param) from None
    raise _Fallback


if TYPER is not None:

    @dataclasses.dataclass(frozen=True)
    class PlainParam(TYPER.runtime):  # type: ignore[misc,name-defined]
        """Plain values answered here; anything else handed to Typer's own coercion."""

        descriptor: Any
        kind: str

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            from typer import BadParameter

            try:
                return _coerce(self.kind, value, self.parameter_info, self.annotation, param,
                               ctx)
            except BadParameter:
                raise
            except Exception:  # _Fallback, or a surprise: Typer answers
                pass
            assert TYPER is not None
            return TYPER.build(self.descriptor)._coerce_value(value, param, ctx)


def _give(param: Any) -> bool:
    """Give one parameter the plain coercion, if it is a plain Typer parameter."""
    assert TYPER is not None
    if not isinstance(param, TYPER.parameter) or getattr(param, "_runtime_param", 0) is not None:
        return False
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or descriptor.file_annotation is not None:
        return False
    kind = _kind(descriptor.annotation, descriptor.parameter_info)
    if kind is None:
        return False
    param._runtime_param = PlainParam(
        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
        descriptor=descriptor, kind=kind)
    return True


def install(command: Any) -> int:
    """Give the plain parameters of a command and its subcommands the coercion above.

    The help option, which Click makes when a command first runs, gets it then. Returns how
    many parameters got it now (0 when this Typer has other internals: Typer coerces).
    """
    if TYPER is None:
        return 0
    count = 0
    pending = [command]
    while pending:
        current = pending.pop()
        if getattr(current, "_kim_plain", False):
            continue
        current._kim_plain = True
        pending.extend(getattr(current, "commands", {}).values())
        count += sum(_give(param) for param in current.params)
        make_help = getattr(current, "get_help_option", None)
        if not callable(make_help):
            continue

        def get_help_option(ctx: Any, make_help: Any = make_help) -> Any:
            option = make_help(ctx)
            _give(option)
            return option

        current.get_help_option = get_help_option
    return count
