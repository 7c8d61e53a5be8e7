"""The site's cross-references, computed once from the briefings' records.

Pure data, no Pelican: which briefings each actor page, topic page and chronology event
lists, who is named with whom, and which output pages a record feeds (the basis of
incremental publishing). Every list is in a fixed order so pages come out byte-identical.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from itertools import chain
from typing import Any

from ..knowledge import Actor, KnowledgeBase, Topic

Record = dict[str, Any]
RECENT = 50  # briefings a list shows before it links to one page per year
QUOTES_SHOWN = 20  # an actor page's newest quotes; the others are on their briefings
UNDATED = "undated"
_SENTENCE_END = re.compile(r"(?<=[.!?…”\"])\s+(?=[“\"A-Z])")


class ListsBriefings:
    """A page listing `briefings` (newest first): the newest RECENT, then one page per year."""

    briefings: list[Record]

    @property
    def recent(self) -> list[Record]:
        return self.briefings[:RECENT]

    @cached_property
    def years(self) -> dict[str, list[Record]]:
        """The briefings by year, when there are too many for one page (else nothing)."""
        return by_year(self.briefings) if len(self.briefings) > RECENT else {}


@dataclass
class ActorPage(ListsBriefings):
    """An actor's page. What it prints besides the list (quotes, who is named with them, their
    topics) is counted from `briefings` when the page is made: most pages are fresh, and their
    fingerprints hash every briefing they list instead (see `plan.py`)."""

    id: str
    name: str
    kind: str
    actor: Actor | None
    briefings: list[Record] = field(default_factory=list)  # newest first

    @property
    def url(self) -> str:
        return f"actors/{self.id}/"

    @cached_property
    def quotes(self) -> list[tuple[Record, str]]:
        """(record, quote text) of everything they said, newest briefing first."""
        said = ((r, q) for r in self.briefings for q in r.get("quotes") or ())
        return [(r, q["text"]) for r, q in said if q["speaker"] == self.name]

    @property
    def shown_quotes(self) -> list[tuple[Record, str]]:
        return self.quotes[:QUOTES_SHOWN]

    @cached_property
    def named_with(self) -> list[tuple[str, int]]:
        """(actor id, briefings shared) of those most often named with them."""
        together = _tally(self.briefings, "actors")
        together.pop(self.id, None)
        return _top(together, 8)

    @cached_property
    def topics(self) -> list[tuple[str, int]]:
        return _top(_tally(self.briefings, "topics"), 8)

    def sentence(self, record: Record) -> str:
        """The quote or sentence of the briefing that names them (found when a page shows it)."""
        if self.actor is None:
            return record.get("summary") or ""
        return _sentence_naming(record, self.actor, self._names)

    @cached_property
    def _names(self) -> re.Pattern[str]:
        return _names_pattern(self.actor) if self.actor else re.compile(r"(?!)")


@dataclass
class TopicPage(ListsBriefings):
    """A topic's page; its leading actors and related topics are counted when it is made (see `ActorPage`)."""

    id: str
    topic: Topic
    kb: KnowledgeBase = field(repr=False, compare=False)
    briefings: list[Record] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"topics/{self.id}/"

    @cached_property
    def leading_actors(self) -> list[tuple[str, int]]:
        named = _tally(self.briefings, "actors")
        return _top({a: n for a, n in named.items() if a in self.kb.by_id}, 8)

    @cached_property
    def related(self) -> list[tuple[str, int]]:
        tagged = _tally(self.briefings, "topics")
        return _top({t: n for t, n in tagged.items() if t != self.id and t in self.kb.topic_by_id}, 6)


@dataclass
class ChronologyEvent:
    date: str
    precision: str
    text: str
    briefings: list[Record] = field(default_factory=list)


@dataclass(frozen=True)
class TimelineEntry:
    """One row of the chronology page: a briefing on its publication date, or an event it recalls."""

    date: str
    event: ChronologyEvent | None = None
    record: Record | None = None


