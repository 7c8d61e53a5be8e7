"""The site in a real browser, as a reader uses it: Debian's Chromium driven by Playwright.

Follows links from the home page to a briefing, an actor and a topic; searches; checks the
layout on a phone and a wide screen, light and dark; runs axe-core on each kind of page.
Screenshots go to `test-artifacts/`. Nothing is downloaded: without Chromium the tests are
skipped on a workstation and fail in CI (`CI` set).
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from pathlib import Path

import pytest

from .conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "test-artifacts"
PHONE = {"width": 360, "height": 800}
DESKTOP = {"width": 1440, "height": 900}


def _unavailable(reason: str):
    if os.environ.get("CI"):
        pytest.fail(f"browser tests must run in CI: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def site_url(built_site):
    """The built site served on 127.0.0.1 at a free port."""

    class QuietHandler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(QuietHandler, directory=str(built_site[0] / "output"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} not found (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -e '.[test]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(browser, site_url):
    """A page factory; every request to another host is refused and recorded."""
    contexts, elsewhere = [], []

    def refuse_other_hosts(route):
        if route.request.url.startswith(site_url):
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort()

    def make(viewport=DESKTOP, color_scheme="light"):
        context = browser.new_context(viewport=viewport, color_scheme=color_scheme)
        context.route("**/*", refuse_other_hosts)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield make
    for context in contexts:
        context.close()
    assert elsewhere == [], "the site asked for another host"


def screenshot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def follow(page, selector: str) -> str:
    """Click the first link matching `selector`; return its text once the new page is loaded."""
    link = page.locator(selector).first
    text = link.inner_text().strip()
    with page.expect_navigation():
        link.click()
    return text


def reader_path(page, site_url: str) -> dict[str, str]:
    """Home → a briefing → an actor it names → a topic of that actor; the URLs on the way."""
    page.goto(f"{site_url}/")
    assert page.locator("h1").inner_text() == "Chronology"
    urls = {"home": page.url}
    title = follow(page, ".entry-title a")
    assert "/briefings/" in page.url and page.locator("h1").inner_text() == title
    urls["briefing"] = page.url
    name = follow(page, ".facts a[href*='actors/']")
    assert "/actors/" in page.url and page.locator("h1").inner_text() == name
    urls["actor"] = page.url
    topic = follow(page, "a.tag")
    assert "/topics/" in page.url and page.locator("h1").inner_text() == topic
    urls["topic"] = page.url
    return urls


@pytest.fixture(scope="module")
def page_urls(browser, site_url) -> dict[str, str]:
    context = browser.new_context(viewport=DESKTOP)
    try:
        return reader_path(context.new_page(), site_url)
    finally:
        context.close()


def test_a_reader_goes_from_the_home_page_to_a_briefing_an_actor_and_a_topic(open_page, site_url):
    urls = reader_path(open_page(), site_url)
    assert len(set(urls.values())) == 4


def test_searching_for_a_name_reaches_a_page_about_it(open_page, site_url, page_urls):
    page = open_page()
    page.goto(page_urls["briefing"])  # two folders deep: the search must still find its index
    search = page.get_by_label("Search the briefings, actors and topics")
    search.fill("Stoltenberg")
    results = page.locator(".pagefind-ui__result-link")
    results.first.wait_for()
    assert results.count() >= 2
    screenshot(page, "search-stoltenberg")
    follow(page, ".pagefind-ui__result-link")
    assert page.url.startswith(site_url)
    assert "Stoltenberg" in page.locator("main").inner_text()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["360px", "1440px"])
def test_no_page_scrolls_sideways(open_page, page_urls, viewport):
    page = open_page(viewport=viewport)
    for kind, url in page_urls.items():
        page.goto(url)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (kind, width)
        screenshot(page, f"{kind}-{viewport['width']}")


def test_dark_mode_follows_the_readers_preference(open_page, page_urls):
    def background(color_scheme: str) -> list[int]:
        page = open_page(color_scheme=color_scheme)
        page.goto(page_urls["briefing"])
        screenshot(page, f"briefing-{color_scheme}")
        color = page.evaluate("getComputedStyle(document.body).backgroundColor")
        return [int(c) for c in color[color.index("(") + 1 : -1].split(",")[:3]]

    assert sum(background("dark")) < 3 * 64
    assert sum(background("light")) > 3 * 200


@pytest.mark.parametrize("color_scheme", ["light", "dark"])
def test_axe_finds_no_serious_or_critical_violation(open_page, page_urls, color_scheme):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page = open_page(color_scheme=color_scheme)
    found = {}
    for kind, url in page_urls.items():
        page.goto(url)
        violations = axe.run(page).response["violations"]
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        if serious:
            found[kind] = [(v["id"], v["help"], [n["target"] for n in v["nodes"]][:3]) for v in serious]
    assert found == {}
