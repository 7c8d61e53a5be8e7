"""The record that carries one article through the pipeline.

`Briefing` holds every field of the extraction contract (shared CONTRACT.md)
plus the few keys the site needs (`slug`, `guid`). It is what the extractor
returns, what the briefing's YAML front matter holds and what the Pelican
reader hands to the templates, so it converts to and from plain dicts.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any


@dataclass(frozen=True)
class Quote:
    speaker: str
    text: str


@dataclass(frozen=True)
class Figure:
    value: str
    unit: str
    what: str


@dataclass(frozen=True)
class Event:
    date: str  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day | month | year
    text: str


@dataclass
class Briefing:
    title: str = ""
    title_source: str = "text"  # text | synthesized | override
    date: str | None = None
    date_precision: str | None = None  # day | month | year
    date_source: str | None = None  # text | dateline | inferred | override
    date_confidence: float = 0.0
    source: str | None = None
    wire: list[str] = field(default_factory=list)
    url: str | None = None
    people: list[str] = field(default_factory=list)
    organizations: list[str] = field(default_factory=list)
    places: list[str] = field(default_factory=list)
    actors: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    summary: str = ""
    story: str | None = None
    seed: str = ""
    seed_sha256: str = ""
    body: str = ""
    removed: list[str] = field(default_factory=list)
    # Site keys, minted once per briefing and kept across rebuilds.
    byline: str | None = None
    slug: str = ""
    guid: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data, every key present, in contract order; lists are copies.

        (`dataclasses.asdict` deep-copies recursively and costs ~20x more; thousands of
        records go through here on every build.)"""
        values = vars(self)
        data = {name: values[name] for name in _FIELD_NAMES}
        for name in _LIST_FIELDS:
            data[name] = list(data[name])
        for name in _NESTED_FIELDS:
            data[name] = [dict(vars(item)) for item in data[name]]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Briefing:
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in data.items() if k in known}
        values["quotes"] = [Quote(**q) for q in values.get("quotes") or []]
        values["figures"] = [Figure(**f) for f in values.get("figures") or []]
        values["events"] = [Event(**e) for e in values.get("events") or []]
        return cls(**values)


CONTRACT_KEYS = [
    "title",
    "title_source",
    "date",
    "date_precision",
    "date_source",
    "date_confidence",
    "source",
    "wire",
    "url",
    "people",
    "organizations",
    "places",
    "actors",
    "topics",
    "quotes",
    "figures",
    "events",
    "summary",
    "story",
    "seed",
    "seed_sha256",
    "body",
    "removed",
]


_FIELD_NAMES = tuple(f.name for f in fields(Briefing))
_NESTED_FIELDS = ("quotes", "figures", "events")  # lists of the frozen dataclasses above
_LIST_FIELDS = tuple(
    f.name for f in fields(Briefing) if f.default_factory is list and f.name not in _NESTED_FIELDS
)
