"""Pelican reader for `.md` files with YAML front matter: briefings and plain pages.

Front matter is parsed with PyYAML; the body is rendered by markdown-it-py with raw HTML
off, so a `<script>` in an article reaches the page as text. A briefing's whole record
rides along as `article.record` for the templates.

Parsing and rendering cost about 1 ms a file, which a rebuild of thousands of unchanged
briefings should not pay again: results are kept in SQLite (`BRIEFINGS_READER_CACHE`),
keyed by a hash of the file's text, so a changed file can never be served stale. The
build, which hands the plugin its records rather than files, keeps each briefing's rendered
body there too (`rendered_body`, by the body's own hash, for as long as it is published):
a feed carries its newest items in full whenever one of them changes.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import sqlite3
from collections.abc import Collection
from pathlib import Path
from typing import Any

import markdown_it
from markdown_it import MarkdownIt
from pelican.readers import BaseReader

from .. import write as write_module
from ..write import body_markdown, body_text, split_briefing

_MARKDOWN = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False})
_UNDATED = dt.datetime(1970, 1, 1)  # sorts undated briefings last; templates say "date unknown"


def render_markdown(text: str) -> str:
    return _MARKDOWN.render(text)


@functools.lru_cache(maxsize=65536)  # the feeds sort on it, and thousands of briefings share dates
def pelican_date(date: str | None) -> dt.datetime:
    """A record's date at its precision, as the datetime Pelican sorts on."""
    if not date:
        return _UNDATED
    parts = [int(p) for p in str(date).split("-")] + [1, 1]
    return dt.datetime(parts[0], parts[1], parts[2])


CACHE_SETTING = "BRIEFINGS_READER_CACHE"
# What parsing and rendering depend on besides the text: this code and markdown-it's.
_CODE_VERSION = hashlib.sha256(
    Path(__file__).read_bytes() + Path(write_module.__file__).read_bytes() + markdown_it.__version__.encode()
).digest()


_PARENTS_CONNECTIONS: list[sqlite3.Connection] = []  # kept open, unused, in forked workers


class ReadCache:
    """(front matter, html) by the hash of a file's text; rows unused for a few builds go.
    Besides, each briefing's rendered body by its text's hash, kept while it is published."""

    KEEP_BUILDS = 3

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._pid, self._db = 0, None
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS read (key TEXT PRIMARY KEY, meta TEXT, html TEXT, build INT)"
        )
        self.db.execute("CREATE TABLE IF NOT EXISTS bodies (key TEXT PRIMARY KEY, html TEXT)")
        self.build = (self.db.execute("SELECT max(build) FROM read").fetchone()[0] or 0) + 1
        self.db.execute("DELETE FROM read WHERE build < ?", (self.build - self.KEEP_BUILDS,))

    @property
    def db(self) -> sqlite3.Connection:
        """This process's connection: one forked to make pages in parallel opens its own."""
        if self._pid != os.getpid():
            if self._db is not None:  # the parent's, inherited: closing it here could disturb it
                _PARENTS_CONNECTIONS.append(self._db)
            self._pid, self._db = os.getpid(), sqlite3.connect(self.path, isolation_level=None, timeout=60)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
        return self._db

    def get(self, key: str) -> tuple[dict[str, Any], str] | None:
        row = self.db.execute("SELECT meta, html FROM read WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        self.db.execute("UPDATE read SET build = ? WHERE key = ?", (self.build, key))
        return json.loads(row[0]), row[1]

    def put(self, key: str, meta: dict[str, Any], html: str) -> None:
        try:
            text = json.dumps(meta, ensure_ascii=False)
        except TypeError:
            return  # a value JSON cannot carry (a YAML date in a page): just not cached
        self.db.execute("INSERT OR REPLACE INTO read VALUES (?, ?, ?, ?)", (key, text, html, self.build))

    def body(self, key: str) -> str | None:
        row = self.db.execute("SELECT html FROM bodies WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def put_body(self, key: str, html: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO bodies VALUES (?, ?)", (key, html))

    def keep_bodies(self, bodies: Collection[str]) -> None:
        """Forget the rendered bodies of briefings no longer published, once there are a
        quarter more than the `bodies` published (hashing each costs a few microseconds)."""
        (stored,) = self.db.execute("SELECT count(*) FROM bodies").fetchone()
        if stored <= len(bodies) * 5 // 4 + 100:
            return
        stale = {key for (key,) in self.db.execute("SELECT key FROM bodies")} - set(map(body_key, bodies))
        with self.db:
            self.db.executemany("DELETE FROM bodies WHERE key = ?", [(key,) for key in stale])


def body_key(body: str) -> str:
    """Where a briefing's rendered body is kept: a hash of its text and of the code that renders it."""
    return hashlib.sha256(_CODE_VERSION + b"body\n" + body.encode("utf-8")).hexdigest()


def rendered_body(body: str, cache: ReadCache | None) -> str:
    """A briefing's body as HTML, as its file's Markdown renders; remembered by its text, so
    it is rendered once, not on every build that puts it in a feed (nor again when a
    knowledge-base change makes every page anew)."""
    if cache is None:
        return render_markdown(body_markdown(body))
    key = body_key(body)
    html = cache.body(key)
    if html is None:
        html = render_markdown(body_markdown(body))
        cache.put_body(key, html)
    return html


class BriefingReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings) -> None:
        super().__init__(settings)
        cache = settings.get(CACHE_SETTING)
        self.cache = ReadCache(Path(cache)) if cache else None

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        with open(source_path, encoding="utf-8") as handle:
            text = handle.read()
        meta, content = self._parse(text)
        return self._pelican_metadata(meta, content)

    def _parse(self, text: str) -> tuple[dict[str, Any], str]:
        key = hashlib.sha256(_CODE_VERSION + text.encode("utf-8")).hexdigest()
        if self.cache and (hit := self.cache.get(key)):
            return hit
        meta, markdown = split_briefing(text)
        if "seed_sha256" in meta:
            meta["body"] = body_text(markdown)
        content = render_markdown(markdown)
        if self.cache:
            self.cache.put(key, meta, content)
        return meta, content

    def _pelican_metadata(self, meta: dict[str, Any], content: str) -> tuple[str, dict[str, Any]]:
        if "seed_sha256" not in meta:  # a plain page such as About
            return content, {k: v for k, v in meta.items() if k in ("title", "slug", "summary")}
        metadata = {
            "title": meta["title"],
            "slug": meta["slug"],
            "date": pelican_date(meta.get("date")),
            "record": meta,
        }
        return content, metadata
