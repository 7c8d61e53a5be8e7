"""No broken internal link: every href and src in the built site, every feed item and every
sitemap entry resolves to a file in `output/`."""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest

from generator.site.sitemap import SITEMAP

SITE_ABSOLUTE_URL = "https://briefings.example.org"
LINK_ATTRIBUTES = {"href", "src"}


class LinkCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []  # (tag, address)
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in LINK_ATTRIBUTES and value is not None:
                self.links.append((tag, value))
            if name == "id" and value:
                self.ids.add(value)


def is_internal(address: str) -> bool:
    parts = urlsplit(address)
    return not parts.scheme and not parts.netloc


def target_file(output: Path, page: Path, address: str) -> Path:
    """The file an internal address on `page` points to (a directory means its index.html)."""
    path = unquote(urlsplit(address).path)
    here = page.relative_to(output).as_posix()
    if path.startswith("/"):
        resolved = path.lstrip("/")
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(here), path)) if path else here
    assert not resolved.startswith(".."), f"{address} on {page} leaves the site"
    target = output / resolved
    return target / "index.html" if path.endswith("/") or target.is_dir() else target


def site_file(output: Path, url: str) -> Path:
    """The file behind an absolute URL of the site."""
    assert url.startswith(SITE_ABSOLUTE_URL + "/"), url
    return target_file(output, output / "index.html", "/" + url.removeprefix(SITE_ABSOLUTE_URL + "/"))


@pytest.fixture(scope="module")
def output(built_site) -> Path:
    return built_site[0] / "output"


def html_pages(output: Path) -> list[Path]:
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.relative_to(output).parts)


def test_the_crawl_covers_every_kind_of_page(output):
    kinds = {p.relative_to(output).parts[0] for p in html_pages(output)}
    assert {"index.html", "404.html", "briefings", "actors", "topics", "chronology", "about"} <= kinds


def test_every_internal_href_and_src_resolves_to_a_file(output):
    broken = []
    checked = 0
    for page in html_pages(output):
        collector = LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        for tag, address in collector.links:
            if not is_internal(address):
                continue
            checked += 1
            fragment = urlsplit(address).fragment
            if not urlsplit(address).path:  # "#main": a target on the same page
                if fragment not in collector.ids:
                    broken.append((page, address))
                continue
            if not target_file(output, page, address).is_file():
                broken.append((page.relative_to(output), tag, address))
    assert checked > 500
    assert broken == []


def test_pages_at_every_depth_load_the_stylesheet_and_the_search_scripts(output):
    for page in (output / "index.html", output / "actors" / "index.html", output / "briefings"):
        page = page if page.is_file() else next(page.glob("*/index.html"))
        collector = LinkCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        wanted = ("css/site.css", "pagefind/pagefind-ui.js", "pagefind/pagefind-ui.css", "js/search.js")
        for suffix in wanted:
            [address] = [a for _, a in collector.links if a.endswith(suffix)]
            assert target_file(output, page, address).is_file(), (page, address)


def test_every_feed_item_links_to_a_page_of_the_site(output):
    feeds = sorted((output / "feeds").rglob("*.xml"))
    assert feeds
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        for entry in feed.entries:
            assert site_file(output, entry.link).is_file(), (path.name, entry.link)


def test_every_sitemap_entry_is_a_page_and_every_page_is_in_the_sitemap(output):
    sitemap = (output / SITEMAP).read_text(encoding="utf-8")
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    urls = [loc.text for loc in ET.fromstring(sitemap).findall("s:url/s:loc", namespace)]
    assert urls == sorted(set(urls))
    files = {site_file(output, url) for url in urls}
    assert all(f.is_file() for f in files)
    pages = {p for p in html_pages(output) if p.name != "404.html"}
    assert files == pages


def test_canonical_and_og_url_name_the_page_itself(output):
    for page in html_pages(output):
        if page.name == "404.html":
            continue
        html = page.read_text(encoding="utf-8")
        [canonical] = re.findall(r'<link rel="canonical" href="([^"]+)">', html)
        [og_url] = re.findall(r'<meta property="og:url" content="([^"]+)">', html)
        assert canonical == og_url
        assert site_file(output, canonical) == page, (page, canonical)
