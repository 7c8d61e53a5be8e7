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
import functools
import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Collection
from itertools import chain
from typing import Any, NamedTuple

from .forked import map_forked
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


def content_pairs(text: str) -> frozenset[int]:
    """The text's pairs of neighbouring content words ("membership action"), each as a number
    (`pair_number`): the cache stores them, and linking compares them, as machine integers."""
    words = [w for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]
    return frozenset(map(pair_number, words, words[1:]))


def pair_number(first: str, second: str) -> int:
    """A 64-bit digest of two words, the same in every process and on every run. Among the
    million-odd pairs of a 10,000-article corpus, two share a number with odds of about 1 in 10
    million; at worst that adds one shared pair to a few comparisons."""
    digest = hashlib.blake2b(f"{first} {second}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little", signed=True)


def story_pairs(record: Briefing) -> frozenset[int]:
    """What linking compares a record on; depends only on the record, so it can be cached with it."""
    return content_pairs(f"{record.title}\n{record.body}")


# A record's story pairs: a set, or the sorted array the cache keeps (see `cache.decode_pairs`),
# which most comparisons take as it is instead of building a set of each stored record's.
PairNumbers = Collection[int]


def similarity(a: PairNumbers, b: PairNumbers) -> float:
    return _jaccard(len(frozenset(a).intersection(b)), a, b)  # a frozenset is not copied


def _jaccard(shared: int, a: PairNumbers, b: PairNumbers) -> float:
    # |a ∪ b| = |a| + |b| - |a ∩ b|: the same integers, so the same float, without building the union
    return shared / (len(a) + len(b) - shared) if a and b else 0.0


Links = dict[int, dict[str, Any]]


class Similar(NamedTuple):
    """Two briefings (i < j) similar enough to be one story."""

    score: float  # Jaccard similarity of their content-word pairs
    i: int
    j: int
    shared: int  # rare pairs they share: what made them candidates


def link_stories(records: list[Briefing], pairs: list[PairNumbers] | None = None) -> list[Briefing]:
    """The records with `story` ids set, and dates borrowed where the text gave none.

    `pairs`: each record's `story_pairs`, when the caller has them already (from the cache)."""
    return apply_links(records, find_links(records, pairs))


def find_links(
    records: list[Briefing],
    pairs: list[PairNumbers] | None = None,
    similar: list[Similar] | None = None,
    resume: tuple[int, Links] | None = None,
) -> Links:
    """What linking changes, by record index: the `story` id of every record in a story, and the
    date fields of a member that borrows its story's date. Plain data, so it can be cached.

    `similar`: `similar_pairs(pairs)`, when the caller has it already. `resume`: (n, the links
    found for the first n records) when the others arrived after them (their seeds sort
    after): stories grow in arrival order, so only the newcomers need placing."""
    if pairs is None:
        pairs = [story_pairs(r) for r in records]
    if similar is None:
        similar = similar_pairs(pairs)
    links: Links = {}
    for members in _cluster(records, pairs, similar, *(resume or (0, {}))):
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


def _cluster(
    records: list[Briefing],
    pairs: list[PairNumbers],
    similar: list[Similar],
    placed: int = 0,
    placed_links: Links | None = None,
) -> list[list[int]]:
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
    if placed:  # only the newcomers' pairs are looked at
        newcomers = set(order[placed:])
        similar = [s for s in similar if s.i in newcomers or s.j in newcomers]
    earlier: defaultdict[int, list[tuple[float, int]]] = defaultdict(list)  # briefing -> (score, earlier one)
    for score, i, j, _ in similar:
        late, early = (i, j) if rank[i] > rank[j] else (j, i)
        earlier[late].append((score, early))
    scores = {(s.i, s.j): s.score for s in similar}

    @functools.lru_cache(maxsize=1)  # the briefing being placed, compared with many
    def as_set(k: int) -> frozenset[int]:
        return frozenset(pairs[k])

    def close(a: int, b: int, threshold: float) -> bool:
        key = (a, b) if a < b else (b, a)
        if key not in scores:
            scores[key] = similarity(as_set(a), pairs[b])
        return scores[key] >= threshold

    story_of: dict[int, int] = {}  # briefing -> its story's first report
    members: dict[int, list[int]] = {}
    for story in _stories_of(placed_links or {}, rank):  # the first `placed` are placed already
        members[story[0]] = story
        story_of.update(dict.fromkeys(story, story[0]))
    for k in order[placed:]:
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


