"""kim site and the one-page HTML export, without a browser: files, structure, safety, CLI.

The browser tests (tests/faces/test_site_browser.py) load the same sites in Chromium."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from helpers import FROZEN, PLAIN_ENV, SMALL, TESTS
from typer.testing import CliRunner

from kimcli.cli import app
from kimcli.site import core, folder, names, search, workers
from kimcli.site.build import write_site

ROOT = TESTS.parent
BAD = TESTS / "bad_inputs"
runner = CliRunner()

# Text that must stay text: markup, script, a javascript: address, template syntax, control,
# bidi and zero-width characters, in every field that reaches a page.
HOSTILE = """title: "<script>alert('title')</script> Zeitleiste"
description: "<img src=x onerror=alert(1)> {{ 7*7 }} {% if true %}x{% endif %}"
sources:
  "../evil":
    title: "<script>alert('source')</script>"
    url: "javascript:alert(1)"
    publisher: "\\" onmouseover=\\"alert(1)"
  S2: {title: "Gut & <b>fett</b>", url: "https://example.org/a?b=1&c=2"}
glossary:
  - {term: "<b>Begriff</b>", definition: "</script><script>alert(2)</script>", sources: [S2],
     see: [m1]}
milestones:
  - id: m1
    title: "<script>alert('m1')</script>"
    date: '2020'
    kind: "<b>K</b>"
    date_label: "<img src=x onerror=alert(1)>"
    summary: "javascript:alert(1) {{ 7*7 }}"
    aliases: ["<i>alias</i>"]
    sources: ["../evil", S2]
    facts:
      - {text: "Bericht \\u202egnp.exe \\e[31mROT \\u200b [bold]x[/bold] \\x85", sources: [S2]}
    disputes:
      - topic: "<u>Streit</u>"
        claims: [{claim: "<a href='javascript:alert(1)'>klick</a>", sources: [S2]}]
    refs:
      - {to: m2, rel: "<i>rel</i>", note: "<svg onload=alert(1)>"}
  - {id: m2, title: "\\"><script>alert(3)</script>", date: '2021-03', kind: K, summary: S,
     sources: [S2]}
"""
HOSTILE_SHOWN = ("&lt;script&gt;alert(&#39;m1&#39;)&lt;/script&gt;", "{{ 7*7 }}",
                 "&lt;U+202E&gt;gnp.exe", "\\x1b[31mROT", "[bold]x[/bold]")
# C0 but newline and tab, DEL, C1, bidi controls, zero-width characters.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b-\u200f]")


def kim(*args: str) -> Any:
    return runner.invoke(app, list(args), env=PLAIN_ENV)


def build(out: Path, *args: str) -> Path:
    result = kim("site", str(out), *args)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site") / "out")


def pages(folder_: Path) -> list[Path]:
    return sorted(folder_.rglob("*.html"))


class Page(HTMLParser):
    """What the structural checks need from one page."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.headings: list[int] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.feed(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        if found.get("id"):
            self.ids.add(str(found["id"]))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for name, attrs in self.tags if name == tag]


def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


# -- files and structure -------------------------------------------------------------------


def test_site_has_every_page(site: Path) -> None:
    dataset = core.load(FROZEN)
    assert {p.stem for p in (site / "m").iterdir()} == {m.id for m in dataset.milestones}
    assert {p.stem for p in (site / "s").iterdir()} == set(dataset.sources)
    for name in ("index.html", "glossary.html", "sources.html", "search-index.js",
                 "static/site.css", "static/search.js"):
        assert (site / name).is_file(), name
    assert not [p for p in site.parent.iterdir() if p.name.startswith(".")]


