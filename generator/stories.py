"""Same-story clustering: briefings that report the same event share a `story` id.

Near-duplicate detection on the cleaned text: two articles on one event, even one
rewritten by machine translation, share far more content-word pairs ("membership action",
"serious concern") than two articles on the same broad subject. Candidates come from an
inverted index of rare pairs (no all-pairs comparison), are kept when their Jaccard
similarity passes a threshold and their dates can be the same news day, and are joined
transitively. A member whose date the text could not give borrows the story's best date.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict

from .record import Briefing

SIMILARITY_THRESHOLD = 0.05  # Jaccard of content-word bigrams; unrelated news on one subject stays < 0.03
MIN_SHARED_RARE_PAIRS = 3
MAX_PAIR_DOCUMENT_FREQUENCY = 50  # a pair in more briefings than this is a stock phrase
MAX_DAYS_APART = 2
MEMBER_SIMILARITY = SIMILARITY_THRESHOLD / 2  # a newcomer must resemble every member a little
MAX_STORY_SIZE = 12  # one event's reports; beyond this a "story" is a subject, not an event
FIRM_DATE_SOURCES = ("text", "dateline", "override")
BORROWED_DATE_CONFIDENCE = 0.7

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "to",
        "and",
        "or",
        "but",
        "if",
        "as",
        "at",
        "by",
        "for",
        "from",
        "with",
        "into",
        "over",
        "after",
        "before",
        "about",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "do",
        "does",
        "did",
        "will",
        "would",
        "can",
        "could",
        "should",
        "may",
        "might",
        "it",
        "its",
        "he",
        "she",
        "they",
        "them",
        "his",
        "her",
        "their",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "said",
        "says",
        "say",
        "told",
        "also",
        "not",
        "no",
        "than",
        "then",
        "there",
        "here",
        "more",
        "most",
        "very",
        "just",
        "up",
        "out",
        "new",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")


def content_pairs(text: str) -> set[tuple[str, str]]:
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]
    return set(zip(words, words[1:], strict=False))


def similarity(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def link_stories(records: list[Briefing]) -> list[Briefing]:
    """The records with `story` ids set, and dates borrowed where the text gave none."""
    pairs = [content_pairs(f"{r.title}\n{r.body}") for r in records]
    groups = _cluster(records, pairs)
    linked = list(records)
    for members in groups:
        story = "story-" + min(records[i].seed_sha256 for i in members)[:12]
        best = _best_dated(records, members)
        for i in members:
            linked[i] = _with_story(records[i], story, best)
    return linked


def _cluster(records: list[Briefing], pairs: list[set]) -> list[list[int]]:
    """Stories grown around a first report, most similar pairs first.

    A briefing joins a story only when it is close to the story's first report, resembles every
    member at least a little and can share a news day with each; a story stops growing at
    MAX_STORY_SIZE. On a one-subject corpus, joining any two similar briefings (single linkage)
    would chain everything into one story.
    """
    story_of: dict[int, int] = {}  # briefing -> its story's first report
    members: dict[int, list[int]] = {}
    for _, i, j in _similar_pairs(pairs):
        if i in story_of and j in story_of:
            continue  # two stories never merge: that is how chains form
        if i not in story_of and j not in story_of:
            if _same_news_day_possible(records[i], records[j]):
                story_of[i] = story_of[j] = i
                members[i] = [i, j]
            continue
        joining, first = (j, story_of[i]) if i in story_of else (i, story_of[j])
        story = members[first]
        if (
            len(story) < MAX_STORY_SIZE
            and similarity(pairs[joining], pairs[first]) >= SIMILARITY_THRESHOLD
            and all(similarity(pairs[joining], pairs[m]) >= MEMBER_SIMILARITY for m in story)
            and all(_same_news_day_possible(records[joining], records[m]) for m in story)
        ):
            story.append(joining)
            story_of[joining] = first
    return [sorted(story) for _, story in sorted(members.items())]


def _similar_pairs(pairs: list[set]) -> list[tuple[float, int, int]]:
    """(similarity, i, j) for every pair above the threshold, most similar first.

    Candidates come from an inverted index of rare content-word pairs, never all pairs."""
    frequency = Counter(p for doc in pairs for p in doc)
    postings: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, doc in enumerate(pairs):
        for pair in doc:
            if frequency[pair] <= MAX_PAIR_DOCUMENT_FREQUENCY:
                postings[pair].append(i)
    shared: Counter = Counter()
    for docs in postings.values():
        for x in range(len(docs)):
            for y in range(x + 1, len(docs)):
                shared[docs[x], docs[y]] += 1
    scored = []
    for (i, j), count in shared.items():
        if count >= MIN_SHARED_RARE_PAIRS:
            score = similarity(pairs[i], pairs[j])
            if score >= SIMILARITY_THRESHOLD:
                scored.append((score, i, j))
    return sorted(scored, key=lambda t: (-t[0], t[1], t[2]))


def _same_news_day_possible(a: Briefing, b: Briefing) -> bool:
    """Only firmly dated articles can rule each other out."""
    if a.date_source not in FIRM_DATE_SOURCES or b.date_source not in FIRM_DATE_SOURCES:
        return True
    first, second = _first_day(a.date), _first_day(b.date)
    if first is None or second is None:
        return True
    if a.date_precision == "day" and b.date_precision == "day":
        return abs((first - second).days) <= MAX_DAYS_APART
    return (a.date or "")[:4] == (b.date or "")[:4]


def _first_day(date: str | None) -> dt.date | None:
    if not date:
        return None
    parts = [int(p) for p in date.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _best_dated(records: list[Briefing], members: list[int]) -> Briefing | None:
    firm = [records[i] for i in members if records[i].date_source in FIRM_DATE_SOURCES and records[i].date]
    precision_rank = {"day": 0, "month": 1, "year": 2}
    firm.sort(key=lambda r: (precision_rank.get(r.date_precision or "", 3), -r.date_confidence, r.seed))
    return firm[0] if firm else None


def _with_story(record: Briefing, story: str, best: Briefing | None) -> Briefing:
    changes: dict = {"story": story}
    weak = record.date_source not in FIRM_DATE_SOURCES and record.date_confidence < BORROWED_DATE_CONFIDENCE
    if best is not None and best is not record and weak:
        changes.update(
            date=best.date,
            date_precision=best.date_precision,
            date_source="inferred",
            date_confidence=BORROWED_DATE_CONFIDENCE,
        )
    return dataclasses.replace(record, **changes)
