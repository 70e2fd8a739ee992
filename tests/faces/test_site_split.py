"""The site build's faster paths give what the plain ones gave: C escaping, plain template
lookups, and the work split (one child for the timeline pages while the parent prepares)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from helpers import generate

from kimcli.site import build, core, render, workers
from kimcli.site.build import build_site, write_site


def tree(folder: Path) -> dict[Path, bytes]:
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("text", [
    "", "plain", "a & b < c > d", "\"quoted\" and 'single'", "&amp; already",
    "Grüße – ≠ \U0001f600", "<script>alert('x')</script>", "\\x00 and \x00",
])
def test_c_escaping_gives_the_five_entities_of_the_replacements(text: str) -> None:
    assert render._escape_text(text) == render._replace_chain(text)


def test_templates_look_up_attributes_and_items_plainly() -> None:
    env = render.environment("de", "de")
    assert env.from_string("{{ x.real }}|{{ d['k'] }}").render(x=3, d={"k": "<v>"}) == (
        "3|&lt;v&gt;")
    # A dict is not read with a dot, nor a missing name made an empty Undefined: both fail.
    with pytest.raises(AttributeError):
        env.from_string("{{ d.k }}").render(d={"k": "v"})
    with pytest.raises(KeyError):
        env.from_string("{{ d['nope'] }}").render(d={})


def _parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    if workers.count(200) == 1:
        pytest.skip("one processor, or no fork: nothing runs in parallel here")


def test_a_site_paged_by_year_is_the_same_written_by_one_process_or_several(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "g.yaml"
    data.write_text(generate(600), encoding="utf-8")
    dataset = core.load(data)
    items = core.select(dataset)
    (tmp_path / "one").mkdir()
    write_site(tmp_path / "one", dataset, items)
    _parallel(monkeypatch)
    (tmp_path / "many").mkdir()
    write_site(tmp_path / "many", dataset, items)
    one, many = tree(tmp_path / "one"), tree(tmp_path / "many")
    assert any(p.parts[0] == "y" for p in one)
    assert one == many


def test_a_failure_in_the_early_child_keeps_the_old_site(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    build_site(out)
    before = tree(out)
    _parallel(monkeypatch)

    def broken(dataset: core.Dataset) -> list[build.PhaseItem]:
        raise OSError("Platte voll")

    monkeypatch.setattr(build, "_phases", broken)  # the index: written by the early child
    with pytest.raises(workers.WorkerError, match="Platte voll"):
        build_site(out, force=True)
    assert tree(out) == before
    assert [p.name for p in tmp_path.iterdir()] == ["out"]  # no staging folder left


def test_join_waits_for_the_children_before_raising_this_process_error(tmp_path: Path) -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")
    done = tmp_path / "done"

    def slow() -> None:
        time.sleep(0.2)
        done.write_text("x", encoding="utf-8")

    child = workers.start(slow)
    with pytest.raises(ValueError, match="mine"):
        workers.join([child], ValueError("mine"))
    assert done.exists()
