"""kimcli.coercion answers exactly as Typer's own coercion, spares every command pydantic, and
stands back when Typer's internals are not the ones it was written for."""

from __future__ import annotations

import functools
import importlib.util
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import typer
from helpers import FROZEN
from hypothesis import given, settings
from hypothesis import strategies as st

from kimcli import coercion
from kimcli.cli import app

DATA = str(FROZEN)
# Typer coerces through pydantic since 0.29 (typer._adapters); before, Click's own types do.
PYDANTIC_TYPER = importlib.util.find_spec("typer._adapters") is not None
needs_fast_path = pytest.mark.skipif(coercion.TYPER is None,
                                     reason="this Typer coerces without pydantic: nothing to save")

SAMPLES: dict[str, list[Any]] = {
    "str": ["abc", "", "Einbürgerung § 9", "-", "  x  ", 7],
    "bool": [True, False, "true", "TRUE", " yes ", "0", "off", "", "F", "2", "ja", 1],
    "int": [10, 1, 0, -3, 50, 51, 400, 401, 39, 40, True, 5.0, "7", "x", "0", "", " ", "-",
            "+5", "-5", "-0", "007", " 5", "5 ", "1_0", "5.0", "5.5", "1e1", "0x10", "٥", "５",
            "inf", "99999999999999999999999", "1" * 5000, "x" * 5000, "5\x00", "x\x1b[2J"],
    "path": ["data.yaml", "", "~/kim.yaml", "a/../b.yaml", "-", "/", "./x", "a//b", "x/",
             "a\x00b", Path("p.yaml")],
    "strs": [("a",), ("a", "b c"), (), ["x", "ü"], ("a", 1)],
    "enum": ["csv", "json", "CSV", "nope", "", "Both", "x\x1b[2J", 3],
}


def _params() -> list[tuple[str, Any]]:
    if coercion.TYPER is None:
        return []
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
INT_PARAMS = [(label, param) for label, param in PARAMS if param._runtime_param.kind == "int"]


@functools.cache
def _own(label: str) -> Any:
    """Typer's own coercion for a parameter, built as Typer builds it."""
    from typer._coercion import build_runtime_param

    return build_runtime_param(dict(PARAMS)[label].type_descriptor)


def _outcome(runtime: Any, value: Any, param: Any, ctx: Any) -> tuple[str, Any]:
    try:
        return "value", runtime.coerce(value, param=param, ctx=ctx)
    except typer.BadParameter as exc:
        return "error", exc.format_message()


@functools.cache
def _context() -> Any:
    return typer.main.get_command(app).make_context("kim", ["--no-pager"])


def _same(label: str, param: Any, value: Any) -> None:
    ctx = _context()
    ours = _outcome(param._runtime_param, value, param, ctx)
    theirs = _outcome(_own(label), value, param, ctx)
    assert ours == theirs, (label, value)
    if ours[0] == "value":
        assert type(ours[1]) is type(theirs[1]), (label, value)


def test_active_exactly_where_typer_coerces_through_pydantic() -> None:
    # Within the Typer versions pyproject.toml declares, the fast path must be on wherever there
    # is something to save. If this fails after widening the range, kim still works (Typer
    # coerces), only slower: look at what `coercion._internals` finds different.
    assert (coercion.TYPER is not None) == PYDANTIC_TYPER
    if coercion.TYPER is None:
        assert coercion.install(typer.main.get_command(app)) == 0


@needs_fast_path
def test_every_parameter_is_plain() -> None:
    kinds = {param._runtime_param.kind for _, param in PARAMS}
    # No Path parameter is left: file names are text, so that an empty one can be refused.
    assert kinds == {"str", "bool", "strs", "int", "enum"}
    command = typer.main.get_command(app)
    every = [p for c in [command, *command.commands.values()] for p in c.params]  # type: ignore[attr-defined]
    assert len(PARAMS) == len(every) >= 45


