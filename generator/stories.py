"""Same-story clustering: briefings that report the same event share a `story` id.

Near-duplicate detection on the cleaned text: two articles on one event, even one
rewritten by machine translation, share far more content-word pairs ("membership action",
"serious concern") than two articles on the same broad subject. Candidates come from an
inverted index of rare pairs (no all-pairs comparison), are kept when their Jaccard
similarity passes a threshold and their dates can be the same news day, and are joined
transitively. A member whose date the text could not give borrows the story's best date.

Linking is split so that a rebuild can reuse its parts: `story_pairs` of each record,
`similar_pairs` of all of them (updated, not found again, when a few records are added) and
the `Links` they give, plain data that `apply_links` puts on the records.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter, defaultdict
from itertools import chain
from typing import Any, NamedTuple

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


def content_pairs(text: str) -> frozenset[str]:
    """The text's pairs of neighbouring content words, each as "first second" (words have no spaces)."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]
    return frozenset(map(" ".join, zip(words, words[1:], strict=False)))


def story_pairs(record: Briefing) -> frozenset[str]:
    """What linking compares a record on; depends only on the record, so it can be cached with it."""
    return content_pairs(f"{record.title}\n{record.body}")


def similarity(a: frozenset, b: frozenset) -> float:
    return _jaccard(len(a & b), a, b)


def _jaccard(shared: int, a: frozenset, b: frozenset) -> float:
    # |a ∪ b| = |a| + |b| - |a ∩ b|: the same integers, so the same float, without building the union
    return shared / (len(a) + len(b) - shared) if a and b else 0.0


Links = dict[int, dict[str, Any]]


class Similar(NamedTuple):
    """Two briefings (i < j) similar enough to be one story."""

    score: float  # Jaccard similarity of their content-word pairs
    i: int
    j: int
    shared: int  # rare pairs they share: what made them candidates


def link_stories(records: list[Briefing], pairs: list[frozenset[str]] | None = None) -> list[Briefing]:
    """The records with `story` ids set, and dates borrowed where the text gave none.

    `pairs`: each record's `story_pairs`, when the caller has them already (from the cache)."""
    return apply_links(records, find_links(records, pairs))


def find_links(
    records: list[Briefing],
    pairs: list[frozenset[str]] | None = None,
    similar: list[Similar] | None = None,
) -> Links:
    """What linking changes, by record index: the `story` id of every record in a story, and the
    date fields of a member that borrows its story's date. Plain data, so it can be cached.

    `similar`: `similar_pairs(pairs)`, when the caller has it already."""
    if pairs is None:
        pairs = [story_pairs(r) for r in records]
    if similar is None:
        similar = similar_pairs(pairs)
    links: Links = {}
    for members in _cluster(records, pairs, similar):
        story = "story-" + min(records[i].seed_sha256 for i in members)[:12]
        best = _best_dated(records, members)
        for i in members:
            links[i] = _link_changes(records[i], story, best)
    return links


def apply_links(records: list[Briefing], links: Links) -> list[Briefing]:
    linked = list(records)
    for i, changes in links.items():
        linked[i] = dataclasses.replace(records[i], **changes)
    return linked


def _cluster(records: list[Briefing], pairs: list[frozenset[str]], similar: list[Similar]) -> list[list[int]]:
    """Stories grown around a first report, in the order the seeds arrived.

    Each briefing joins the story of the earlier briefing it most resembles, when it is
    close to that story's first report, resembles every member at least a little and can
    share a news day with each; a story stops growing at MAX_STORY_SIZE. On a one-subject
    corpus, joining any two similar briefings (single linkage) would chain everything into
    one story. Seeds are numbered as they arrive (`017_….txt`), so their names give the
    order: a new seed can only join a story or start one, and every published story stays
    as it was (its pages are not rebuilt). Comparing most similar pairs first instead let a
    newcomer reshuffle 20 stories on average in a corpus of 1,000.
    """
    order = sorted(range(len(records)), key=lambda k: (records[k].seed, k))
    rank = {k: position for position, k in enumerate(order)}
    earlier: defaultdict[int, list[tuple[float, int]]] = defaultdict(list)  # briefing -> (score, earlier one)
    for score, i, j, _ in similar:
        late, early = (i, j) if rank[i] > rank[j] else (j, i)
        earlier[late].append((score, early))
    scores = {(s.i, s.j): s.score for s in similar}

    def close(a: int, b: int, threshold: float) -> bool:
        key = (a, b) if a < b else (b, a)
        if key not in scores:
            scores[key] = similarity(pairs[a], pairs[b])
        return scores[key] >= threshold

    story_of: dict[int, int] = {}  # briefing -> its story's first report
    members: dict[int, list[int]] = {}
    for k in order:
        for _, other in sorted(earlier[k], key=lambda c: (-c[0], rank[c[1]])):
            first = story_of.get(other, other)
            story = members.get(first, [first])
            if (
                len(story) < MAX_STORY_SIZE
                and close(k, first, SIMILARITY_THRESHOLD)
                and all(close(k, m, MEMBER_SIMILARITY) for m in story)
                and all(_same_news_day_possible(records[k], records[m]) for m in story)
            ):
                members[first] = [*story, k]
                story_of[first] = story_of[k] = first
                break
    return [sorted(story) for _, story in sorted(members.items())]


