"""`sitemap.xml`: every published HTML page, by its absolute address.

Written once Pelican has finished, from the pages the build produced (written or kept),
so a page the site has is never missing from the map. No `lastmod`: the site has no honest modification
time for a page, and leaving it out keeps the file byte-identical between rebuilds.
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
_NOT_PAGES = {"404.html"}


def page_urls(paths: Iterable[str], site_url: str) -> list[str]:
    """Absolute URLs of the site's pages (output paths): `a/b/index.html` is `<site>/a/b/`."""
    site_url = site_url.rstrip("/")
    return sorted(
        f"{site_url}/{path.removesuffix('index.html')}"
        for path in paths
        if path.endswith(".html") and path not in _NOT_PAGES and not path.startswith("pagefind/")
    )


def sitemap_bytes(urls: list[str]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_sitemap(context: dict, site_url: str) -> None:
    tracker = context["output_tracker"]
    urls = page_urls(tracker.paths(), site_url)
    fingerprint = context["fingerprints"].of(SITEMAP, shows=urls)
    tracker.produce(SITEMAP, fingerprint, lambda: sitemap_bytes(urls))