@needs_fast_path
@pytest.mark.parametrize(("label", "param"), PARAMS, ids=[label for label, _ in PARAMS])
def test_plain_coercion_equals_typers(label: str, param: Any) -> None:
    plain = param._runtime_param
    values = list(SAMPLES[plain.kind])
    if plain.kind == "enum":
        values += list(plain.annotation)
    values.append(None)
    for value in values:
        _same(label, param, value)


@needs_fast_path
@settings(max_examples=300, deadline=None)
@given(text=st.one_of(
    st.integers(-10**20, 10**20).map(str),
    st.text(alphabet="0123456789+-_. \t\n", max_size=8),
    st.text(max_size=6),
))
def test_typed_integers_and_their_range_errors_equal_typers(text: str) -> None:
    for label, param in INT_PARAMS:
        _same(label, param, text)


@needs_fast_path
def test_common_values_never_reach_typers_own_coercion() -> None:
    def answered(kind: str, value: Any, **info: Any) -> bool:
        parameter_info = typer.models.OptionInfo(**{"min": None, "max": None, **info})
        try:
            coercion._coerce(kind, value, parameter_info, None, None, None)
        except typer.BadParameter:
            return True
        except coercion._Fallback:
            return False
        return True

    assert all(answered("int", text, min=1, max=50) for text in ["5", "0", "51", "-2", "x", ""])
    assert answered("int", 40, min=40, max=400)
    assert all(answered("str", text) for text in ["", "TIntG"])
    assert all(answered("path", text) for text in ["kim.yaml", "./kim.yaml", Path("x")])
    assert all(answered("bool", value) for value in [True, False, "yes", ""])
    assert answered("strs", ("a", "b"))


# -- each command with each of its options, in a subprocess --------------------------------

# The arguments a command needs, and a valid use of each of its options.
REQUIRED: dict[str, list[str]] = {
    "show": ["einwanderung-gestalten"], "search": ["TIntG"], "refs": ["kim-start-2020"],
    "path": ["kim-start-2020", "einwanderung-gestalten"],
    "export": ["-f", "json"],  # a later -f wins
    "site": ["{tmp}/site"],
    "diff": [DATA, DATA],
}
OPTIONS: dict[str, dict[str, list[str]]] = {
    "": {"version": ["--version"], "no_pager": ["--no-pager", "timeline"],
         "lang": ["--lang", "en", "timeline"], "install_completion": ["--install-completion"],
         "show_completion": ["--show-completion"]},
    "timeline": {"from_": ["--from", "2019"], "to": ["--to", "2022"], "kind": ["-k", "Gesetz"],
                 "tag": ["--tag", "bildung", "-t", "gesetz"], "reverse": ["-r"],
                 "disputed": ["--disputed"], "without_tag": ["-T", "kim", "--without-tag", "x"],
                 "all_tags": ["--all-tags", "-t", "kim"]},
    "show": {"milestone": []},
    "search": {"words": ["Gesetz"], "limit": ["-n", "5"]},
    "refs": {"milestone": [], "depth": ["--depth", "1"], "direction": ["--direction", "out"],
             "limit": ["--limit", "3"]},
    "path": {"start": [], "goal": []},
    "graph": {"format_": ["--format", "mermaid"]},
    "export": {"format_": ["-f", "csv"], "output_": ["-o", "{tmp}/out.csv"],
               "force": ["-o", "{tmp}/out.md", "-f", "markdown", "--force"],
               "width": ["--width", "90"], "from_": ["--from", "2015"], "to": ["--to", "2020"],
               "kind": ["--kind", "Gesetz"], "tag": ["-t", "bildung"], "disputed": ["--disputed"],
               "without_tag": ["-T", "kim"], "all_tags": ["--all-tags"]},
    "actors": {"actor": ["mkjfgfi"]},
    "glossary": {"term": ["TIntG"]},
    "sources": {},
    "validate": {"path": [DATA], "strict": ["--strict"],
                 "stale_after": ["--stale-after", "30"],
                 "require_accessed": ["--require-accessed"]},
    "schema": {},
    "site": {"outdir": [], "from_": ["--from", "2019"], "to": ["--to", "2022"],
             "kind": ["-k", "Gesetz"], "tag": ["--tag", "gesetz"], "force": ["--force"],
             "without_tag": ["-T", "kim"], "all_tags": ["--all-tags"],
             "disputed": ["--disputed"]},
    # Without a terminal kim browse refuses (exit 2), after its options were read.
    "browse": {"milestone": ["einwanderung-gestalten"]},
    "diff": {"old": [], "new": [], "format_": ["--format", "markdown"],
             "exit_code": ["--exit-code"]},
}
SHARED = {"data": ["--data", DATA], "json_": ["--json"]}