def similar_pairs(pairs: list[frozenset[str]]) -> list[Similar]:
    """Every pair of briefings above the similarity threshold, most similar first.

    Candidates share at least MIN_SHARED_RARE_PAIRS rare word pairs; they come from an inverted
    index of rare pairs, never from all pairs of briefings. A word pair in one briefing only
    (most of them) can make no candidate, so only pairs in 2 to MAX_PAIR_DOCUMENT_FREQUENCY
    briefings are indexed. Every pair two briefings share is either such a pair or a common one,
    so their overlap is the candidate count plus the overlap of their few common pairs.
    """
    frequency = Counter(chain.from_iterable(pairs))
    rare = frozenset(p for p, n in frequency.items() if 1 < n <= MAX_PAIR_DOCUMENT_FREQUENCY)
    common = frozenset(p for p, n in frequency.items() if n > MAX_PAIR_DOCUMENT_FREQUENCY)
    commons = [doc & common for doc in pairs]
    postings: defaultdict[str, list[int]] = defaultdict(list)  # rare pair -> briefings before this one
    found = []
    for j, doc in enumerate(pairs):
        indexed = doc & rare
        # How many rare pairs each earlier briefing shares with this one, counted in C.
        shared = Counter(chain.from_iterable(map(postings.__getitem__, indexed)))
        for i, count in shared.items():
            if count >= MIN_SHARED_RARE_PAIRS:
                score = _jaccard(count + len(commons[i] & commons[j]), pairs[i], doc)
                if score >= SIMILARITY_THRESHOLD:
                    found.append(Similar(score, i, j, count))
        for pair in indexed:
            postings[pair].append(j)
    return _most_similar_first(found)


def similar_pairs_after_adding(
    pairs: list[frozenset[str]], before: list[Similar], added: list[int]
) -> list[Similar]:
    """`similar_pairs(pairs)`, from `before`: `similar_pairs` of the same briefings without those at
    the indices `added` (with the others' indices renumbered to their places in `pairs`).

    Adding briefings changes no similarity between the others, and only raises document
    frequencies: a pair two old briefings share can only stop being rare (once in more than
    MAX_PAIR_DOCUMENT_FREQUENCY briefings), so an old candidate can only lose shared rare pairs,
    and a pair that was no candidate stays none. New candidates all involve an added briefing,
    found by comparing it with every other: cheap for a few added briefings, not for many.
    """
    new = set(added)
    touched = frozenset().union(*(pairs[d] for d in added))  # the only pairs whose frequency changes
    before_count = Counter(chain.from_iterable(pairs[i] & touched for i in range(len(pairs)) if i not in new))
    count = before_count + Counter(chain.from_iterable(pairs[d] for d in added))
    no_longer_rare = frozenset(
        p for p in touched if before_count[p] <= MAX_PAIR_DOCUMENT_FREQUENCY < count[p]
    )
    found = []
    for old in before:
        lost = len(no_longer_rare & pairs[old.i] & pairs[old.j]) if no_longer_rare else 0
        if old.shared - lost >= MIN_SHARED_RARE_PAIRS:
            found.append(old._replace(shared=old.shared - lost))
    for d in added:
        for i, doc in enumerate(pairs):
            if i == d or (i in new and i > d):
                continue  # each pair of added briefings once
            both = doc & pairs[d]
            score = _jaccard(len(both), doc, pairs[d])
            if score >= SIMILARITY_THRESHOLD:
                shared = sum(1 for p in both if count[p] <= MAX_PAIR_DOCUMENT_FREQUENCY)
                if shared >= MIN_SHARED_RARE_PAIRS:
                    found.append(Similar(score, min(i, d), max(i, d), shared))
    return _most_similar_first(found)


def _most_similar_first(found: list[Similar]) -> list[Similar]:
    return sorted(found, key=lambda s: (-s.score, s.i, s.j))


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


def _link_changes(record: Briefing, story: str, best: Briefing | None) -> dict[str, Any]:
    changes: dict[str, Any] = {"story": story}
    weak = record.date_source not in FIRM_DATE_SOURCES and record.date_confidence < BORROWED_DATE_CONFIDENCE
    if best is not None and best is not record and weak:
        changes.update(
            date=best.date,
            date_precision=best.date_precision,
            date_source="inferred",
            date_confidence=BORROWED_DATE_CONFIDENCE,
        )
    return changes
