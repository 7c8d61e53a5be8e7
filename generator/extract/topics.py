"""Which topics of the knowledge base an article is about, with the cue words that say so.

Each topic lists cue phrases with weights (`content/topics.yaml`); a cue matches whole words,
case-insensitively, and a trailing ``*`` on a word matches any ending ("annex*" finds "annexation");
a hyphenated compound is one word, so "anti-war" is no cue for "war".
A topic's score is the sum over its cues of weight x min(times found, 3), so one word repeated all
through an article cannot carry a topic alone; the topic is assigned when the score reaches its threshold.
The text is split into words once and every cue is looked up in that index, so the cost barely grows
with the number of topics.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
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
    """The article's words in order, where each one occurs, and the sorted vocabulary for prefixes."""

    def __init__(self, text: str) -> None:
        self.words = _WORD.findall(fold(text).casefold())
        self.positions: dict[str, list[int]] = defaultdict(list)
        for i, word in enumerate(self.words):
            self.positions[word].append(i)
        self.vocabulary = sorted(self.positions)

    def starts(self, word: str, prefix: bool) -> list[int]:
        if not prefix:
            return self.positions.get(word, [])
        found: list[int] = []
        i = bisect_left(self.vocabulary, word)
        while i < len(self.vocabulary) and self.vocabulary[i].startswith(word):
            found += self.positions[self.vocabulary[i]]
            i += 1
        return found

    def count(self, cue: _Cue) -> int:
        """How many times the cue's words stand in a row."""
        first, prefix = cue.words[0]
        return sum(
            all(self._fits(start + k, word, is_prefix) for k, (word, is_prefix) in enumerate(cue.words))
            for start in self.starts(first, prefix)
        )

    def _fits(self, i: int, word: str, prefix: bool) -> bool:
        if i >= len(self.words):
            return False
        return self.words[i].startswith(word) if prefix else self.words[i] == word


class TopicScorer:
    """Compiled once from the knowledge base, then `score` or `assign` for each article."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._topics: list[tuple[Topic, list[_Cue]]] = []
        for topic in kb.topics:
            self._topics.append((topic, [c for c in (_compile_cue(p, w) for p, w in topic.cues) if c]))

    def score(self, text: str) -> list[TopicScore]:
        """Every topic with any cue found, best first (ties in knowledge-base order)."""
        index = _WordIndex(text)
        scores = [s for s in (self._score_topic(t, cues, index) for t, cues in self._topics) if s]
        return sorted(scores, key=lambda s: -s.score)

    def assign(self, text: str) -> list[str]:
        """Ids of the topics whose score reaches their threshold, in knowledge-base order."""
        assigned = {s.id for s in self.score(text) if s.assigned}
        return [t.id for t, _ in self._topics if t.id in assigned]

    @staticmethod
    def _score_topic(topic: Topic, cues: list[_Cue], index: _WordIndex) -> TopicScore | None:
        """Each cue counts on its own: "NATO membership" fires both that cue and "membership"."""
        fired = [(cue, n) for cue in cues if (n := index.count(cue))]
        if not fired:
            return None
        total = sum(cue.weight * min(n, MAX_COUNT_PER_CUE) for cue, n in fired)
        explained = tuple((cue.phrase, n) for cue, n in fired)  # in the order the maintainer wrote them
        return TopicScore(topic.id, total, explained, total >= topic.threshold)
