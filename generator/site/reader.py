"""Pelican reader for `.md` files with YAML front matter: briefings and plain pages.

Front matter is parsed with PyYAML; the body is rendered by markdown-it-py with raw HTML
off, so a `<script>` in an article reaches the page as text. A briefing's whole record
rides along as `article.record` for the templates.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markdown_it import MarkdownIt
from pelican.readers import BaseReader

from ..write import body_text, split_briefing

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_UNDATED = dt.datetime(1970, 1, 1)  # sorts undated briefings last; templates say "date unknown"


def render_markdown(text: str) -> str:
    return _MARKDOWN.render(text)


def pelican_date(date: str | None) -> dt.datetime:
    """A record's date at its precision, as the datetime Pelican sorts on."""
    if not date:
        return _UNDATED
    parts = [int(p) for p in str(date).split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2])


class BriefingReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        with open(source_path, encoding="utf-8") as handle:
            meta, markdown = split_briefing(handle.read())
        content = render_markdown(markdown)
        if "seed_sha256" not in meta:  # a plain page such as About
            return content, {k: v for k, v in meta.items() if k in ("title", "slug", "summary")}
        record = {**meta, "body": body_text(markdown)}
        metadata = {
            "title": record["title"],
            "slug": record["slug"],
            "date": pelican_date(record.get("date")),
            "record": record,
        }
        return content, metadata