def test_every_page_is_accessible_in_structure(site: Path) -> None:
    for path in pages(site):
        page = parse(path)
        where = path.relative_to(site)
        assert page.headings.count(1) == 1 and page.headings[0] == 1, where
        for before, after in zip(page.headings, page.headings[1:], strict=False):
            assert after <= before + 1, (where, page.headings)
        assert page.all("html")[0]["lang"] == "de", where
        for landmark in ("header", "nav", "main", "footer"):
            assert page.all(landmark), (where, landmark)
        assert page.all("a")[0] == {"class": "skip", "href": "#main"}, where
        assert "main" in page.ids
        meta = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
        (csp,) = [m["content"] for m in meta]
        policy = dict(part.strip().split(" ", 1) for part in csp.split(";"))
        # Nothing from elsewhere, no inline script or style, no plug-ins, no forms sent away.
        assert policy["default-src"] == "'none'" and policy["form-action"] == "'none'", where
        assert all(policy[d] == "'self'" for d in ("script-src", "style-src")), where
        assert "unsafe" not in csp and "http" not in csp and "*" not in csp, where
        for script in page.all("script"):
            assert script.get("src", "").endswith("static/search.js"), where  # type: ignore[union-attr]
        assert not any("style" in attrs for _, attrs in page.tags), where
        for link in page.all("a"):
            href = link.get("href") or ""
            if href.startswith(("http://", "https://")):
                assert link.get("rel") == "noopener noreferrer", (where, href)
            assert not href.lower().startswith("javascript:"), where
        for attrs in page.all("link") + page.all("script"):
            assert not (attrs.get("href") or attrs.get("src") or "").startswith(("http", "//"))


