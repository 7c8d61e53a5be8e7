"""The chronology feed (RSS 2.0, feedgen): one item per briefing, newest first.

Deterministic: items carry the guid minted once per briefing (never a URL that could
move), and `lastBuildDate` is the newest item's date, not the time of the build.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from feedgen.feed import FeedGenerator

from .index import SiteIndex
from .reader import pelican_date

_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


@dataclass(frozen=True)
class FeedItem:
    guid: str
    title: str
    link: str
    published: dt.datetime | None
    summary: str
    content_html: str
    categories: tuple[tuple[str, str], ...]  # (term, label)
    creator: str | None


@dataclass(frozen=True)
class Feed:
    title: str
    link: str  # the page the feed follows
    self_url: str  # where the feed itself lives
    description: str
    category_domain: str  # base URL of the topic pages, the categories' `domain`


@dataclass(frozen=True)
class FeedSpec:
    path: str  # under output/
    kind: str  # rss | atom
    feed: Feed
    slugs: tuple[str, ...]  # the briefings it may carry
    limit: int  # how many of them it carries: the newest


def actor_feed_path(actor_id: str) -> str:
    return f"feeds/actors/{actor_id}.xml"


def topic_feed_path(topic_id: str) -> str:
    return f"feeds/topics/{topic_id}.xml"


def feed_specs(settings: dict, index: SiteIndex) -> list[FeedSpec]:
    """Every feed the site publishes: the chronology in RSS and Atom (its newest FEED_MAX_ITEMS),
    one RSS per actor and topic (its newest SUBJECT_FEED_MAX_ITEMS: each item carries a whole
    briefing, and a subscriber polls the feed, so a hundred would weigh half a megabyte)."""
    site = settings["SITE_ABSOLUTE_URL"].rstrip("/")
    name = settings["SITENAME"]
    everything = tuple(r["slug"] for r in index.records)
    limit = settings.get("FEED_MAX_ITEMS") or 100
    subject_limit = settings.get("SUBJECT_FEED_MAX_ITEMS") or limit

    def feed(title: str, page: str, path: str, description: str) -> Feed:
        return Feed(title, f"{site}/{page}", f"{site}/{path}", description, f"{site}/topics/")

    description = settings.get("SITE_DESCRIPTION", name)
    rss, atom = settings["CHRONOLOGY_FEED"], settings["CHRONOLOGY_ATOM_FEED"]
    specs = [
        FeedSpec(rss, "rss", feed(f"{name}: chronology", "", rss, description), everything, limit),
        FeedSpec(atom, "atom", feed(f"{name}: chronology", "", atom, description), everything, limit),
    ]
    for actor in index.actors.values():
        path = actor_feed_path(actor.id)
        about = f"Briefings that name {actor.name}."
        slugs = tuple(r["slug"] for r in actor.briefings)
        subject = feed(f"{name}: {actor.name}", actor.url, path, about)
        specs.append(FeedSpec(path, "rss", subject, slugs, subject_limit))
    for topic in index.topics.values():
        path = topic_feed_path(topic.id)
        about = topic.topic.about or topic.topic.name
        slugs = tuple(r["slug"] for r in topic.briefings)
        subject = feed(f"{name}: {topic.topic.name}", topic.url, path, about)
        specs.append(FeedSpec(path, "rss", subject, slugs, subject_limit))
    return specs


def feed_order(record: dict) -> tuple[dt.datetime, str]:
    """Where a record's item goes in a feed: by date, then guid (as `feed_bytes` orders items)."""
    return pelican_date(record.get("date")), record["guid"]


def newest(slugs: Iterable[str], limit: int, order: Mapping[str, tuple[dt.datetime, str]]) -> list[str]:
    """The briefings a feed shows: the newest `limit` of `slugs`, by their `feed_order` in
    `order` (worked out once per briefing, not once per feed that lists it)."""
    return heapq.nlargest(limit, slugs, key=order.__getitem__)


def item_from_article(article, siteurl: str, topic_names: dict[str, str]) -> FeedItem:
    record = article.record
    published = pelican_date(record.get("date")).replace(tzinfo=dt.UTC) if record.get("date") else None
    return FeedItem(
        guid=record["guid"],
        title=record["title"],
        link=f"{siteurl}/{article.url}",
        published=published,
        summary=record.get("summary") or "",
        content_html=article.content,
        categories=tuple((t, topic_names.get(t, t)) for t in record.get("topics") or []),
        creator=record.get("source") or ", ".join(record.get("wire") or []) or None,
    )


def feed_bytes(feed: Feed, items: list[FeedItem], max_items: int, kind: str = "rss") -> bytes:
    """The feed as RSS 2.0 (`kind="rss"`) or Atom, newest first, bounded, byte-stable."""
    items = sorted(items, key=lambda i: (i.published or _EPOCH, i.guid), reverse=True)[:max_items]
    newest = items[0].published or _EPOCH if items else _EPOCH
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.id(feed.self_url)
    fg.title(feed.title)
    fg.link(href=feed.link, rel="alternate")
    fg.link(href=feed.self_url, rel="self")
    fg.description(feed.description)
    fg.language("en")
    fg.generator("Briefings")
    fg.lastBuildDate(newest)  # RSS: never the time of the build
    fg.updated(newest)  # Atom: likewise
    for item in items:
        _add_entry(fg, feed, item, kind)
    return fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)


def _add_entry(fg: FeedGenerator, feed: Feed, item: FeedItem, kind: str) -> None:
    entry = fg.add_entry(order="append")
    entry.id(item.guid)
    entry.guid(item.guid, permalink=False)
    entry.title(item.title)
    entry.link(href=item.link)
    entry.description(item.summary or item.title)  # RSS <description>
    entry.summary(item.summary or item.title)  # Atom <summary>
    # RSS carries the briefing as content:encoded in CDATA; Atom as escaped html.
    entry.content(item.content_html, type="CDATA" if kind == "rss" else "html")
    entry.updated(item.published or _EPOCH)
    if item.published:
        entry.pubDate(item.published)
    for term, label in item.categories:
        entry.category(term=term, label=label, scheme=f"{feed.category_domain}{term}/")
    if item.creator:
        entry.dc.dc_creator(item.creator)
        entry.author(name=item.creator)
