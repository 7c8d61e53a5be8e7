"""What a process that builds again and again (`briefings watch`) keeps between its builds.

A build in a fresh process reads every record from the cache and builds its extractor in a
worker: a few tenths of a second at 5,000 seeds, before any work on the seed that changed.
A watching process keeps them instead: the extractor (for the knowledge base it was built
from) and, by what each was made from, the records read from the cache, their story pairs,
the records with their story links, and the plain data the write stage published. Each is
keyed by a digest of everything it depends on (see `cache.record_key`, `cache.made_from_key`),
so a kept one is exactly what the build would make again; each build keeps only its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import StoryPairs
from .knowledge import load_knowledge
from .record import Briefing

if TYPE_CHECKING:
    from .extract.article import Extractor


@dataclass
class Warm:
    extractor: Extractor | None = None
    knowledge: str = ""  # the fingerprint of the knowledge base `extractor` was built from
    records: dict[str, Briefing] = field(default_factory=dict)  # by cache key
    pairs: dict[str, StoryPairs] = field(default_factory=dict)  # by cache key
    linked: dict[str, Briefing] = field(default_factory=dict)  # by what each was made from
    published: dict[str, tuple[dict, str]] = field(default_factory=dict)  # likewise: (data, fingerprint)

    def extractor_for(self, content: Path) -> Extractor:
        """The extractor for the knowledge base in `content`, built again when it changed."""
        from .extract.article import Extractor

        kb = load_knowledge(content)
        if self.extractor is None or self.knowledge != kb.fingerprint:
            self.extractor, self.knowledge = Extractor(kb), kb.fingerprint
        return self.extractor

    def keep_only(self, keys: set[str]) -> None:
        """Forget the records of seeds that changed or went."""
        self.records = {key: record for key, record in self.records.items() if key in keys}
        self.pairs = {key: pairs for key, pairs in self.pairs.items() if key in keys}