@dataclass
class SiteIndex:
    actors: dict[str, ActorPage]
    topics: dict[str, TopicPage]
    events: list[ChronologyEvent]
    stories: dict[str, list[Record]]
    records: list[Record]  # newest first

    def actors_by_kind(self) -> list[tuple[str, list[ActorPage]]]:
        groups: dict[str, list[ActorPage]] = defaultdict(list)
        for page in self.actors.values():
            groups[page.kind].append(page)
        order = ["person", "organization", "country", "place"]
        return [
            (kind, sorted(groups[kind], key=lambda p: (-len(p.briefings), p.name)))
            for kind in order
            if groups[kind]
        ]

    def timeline(self) -> list[TimelineEntry]:
        """Briefings and the historical events they mention, oldest first; on one date, events first."""
        entries = [TimelineEntry(e.date, event=e) for e in self.events]
        entries += [TimelineEntry(r["date"], record=r) for r in self.records if r.get("date")]
        return sorted(entries, key=lambda e: (e.date, e.record is not None, _entry_label(e)))

    @cached_property
    def timeline_years(self) -> dict[str, list[TimelineEntry]]:
        """The timeline cut into years (oldest first); undated briefings last, on their own."""
        years: dict[str, list[TimelineEntry]] = defaultdict(list)
        for entry in self.timeline():
            years[entry.date[:4]].append(entry)
        undated = [TimelineEntry("", record=r) for r in reversed(self.records) if not r.get("date")]
        if undated:
            years[UNDATED] = sorted(undated, key=lambda e: e.record["slug"])
        return dict(years)

    @property
    def year_counts(self) -> list[tuple[str, int, int]]:
        """(year, briefings, events) of each timeline year."""
        counts = []
        for year, entries in self.timeline_years.items():
            briefings = sum(1 for e in entries if e.record)
            counts.append((year, briefings, len(entries) - briefings))
        return counts

    @property
    def recent(self) -> list[Record]:
        return self.records[:RECENT]

    def also_reported(self, record: Record) -> list[Record]:
        story = record.get("story")
        return [r for r in self.stories.get(story, []) if r["slug"] != record["slug"]] if story else []


def _entry_label(entry: TimelineEntry) -> str:
    return entry.event.text if entry.event else entry.record["slug"]


def by_year(records: list[Record]) -> dict[str, list[Record]]:
    """Records (newest first) grouped by year, newest year first, undated last."""
    years: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        years[year_of(record)].append(record)
    return dict(years)


def year_of(record: Record) -> str:
    date = record.get("date")
    return str(date)[:4] if date else UNDATED


def newest_first(records: list[Record]) -> list[Record]:
    return sorted(records, key=lambda r: (r.get("date") or "", r["slug"]), reverse=True)


def build_index(records: list[Record], kb: KnowledgeBase) -> SiteIndex:
    records = newest_first(records)
    return SiteIndex(
        actors=_actor_pages(records, kb),
        topics=_topic_pages(records, kb),
        events=_chronology_events(records),
        stories=_stories(records),
        records=records,
    )


def _actor_pages(records: list[Record], kb: KnowledgeBase) -> dict[str, ActorPage]:
    pages: dict[str, ActorPage] = {}
    for record in records:
        for actor_id in record.get("actors") or ():
            page = pages.get(actor_id)
            if page is None:
                if (actor := kb.by_id.get(actor_id)) is None:
                    continue
                page = pages[actor_id] = ActorPage(actor_id, actor.name, actor.kind, actor)
            page.briefings.append(record)
    return dict(sorted(pages.items()))


def _topic_pages(records: list[Record], kb: KnowledgeBase) -> dict[str, TopicPage]:
    pages = {t.id: TopicPage(t.id, t, kb) for t in kb.topics}
    for record in records:
        for topic_id in record.get("topics") or ():
            if topic_id in pages:
                pages[topic_id].briefings.append(record)
    return pages


