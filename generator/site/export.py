"""The site's data as JSON under `api/`: the briefings, the actors and the topics.

For anyone who wants the records rather than the pages. `api/briefings.json` lists every
record without its text; `api/briefings/<slug>.json` holds one whole record, so a new
briefing adds a file rather than rewriting one that grows with the site. Deterministic
bytes (keys sorted, lists in a fixed order, no timestamps).
"""

from __future__ import annotations

import json
from collections import defaultdict
from typing import Any

from pelican.generators import ArticlesGenerator

from ..knowledge import KnowledgeBase

API_DIR = "api"
Record = dict[str, Any]


# What the list of all briefings says of each: enough to choose one; the rest is in its file.
LISTED_FIELDS = (
    "slug",
    "title",
    "date",
    "date_precision",
    "source",
    "wire",
    "url",
    "story",
    "actors",
    "topics",
)


def briefing_json(record: Record, site_url: str) -> Record:
    """One whole record, with `page_url`, the address of its page (`url` keeps its contract
    meaning: the original article's address) and `api_url`, the address of this file."""
    return {**record, **_addresses(record["slug"], site_url)}


def briefings_json(records: list[Record], site_url: str) -> list[Record]:
    """Every briefing in brief (LISTED_FIELDS and its addresses), sorted by slug."""
    return [
        {**{key: record[key] for key in LISTED_FIELDS}, **_addresses(record["slug"], site_url)}
        for record in sorted(records, key=lambda r: r["slug"])
    ]


def _addresses(slug: str, site_url: str) -> dict[str, str]:
    page = f"{site_url}/briefings/{slug}/"
    return {"page_url": page, "api_url": f"{site_url}/{API_DIR}/briefings/{slug}.json"}


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
    """Deterministic JSON (keys sorted, UTF-8 kept). A list has one item per line: a diff
    shows which briefings changed, and the lists that grow with the site go through
    `json`'s C encoder (indenting falls back to its pure-Python one, several times slower)."""
    if isinstance(data, list):
        lines = [_compact(item) for item in data]
        text = "[\n" + ",\n".join(lines) + "\n]" if lines else "[]"
    else:
        text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1, default=str)
    return (text + "\n").encode("utf-8")


def _compact(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def _whole(record: Record, site_url: str) -> bytes:
    return json_bytes(briefing_json(record, site_url))


def write_api(generators) -> None:
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    context = articles_generator.context
    site_url = articles_generator.settings["SITE_ABSOLUTE_URL"].rstrip("/")
    kb = context["kb"]  # loaded once, by the index-pages generator
    records = context["site_index"].records
    prints, tracker = context["fingerprints"], context["output_tracker"]
    for record in records:
        path = f"{API_DIR}/briefings/{record['slug']}.json"
        tracker.produce(
            path, prints.of(path, [record]), lambda r=record: json_bytes(briefing_json(r, site_url))
        )
    lists = {
        "briefings.json": lambda: briefings_json(records, site_url),
        "actors.json": lambda: actors_json(records, kb, site_url),
        "topics.json": lambda: topics_json(records, kb, site_url),
    }
    for name, data in lists.items():
        path = f"{API_DIR}/{name}"
        tracker.produce(path, prints.of(path, records), lambda data=data: json_bytes(data()))
