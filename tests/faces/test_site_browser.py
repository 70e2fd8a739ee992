"""kim site in a real browser: Chromium driven by Playwright, from file:// and a local server.

The system's Chromium is used (`executable_path`); Playwright's own browser download is not
needed. Without Playwright or a browser these tests are skipped with the reason, unless the
environment variable CI is set: there they fail, so that CI cannot pass without running them.
`pytest --update-golden` also rewrites the screenshots in docs/.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from helpers import FROZEN, PLAIN_ENV, TESTS
from test_site import HOSTILE, build
from typer.testing import CliRunner

from kimcli.cli import app
from kimcli.site import core

ROOT = TESTS.parent
DOCS = ROOT / "docs"
BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def _unavailable(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: the browser tests must run here)")
    pytest.skip(reason)


def chromium_path() -> str | None:
    wanted = os.environ.get("KIM_TEST_CHROMIUM")
    if wanted:
        return wanted
    for name in BROWSERS:
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed (pip install '.[test]')")
    path = chromium_path()
    if path is None:
        _unavailable("no Chromium found (apt-get install chromium, or set KIM_TEST_CHROMIUM)")
    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=path)
        except Exception as exc:  # a browser that does not start is as good as none
            _unavailable(f"Chromium at {path} does not start: {exc}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("site") / "out")


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    """The site over HTTP on the loopback interface, for the checks a web server needs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


class Watch:
    """A page that records console errors, failed requests and any request off the site."""

    def __init__(self, context: Any, allowed: str) -> None:
        self.page = context.new_page()
        self.problems: list[str] = []
        self.page.on("console", lambda m: m.type in ("error", "warning") and self.problems.append(
            f"console {m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("requestfailed", lambda r: self.problems.append(
            f"failed: {r.url} {r.failure}"))
        self.page.on("dialog", lambda d: (self.problems.append(f"dialog: {d.message}"),
                                          d.dismiss()))

        def route(r: Any) -> None:
            if r.request.url.startswith(allowed):
                r.continue_()
            else:
                self.problems.append(f"off the site: {r.request.url}")
                r.abort()

        self.page.route("**/*", route)


def crawl(browser: Any, start: str, allowed: str, **context: Any) -> tuple[set[str], list[str]]:
    """Every page reachable from `start`, each loaded once; problems found on the way,
    including links whose file or anchor does not exist."""
    ctx = browser.new_context(**context)
    watch = Watch(ctx, allowed)
    seen: set[str] = set()
    queue = [start]
    anchors: list[tuple[str, str, str]] = []
    ids: dict[str, set[str]] = {}
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        response = watch.page.goto(url)
        if response is not None and not response.ok:
            watch.problems.append(f"{url}: HTTP {response.status}")
        ids[url] = set(watch.page.eval_on_selector_all("[id]", "els => els.map(e => e.id)"))
        hrefs = watch.page.eval_on_selector_all("a[href]", "els => els.map(a => a.href)")
        for href in hrefs:
            if not href.startswith(allowed):
                if not href.startswith(("http://", "https://")):
                    watch.problems.append(f"{url}: odd link {href}")
                continue
            page, fragment = urldefrag(href)
            if fragment:
                anchors.append((url, page, unquote(fragment)))
            if page.startswith("file:") and not Path(unquote(urlparse(page).path)).is_file():
                watch.problems.append(f"{url}: broken link {href}")
            elif page.endswith(".html") and page not in seen:
                queue.append(page)
    for url, page, fragment in anchors:
        if fragment not in ids.get(page, set()) and fragment != "main":
            watch.problems.append(f"{url}: no #{fragment} in {page}")
    ctx.close()
    return seen, watch.problems


def test_crawl_from_file_urls(browser: Any, site: Path) -> None:
    seen, problems = crawl(browser, (site / "index.html").as_uri(), site.as_uri() + "/")
    assert problems == []
    dataset = core.load(FROZEN)
    assert len(seen) == 3 + len(dataset.milestones) + len(dataset.sources)


def test_crawl_from_a_web_server_in_dark_mode(browser: Any, server: str) -> None:
    seen, problems = crawl(browser, server + "index.html", server, color_scheme="dark")
    assert problems == [] and len(seen) > 100


