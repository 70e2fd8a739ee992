"""Styled runs wrapped as one paragraph (a search hit's highlighted match inside its text)."""

from __future__ import annotations

import subprocess
import sys

from helpers import plain_env, render
from hypothesis import given, settings
from hypothesis import strategies as st

from kimcli.render.layout import wrap
from kimcli.render.runs import LaidRows, wrap_runs

STYLES = ("", "bold reverse", "dim")
runs_strategy = st.lists(
    st.tuples(st.text(alphabet="ab cdé–\n\t日", max_size=12), st.sampled_from(STYLES)),
    max_size=6)


def _styled_chars(runs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Each non-blank character of the runs with its style, in order."""
    return [(c, style) for value, style in runs for c in value if not c.isspace()]


@settings(max_examples=300, deadline=None)
@given(runs_strategy, st.integers(min_value=1, max_value=30))
def test_lines_are_those_of_wrap_and_keep_every_style(runs, width) -> None:  # type: ignore[no-untyped-def]
    spans = wrap_runs(runs, width)
    text = " ".join("".join(value for value, _ in runs).split())
    assert [line for line, _, _ in spans] == wrap(text, width)
    for line, fragments, _ in spans:
        assert "".join(value for value, _ in fragments) == line
    # No character changes its style, wherever the paragraph was broken.
    laid = [(c, style) for _, fragments, _ in spans for value, style in fragments
            for c in value if not c.isspace()]
    assert laid == _styled_chars(runs)


def test_a_highlight_broken_over_two_lines_stays_highlighted() -> None:
    spans = wrap_runs([("Die ", ""), ("Modellkommunen", "bold reverse"), (" und mehr", "")], 10)
    assert [line for line, _, _ in spans] == ["Die", "Modellkomm", "unen und", "mehr"]
    assert spans[1][1] == (("Modellkomm", "bold reverse"),)
    assert spans[2][1] == (("unen", "bold reverse"), (" und", ""))


def test_laid_rows_draw_in_parts_as_a_whole() -> None:
    laid = [[wrap_runs([(f"Zeile {i}", "")], 8), wrap_runs([("x " * 5, "dim")], 4)]
            for i in range(5)]
    table = LaidRows([8, 4], laid, [[("Kopf", "bold")], [("K", "bold")]])
    whole = render(table, 20)
    assert whole.splitlines()[0] == "Kopf       K"
    assert "".join(render(part, 20) for part in table.chunks(2)) == whole


def test_search_draws_its_table_without_rich_tables() -> None:
    """kim search lays its hits out itself: no module of kim's imports Rich's Table (and the
    fractions and decimal modules it brings) for a search. Only the module that imports it is
    looked at: older Rich imports it from rich.console, which is not kim's doing."""
    script = ("import sys, traceback\n"
              "by_kim = []\n"
              "class Watch:\n"
              "    def find_spec(self, name, path=None, target=None):\n"
              "        if name == 'rich.table':\n"
              "            files = [f.filename.replace('\\\\', '/') for f in "
              "traceback.extract_stack() if not f.filename.startswith('<')]\n"
              "            by_kim.append('kimcli' in files[-1].split('/'))\n"
              "        return None\n"
              "sys.meta_path.insert(0, Watch())\n"
              "sys.argv = ['kim', 'search', 'TIntG']\n"
              "from kimcli import entry\n"
              "try:\n    entry.main()\nexcept SystemExit:\n    pass\n"
              "sys.stderr.write(f'by_kim={any(by_kim)}')\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                            env=plain_env(COLUMNS="100"), timeout=60, check=True)
    assert "Treffer" in result.stdout and "TIntG" in result.stdout
    assert result.stderr.endswith("by_kim=False"), result.stderr
