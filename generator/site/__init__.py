"""The Pelican plugin: wires the reader, the index pages and the feed into Pelican's signals.

Thin on purpose: each handler hands over to a module of its own.
"""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.generators import ArticlesGenerator

from . import export, jsonld, sitemap
from .feeds import feed_bytes, feed_specs, item_from_article, write_if_changed
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


def write_feeds(generators) -> None:
    """The chronology (RSS and Atom), and a feed per actor and per topic."""
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings = articles_generator.settings
    siteurl = settings["SITE_ABSOLUTE_URL"].rstrip("/")
    output = Path(settings["OUTPUT_PATH"])
    kb = articles_generator.context["kb"]  # loaded once, by the index-pages generator
    topic_names = {t.id: t.name for t in kb.topics}
    limit = settings.get("FEED_MAX_ITEMS") or 100
    items = {
        a.record["slug"]: item_from_article(a, siteurl, topic_names)
        for a in articles_generator.articles
        if hasattr(a, "record")
    }
    for spec in feed_specs(settings, articles_generator.context["site_index"]):
        chosen = [items[slug] for slug in spec.slugs if slug in items]
        write_if_changed(output / spec.path, feed_bytes(spec.feed, chosen, limit, spec.kind))


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(enable_md)
    signals.get_generators.connect(index_pages_generator)
    signals.all_generators_finalized.connect(write_feeds)
    signals.generator_init.connect(jsonld.add_filter)
    signals.all_generators_finalized.connect(export.write_api)
    signals.finalized.connect(sitemap.write_sitemap)
