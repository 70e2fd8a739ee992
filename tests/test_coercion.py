"""kimcli.coercion answers exactly as Typer's own coercion, and spares `kim timeline` pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer

pytest.importorskip("typer._coercion", reason="a Typer without pydantic coercion")

from typer._click.exceptions import BadParameter
from typer._coercion import build_runtime_param

from kimcli import coercion
from kimcli.cli import app

SAMPLES: dict[str, list[Any]] = {
    "str": ["abc", "", "Einbürgerung § 9", "-", "  x  "],
    "bool": [True, False],
    "int": [10, 1, "7", "x", "0"],
    "path": ["data.yaml", "", "~/kim.yaml", "a/../b.yaml", "-", "/"],
    "strs": [("a",), ("a", "b c"), (), ["x", "ü"]],
    "enum": ["csv", "json", "CSV", "nope", ""],
}


def _params() -> list[tuple[str, Any]]:
    command = typer.main.get_command(app)
    coercion.install(command)
    out = []
    groups = [("", command)] + [(name, sub) for name, sub in command.commands.items()]  # type: ignore[attr-defined]
    for name, current in groups:
        for param in current.params:
            if isinstance(param._runtime_param, coercion.PlainParam):
                out.append((f"{name or 'kim'} {param.name}", param))
    return out


PARAMS = _params()


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except BadParameter as exc:
        return "error", exc.format_message()


def test_most_parameters_are_plain() -> None:
    kinds = {param._runtime_param.kind for _, param in PARAMS}
    assert {"str", "bool", "path", "strs", "int", "enum"} <= kinds
    assert len(PARAMS) >= 40


@pytest.mark.parametrize(("label", "param"), PARAMS, ids=[label for label, _ in PARAMS])
def test_plain_coercion_equals_typers(label: str, param: Any) -> None:
    plain = param._runtime_param
    own = build_runtime_param(param.type_descriptor)
    ctx = typer.main.get_command(app).make_context("kim", ["--no-pager"])
    values = list(SAMPLES[plain.kind])
    if plain.kind == "enum":
        values += list(plain.annotation)
    values.append(None)
    for value in values:
        ours = _outcome(plain, value, param, ctx)
        theirs = _outcome(own, value, param, ctx)
        assert ours == theirs, (label, value)
        if ours[0] == "value":
            assert type(ours[1]) is type(theirs[1]), (label, value)


@pytest.mark.parametrize("args", [
    ["timeline"], ["show", "einwanderung-gestalten"], ["search", "TIntG"], ["validate"],
    ["refs", "kim-start-2020"], ["graph"], ["export", "--format", "csv"], ["glossary"],
    ["sources"], ["timeline", "--from", "2019", "--kind", "gesetz", "--data",
                  str(Path(__file__).resolve().parents[1] / "data" / "kim.yaml")],
])
def test_commands_run_without_pydantic(args: list[str], tmp_path: Path) -> None:
    script = (
        "import sys\n"
        f"sys.argv = ['kim', *{args!r}]\n"
        "from kimcli import entry\n"
        "try:\n    entry.main()\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "else:\n    code = 0\n"
        "sys.stderr.write(f'code={code} pydantic={\"pydantic\" in sys.modules}')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, check=False)
    assert proc.stderr.endswith("code=0 pydantic=False"), proc.stderr


def test_a_typed_integer_still_goes_through_typer(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.argv = ['kim', 'search', '-n', 'x', 'TIntG']\n"
        "from kimcli import entry\n"
        "try:\n    entry.main()\n"
        "except SystemExit as exc:\n    sys.stderr.write(f'code={exc.code}')\n"
    )
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tmp_path, check=False)
    assert "valid integer" in proc.stderr and proc.stderr.endswith("code=2"), proc.stderr
