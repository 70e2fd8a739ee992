"""kim diff: every kind of change, the property that a diff finds exactly what was changed,
git sides, the views and the exit codes."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from helpers import PLAIN_ENV, SMALL, render
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kimcli import i18n
from kimcli.cli import app
from kimcli.dates import parse
from kimcli.diff import Change, Diff, compare, to_plain
from kimcli.domain.dataset import Dataset
from kimcli.domain.fields import Actor, Claim, Dispute, Fact, Milestone, Ref, Source
from kimcli.io import load
from kimcli.render.diff import diff_markdown, diff_view

runner = CliRunner()
WORDS = ["Anfang", "Brücke", "Chronik", "Dorf", "Erlass", "Förderung", "Gesetz", "Haushalt",
         "Initiative", "Jahresbericht", "Kommune", "Landtag", "Modell", "Novelle"]
N = 12


def kim(*args: str):  # type: ignore[no-untyped-def]
    return runner.invoke(app, list(args), env=PLAIN_ENV)


def base() -> Dataset:
    """A dataset whose milestones have nothing in common that a diff could pair by mistake."""
    sources = {f"Q{i}": Source(f"Q{i}", f"Quelle {i}") for i in range(1, 9)}
    milestones = []
    for i in range(N):
        milestones.append(Milestone(
            id=f"m{i:02d}", title=f"Meilenstein {WORDS[i]}", date=parse(str(2000 + i)),
            kind="Programm", summary=f"Zusammenfassung {i}", sources=("Q1",),
            facts=(Fact(f"{WORDS[i]} wurde {i} beschlossen und umgesetzt", ("Q1",)),
                   Fact(f"Zahl der Stellen {i * 7}: {WORDS[i + 1]}", ("Q2",))),
            disputes=(Dispute(f"Streit um {WORDS[i]}", (Claim("früher", ("Q1",)),
                                                        Claim("später", ("Q2",)))),)
            if i % 2 else (),
            refs=(Ref(f"m{(i + 1) % N:02d}", "folgt"),)))
    return Dataset(title="Test", milestones=tuple(milestones), sources=sources)


def _replace(ds: Dataset, m: Milestone) -> Dataset:
    return dataclasses.replace(ds, milestones=tuple(m if x.id == m.id else x
                                                    for x in ds.milestones))


def apply(ds: Dataset, op: str, target: int) -> tuple[Dataset, tuple[str, str, str, str]]:
    """One change applied to milestone `target` (or the dataset), and the change a diff must
    report for it as (part, id, kind, field)."""
    m = ds.milestones[target]
    if op == "add_milestone":
        new = Milestone(id="neu", title="Ganz neu", date=parse("2030"), kind="Gesetz",
                        summary="neu")
        return dataclasses.replace(ds, milestones=(*ds.milestones, new)), (
            "milestones", "neu", "added", "")
    if op == "remove_milestone":
        return dataclasses.replace(ds, milestones=tuple(
            x for x in ds.milestones if x.id != m.id)), ("milestones", m.id, "removed", "")
    if op == "add_source":
        return dataclasses.replace(ds, sources={**ds.sources, "Q99": Source("Q99", "Neu")}), (
            "sources", "Q99", "added", "")
    if op == "remove_source":
        rest = {k: v for k, v in ds.sources.items() if k != "Q8"}
        return dataclasses.replace(ds, sources=rest), ("sources", "Q8", "removed", "")
    changes: dict[str, tuple[Milestone, str, str]] = {
        "date": (m._replace(date=parse("1999-01-02")), "date", "date"),
        "add_fact": (m._replace(facts=(*m.facts, Fact("Xylophon quer quälend", ("Q5",)))),
                     "added", "facts"),
        "remove_fact": (m._replace(facts=m.facts[1:]), "removed", "facts"),
        "reword_fact": (m._replace(facts=(m.facts[0]._replace(
            text=m.facts[0].text + ", sagt das Amt"), *m.facts[1:])), "reworded", "facts"),
        "open_dispute": (m._replace(disputes=(*m.disputes, Dispute(
            "Ort", (Claim("Köln", ("Q3",)), Claim("Bonn", ("Q4",)))))), "opened", "disputes"),
        "settle_dispute": (m._replace(disputes=()), "settled", "disputes"),
        "add_ref": (m._replace(refs=(*m.refs, Ref("m00", "erwaehnt"))), "added", "refs"),
        "remove_ref": (m._replace(refs=()), "removed", "refs"),
        "cite": (m._replace(sources=(*m.sources, "Q6")), "cited", "sources"),
    }
    changed, kind, name = changes[op]
    return _replace(ds, changed), ("milestones", m.id, kind, name)


OPS = ["add_milestone", "remove_milestone", "add_source", "remove_source", "date", "add_fact",
       "remove_fact", "reword_fact", "open_dispute", "settle_dispute", "add_ref", "remove_ref",
       "cite"]


def found(diff: Diff) -> set[tuple[str, str, str, str]]:
    out = set()
    for part in ("milestones", "sources", "actors"):
        section = getattr(diff, part)
        out |= {(part, e.id, "added", "") for e in section.added}
        out |= {(part, e.id, "removed", "") for e in section.removed}
        out |= {(part, g.entry.id, c.type, c.field) for g in section.changed for c in g.changes}
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(OPS), unique=True, max_size=len(OPS)),
       st.permutations(range(N)))
def test_a_diff_finds_exactly_the_changes_made(ops: list[str], targets: list[int]) -> None:
    old = new = base()
    expected = set()
    # Each change on a milestone of its own; only odd ones have a dispute to settle.
    free = list(targets)
    for op in sorted(ops, key=lambda o: o != "settle_dispute"):
        target = next(t for t in free if t % 2 or op != "settle_dispute")
        if op not in ("add_milestone", "add_source", "remove_source"):
            free.remove(target)
        index = next(i for i, m in enumerate(new.milestones) if m.id == f"m{target:02d}")
        new, change = apply(new, op, index)
        expected.add(change)
    diff = compare(old, new)
    assert found(diff) == expected
    assert diff.empty == (not ops)
    assert compare(new, new).empty and compare(old, old).empty


def test_the_small_fixture_against_itself_is_empty() -> None:
    ds = load(SMALL)
    assert compare(ds, load(SMALL)).empty


def test_a_milestone_with_a_new_id_and_the_same_content_is_renamed() -> None:
    old = base()
    m = old.milestones[3]
    new = _replace(old, m)
    new = dataclasses.replace(new, milestones=tuple(
        x._replace(id="umbenannt") if x.id == m.id else x for x in new.milestones))
    diff = compare(old, new)
    assert [(a.id, b.id) for a, b in diff.renamed] == [(m.id, "umbenannt")]
    assert not diff.milestones.added and not diff.milestones.removed


def test_a_reworded_fact_keeps_both_texts_and_a_date_change_both_values() -> None:
    old = base()
    m = old.milestones[0]
    new = _replace(old, m._replace(date=parse("2001-05"), facts=(
        m.facts[0]._replace(text="Ganz anders gesagt"), m.facts[1])))
    changes = compare(old, new).milestones.changed[0].changes
    assert changes[0] == Change("date", "date", "2000", "2001-05")
    # Not similar in wording, but the same sources: still one fact reworded.
    assert changes[1].type == "reworded"
    assert changes[1].old["text"].startswith("Anfang") and changes[1].new["text"] == (
        "Ganz anders gesagt")


def test_a_changed_dispute_lists_its_claims_and_a_citation_names_the_source() -> None:
    old = base()
    m = old.milestones[1]
    dispute = m.disputes[0]
    claims = (*dispute.claims, Claim("viel später", ("Q3",), parse("2010")))
    new = _replace(old, m._replace(disputes=(dispute._replace(claims=claims),),
                                   sources=("Q1", "Q4")))
    changes = compare(old, new).milestones.changed[0].changes
    cited, disputed = changes
    assert cited == Change("cited", "sources", None, {"id": "Q4", "title": "Quelle 4"})
    assert disputed.type == "changed" and disputed.field == "disputes"
    assert [(p.type, p.field) for p in disputed.parts] == [("added", "claims")]


def test_dataset_fields_sources_and_actor_facts_are_walked_too() -> None:
    old = dataclasses.replace(base(), actors={"A": Actor("A", "Amt", facts=(
        Fact("Leitung: Frau A", ("Q1",)),))})
    new = dataclasses.replace(old, as_of=parse("2026-12-03"), title="Neu",
                              sources={**old.sources, "Q1": Source("Q1", "Quelle 1",
                                                                   publisher="Amt")},
                              actors={"A": Actor("A", "Amt", facts=(
                                  Fact("Leitung: Frau B", ("Q1",)),))})
    diff = compare(old, new)
    assert [(c.type, c.field) for c in diff.dataset] == [("field", "title"), ("date", "as_of")]
    assert [(c.type, c.field) for c in diff.sources.changed[0].changes] == [
        ("field", "publisher")]
    assert [c.type for c in diff.actors.changed[0].changes] == ["reworded"]


def test_sources_come_in_natural_order() -> None:
    old = base()
    new = dataclasses.replace(old, sources={**old.sources, **{
        f"Q{i}": Source(f"Q{i}", "x") for i in (10, 97, 100)}})
    assert [e.id for e in compare(old, new).sources.added] == ["Q10", "Q97", "Q100"]


def test_plain_shape_and_views() -> None:
    old = base()
    m = old.milestones[0]
    new = _replace(old, m._replace(title="Neu *fett* [x]", en=(("title", "New title"),),
                                   date=parse("2000-03")))
    diff = compare(old, new)
    plain = to_plain(diff, "alt.yaml", "neu.yaml")
    assert json.loads(json.dumps(plain))["milestones"]["changed"][0]["changes"][1] == {
        "change": "date", "field": "date", "old": "2000", "new": "2000-03"}
    assert plain["changed"] is True and set(plain) == {
        "old", "new", "changed", "dataset", "milestones", "sources", "actors"}
    shown = render(diff_view(diff, "alt.yaml", "neu.yaml"), 40)
    assert "Datum geändert: 2000 → März 2000" in shown
    assert "Neu *fett* [x]" in shown
    markdown = diff_markdown(diff, "alt.yaml", "neu.yaml")
    assert r"Neu \*fett\* \[x\]" in markdown and "*fett*" not in markdown
    i18n.set_language("en")
    assert "New title" in render(diff_view(diff, "a", "b")) and "date changed" in render(
        diff_view(diff, "a", "b"))


# -- the command -------------------------------------------------------------------------------


def _write(path: Path, text: str) -> str:
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_same_file_says_nothing_changed_and_exits_0() -> None:
    result = kim("diff", str(SMALL), str(SMALL), "--exit-code")
    assert result.exit_code == 0
    assert "Keine Änderungen" in result.stdout


def test_a_change_exits_0_and_with_exit_code_4(tmp_path: Path) -> None:
    changed = _write(tmp_path / "neu.yaml", SMALL.read_text(encoding="utf-8").replace(
        "Erste Quelle", "Erste Quelle neu betitelt"))
    assert kim("diff", str(SMALL), changed).exit_code == 0
    result = kim("diff", str(SMALL), changed, "--exit-code")
    assert result.exit_code == 4
    assert "Erste Quelle neu betitelt" in result.stdout
    parsed = json.loads(kim("diff", str(SMALL), changed, "--json").stdout)
    assert parsed["sources"]["changed"][0]["id"] == "Q1"
    assert kim("diff", str(SMALL), changed, "--format", "markdown").stdout.startswith("## ")
    assert kim("diff", str(SMALL), changed, "--json", "--format", "markdown").exit_code == 2


def test_bad_data_on_either_side_exits_1_with_its_position(tmp_path: Path) -> None:
    bad = _write(tmp_path / "kaputt.yaml", "title: x\nmilestones: [\n")
    result = kim("diff", str(SMALL), bad)
    assert result.exit_code == 1
    assert f"{bad}:" in result.stderr
    assert kim("diff", str(tmp_path / "fehlt.yaml"), str(SMALL)).exit_code == 2
    assert kim("diff", "git:HEAD", str(SMALL)).exit_code == 2


def _git_or_skip() -> str:
    found = shutil.which("git")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("git is needed for the git sides of kim diff in CI")
        pytest.skip("git is not installed: the git sides of kim diff are not tested")
    return found


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                    "-c", "commit.gpgsign=false", *args], cwd=repo, check=True,
                   capture_output=True)


def test_git_sides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _git_or_skip()
    repo = tmp_path / "repo"
    (repo / "data").mkdir(parents=True)
    text: Any = SMALL.read_text(encoding="utf-8")
    _write(repo / "data" / "kim.yaml", text)
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    _git(repo, "commit", "-q", "-m", "one")
    _write(repo / "data" / "kim.yaml", text.replace("Zweite Quelle", "Zweite neu"))
    _git(repo, "commit", "-q", "-am", "two")
    monkeypatch.chdir(repo)
    result = kim("diff", "git:HEAD~1:data/kim.yaml", "data/kim.yaml", "--exit-code")
    assert result.exit_code == 4 and "Zweite neu" in result.stdout
    assert kim("diff", "git:HEAD:data/kim.yaml", "data/kim.yaml", "--exit-code").exit_code == 0
    unknown = kim("diff", "git:gibtsnicht:data/kim.yaml", "data/kim.yaml")
    assert unknown.exit_code == 2 and "gibtsnicht" in unknown.stderr
    missing = kim("diff", "git:HEAD:data/fehlt.yaml", "data/kim.yaml")
    assert missing.exit_code == 2 and "data/fehlt.yaml" in missing.stderr
    _write(repo / "data" / "kim.yaml", "title: x\nmilestones: [\n")
    _git(repo, "commit", "-q", "-am", "broken")
    broken = kim("diff", "git:HEAD:data/kim.yaml", str(SMALL))
    assert broken.exit_code == 1 and "git:HEAD:data/kim.yaml:" in broken.stderr
    monkeypatch.chdir(tmp_path)
    outside = kim("diff", "git:HEAD:data/kim.yaml", str(SMALL))
    assert outside.exit_code == 2 and "Git-Repository" in outside.stderr


def test_no_git_is_a_usage_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    result = kim("diff", "git:HEAD:data/kim.yaml", str(SMALL))
    assert result.exit_code == 2 and "git ist nicht installiert" in result.stderr