def test_index_shows_every_milestone_in_order_and_navigation_works(browser: Any,
                                                                   site: Path) -> None:
    ctx = browser.new_context()
    watch = Watch(ctx, site.as_uri() + "/")
    page = watch.page
    page.goto((site / "index.html").as_uri())
    shown = page.eval_on_selector_all(".rows a", "els => els.map(a => a.textContent)")
    dataset = core.load(FROZEN)
    assert shown == [m.title for m in core.select(dataset)]
    page.get_by_role("link", name="Modellprojekt „Einwanderung gestalten NRW“").click()
    page.wait_for_url("**/m/einwanderung-gestalten.html")
    body = page.inner_text("main")
    assert "12 Modellkommunen" in body and "Laufzeit" in body
    assert page.get_by_role("heading", name="Laufzeit").is_visible()
    link = page.locator('a[href="../m/kim-start-2020.html"]').first
    assert link.is_visible()
    page.go_back()
    page.wait_for_url("**/index.html")
    page.go_forward()
    page.wait_for_url("**/m/einwanderung-gestalten.html")
    link.click()
    page.wait_for_url("**/m/kim-start-2020.html")
    assert watch.problems == []
    ctx.close()


def _search(page: Any, words: str) -> list[str]:
    """Type into the search box and wait for its answer (polled from here: the page's CSP
    forbids the eval that Playwright's wait_for_function would need)."""
    page.fill("#search-q", "")
    page.fill("#search-q", words)
    for _ in range(200):
        status = page.inner_text("#search-status")
        if status and "…" not in status:
            break
        page.wait_for_timeout(25)
    else:
        raise AssertionError(f"no answer from the search box for {words!r}")
    return page.eval_on_selector_all("#search-results a", "els => els.map(a => a.href)")


def test_search_forgives_a_typo_and_folds_like_kim(browser: Any, site: Path) -> None:
    ctx = browser.new_context()
    watch = Watch(ctx, site.as_uri() + "/")
    page = watch.page
    page.goto((site / "m" / "laki-2013.html").as_uri())
    assert page.is_visible("form.search")
    found = _search(page, "gestlaten")
    assert found and found[0].endswith("/m/einwanderung-gestalten.html")
    page.press("#search-q", "Enter")
    assert page.evaluate("document.activeElement.href").endswith("einwanderung-gestalten.html")
    page.keyboard.press("Enter")
    page.wait_for_url("**/m/einwanderung-gestalten.html")
    _search(page, "kim")  # loads the index on this page
    records = page.evaluate("window.kimSearchIndex.records")
    dataset = core.load(FROZEN)
    for words in ("einbuergerung", "Einbürgerung", "STRASSE", "tintg 2012", "Kreis Lippe",
                  "koordinierungstelle", "2013", "gestlaten modelkommunen", "nichtsdergleichen"):
        found = page.evaluate("q => kimSearch.search(window.kimSearchIndex, q)", words)
        assert {records[r][4] for r in found} == set(_kim_search(dataset, words)), words
    for text in ("Ärger über Öl", "Straße", "ÜBER", "Café", "Ünïcödé ẞ", "uee"):
        assert page.evaluate("t => kimSearch.fold(t)", text) == core.fold(text), text
    assert watch.problems == []
    ctx.close()


def _kim_search(dataset: core.Dataset, words: str) -> list[str]:
    try:
        return core.search(dataset, words)
    except core.KimError:
        return []


def test_every_page_works_without_javascript(browser: Any, site: Path) -> None:
    ctx = browser.new_context(java_script_enabled=False)
    watch = Watch(ctx, site.as_uri() + "/")
    page = watch.page
    page.goto((site / "index.html").as_uri())
    assert not page.is_visible("form.search")  # no search box that could not work
    page.click('a[href="m/einwanderung-gestalten.html"]')
    page.wait_for_url("**/m/einwanderung-gestalten.html")
    assert "12 Modellkommunen" in page.inner_text("main")
    page.click('a[href="#q1"]')
    page.click('a[href="../s/S00.html"] >> nth=0')
    page.wait_for_url("**/s/S00.html")
    assert "kim.nrw" in page.inner_text("main")
    assert watch.problems == []
    ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_no_serious_violation(browser: Any, site: Path, scheme: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    ctx = browser.new_context(color_scheme=scheme)
    page = ctx.new_page()
    for name in ("index.html", "m/einwanderung-gestalten.html", "glossary.html", "s/S28.html",
                 "sources.html"):
        page.goto((site / name).as_uri())
        page.wait_for_load_state("load")
        results = axe.run(page)
        bad = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3])
               for v in results.response["violations"]
               if v["impact"] in ("serious", "critical")]
        assert bad == [], (name, bad)
    ctx.close()


@pytest.mark.parametrize("width", [320, 375])
def test_narrow_screens_need_no_sideways_scrolling(browser: Any, site: Path, width: int) -> None:
    ctx = browser.new_context(viewport={"width": width, "height": 800})
    page = ctx.new_page()
    for name in ("index.html", "m/einwanderung-gestalten.html", "s/S28.html", "glossary.html"):
        page.goto((site / name).as_uri())
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, (name, scroll)
    ctx.close()