def _cases() -> list[tuple[str, list[str]]]:
    cases = []
    command = typer.main.get_command(app)
    groups = [("", command), *command.commands.items()]  # type: ignore[attr-defined]
    for name, current in groups:
        prefix = [name] if name else []
        for param in current.params:
            fragment = {**SHARED, **OPTIONS[name]}[param.name]
            cases.append((f"{name or 'kim'} {param.name}",
                          prefix + REQUIRED.get(name, []) + list(fragment)))
        cases.append((f"{name or 'kim'} help", [*prefix, "-h"]))
    return cases


CASES = _cases()


def test_the_cases_cover_every_option_of_every_command() -> None:
    command = typer.main.get_command(app)
    names = {name for name, _ in [("kim", command), *command.commands.items()]}  # type: ignore[attr-defined]
    assert {label.split()[0] for label, _ in CASES} == names
    # every option in the tables is one the command has: no stale rows
    for name, table in OPTIONS.items():
        current = command.commands[name] if name else command  # type: ignore[attr-defined]
        assert set(table) <= {p.name for p in current.params}, name


def _run_kim(args: list[str], cwd: Path, before: str = "") -> subprocess.CompletedProcess[str]:
    """Run kim in a new interpreter; stderr ends with its exit code and whether it had pydantic."""
    script = (
        "import sys\n"
        f"{before}\n"
        f"sys.argv = ['kim', *{args!r}]\n"
        "from kimcli import entry\n"
        "try:\n    entry.main()\n"
        "except SystemExit as exc:\n    code = exc.code\n"
        "else:\n    code = 0\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(f'\\ncode={code} pydantic={\"pydantic\" in sys.modules}')\n"
    )
    drop = ("KIM_DATA", "KIM_LANG", "FORCE_COLOR")
    full = {k: v for k, v in os.environ.items() if k not in drop}
    full.update({"COLUMNS": "80", "NO_COLOR": "1", "TERM": "dumb", "HOME": str(cwd),
                 "SHELL": "/bin/bash", "KIM_DATA": DATA})
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=cwd, env=full, stdin=subprocess.DEVNULL, check=False, timeout=120)


@pytest.mark.parametrize(("label", "args"), CASES, ids=[label for label, _ in CASES])
def test_each_command_with_each_option_runs_without_pydantic(label: str, args: list[str],
                                                             tmp_path: Path) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    proc = _run_kim(args, tmp_path)
    code = 2 if label.startswith("browse") and label != "browse help" else 0
    if "completion" in label and ("Shell None" in proc.stdout or "not supported" in proc.stderr):
        code = 1  # no shell among the parent processes (a detached run): Typer says so
    assert proc.stderr.endswith(f"code={code} pydantic=False"), (label, proc.stderr[-2000:])


def test_importtime_shows_no_pydantic(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "kimcli", "search", "TIntG",
                           "-n", "5"], capture_output=True, text=True, cwd=tmp_path, check=False,
                          env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "TIntG" in proc.stdout
    imports = [line for line in proc.stderr.splitlines() if line.startswith("import time:")]
    assert any("kimcli.cli" in line for line in imports)  # it did report the imports
    assert not [line for line in imports if "pydantic" in line]


