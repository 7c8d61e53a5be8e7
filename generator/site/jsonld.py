"""schema.org `NewsArticle` metadata for a briefing page, as JSON-LD.

Built from the record and the knowledge base, then serialised so it can sit inside
`<script type="application/ld+json">`: `<`, `>` and `&` become JSON escapes, so no title or
name from a seed can close the script element or open a comment.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from ..knowledge import KnowledgeBase

# The schema.org type for each kind of actor in the knowledge base.
_ACTOR_TYPES = {"person": "Person", "organization": "Organization", "country": "Country", "place": "Place"}
_SCRIPT_UNSAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def news_article(record: dict[str, Any], kb: KnowledgeBase | None, site_url: str) -> dict[str, Any]:
    """The `NewsArticle` for a briefing: who published it, what it is about, whom it mentions."""
    site_url = site_url.rstrip("/")
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": record["title"],
        "url": f"{site_url}/briefings/{record['slug']}/",
        "inLanguage": "en",
    }
    if record.get("date"):
        data["datePublished"] = str(record["date"])  # at its known precision: 2021, 2021-04, 2021-04-06
    if record.get("summary"):
        data["description"] = record["summary"]
    if record.get("source"):
        data["publisher"] = {"@type": "Organization", "name": record["source"]}
    if str(record.get("url") or "").startswith(("https://", "http://")):
        data["isBasedOn"] = record["url"]
    if kb is not None:
        data["about"] = _topics(record, kb, site_url)
        data["mentions"] = _actors(record, kb, site_url)
    return data


def _topics(record: dict[str, Any], kb: KnowledgeBase, site_url: str) -> list[dict[str, str]]:
    return [
        {"@type": "Thing", "name": kb.topic_by_id[t].name, "url": f"{site_url}/topics/{t}/"}
        for t in record.get("topics") or []
        if t in kb.topic_by_id
    ]


def _actors(record: dict[str, Any], kb: KnowledgeBase, site_url: str) -> list[dict[str, str]]:
    mentions = []
    for actor_id in record.get("actors") or []:
        actor = kb.by_id.get(actor_id)
        if actor is not None:
            kind = _ACTOR_TYPES.get(actor.kind, "Thing")
            mentions.append({"@type": kind, "name": actor.name, "url": f"{site_url}/actors/{actor.id}/"})
    return mentions


def script_json(data: Any) -> str:
    """JSON that is safe as the text of a `<script>` element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.translate(_SCRIPT_UNSAFE)


def jsonld_filter(record: dict[str, Any], kb: KnowledgeBase | None, site_url: str) -> Markup:
    """Jinja filter: `{{ record|news_article_jsonld(kb, SITE_ABSOLUTE_URL) }}`."""
    return Markup(script_json(news_article(record, kb, site_url)))


def add_filter(generator) -> None:
    generator.env.filters["news_article_jsonld"] = jsonld_filter
