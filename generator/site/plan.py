"""The pages the site generates, and a fingerprint of everything each one shows.

Pure data, no Pelican. A page's fingerprint hashes the site-wide inputs (theme, code,
settings, knowledge base), the digests of the records it shows and the cross-reference data
it prints (counts, years, events). An actor's or a topic's page hashes every briefing it
counts instead: all it prints derives from them, so its counts are computed only when it is
made. Same fingerprint, same bytes: the incremental build renders a page only when its
fingerprint changed, and a full build renders the same pages from the same data, so both
leave identical bytes.
"""

from __future__ import annotations

import hashlib
import json
import operator
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path, PurePath
from typing import Any

from ..write import record_fingerprint
from .index import SiteIndex

Record = dict[str, Any]
_PACKAGES = ("pelican", "jinja2", "markdown-it-py", "feedgen", "pyyaml", "markupsafe")
_CODE = Path(__file__).resolve().parent
_SLUG = operator.itemgetter("slug")


@dataclass
class PageSpec:
    path: str  # the output file
    url: str  # its address from the site root
    template: str
    fingerprint: str
    page: dict[str, Any] = field(default_factory=dict)  # what the template gets besides the context


def site_digest(settings: dict, knowledge: str, ignore: Iterable[str] = ()) -> str:
    """Everything every page depends on: theme files, this package's code, the settings
    (but those in `ignore`, which say where and how the build runs, not what it shows), the
    library versions and the knowledge base (`knowledge`, its fingerprint)."""
    digest = hashlib.sha256(knowledge.encode())
    theme = Path(settings["THEME"])
    code = [*sorted(p for p in _CODE.glob("*.py") if p.name != "search.py"), _CODE.parent / "write.py"]
    for path in [*sorted(p for p in theme.rglob("*") if p.is_file()), *code]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    for package in _PACKAGES:
        digest.update(f"{package}={metadata.version(package)}".encode())
    shown = {key: value for key, value in settings.items() if key not in set(ignore)}
    digest.update(json.dumps(shown, sort_keys=True, default=_stable_repr).encode())
    return digest.hexdigest()


def _stable_repr(value: Any) -> str:
    """Settings hold paths, functions and objects; name them without a memory address."""
    if isinstance(value, PurePath | set | frozenset):
        return str(sorted(value)) if isinstance(value, set | frozenset) else str(value)
    kind = value if hasattr(value, "__qualname__") else type(value)
    return f"{kind.__module__}.{kind.__qualname__}"


class Fingerprints:
    """`of(path, records, shows)`: a page's fingerprint. `digests`: the records' own, when the
    build has them already (else they are computed here)."""

    def __init__(self, site: str, records: Iterable[Record], digests: dict[str, str] | None = None) -> None:
        self.site = site
        digests = digests or {}
        self.records = {r["slug"]: digests.get(r["slug"]) or record_fingerprint(r) for r in records}

    def of(self, path: str, records: Iterable[Record] = (), shows: Any = None) -> str:
        # One line per input, hashed at once: no part can contain a newline (JSON escapes them).
        parts = [self.site, path, *map(self.records.__getitem__, map(_SLUG, records))]
        if shows is not None:
            parts.append(json.dumps(shows, sort_keys=True, ensure_ascii=False, default=str))
        return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def briefing_fingerprints(index: SiteIndex, prints: Fingerprints) -> dict[str, str]:
    """Each briefing page: its record and the briefings of its story ("Also reported by")."""
    result = {}
    for record in index.records:
        path = f"briefings/{record['slug']}/index.html"
        result[path] = prints.of(path, [record, *index.also_reported(record)])
    return result


def site_pages(index: SiteIndex, prints: Fingerprints) -> list[PageSpec]:
    """Every page the index-pages generator writes, in a fixed order."""
    return [
        *_chronology_pages(index, prints),
        *_actor_pages(index, prints),
        *_topic_pages(index, prints),
        PageSpec("404.html", "404.html", "404", prints.of("404.html")),
    ]


def _page(prints: Fingerprints, url: str, template: str, records=(), shows=None, **page) -> PageSpec:
    path = f"{url}index.html"
    return PageSpec(path, url, template, prints.of(path, records, shows), page)


def _chronology_pages(index: SiteIndex, prints: Fingerprints) -> list[PageSpec]:
    years = index.timeline_years
    counts = index.year_counts
    pages = [
        _page(prints, "", "index", index.recent, counts),
        _page(prints, "chronology/", "chronology", shows=counts),
    ]
    for year, entries in years.items():
        records = [r for e in entries for r in ([e.record] if e.record else e.event.briefings)]
        events = [(e.date, e.event.precision, e.event.text) for e in entries if e.event]
        shows = [events, list(years)]
        url = f"chronology/{year}/"
        pages.append(_page(prints, url, "chronology_year", records, shows, year=year, entries=entries))
    return pages


def _actor_pages(index: SiteIndex, prints: Fingerprints) -> list[PageSpec]:
    listing = [(kind, [(p.id, len(p.briefings)) for p in pages]) for kind, pages in index.actors_by_kind()]
    pages = [_page(prints, "actors/", "actors", shows=listing)]
    for actor in index.actors.values():
        years = actor.years
        # All it prints (list, quotes, counts, who is named with them) comes from its briefings.
        pages.append(_page(prints, actor.url, "actor", actor.briefings, actor=actor))
        for year, records in years.items():
            shows = list(years)  # the other years, without their counts
            pages.append(
                _page(prints, f"{actor.url}{year}/", "actor_year", records, shows, actor=actor, year=year)
            )
    return pages


def _topic_pages(index: SiteIndex, prints: Fingerprints) -> list[PageSpec]:
    listing = [(t.id, len(t.briefings)) for t in index.topics.values()]
    pages = [_page(prints, "topics/", "topics", shows=listing)]
    for topic in index.topics.values():
        years = topic.years
        pages.append(_page(prints, topic.url, "topic", topic.briefings, topic=topic))  # as an actor's
        for year, records in years.items():
            shows = list(years)
            pages.append(
                _page(prints, f"{topic.url}{year}/", "topic_year", records, shows, topic=topic, year=year)
            )
    return pages