def _stories_of(links: Links, rank: dict[int, int]) -> list[list[int]]:
    """The stories that `links` give, each in arrival order."""
    stories: defaultdict[str, list[int]] = defaultdict(list)
    for i, changes in links.items():
        stories[changes["story"]].append(i)
    return [sorted(members, key=rank.__getitem__) for members in stories.values()]


def similar_pairs(pairs: list[PairNumbers]) -> list[Similar]:
    """Every pair of briefings above the similarity threshold, in arrival order (by the later
    briefing, then the earlier): the pairs a newcomer makes come after all the others.

    Briefings are taken in the order they arrived (the list's). Two are candidates when they
    share at least MIN_SHARED_RARE_PAIRS word pairs that were rare when the later one arrived
    (in at most MAX_PAIR_DOCUMENT_FREQUENCY briefings so far): a briefing that arrives later
    can never make an earlier pair stop being one, so a new seed changes no published story.
    Candidates come from an inverted index of those rare pairs, never from all pairs.
    """
    candidates = _candidates(pairs)
    sets = [frozenset(doc) for doc in pairs]
    scores = map_forked(functools.partial(_score, sets), candidates, parallel_from=SCORE_IN_PARALLEL_FROM)
    found = [
        Similar(score, i, j, count)
        for (i, j, count), score in zip(candidates, scores, strict=True)
        if score >= SIMILARITY_THRESHOLD
    ]
    return _in_arrival_order(found)


SCORE_IN_PARALLEL_FROM = 20_000  # candidate pairs worth scoring in several processes


def _candidates(pairs: list[PairNumbers]) -> list[tuple[int, int, int]]:
    """(i, j, rare pairs shared) of the briefings i < j that share enough rare pairs."""
    seen: Counter[int] = Counter()  # briefings so far with each word pair
    postings: defaultdict[int, list[int]] = defaultdict(list)  # pair -> briefings with it
    found = []
    for j, doc in enumerate(pairs):
        indexed = [p for p in doc if p in postings]  # seen before, and still rare with this one
        # How many rare pairs each earlier briefing shares with this one, counted in C.
        shared = Counter(chain.from_iterable(map(postings.__getitem__, indexed)))
        found += [(i, j, count) for i, count in shared.items() if count >= MIN_SHARED_RARE_PAIRS]
        seen.update(doc)
        for pair in doc:
            if seen[pair] < MAX_PAIR_DOCUMENT_FREQUENCY:
                postings[pair].append(j)  # a later briefing would make it the n-th at most
            else:
                postings.pop(pair, None)  # common from now on
    return found


def _score(pairs: list[PairNumbers], candidate: tuple[int, int, int]) -> float:
    i, j, _ = candidate
    return similarity(pairs[i], pairs[j])


def similar_pairs_after_adding(
    pairs: list[PairNumbers], before: list[Similar], added: list[int]
) -> list[Similar]:
    """`similar_pairs(pairs)`, from `before`: `similar_pairs` of the same briefings without those at
    the indices `added` (with the others' indices renumbered to their places in `pairs`).

    Briefings added after all the others change no earlier pair (see `similar_pairs`): only
    their own pairs are new (`similar_pairs_of_newcomers`), and they come last. Cheap for a
    few added briefings; added anywhere else, everything is found afresh.
    """
    known = len(pairs) - len(added)
    if sorted(added) != list(range(known, len(pairs))):
        return similar_pairs(pairs)
    return [*before, *similar_pairs_of_newcomers(pairs, known)]


def similar_pairs_of_newcomers(pairs: list[PairNumbers], known: int) -> list[Similar]:
    """The similar pairs that each briefing from index `known` on makes with those before it,
    found by comparing it with each of them, in arrival order."""
    found = []
    for d in range(known, len(pairs)):
        doc = frozenset(pairs[d])
        earlier = [doc.intersection(pairs[i]) for i in range(d)]
        frequency = Counter(chain.from_iterable(earlier))  # before d, of d's pairs
        for i, both in enumerate(earlier):
            if len(both) < MIN_SHARED_RARE_PAIRS:
                continue
            shared = sum(1 for p in both if frequency[p] + 1 <= MAX_PAIR_DOCUMENT_FREQUENCY)
            score = _jaccard(len(both), pairs[i], doc)
            if shared >= MIN_SHARED_RARE_PAIRS and score >= SIMILARITY_THRESHOLD:
                found.append(Similar(score, i, d, shared))
    return found


def _in_arrival_order(found: list[Similar]) -> list[Similar]:
    return sorted(found, key=lambda s: (s.j, s.i))


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
