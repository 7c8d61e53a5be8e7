"""Which topics of the knowledge base an article is about, with the cue words that say so.

Each topic lists cue phrases with weights (`content/topics.yaml`); a cue matches whole words,
case-insensitively, and a trailing ``*`` on a word matches any ending ("annex*" finds "annexation");
a hyphenated compound is one word, so "anti-war" is no cue for "war".
A topic's score is the sum over its cues of weight x min(times found, 3), so one word repeated all
through an article cannot carry a topic alone; the topic is assigned when the score reaches its threshold.
The text is split into words once, and only the cues whose first word the article has are counted
in that index, so the cost barely grows with the number of topics or cues.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass

from generator.extract.entities import fold
from generator.knowledge import KnowledgeBase, Topic

MAX_COUNT_PER_CUE = 3

# a hyphenated compound is one word ("anti-war" is no cue for "war"); "Ukraine's" is "ukraine" + "s"
_WORD = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class TopicScore:
    id: str
    score: float
    cues: tuple[tuple[str, int], ...]  # (cue phrase, times it fired)
    assigned: bool


@dataclass(frozen=True)
class _Cue:
    phrase: str
    weight: float
    words: tuple[tuple[str, bool], ...]  # (word, is a prefix)


def _compile_cue(phrase: str, weight: float) -> _Cue | None:
    words = []
    for raw in fold(phrase).casefold().split():
        prefix = raw.endswith("*")
        parts = _WORD.findall(raw)
        words += [(p, prefix and i == len(parts) - 1) for i, p in enumerate(parts)]
    return _Cue(phrase, weight, tuple(words)) if words else None


class _WordIndex:
    """The article's words in order, how often each occurs, the sorted vocabulary for prefixes, and
    where the `starters` (first words of the longer cues) stand: an article has hundreds of words
    but few starters, and a one-word cue needs only a count."""

    def __init__(self, text: str, starters: frozenset[str]) -> None:
        self.words = _WORD.findall(fold(text).casefold())
        self.counts = Counter(self.words)
        self.vocabulary = sorted(self.counts)
        self.positions: dict[str, list[int]] = {}
        for i, word in enumerate(self.words):
            if word in starters:
                self.positions.setdefault(word, []).append(i)

    def has_prefix(self, prefix: str) -> bool:
        i = bisect_left(self.vocabulary, prefix)
        return i < len(self.vocabulary) and self.vocabulary[i].startswith(prefix)

    def with_prefix(self, prefix: str) -> list[str]:
        i = bisect_left(self.vocabulary, prefix)
        found = []
        while i < len(self.vocabulary) and self.vocabulary[i].startswith(prefix):
            found.append(self.vocabulary[i])
            i += 1
        return found

    def count(self, cue: _Cue) -> int:
        """How many times the cue's words stand in a row."""
        (first, prefix), *rest = cue.words
        if not rest:
            return sum(self.counts[w] for w in self.with_prefix(first)) if prefix else self.counts[first]
        if prefix:  # rare: where any word with this beginning stands
            starts = [i for i, word in enumerate(self.words) if word.startswith(first)]
        else:
            starts = self.positions.get(first, [])
        # keep the starts where each next word fits in turn: most are gone after the second word
        words, n = self.words, len(self.words)
        for k, (word, is_prefix) in enumerate(rest, 1):
            if is_prefix:
                starts = [i for i in starts if i + k < n and words[i + k].startswith(word)]
            elif word in self.counts:
                starts = [i for i in starts if i + k < n and words[i + k] == word]
            else:
                return 0
        return len(starts)


class TopicScorer:
    """Compiled once from the knowledge base, then `score` or `assign` for each article."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._topics: list[tuple[Topic, list[_Cue]]] = []
        for topic in kb.topics:
            self._topics.append((topic, [c for c in (_compile_cue(p, w) for p, w in topic.cues) if c]))
        # Each cue by its first word, as (topic number, cue number): an article's few hundred words
        # find the cues that can fire, instead of every cue being tried on every article.
        self._by_word: dict[str, list[tuple[int, int]]] = defaultdict(list)
        self._by_prefix: list[tuple[str, tuple[int, int]]] = []
        for t, (_, cues) in enumerate(self._topics):
            for c, cue in enumerate(cues):
                first, prefix = cue.words[0]
                if prefix:
                    self._by_prefix.append((first, (t, c)))
                else:
                    self._by_word[first].append((t, c))
        self._starters = frozenset(
            cue.words[0][0]
            for _, cues in self._topics
            for cue in cues
            if len(cue.words) > 1 and not cue.words[0][1]
        )

    def score(self, text: str) -> list[TopicScore]:
        """Every topic with any cue found, best first (ties in knowledge-base order)."""
        index = _WordIndex(text, self._starters)
        fired: dict[int, list[tuple[int, int]]] = defaultdict(list)  # topic -> [(cue number, count)]
        for t, c in self._candidates(index):
            if n := index.count(self._topics[t][1][c]):
                fired[t].append((c, n))
        scores = [self._score_topic(self._topics[t], sorted(fired[t])) for t in sorted(fired)]
        return sorted(scores, key=lambda s: -s.score)

    def _candidates(self, index: _WordIndex) -> list[tuple[int, int]]:
        """The cues whose first word is in the article: only these can fire."""
        found = [key for word in index.counts if word in self._by_word for key in self._by_word[word]]
        found += [key for first, key in self._by_prefix if index.has_prefix(first)]
        return found

    def assign(self, text: str) -> list[str]:
        """Ids of the topics whose score reaches their threshold, in knowledge-base order."""
        assigned = {s.id for s in self.score(text) if s.assigned}
        return [t.id for t, _ in self._topics if t.id in assigned]

    @staticmethod
    def _score_topic(topic_cues: tuple[Topic, list[_Cue]], fired: list[tuple[int, int]]) -> TopicScore:
        """Each cue counts on its own: "NATO membership" fires both that cue and "membership"."""
        topic, cues = topic_cues
        counted = [(cues[c], n) for c, n in fired]  # in the order the maintainer wrote them
        total = sum(cue.weight * min(n, MAX_COUNT_PER_CUE) for cue, n in counted)
        explained = tuple((cue.phrase, n) for cue, n in counted)
        return TopicScore(topic.id, total, explained, total >= topic.threshold)