# Typer's own coercion, for the same command line: kim with the fast path switched off.
OWN_PATH = "import kimcli.coercion; kimcli.coercion.TYPER = None"


@pytest.mark.parametrize("args", [
    ["search", "TIntG", "-n", "0"], ["search", "TIntG", "-n", "-4"], ["search", "TIntG", "-n", "x"],
    ["search", "TIntG", "-n", ""], ["refs", "kim-start-2020", "--depth", "51"],
    ["refs", "kim-start-2020", "--depth", "0"], ["refs", "kim-start-2020", "--limit", "0"],
    ["export", "--width", "39"], ["export", "--width", "401"], ["export", "-f", "nope"],
    ["export", "-f", "x\x1b[2J"], ["refs", "kim-start-2020", "--direction", "sideways"],
    ["graph", "--format", "DOT"], ["search", "TIntG", "-n", " 7"], ["search", "TIntG", "-n", "5.0"],
], ids=lambda args: " ".join(args))
def test_messages_and_exit_codes_equal_typers_own(args: list[str], tmp_path: Path) -> None:
    ours = _run_kim(args, tmp_path)
    own = _run_kim(args, tmp_path, before=OWN_PATH)
    strip = lambda text: text.rsplit(" pydantic=", 1)[0]  # noqa: E731
    assert (ours.stdout, strip(ours.stderr)) == (own.stdout, strip(own.stderr))
    simple = args[-1] not in (" 7", "5.0")  # text pydantic reads more leniently goes to Typer
    if simple:
        assert ours.stderr.endswith("pydantic=False"), ours.stderr


# -- standing back ---------------------------------------------------------------------------

# Each changes one internal the fast path relies on, before kim starts.
CHANGES = {
    "RuntimeParam gone": "import typer._coercion as m; del m.RuntimeParam",
    "coerce_cli_choice takes other arguments": (
        "import typer._param_types as m; f = m.coerce_cli_choice\n"
        "m.coerce_cli_choice = lambda value, choices, case_sensitive, ctx=None: f(value, "
        "choices=choices, case_sensitive=case_sensitive, ctx=ctx)"),
    "get_runtime_param ignores _runtime_param": (
        "import typer.core as m, typer._coercion as c\n"
        "m._TyperParameter.get_runtime_param = lambda self: c.build_runtime_param("
        "self.type_descriptor)"),
    "RuntimeParam has another field": (
        "import dataclasses, typer._coercion as m\n"
        "m.RuntimeParam = dataclasses.make_dataclass('R', [('extra', int)], bases=("
        "m.RuntimeParam,), frozen=True)"),
    "get_error_msg gone": "import typer._display as m; del m.get_error_msg",
}


@pytest.mark.skipif(not PYDANTIC_TYPER, reason="nothing to stand back from")
@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_typer_internals_that_differ_leave_kim_to_typer(change: str, tmp_path: Path) -> None:
    args = ["search", "TIntG", "-n", "5"]
    normal = _run_kim(args, tmp_path)
    changed = _run_kim(args, tmp_path, before=CHANGES[change] +
                       "\nimport kimcli.coercion\nassert kimcli.coercion.TYPER is None")
    assert normal.stderr.endswith("code=0 pydantic=False"), normal.stderr[-2000:]
    # Typer's own coercion answered: the same output, at the price of pydantic.
    assert changed.stderr.endswith("code=0 pydantic=True"), changed.stderr[-2000:]
    assert changed.stdout == normal.stdout
    bad = _run_kim(["search", "TIntG", "-n", "0"], tmp_path, before=CHANGES[change])
    assert "Ungültiger Wert für '--limit'" in bad.stderr and "code=2" in bad.stderr, bad.stderr
