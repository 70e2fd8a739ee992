"""Every command answers the same from the SQLite cache as from the source: generated datasets
and the bundled one, each command's text and --json, cached against KIM_NO_CACHE=1."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from helpers import PLAIN_ENV
from helpers import ROOT as _ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kimcli.cli import app
from kimcli.io import cache

sys.path.insert(0, str(_ROOT / "benchmarks"))
from generate import KINDS, WORDS, generate

ROOT = _ROOT
runner = CliRunner()


def _run(data: Path, args: list[str], cached: bool) -> tuple[int, str]:
    env = {**PLAIN_ENV, "KIM_NO_CACHE": None if cached else "1"}
    result = runner.invoke(app, [*args, "--data", str(data)], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        result.exception
    return result.exit_code, result.output


def _same(data: Path, commands: list[list[str]]) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(cache, "MIN_BYTES", 0)
        _run(data, ["timeline"], cached=True)  # builds the database
        for args in commands:
            for full in (args, [*args, "--json"]):
                assert _run(data, full, cached=True) == _run(data, full, cached=False), full


def _commands(n: int, draw: st.DrawFn) -> list[list[str]]:
    ident = st.integers(0, n - 1).map(lambda i: f"m{i}")
    word = st.sampled_from(WORDS).map(str.lower) | st.sampled_from(WORDS).map(
        lambda w: w[:-1] + "x") | st.sampled_from(["Begriff1", "m1", "A2", "t5", "q3", "2019"])
    year = st.integers(1940, 2030).map(str)
    options = [
        st.tuples(year, year).map(lambda p: ["timeline", "--from", min(p), "--to", max(p)]),
        st.sampled_from(KINDS).map(lambda k: ["timeline", "-k", k.lower(), "-r"]),
        st.just(["timeline", "--disputed"]),
        st.integers(0, 59).map(lambda t: ["timeline", "-t", f"t{t}", "--from", "1990"]),
        st.tuples(st.integers(0, 59), st.integers(0, 59)).map(
            lambda p: ["timeline", "-T", f"t{p[0]}", "-t", f"t{p[1]}", "--all-tags", "-t", "t1",
                       "--to", "2010"]),
        ident.map(lambda i: ["show", i]),
        st.integers(0, n - 1).map(lambda i: ["show", f"a{i}"]),
        st.sampled_from(["m", "m1", "zz", "Q1"]).map(lambda q: ["show", q]),
        st.lists(word, min_size=1, max_size=3).map(lambda ws: ["search", *ws, "-n", "5"]),
        st.tuples(ident, st.integers(1, 3), st.sampled_from(["both", "in", "out"]),
                  st.integers(1, 4)).map(lambda t: ["refs", t[0], "--depth", str(t[1]),
                                                    "--direction", t[2], "--limit", str(t[3])]),
        st.tuples(ident, ident).map(lambda p: ["path", *p]),
        st.sampled_from(["Begriff1", "begriff", "nix"]).map(lambda g: ["glossary", g]),
        st.just(["glossary"]),
        st.just(["sources"]),
    ]
    return [draw(option) for option in options]


@st.composite
def cases(draw: st.DrawFn) -> tuple[str, list[list[str]]]:
    n = draw(st.integers(2, 40))
    seed = draw(st.integers(0, 10_000))
    return generate(n, seed), _commands(n, draw)


@settings(max_examples=8, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(cases())
def test_generated_datasets_answer_the_same_from_the_cache(tmp_path: Path,
                                                           case: tuple[str, list[list[str]]]
                                                           ) -> None:
    text, commands = case
    data = tmp_path / "gen.yaml"
    data.write_text(text, encoding="utf-8")
    _same(data, commands)


def test_the_bundled_dataset_answers_the_same_from_the_cache(tmp_path: Path) -> None:
    """Every milestone of the bundled dataset (actors, disputes, phases, key dates, English
    texts), shown, referred, and searched for, from the cache and from the source."""
    from kimcli import io as kimio

    data = tmp_path / "kim.yaml"
    data.write_bytes((ROOT / "data" / "kim.yaml").read_bytes())
    dataset = kimio.load(data)
    ids = [m.id for m in dataset.milestones]
    commands = [["timeline"], ["timeline", "--from", "2019", "--to", "2021"],
                ["timeline", "--disputed"], ["glossary"], ["sources"],
                ["search", "Modellkommunen"], ["search", "einwanderung", "gestalten"],
                ["search", "KIM"], ["show", "ewg"], ["show", "mags"], ["path", ids[0], ids[-1]]]
    for g in dataset.glossary[:5]:
        commands.append(["glossary", g.term])
    for mid in ids:
        commands += [["show", mid], ["refs", mid, "--depth", "2"]]
    _same(data, commands)
