"""Option values without pydantic where Typer's answer is known: a start-up cost saved.

Typer (0.29) coerces every option through a pydantic TypeAdapter, built on first use. Importing
pydantic and building the adapters takes about 60 ms, more than kim needs to load, query and
print the bundled timeline. Most of kim's options are strings, paths, string lists, flags,
enum choices or an integer default, whose coerced value is plain: the string itself,
`Path(text)`, a list of the strings, the enum member whose value was typed. For those values
this module answers the way Typer's adapters do, without pydantic; every other value (an
integer typed on the command line, a choice that is not one, anything unexpected) still goes
through Typer's own coercion, unchanged.

It touches Typer internals (`typer._coercion`, `_TyperParameter._runtime_param`). If a Typer
release moves them, `install` does nothing and Typer works as it always does, only slower.
`tests/test_coercion.py` checks that kim's commands import no pydantic, so a Typer that still
coerces through pydantic but elsewhere fails it; on a Typer without pydantic coercion at all the
module is skipped, as there is nothing to save.
"""

from __future__ import annotations

import dataclasses
from enum import Enum
from pathlib import Path
from typing import Any

try:
    from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
    from typer._param_types import coerce_cli_choice, coerce_cli_path
    from typer.core import _TyperParameter
except ImportError:  # pragma: no cover - another Typer generation: keep its own coercion
    RuntimeParam = None  # type: ignore[assignment,misc]


def _plain(annotation: Any) -> str | None:
    """Which plain kind an annotation is, or None when Typer has to coerce it."""
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return "enum"
    if annotation is str:
        return "str"
    if annotation is bool:
        return "bool"
    if annotation is int:
        return "int"
    if annotation is Path:
        return "path"
    if annotation == list[str]:
        return "strs"
    return None


if RuntimeParam is not None:

    @dataclasses.dataclass(frozen=True)
    class PlainParam(RuntimeParam):
        """Plain values answered here; anything else handed to Typer's own coercion."""

        descriptor: TypeDescriptor
        kind: str

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            kind = self.kind
            if kind == "str" and type(value) is str:
                return value
            if kind == "bool" and type(value) is bool:
                return value
            if kind == "int" and type(value) is int:  # a default: typed text goes to Typer
                low, high = self.parameter_info.min, self.parameter_info.max
                if (low is None or value >= low) and (high is None or value <= high):
                    return value
            if kind == "strs" and isinstance(value, (list, tuple)) and all(
                    type(item) is str for item in value):
                return list(value)
            if kind == "path" and type(value) is str:
                info = self.parameter_info
                return coerce_cli_path(Path(value), info, path_type=info.path_type or Path,
                                       param=param, ctx=ctx)
            if kind == "enum":
                try:
                    return coerce_cli_choice(value, choices=tuple(self.annotation),
                                             case_sensitive=self.parameter_info.case_sensitive,
                                             ctx=ctx)
                except ValueError:
                    pass  # Typer words the error
            return build_runtime_param(self.descriptor)._coerce_value(value, param, ctx)


def _give(param: Any) -> bool:
    """Give one parameter the plain coercion, if it is a plain Typer parameter."""
    if not isinstance(param, _TyperParameter) or param._runtime_param is not None:
        return False
    descriptor = getattr(param, "type_descriptor", None)
    if (descriptor is None or descriptor.file_annotation is not None
            or descriptor.parameter_info.parser is not None):
        return False
    kind = _plain(descriptor.annotation)
    if kind is None or (kind == "path" and descriptor.parameter_info.path_type is not None):
        return False
    param._runtime_param = PlainParam(
        parameter_info=descriptor.parameter_info, annotation=descriptor.annotation,
        descriptor=descriptor, kind=kind)
    return True


def install(command: Any) -> int:
    """Give the plain parameters of a command and its subcommands the coercion above.

    The help option, which Click makes when a command first runs, gets it then. Returns how
    many parameters got it now (0 when this Typer has other internals).
    """
    if RuntimeParam is None:  # pragma: no cover
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
        make_help = current.get_help_option

        def get_help_option(ctx: Any, make_help: Any = make_help) -> Any:
            option = make_help(ctx)
            _give(option)
            return option

        current.get_help_option = get_help_option
    return count
