"""The chronology feed (RSS 2.0, feedgen): one item per briefing, newest first.

Deterministic: items carry the guid minted once per briefing (never a URL that could
move), and `lastBuildDate` is the newest item's date, not the time of the build.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from feedgen.feed import FeedGenerator

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


def rss_bytes(feed: Feed, items: list[FeedItem], max_items: int) -> bytes:
    items = sorted(items, key=lambda i: (i.published or _EPOCH, i.guid), reverse=True)[:max_items]
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.title(feed.title)
    fg.link(href=feed.link, rel="alternate")
    fg.link(href=feed.self_url, rel="self")
    fg.description(feed.description)
    fg.language("en")
    fg.generator("Briefings")
    fg.lastBuildDate(items[0].published or _EPOCH if items else _EPOCH)
    for item in items:
        entry = fg.add_entry(order="append")
        entry.guid(item.guid, permalink=False)
        entry.title(item.title)
        entry.link(href=item.link)
        entry.description(item.summary or item.title)
        entry.content(item.content_html, type="CDATA")
        if item.published:
            entry.pubDate(item.published)
        for term, label in item.categories:
            entry.category(term=term, label=label, scheme=f"{feed.category_domain}{term}/")
        if item.creator:
            entry.dc.dc_creator(item.creator)
    return fg.rss_str(pretty=True)


def write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