def test_time_elements_keep_the_real_precision(site: Path) -> None:
    machine = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
    for path in pages(site):
        for time in parse(path).all("time"):
            assert machine.fullmatch(time["datetime"] or ""), (path, time)
    start = (site / "m" / "kim-start-2020.html").read_text(encoding="utf-8")
    assert '<time datetime="2020">2020</time>' in start  # a year stays a year
    index = (site / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2019-07">Juli 2019</time>' in index
    assert '<time datetime="2012-02-14">14.02.2012</time>' in index


def test_index_shows_every_milestone_in_order_in_phases(site: Path) -> None:
    index = (site / "index.html").read_text(encoding="utf-8")
    order = re.findall(r'<a href="m/([a-z0-9.-]+)\.html"', index)
    assert order == [m.id for m in core.select(core.load(FROZEN))]
    page = parse(site / "index.html")
    assert page.headings == [1, 2, 2, 2, 2]
    assert {"p-ki-aufbau", "p-modellphase", "p-kim-einfuehrung",
            "p-gesetzliche-verankerung"} <= page.ids
    assert index.count('<svg class="bar"') == 14


def test_milestone_page_has_everything(site: Path) -> None:
    text = (site / "m" / "einwanderung-gestalten.html").read_text(encoding="utf-8")
    page = Page(text)
    assert "12 Modellkommunen" in text and "Laufzeit" in text
    assert '<ol class="facts">' in text and '<ol class="sources">' in text
    assert '<ul class="claims">' in text
    assert 'href="../m/kim-start-2020.html"' in text and "führte zu" in text
    assert "ging hervor aus" in text  # the reference in the other direction
    assert 'href="../s/S00.html"' in text and 'href="#q1"' in text and "q1" in page.ids
    assert {"f1", "d1", "x1"} <= page.ids
    assert "EWG" in text and "modellkommunen" in text and "(MAIS)" in text


def test_source_page_names_the_milestones_and_facts_that_cite_it(site: Path) -> None:
    text = (site / "s" / "S28.html").read_text(encoding="utf-8")
    assert "Landesregierung NRW" in text
    assert 'href="https://www.land.nrw/' in text and 'rel="noopener noreferrer"' in text
    assert 'href="../m/einwanderung-gestalten.html"' in text
    assert 'href="../m/einwanderung-gestalten.html#f3"' in text
    assert '<ol class="citing">' in text


def test_glossary_has_an_anchor_per_term(site: Path) -> None:
    page = parse(site / "glossary.html")
    for g in core.load(FROZEN).glossary:
        assert names.Names(core.load(FROZEN), []).terms[g.term] in page.ids
    assert "g-tintg" in page.ids


def test_search_index_is_kims_index_and_inert(site: Path) -> None:
    text = (site / "search-index.js").read_text(encoding="utf-8")
    prefix = f"window.{search.GLOBAL} = "
    assert text.startswith(prefix) and text.endswith(";\n")
    value = json.loads(text[len(prefix):-2])
    dataset = core.load(FROZEN)
    assert len(value["records"]) == len(dataset.milestones) + len(dataset.glossary)
    assert value["weights"]["title"] > value["weights"]["fact"]
    assert "gestalten" in value["postings"] and "einburgerung" in value["postings"]


def test_english_site(tmp_path: Path) -> None:
    result = runner.invoke(app, ["--lang", "en", "site", str(tmp_path / "en")], env=PLAIN_ENV)
    assert result.exit_code == 0, result.output
    text = (tmp_path / "en" / "m" / "einwanderung-gestalten.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in text and "Pilot project" in text
    assert "led to" in text and "grew out of" in text and "Disagreements between sources" in text
    assert '<ol class="facts" lang="de">' in text  # facts stay in the dataset's language
    assert "Original" in text
    index = (tmp_path / "en" / "index.html").read_text(encoding="utf-8")
    assert "from 2012" in index and "Skip to content" in index and "early 2022" in index


# -- the command ---------------------------------------------------------------------------


def test_outdir_rules(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "old.txt").write_text("old", encoding="utf-8")
    refused = kim("site", str(out), "--data", str(SMALL))
    assert refused.exit_code == 2 and "--force" in refused.output
    assert (out / "old.txt").exists()
    build(out, "--data", str(SMALL), "--force")
    assert not (out / "old.txt").exists() and (out / "index.html").exists()
    broken = tmp_path / "broken.yaml"
    broken.write_text("title: [\n", encoding="utf-8")
    before = (out / "index.html").read_text(encoding="utf-8")
    failed = kim("site", str(out), "--data", str(broken), "--force")
    assert failed.exit_code == 1
    assert (out / "index.html").read_text(encoding="utf-8") == before  # old site kept
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.yaml", "site"]
    a_file = tmp_path / "file.txt"
    a_file.write_text("x", encoding="utf-8")
    assert kim("site", str(a_file)).exit_code == 2
    assert kim("site", str(tmp_path / "missing" / "out")).exit_code == 2
    empty = tmp_path / "empty"
    empty.mkdir()
    build(empty, "--data", str(SMALL))
    assert oct((tmp_path / "site").stat().st_mode & 0o777) != "0o700"


def test_force_never_replaces_the_current_folder_or_the_dataset(tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch
                                                                ) -> None:
    data = tmp_path / "data.yaml"
    data.write_text(SMALL.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    for target in (".", str(tmp_path)):
        result = kim("site", target, "--force", "--data", str(data))
        assert result.exit_code == 2 and data.exists(), result.output
    inner = tmp_path / "inner"
    inner.mkdir()
    (inner / "data.yaml").write_text(data.read_text(encoding="utf-8"), encoding="utf-8")
    result = kim("site", str(inner), "--force", "--data", str(inner / "data.yaml"))
    assert result.exit_code == 2 and (inner / "data.yaml").exists()


def test_filters_keep_links_inside_the_site(tmp_path: Path) -> None:
    out = build(tmp_path / "laws", "--kind", "Gesetz", "--from", "2012", "--to", "2022")
    assert sorted(p.stem for p in (out / "m").iterdir()) == ["tintg-2012", "tintg-novelle-2022"]
    for path in pages(out):
        text = path.read_text(encoding="utf-8")
        for href in re.findall(r'href="(?!https?:)([^"#]+\.html)', text):
            assert (path.parent / href).resolve().is_file(), (path, href)
    text = (out / "m" / "tintg-2012.html").read_text(encoding="utf-8")
    assert "nicht auf dieser Website" in text


def test_large_dataset_pages_by_year(tmp_path: Path) -> None:
    from helpers import generate

    data = tmp_path / "g.yaml"
    data.write_text(generate(600), encoding="utf-8")
    out = build(tmp_path / "big", "--data", str(data))
    years = sorted((out / "y").iterdir())
    assert len(years) > 20
    index = (out / "index.html").read_text(encoding="utf-8")
    assert len(index) < 40_000 and index.count('href="y/') == len(years)
    rows = sum(p.read_text(encoding="utf-8").count('<svg class="bar"') for p in years)
    assert rows == 600
    milestone = (out / "m" / "m5.html").read_text(encoding="utf-8")
    assert re.search(r'href="\.\./y/[0-9]{4}\.html#t-m5"', milestone)


def test_parallel_build_writes_the_same_site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                             ) -> None:
    dataset = core.load(FROZEN)
    items = core.select(dataset)
    (tmp_path / "one").mkdir()
    write_site(tmp_path / "one", dataset, items)
    monkeypatch.setattr(workers, "PARALLEL_FROM", 1)
    if workers.count(200) == 1:
        pytest.skip("one processor, or no fork: nothing runs in parallel here")
    (tmp_path / "many").mkdir()
    write_site(tmp_path / "many", dataset, items)
    one = {p.relative_to(tmp_path / "one"): p.read_bytes() for p in (tmp_path / "one").rglob("*")
           if p.is_file()}
    many = {p.relative_to(tmp_path / "many"): p.read_bytes()
            for p in (tmp_path / "many").rglob("*") if p.is_file()}
    assert one == many


def test_worker_failure_is_reported() -> None:
    if not hasattr(os, "fork"):
        pytest.skip("no fork here")

    def fails() -> None:
        raise OSError("kein Platz")

    with pytest.raises(workers.WorkerError, match="kein Platz"):
        workers.run([lambda: None, fails])


def test_timeline_does_not_import_jinja2() -> None:
    code = ("import sys\nfrom kimcli.cli import run\nsys.argv = ['kim', 'timeline']\n"
            "try:\n    run()\nexcept SystemExit:\n    pass\n"
            "assert 'jinja2' not in sys.modules and 'kimcli.site' not in sys.modules\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=60, env={**os.environ, "NO_COLOR": "1"})
    assert result.returncode == 0, result.stderr


# -- the adapter and names -----------------------------------------------------------------


def test_the_as_of_date_is_shown_at_its_precision(tmp_path: Path) -> None:
    import dataclasses

    from kimcli.dates import parse

    dataset = core.load(FROZEN)
    assert core.as_of(dataset) == ("03.12.2026", "2026-12-03")
    assert core.as_of(dataclasses.replace(dataset, as_of=None)) is None
    earlier = dataclasses.replace(dataset, as_of=parse("2025-03-31"))
    assert core.as_of(earlier) == ("31.03.2025", "2025-03-31")
    write_site(tmp_path, earlier, core.select(earlier))
    assert 'Stand: <time datetime="2025-03-31">31.03.2025</time>' in (
        tmp_path / "index.html").read_text(encoding="utf-8")


def test_source_ids_become_safe_file_names() -> None:
    dataset = core.load(FROZEN)
    odd = core.Dataset(title="T", milestones=(), sources={
        k: core.Source(k, k) for k in ("../x", "S1", "s1", "a b", "ok-1", "x" * 200)})
    found = names.Names(odd, []).sources
    assert found["S1"] == "S1" and found["ok-1"] == "ok-1"
    for key, name in found.items():
        assert re.fullmatch(r"[A-Za-z0-9_-]+", name), key
    assert len({n.lower() for n in found.values()}) == len(found)
    assert names.Names(dataset, []).sources["S00"] == "S00"


def test_folder_check_without_force(tmp_path: Path) -> None:
    folder.check_target(tmp_path / "new", force=False)
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x", encoding="utf-8")
    with pytest.raises(core.UsageError):
        folder.check_target(tmp_path / "full", force=False)
