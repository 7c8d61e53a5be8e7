"""Index pages (home, timeline, actors, topics) as a Pelican generator.

It builds the site index once, puts it, the knowledge base and the output plan (which file
each page goes to, with its fingerprint) into Pelican's shared context, and writes its pages
through the incremental writer. It also copies the theme's static files and the raw seeds.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pelican.generators import Generator

from ..knowledge import knowledge_fingerprint, load_knowledge
from . import sitemap
from .index import build_index
from .output import OutputTracker
from .plan import Fingerprints, PageSpec, briefing_fingerprints, site_digest, site_pages
from .reader import CACHE_SETTING, ReadCache, rendered_body

# Set by `briefings build`: {"live": the published site, "manifest": what its files were
# made from}. The generator leaves its OutputTracker there under "tracker" for the build to
# commit. Without it (Pelican run alone) every file is made into OUTPUT_PATH.
BUILD_SETTING = "BRIEFINGS_BUILD"


def briefing_records(articles: list) -> list[dict]:
    return [a.record for a in articles if hasattr(a, "record")]


@dataclass
class BriefingArticle:
    """A briefing as the article template and the feeds see it, made from the build's record
    (so an unchanged briefing costs no file read, parse or Markdown render)."""

    record: dict[str, Any]
    cache: ReadCache | None = None

    @property
    def url(self) -> str:
        return f"briefings/{self.record['slug']}/"

    @property
    def save_as(self) -> str:
        return f"{self.url}index.html"

    @cached_property
    def content(self) -> str:
        return rendered_body(self.record["body"], self.cache)


class IndexPagesGenerator(Generator):
    """Writes the home page, `chronology/…`, `actors/…`, `topics/…` and `404.html`."""

    def generate_context(self) -> None:
        content = Path(self.settings["PATH"])
        kb = load_knowledge(content)
        build = self.settings.get(BUILD_SETTING) or {}
        # From `briefings build`, the records themselves; Pelican alone reads the files.
        self.writes_briefings = "briefings" in build
        if self.writes_briefings:
            cache = (
                ReadCache(Path(self.settings[CACHE_SETTING])) if self.settings.get(CACHE_SETTING) else None
            )
            articles = [BriefingArticle(record, cache) for record, _ in build["briefings"]]
            if cache:
                cache.keep_bodies([record["body"] for record, _ in build["briefings"]])
        else:
            articles = [a for a in self.context.get("articles") or [] if hasattr(a, "record")]
        self.articles = articles
        index = build_index([a.record for a in articles], kb)
        machinery = (BUILD_SETTING, CACHE_SETTING, "OUTPUT_PATH")
        site = site_digest(self.settings, knowledge_fingerprint(content), ignore=machinery)
        digests = {record["slug"]: digest for record, digest in build.get("briefings", [])}
        prints = Fingerprints(site, index.records, digests)
        staging = Path(self.output_path)
        # The build makes its files over every core; Pelican alone (the floor) on one.
        workers = (os.cpu_count() or 1) if build else 1
        tracker = OutputTracker(Path(build.get("live", staging)), staging, build.get("manifest"), workers)
        self.pages: list[PageSpec] = site_pages(index, prints)
        self.context.update(
            site_index=index,
            kb=kb,
            briefing_by_slug={a.record["slug"]: a for a in articles},
            fingerprints=prints,
            output_tracker=tracker,
            page_fingerprints={
                **briefing_fingerprints(index, prints),
                **{page.path: page.fingerprint for page in self.pages},
            },
        )

    def generate_output(self, writer) -> None:
        if self.writes_briefings:
            self._write_briefings(writer)
        for page in self.pages:
            writer.write_file(
                page.path,
                self.get_template(page.template),
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"] and page.path != "404.html",
                url=page.url,
                page_name=page.template,
                **page.page,
            )
        self._copy_theme_static()
        self._copy_raw_seeds()
        self._finish()

    def _write_briefings(self, writer) -> None:
        template = self.get_template("article")
        for article in self.articles:
            writer.write_file(
                article.save_as,
                template,
                self.context,
                relative_urls=self.settings["RELATIVE_URLS"],
                url=article.url,
                article=article,
            )

    def _finish(self) -> None:
        """Last of the generators that write (the static one has nothing to copy): the
        sitemap of every page produced, then the files waiting to be made are made (over
        every core, in a build); then the tracker goes back to the build."""
        sitemap.write_sitemap(self.context, self.settings["SITE_ABSOLUTE_URL"])
        self.context["output_tracker"].make_pending()
        build = self.settings.get(BUILD_SETTING)
        if build is not None:
            build["tracker"] = self.context["output_tracker"]

    def _copy_theme_static(self) -> None:
        """The theme's CSS and JS (Pelican's own copy would rewrite them, and their mtimes, every build)."""
        static = Path(self.settings["THEME"]) / "static"
        tracker: OutputTracker = self.context["output_tracker"]
        target = self.settings["THEME_STATIC_DIR"]
        for source in sorted(p for p in static.rglob("*") if p.is_file()):
            path = f"{target}/{source.relative_to(static).as_posix()}"
            tracker.produce(path, self.context["fingerprints"].of(path), source.read_bytes)

    def _copy_raw_seeds(self) -> None:
        """The raw seed behind each briefing, always served as plain text (never as HTML)."""
        root = str(Path(self.settings["PATH"]).parent)  # joined as strings: one per briefing
        tracker: OutputTracker = self.context["output_tracker"]
        for record in self.context["site_index"].records:
            source = os.path.join(root, record["seed"])
            if _is_regular_file(source):
                path = f"seeds/{raw_seed_name(record['seed'])}"
                fingerprint = self.context["fingerprints"].of(path, [record])
                tracker.produce(path, fingerprint, lambda source=source: Path(source).read_bytes())


def _is_regular_file(path: str) -> bool:
    """A file, not a link to one (nothing outside the seeds is served): one stat call."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def raw_seed_name(seed: str) -> str:
    name = os.path.basename(seed)
    return name if name.endswith(".txt") else f"{name}.txt"
