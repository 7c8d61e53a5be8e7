"""The site's data as JSON under `api/`: the briefings, the actors and the topics.

For anyone who wants the records rather than the pages. Each file stays the size of what it
describes, so a new briefing rewrites a few small files, never one that grows with the site:

- `api/briefings/<slug>.json`: one whole record;
- `api/years.json`: each year with its count of briefings, and `api/years/<year>.json`:
  that year's briefings in brief (enough to choose one; the rest is in its own file);
- `api/actors.json`, `api/topics.json`: each actor some briefing names and each topic, with
  its count of briefings, and `api/actors/<id>.json`, `api/topics/<id>.json`: the same with
  the slugs of its briefings.

Deterministic bytes (keys sorted, lists in a fixed order, no timestamps).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from pelican.generators import ArticlesGenerator

from .index import UNDATED, ActorPage, SiteIndex, TopicPage, by_year

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


def briefings_json(records: Iterable[Record], site_url: str) -> list[Record]:
    """Briefings in brief (LISTED_FIELDS and their addresses), sorted by slug."""
    return [
        {**{key: record[key] for key in LISTED_FIELDS}, **_addresses(record["slug"], site_url)}
        for record in sorted(records, key=lambda r: r["slug"])
    ]


def _addresses(slug: str, site_url: str) -> dict[str, str]:
    page = f"{site_url}/briefings/{slug}/"
    return {"page_url": page, "api_url": f"{site_url}/{API_DIR}/briefings/{slug}.json"}


def briefings_by_year(records: Iterable[Record]) -> dict[str, list[Record]]:
    """The records by year of publication, oldest year first, undated last."""
    years = by_year(records)
    return {year: years[year] for year in sorted(years, key=lambda y: (y == UNDATED, y))}


def years_json(years: dict[str, list[Record]], site_url: str) -> list[dict[str, Any]]:
    """Each year with its count of briefings and the address of its list."""
    return [
        {"year": year, "count": len(records), "api_url": f"{site_url}/{year_path(year)}"}
        for year, records in years.items()
    ]


def year_path(year: str) -> str:
    return f"{API_DIR}/years/{year}.json"


def actor_json(page: ActorPage, site_url: str, with_briefings: bool = True) -> dict[str, Any]:
    """A catalogued actor some briefing names, with the slugs of those briefings (or only
    their count, `with_briefings=False`, as `api/actors.json` lists it)."""
    actor = page.actor
    assert actor is not None  # the index lists catalogued actors only
    entry = {
        "id": page.id,
        "name": actor.name,
        "kind": actor.kind,
        "wikidata": actor.wikidata,
        "url": f"{site_url}/{page.url}",
        "api_url": f"{site_url}/{actor_path(page.id)}",
        "count": len(page.briefings),
    }
    return entry | {"briefings": sorted(r["slug"] for r in page.briefings)} if with_briefings else entry


def actor_path(actor_id: str) -> str:
    return f"{API_DIR}/actors/{actor_id}.json"


def topic_json(page: TopicPage, site_url: str, with_briefings: bool = True) -> dict[str, Any]:
    """A topic of the knowledge base, with the slugs of its briefings (see `actor_json`)."""
    topic = page.topic
    entry = {
        "id": topic.id,
        "name": topic.name,
        "about": topic.about,
        "iptc": topic.iptc,
        "url": f"{site_url}/{page.url}",
        "api_url": f"{site_url}/{topic_path(topic.id)}",
        "count": len(page.briefings),
    }
    return entry | {"briefings": sorted(r["slug"] for r in page.briefings)} if with_briefings else entry


def topic_path(topic_id: str) -> str:
    return f"{API_DIR}/topics/{topic_id}.json"


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


def write_api(generators) -> None:
    """Every file under `api/`, each fingerprinted by the records it describes (see `plan.py`)."""
    articles_generator = next(g for g in generators if isinstance(g, ArticlesGenerator))
    context = articles_generator.context
    site_url = articles_generator.settings["SITE_ABSOLUTE_URL"].rstrip("/")
    index: SiteIndex = context["site_index"]
    prints, tracker = context["fingerprints"], context["output_tracker"]

    def produce(path: str, records: list[Record], data: Callable[[], Any], shows: Any = None) -> None:
        tracker.produce(path, prints.of(path, records, shows), lambda: json_bytes(data()))

    for record in index.records:
        path = f"{API_DIR}/briefings/{record['slug']}.json"
        produce(path, [record], lambda r=record: briefing_json(r, site_url))
    years = briefings_by_year(index.records)
    counts = [(year, len(records)) for year, records in years.items()]
    produce(f"{API_DIR}/years.json", [], lambda: years_json(years, site_url), shows=counts)
    for year, records in years.items():
        produce(year_path(year), records, lambda r=records: briefings_json(r, site_url))
    actors = sorted(index.actors.values(), key=lambda page: page.id)
    counts = [(page.id, len(page.briefings)) for page in actors]
    produce(
        f"{API_DIR}/actors.json", [], lambda: [actor_json(a, site_url, False) for a in actors], shows=counts
    )
    # An actor's or a topic's file lists what its page lists: it changes only when the page's
    # fingerprint does (hashing every briefing it names again would cost a pass over them all).
    pages = context["page_fingerprints"]
    for page in actors:
        shows = pages[f"{page.url}index.html"]
        produce(actor_path(page.id), [], lambda p=page: actor_json(p, site_url), shows=shows)
    topics = sorted(index.topics.values(), key=lambda page: page.id)
    counts = [(page.id, len(page.briefings)) for page in topics]
    produce(
        f"{API_DIR}/topics.json", [], lambda: [topic_json(t, site_url, False) for t in topics], shows=counts
    )
    for page in topics:
        shows = pages[f"{page.url}index.html"]
        produce(topic_path(page.id), [], lambda p=page: topic_json(p, site_url), shows=shows)
