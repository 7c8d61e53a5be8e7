"""The Pelican plugin: wires the reader, the index pages, the feeds and the incremental
writer into Pelican's signals.

Thin on purpose: each handler hands over to a module of its own.
"""

from __future__ import annotations

import functools

from pelican import signals
from pelican.generators import ArticlesGenerator

from . import export, jsonld
from .feeds import FeedSpec, feed_bytes, feed_order, feed_specs, item_from_article, newest
from .output import IncrementalWriter, OutputTracker
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


def incremental_writer(pelican) -> type:
    return IncrementalWriter


def write_feeds(generators) -> None:
    """The chronology (RSS and Atom), and a feed per actor and per topic: those whose items changed."""
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    settings, context = articles_generator.settings, articles_generator.context
    siteurl = settings["SITE_ABSOLUTE_URL"].rstrip("/")
    topic_names = {t.id: t.name for t in context["kb"].topics}
    articles = context["briefing_by_slug"]
    items: dict = {}

    def item(slug: str):
        if slug not in items:
            items[slug] = item_from_article(articles[slug], siteurl, topic_names)
        return items[slug]

    tracker: OutputTracker = context["output_tracker"]

    def make(spec: FeedSpec, shown: list[dict]) -> bytes:
        return feed_bytes(spec.feed, [item(r["slug"]) for r in shown], spec.limit, spec.kind)

    order = {slug: feed_order(article.record) for slug, article in articles.items()}
    for spec in feed_specs(settings, context["site_index"]):
        shown = [articles[slug].record for slug in newest(spec.slugs, spec.limit, order)]  # only these matter
        fingerprint = context["fingerprints"].of(spec.path, shown, [spec.feed, spec.kind])
        tracker.produce(spec.path, fingerprint, functools.partial(make, spec, shown))


def register() -> None:
    signals.readers_init.connect(add_reader)
    signals.generator_init.connect(enable_md)
    signals.get_generators.connect(index_pages_generator)
    signals.get_writer.connect(incremental_writer)
    signals.all_generators_finalized.connect(write_feeds)
    signals.generator_init.connect(jsonld.add_filter)
    signals.all_generators_finalized.connect(export.write_api)
