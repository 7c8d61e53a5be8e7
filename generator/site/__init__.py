"""The Pelican plugin: wires the reader, the index pages and the feed into Pelican's signals.

Thin on purpose: each handler hands over to a module of its own.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from ..knowledge import load_knowledge
from .feeds import Feed, item_from_article, rss_bytes, write_if_changed
from .pages import IndexPagesGenerator
from .reader import BriefingReader


def add_reader(readers) -> None:
    readers.reader_classes["md"] = BriefingReader


def enable_md(generator) -> None:
    # Pelican parks `.md` as "disabled" when Python-Markdown is absent and then warns once
    # per file, although our reader handles them.
    generator.readers.disabled_readers.pop("md", None)


def index_pages_generator(pelican) -> type:
    return IndexPagesGenerator


def write_chronology_feed(generators) -> None:
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = articles_generator.settings
    siteurl = settings["SITE_ABSOLUTE_URL"].rstrip("/")
    kb = load_knowledge(Path(settings["PATH"]))
    topic_names = {t.id: t.name for t in kb.topics}
    briefings = [a for a in articles_generator.articles if hasattr(a, "record")]
    feed = Feed(
        title=f"{settings['SITENAME']}: chronology",
        link=f"{siteurl}/",
        self_url=f"{siteurl}/{settings['CHRONOLOGY_FEED']}",
        description=settings.get("SITE_DESCRIPTION", settings["SITENAME"]),
        category_domain=f"{siteurl}/topics/",
    )
    items = [item_from_article(a, siteurl, topic_names) for a in briefings]
    data = rss_bytes(feed, items, settings.get("FEED_MAX_ITEMS") or 100)
    write_if_changed(Path(settings["OUTPUT_PATH"]) / settings["CHRONOLOGY_FEED"], data)


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(enable_md)
    signals.get_generators.connect(index_pages_generator)
    signals.all_generators_finalized.connect(write_chronology_feed)