def _chronology_events(records: list[Record]) -> list[ChronologyEvent]:
    """Historical events the briefings mention; the same event told by several briefings is one.

    Within a year, events are taken shortest text first; each joins the earlier event it shares the
    most salient word stems with ("annexation of Crimea", "Crimean peninsula annexed by Moscow"),
    or starts its own. Comparing with that first, short wording, never chaining through long ones,
    keeps "the conflict and the annexation of Crimea" from gluing two events together.
    """
    mentions = [(event, record) for record in records for event in record.get("events") or []]
    mentions.sort(key=lambda m: (m[0]["date"][:4], len(m[0]["text"]), m[0]["text"], m[1]["slug"]))
    years: defaultdict[str, _YearEvents] = defaultdict(_YearEvents)
    listed: set[tuple[int, int]] = set()  # (event, briefing) by identity: dicts compare deeply
    for event, record in mentions:
        stems = _salient_stems(event["text"])
        best = years[event["date"][:4]].closest(stems)
        if best is None:
            best = years[event["date"][:4]].add(
                stems, ChronologyEvent(event["date"], event["precision"], event["text"])
            )
        if (id(best), id(record)) not in listed:
            listed.add((id(best), id(record)))
            best.briefings.append(record)
    merged = (entry for year in years.values() for entry in year.events)
    return sorted(merged, key=lambda e: (e.date, e.text))


class _YearEvents:
    """One year's events, and which of them each stem appears in (so a mention is compared
    only with the events it shares a stem with, not with every event of its year)."""

    def __init__(self) -> None:
        self.events: list[ChronologyEvent] = []
        self.with_stem: defaultdict[str, list[int]] = defaultdict(list)

    def closest(self, stems: frozenset[str]) -> ChronologyEvent | None:
        """The event sharing the most stems, the earliest of equals; None if none shares one."""
        shared = Counter(n for stem in stems for n in self.with_stem.get(stem, ()))
        if not shared:
            return None
        most = max(shared.values())
        return self.events[min(n for n, count in shared.items() if count == most)]

    def add(self, stems: frozenset[str], event: ChronologyEvent) -> ChronologyEvent:
        for stem in stems:
            self.with_stem[stem].append(len(self.events))
        self.events.append(event)
        return event


# Words every event of this beat shares; they say nothing about which event it is.
_GENERIC_STEMS = frozenset(
    [
        "russi",
        "ukrai",
        "mosco",
        "kreml",
        "kiev",
        "kyiv",
        "nato",
        "gover",
        "force",
        "count",
        "natio",
        "first",
        "state",
        "unite",
        "secon",
        "peopl",
        "milit",
        "their",
        "which",
        "about",
        "after",
        "befor",
        "since",
        "under",
        "with",
        "from",
        "this",
        "that",
        "were",
        "have",
        "been",
        "also",
        "into",
        "both",
        "other",
        "these",
        "those",
        "there",
        "where",
        "while",
        "when",
        "year",
        "month",
        "week",
        "today",
        "later",
        "earli",
        "began",
        "start",
    ]
)


@functools.lru_cache(maxsize=65536)  # briefings of one story recall an event in the same words
def _salient_stems(text: str) -> frozenset[str]:
    """Five-letter stems of the content words: "annexed", "annexation" and "annex" meet."""
    words = re.findall(r"[a-z]+", text.lower())
    return frozenset(w[:5] for w in words if len(w) >= 4 and w[:5] not in _GENERIC_STEMS)


def _stories(records: list[Record]) -> dict[str, list[Record]]:
    stories: dict[str, list[Record]] = defaultdict(list)
    for record in records:
        if record.get("story"):
            stories[record["story"]].append(record)
    return dict(stories)


def _names_pattern(actor: Actor) -> re.Pattern[str]:
    names = sorted(actor.names, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + ")")


def _sentence_naming(record: Record, actor: Actor, names: re.Pattern[str]) -> str:
    for quote in record.get("quotes") or []:
        if quote["speaker"] == actor.name:
            return f"“{quote['text']}”"
    for paragraph in (record.get("body") or "").split("\n\n"):
        if paragraph.startswith("## ") or not names.search(paragraph):
            continue
        for sentence in _SENTENCE_END.split(paragraph):
            if names.search(sentence):
                return sentence
    return record.get("summary") or ""


def _tally(records: list[Record], key: str) -> Counter:
    """How many of `records` list each id under `key` ("actors", "topics")."""
    return Counter(chain.from_iterable(r.get(key) or () for r in records))


def _top(counter: Mapping[str, int], n: int) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:n]
