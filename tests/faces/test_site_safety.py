"""kim site and the one-page export with hostile dataset text; reproducible builds; the
benchmark script. Shares its helpers with tests/faces/test_site.py."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import FROZEN
from test_site import BAD, HOSTILE, HOSTILE_SHOWN, RAW_CONTROL, ROOT, Page, build, kim, pages

from kimcli.site import core


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    data = base / "hostile.yaml"
    data.write_text(HOSTILE, encoding="utf-8")
    return build(base / "out", "--data", str(data))


# -- safety --------------------------------------------------------------------------------


def test_hostile_text_stays_text_in_every_page(hostile_site: Path) -> None:
    for path in pages(hostile_site):
        text = path.read_text(encoding="utf-8")
        assert not RAW_CONTROL.search(text), path
        page = Page(text)
        assert [s.get("src", "").rsplit("/", 1)[-1] for s in page.all("script")] == [  # type: ignore[union-attr]
            "search.js"], path
        for name, attrs in page.tags:
            assert not any(key.startswith("on") for key in attrs), (path, name, attrs)
            assert name not in ("img", "svg") or attrs.get("class") in ("bar", "ticks", "key"), path
            for key in ("href", "src"):
                assert not (attrs.get(key) or "").lower().startswith("javascript"), path
    m1 = (hostile_site / "m" / "m1.html").read_text(encoding="utf-8")
    for shown in HOSTILE_SHOWN:
        assert shown in m1, shown
    assert "49" not in m1  # dataset text is never a template
    evil = (hostile_site / "s" / "_s1.html").read_text(encoding="utf-8")
    assert "javascript:alert(1)</span>" in evil and "nicht verlinkt" in evil
    assert 'href="https://example.org/a?b=1&amp;c=2"' in (
        hostile_site / "m" / "m1.html").read_text(encoding="utf-8")


def test_hostile_text_stays_text_in_the_search_index(hostile_site: Path) -> None:
    text = (hostile_site / "search-index.js").read_text(encoding="utf-8")
    assert "<" not in text and ">" not in text and not RAW_CONTROL.search(text)
    assert "\u2028" not in text and "\u2029" not in text
    value = json.loads(text[text.index("=") + 1:-2])
    assert value["records"][0][1] == "<script>alert('m1')</script>"


@pytest.mark.parametrize("name", sorted(
    n for n, v in json.loads((BAD / "manifest.json").read_text("utf-8")).items()
    if v["expect"] == "render"))
def test_bad_inputs_render_inert(tmp_path: Path, name: str) -> None:
    shows = json.loads((BAD / "manifest.json").read_text("utf-8"))[name]["shows"]
    out = build(tmp_path / "out", "--data", str(BAD / name))
    texts = [p.read_text(encoding="utf-8") for p in pages(out)]
    assert any(shows in t for t in texts), shows
    for text in texts:
        assert not RAW_CONTROL.search(text)
        assert "<script" not in text.replace('<script src="static/search.js" defer>', "") \
            .replace('<script src="../static/search.js" defer>', "")


# -- the one-page export -------------------------------------------------------------------


def test_html_export_is_one_self_contained_page() -> None:
    result = kim("export", "--format", "html")
    assert result.exit_code == 0
    text = result.stdout
    page = Page(text)
    assert page.headings.count(1) == 1 and "<script" not in text
    assert not re.search(r'(href|src)="(?!#|https?://)', text)  # anchors, not files
    for href in re.findall(r'href="#([^"]+)"', text):
        assert href in page.ids or href == "top", href
    style = re.search(r"<style>(.*?)</style>", text, re.S)
    assert style is not None
    csp = next(m["content"] for m in page.all("meta") if m.get("http-equiv")) or ""
    # The inline style is allowed by its own hash (CSP level 2), and nothing else is allowed.
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode("utf-8")).digest()).decode()
    policy = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert policy["style-src"] == f"'sha256-{digest}'" and policy["default-src"] == "'none'"
    assert "script-src" not in policy and "unsafe" not in csp and "http" not in csp
    for m in core.load(FROZEN).milestones:
        assert f'id="m-{m.id}"' in text
    assert "12 Modellkommunen" in text and 'href="#m-kim-start-2020"' in text
    assert 'id="m-einwanderung-gestalten-f3"' in text and 'id="s-S00"' in text


def test_html_export_of_hostile_text(tmp_path: Path) -> None:
    data = tmp_path / "h.yaml"
    data.write_text(HOSTILE, encoding="utf-8")
    text = kim("export", "--format", "html", "--data", str(data)).stdout
    assert "<script" not in text and not RAW_CONTROL.search(text)
    assert "onerror=" not in text.replace("onerror=alert(1)&gt;", "")



# -- tools and reproducibility -------------------------------------------------------------


def test_benchmark_script_runs_on_a_tiny_dataset(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    result = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "site_build.py"),
                             "--size", "30", "--runs", "1", "--where", str(tmp_path),
                             "--out", str(out)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert "`kim site OUTDIR`" in text and "B / A =" in text and "target ≤ 3" in text
    assert [p.name for p in tmp_path.iterdir()] == ["bench.md"]


def test_a_site_comes_out_the_same_each_time(tmp_path: Path) -> None:
    trees = []
    for seed in ("1", "2"):
        out = tmp_path / f"site-{seed}"
        env = {**os.environ, "PYTHONHASHSEED": seed, "KIM_CACHE_DIR": str(tmp_path / seed),
               "KIM_DATA": str(FROZEN)}
        subprocess.run([sys.executable, "-m", "kimcli", "site", str(out)], check=True,
                       capture_output=True, timeout=120, env=env)
        trees.append({p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()})
    assert trees[0] == trees[1]