def test_focus_is_visible_and_the_skip_link_appears(browser: Any, site: Path) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto((site / "index.html").as_uri())
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const e = document.activeElement;
        const s = getComputedStyle(e); const r = e.getBoundingClientRect();
        return [e.className, s.outlineStyle, s.outlineWidth, r.top >= 0]; }""")
    assert focused[0] == "skip" and focused[1] != "none" and focused[2] != "0px" and focused[3]
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    ctx.close()


def test_print_leaves_out_the_controls(browser: Any, site: Path) -> None:
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto((site / "m" / "einwanderung-gestalten.html").as_uri())
    page.emulate_media(media="print")
    assert not page.is_visible("header nav") and not page.is_visible("form.search")
    assert page.is_visible("main h1")
    assert len(page.pdf()) > 10_000
    ctx.close()


def test_hostile_text_stays_inert_in_the_browser(browser: Any,
                                                 tmp_path_factory: pytest.TempPathFactory
                                                 ) -> None:
    base = tmp_path_factory.mktemp("hostile-browser")
    data = base / "hostile.yaml"
    data.write_text(HOSTILE, encoding="utf-8")
    out = build(base / "out", "--data", str(data))
    seen, problems = crawl(browser, (out / "index.html").as_uri(), out.as_uri() + "/")
    assert problems == [] and len(seen) == 7
    ctx = browser.new_context()
    watch = Watch(ctx, out.as_uri() + "/")
    page = watch.page
    page.goto((out / "m" / "m1.html").as_uri())
    assert page.inner_text("h1") == "<script>alert('m1')</script>"
    assert page.evaluate("[...document.scripts].map(s => s.src.split('/').pop())") == [
        "search.js"]
    found = _search(page, "alert")
    assert len(found) >= 2 and all(f.startswith(out.as_uri()) for f in found)
    texts = page.eval_on_selector_all("#search-results a", "els => els.map(a => a.textContent)")
    assert "<script>alert('m1')</script>" in texts
    assert page.evaluate("document.querySelectorAll('#search-results script, "
                         "#search-results img').length") == 0
    assert watch.problems == []
    ctx.close()
    single = CliRunner().invoke(app, ["export", "--format", "html", "--data", str(data)],
                                env=PLAIN_ENV).stdout
    (base / "one.html").write_text(single, encoding="utf-8")
    seen, problems = crawl(browser, (base / "one.html").as_uri(), (base / "one.html").as_uri())
    assert problems == []
    ctx = browser.new_context()
    watch = Watch(ctx, (base / "one.html").as_uri())
    watch.page.goto((base / "one.html").as_uri())
    assert watch.page.inner_text("h1") == "<script>alert('title')</script> Zeitleiste"
    assert watch.problems == []
    ctx.close()


def test_one_page_export_loads_clean(browser: Any, tmp_path: Path) -> None:
    text = CliRunner().invoke(app, ["export", "--format", "html"], env=PLAIN_ENV).stdout
    path = tmp_path / "kim.html"
    path.write_text(text, encoding="utf-8")
    seen, problems = crawl(browser, path.as_uri(), path.as_uri())
    assert problems == [] and seen == {path.as_uri()}
    ctx = browser.new_context()
    page = ctx.new_page()
    page.goto(path.as_uri())
    color = page.evaluate("getComputedStyle(document.querySelector('.rows a')).fontWeight")
    assert color == "600"  # the inline style sheet applies under the page's CSP
    ctx.close()


SHOTS = {"site-index-1280.png": ("index.html", 1280), "site-index-375.png": ("index.html", 375),
         "site-milestone-1280.png": ("m/einwanderung-gestalten.html", 1280),
         "site-milestone-375.png": ("m/einwanderung-gestalten.html", 375)}


def test_screenshots_in_docs(browser: Any, site: Path, request: pytest.FixtureRequest) -> None:
    """The README's pictures: rewritten with --update-golden, else only checked to exist."""
    if request.config.getoption("--update-golden"):
        for name, (page_name, width) in SHOTS.items():
            ctx = browser.new_context(viewport={"width": width, "height": 1300})
            page = ctx.new_page()
            page.goto((site / page_name).as_uri())
            page.screenshot(path=str(DOCS / name), full_page=page_name == "index.html"
                            and width > 1000)
            ctx.close()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in SHOTS:
        assert (DOCS / name).is_file() and f"docs/{name}" in readme, name


def test_search_index_script_is_json(site: Path) -> None:
    text = (site / "search-index.js").read_text(encoding="utf-8")
    json.loads(text.split(" = ", 1)[1].rstrip(";\n"))
