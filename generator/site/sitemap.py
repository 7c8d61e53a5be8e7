"""`sitemap.xml`: every published HTML page, by its absolute address.

Written once Pelican has finished, from the files actually in the output, so a page the
site has is never missing from the map. No `lastmod`: the site has no honest modification
time for a page, and leaving it out keeps the file byte-identical between rebuilds.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

SITEMAP = "sitemap.xml"
_NOT_PAGES = {"404.html"}


def page_urls(output_dir: Path, site_url: str) -> list[str]:
    """Absolute URLs of the site's pages: `a/b/index.html` is `<site>/a/b/`."""
    site_url = site_url.rstrip("/")
    urls = []
    for page in output_dir.rglob("*.html"):
        relative = page.relative_to(output_dir).as_posix()
        if relative in _NOT_PAGES or relative.startswith("pagefind/"):
            continue
        path = relative.removesuffix("index.html")
        urls.append(f"{site_url}/{path}")
    return sorted(urls)


def sitemap_bytes(urls: list[str]) -> bytes:
    lines = ['<?xml version="1.0" encoding="UTF-8"?>']
    lines.append('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">')
    lines += [f"  <url><loc>{escape(url)}</loc></url>" for url in urls]
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def write_sitemap(pelican) -> None:
    output_dir = Path(pelican.settings["OUTPUT_PATH"])
    urls = page_urls(output_dir, pelican.settings["SITE_ABSOLUTE_URL"])
    (output_dir / SITEMAP).write_bytes(sitemap_bytes(urls))
