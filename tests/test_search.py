"""Search: the build writes a Pagefind index of the briefings, actor and topic pages, and
nothing else; every page carries the search box and loads the UI from the site itself."""

from __future__ import annotations

import gzip
import json
import re
import time
from pathlib import Path

import pytest

from generator.site.search import BUNDLE_DIR, index_site

INDEXED_SECTIONS = ("briefings", "actors", "topics")


@pytest.fixture(scope="module")
def output(built_site) -> Path:
    return built_site[0] / "output"


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if BUNDLE_DIR not in p.relative_to(output).parts)


def is_detail_page(output: Path, page: Path) -> bool:
    """A briefing, an actor or a topic page (not the lists of them)."""
    parts = page.relative_to(output).parts
    return len(parts) == 3 and parts[0] in INDEXED_SECTIONS


def test_the_build_writes_the_search_bundle(output):
    bundle = output / BUNDLE_DIR
    for name in ("pagefind.js", "pagefind-ui.js", "pagefind-ui.css", "pagefind-entry.json"):
        assert (bundle / name).is_file(), name
    assert list((bundle / "fragment").iterdir())


def test_exactly_the_briefing_actor_and_topic_pages_are_indexed(output):
    marked = [p for p in html_pages(output) if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    assert marked == [p for p in html_pages(output) if is_detail_page(output, p)]
    entry = json.loads((output / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == len(marked)


def test_the_search_index_holds_a_name_from_the_briefings(output):
    # Pagefind's fragments are gzipped JSON, one per indexed page, with the page's text.
    texts = [
        gzip.decompress(f.read_bytes()).decode("utf-8", "replace")
        for f in (output / BUNDLE_DIR / "fragment").iterdir()
    ]
    stoltenberg = [t for t in texts if "Stoltenberg" in t]
    assert any('"url":"/briefings/' in t for t in stoltenberg)
    assert any('"url":"/actors/jens-stoltenberg/"' in t for t in stoltenberg)


def test_actor_and_topic_pages_are_indexed_without_their_cross_references(output):
    # A search for a name should find that person's page, not every page that lists them.
    fragments = {}
    for f in (output / BUNDLE_DIR / "fragment").iterdir():
        text = gzip.decompress(f.read_bytes()).decode("utf-8")
        fragment = json.loads(text[text.index("{") :])  # after Pagefind's "pagefind_dcd" signature
        fragments[fragment["url"]] = fragment["content"]
    assert "Stoltenberg" in fragments["/actors/jens-stoltenberg/"]
    assert "Most often named with" not in fragments["/actors/jens-stoltenberg/"]
    assert "Leading actors" not in fragments["/topics/nato-membership/"]
    assert "Stoltenberg" not in fragments["/topics/nato-membership/"]


def test_every_page_has_the_search_box_and_no_script_from_another_host(output):
    for page in html_pages(output):
        html = page.read_text(encoding="utf-8")
        assert '<div id="search"></div>' in html and 'for="search-input"' in html, page
        for src in re.findall(r'<script[^>]* src="([^"]+)"', html):
            assert "://" not in src and not src.startswith("//"), (page, src)


def test_index_site_reports_its_time_and_rewrites_the_same_bytes(output, tmp_path):
    site = tmp_path / "site"
    (site / "briefings" / "one").mkdir(parents=True)
    page = "<!DOCTYPE html><html lang='en'><body><main data-pagefind-body><h1>Kyiv talks</h1><p>{}</p></main>"
    (site / "briefings" / "one" / "index.html").write_text(page.format("Talks on Monday in Kyiv."))
    (site / "index.html").write_text("<!DOCTYPE html><html lang='en'><body><h1>List</h1></body></html>")
    started = time.perf_counter()
    seconds = index_site(site)
    assert 0 < seconds <= time.perf_counter() - started
    first = {p.relative_to(site): p.read_bytes() for p in (site / BUNDLE_DIR).rglob("*") if p.is_file()}
    index_site(site)
    second = {p.relative_to(site): p.read_bytes() for p in (site / BUNDLE_DIR).rglob("*") if p.is_file()}
    assert first == second
    entry = json.loads((site / BUNDLE_DIR / "pagefind-entry.json").read_text(encoding="utf-8"))
    assert entry["languages"]["en"]["page_count"] == 1  # the list page has no data-pagefind-body
