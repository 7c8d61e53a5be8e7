"""The site's data as JSON under `api/`: every briefing, the actors and the topics.

For anyone who wants the records rather than the pages. Deterministic bytes (keys sorted,
lists in a fixed order, no timestamps) so a rebuild without changes rewrites nothing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from pelican.generators import ArticlesGenerator

from ..knowledge import KnowledgeBase

API_DIR = "api"
Record = dict[str, Any]


def briefings_json(records: list[Record], site_url: str) -> list[Record]:
    """Every record, body included, sorted by slug, with `page_url`, the address of its page.

    `url` keeps its contract meaning: the original article's address.
    """
    return [
        {**record, "page_url": f"{site_url}/briefings/{record['slug']}/"}
        for record in sorted(records, key=lambda r: r["slug"])
    ]


def actors_json(records: list[Record], kb: KnowledgeBase, site_url: str) -> list[dict[str, Any]]:
    """The catalogued actors some briefing names, each with the slugs of those briefings."""
    slugs: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for actor_id in record.get("actors") or []:
            if actor_id in kb.by_id:
                slugs[actor_id].add(record["slug"])
    return [
        {
            "id": actor_id,
            "name": kb.by_id[actor_id].name,
            "kind": kb.by_id[actor_id].kind,
            "wikidata": kb.by_id[actor_id].wikidata,
            "url": f"{site_url}/actors/{actor_id}/",
            "briefings": sorted(slugs[actor_id]),
        }
        for actor_id in sorted(slugs)
    ]


def topics_json(records: list[Record], kb: KnowledgeBase, site_url: str) -> list[dict[str, Any]]:
    """Every topic of the knowledge base, each with the slugs of its briefings."""
    slugs: dict[str, set[str]] = defaultdict(set)
    for record in records:
        for topic_id in record.get("topics") or []:
            slugs[topic_id].add(record["slug"])
    return [
        {
            "id": topic.id,
            "name": topic.name,
            "about": topic.about,
            "iptc": topic.iptc,
            "url": f"{site_url}/topics/{topic.id}/",
            "briefings": sorted(slugs[topic.id]),
        }
        for topic in sorted(kb.topics, key=lambda t: t.id)
    ]


def json_bytes(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, default=str)
    return (text + "\n").encode("utf-8")


def write_api(generators) -> None:
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    context = articles_generator.context
    site_url = articles_generator.settings["SITE_ABSOLUTE_URL"].rstrip("/")
    kb = context["kb"]  # loaded once, by the index-pages generator
    records = context["site_index"].records
    files = {
        "briefings.json": lambda: briefings_json(records, site_url),
        "actors.json": lambda: actors_json(records, kb, site_url),
        "topics.json": lambda: topics_json(records, kb, site_url),
    }
    for name, data in files.items():
        path = f"{API_DIR}/{name}"
        fingerprint = context["fingerprints"].of(path, records)
        context["output_tracker"].produce(path, fingerprint, lambda data=data: json_bytes(data()))
