"""The extract stage: one cleaned seed in, one contract record out.

Each field comes from its own module; this one only decides the order (the date
before the actors, because role phrases resolve at the article's date) and what
feeds what (the byline is excluded from actors; mentions feed quote attribution).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..clean import Cleaned, clean
from ..knowledge import KnowledgeBase
from ..read import SeedError, SeedText
from ..record import Briefing
from .dates import DateGuess, find_date
from .entities import Entities, EntityMatcher
from .events import find_events
from .figures import find_figures
from .outlet import find_outlet
from .quotes import find_quotes
from .summary import summarize
from .title import find_title
from .topics import TopicScore, TopicScorer


@dataclass
class Explanation:
    """Why the extractor decided what it did, for `extract --explain` and `review`."""

    date: DateGuess
    topics: list[TopicScore]
    entities: Entities


class Extractor:
    """Compiles the knowledge base once, then extracts any number of seeds."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.entities = EntityMatcher(kb)
        self.topics = TopicScorer(kb)

    def extract(self, seed: SeedText, seed_name: str, known_date: str | None = None) -> Briefing:
        return self.explain(seed, seed_name, known_date)[0]

    def explain(
        self, seed: SeedText, seed_name: str, known_date: str | None = None
    ) -> tuple[Briefing, Explanation]:
        """`known_date`: a maintainer's date for this seed, which role phrases and relative dates
        ("last year") are then read against."""
        cleaned = clean(seed.text, markdown=seed.markdown)
        if not has_article_text(cleaned):
            raise SeedError(seed.path, "no article text left after removing boilerplate")
        title, title_source = find_title(cleaned.headline, cleaned.paragraphs)
        date = find_date(cleaned.paragraphs, cleaned.meta_lines, cleaned.removed, seed.meta)
        reading_date, firm = (known_date, True) if known_date else (date.date, _is_firm(date))
        outlet = find_outlet(cleaned.paragraphs, cleaned.meta_lines, cleaned.removed, seed.meta)
        exclude = [outlet.byline] if outlet.byline else []
        day = _day(reading_date)
        entities = self.entities.find(cleaned.paragraphs, day, exclude_names=exclude, date_is_firm=firm)
        if cleaned.headline:
            headline = self.entities.find([cleaned.headline], day, exclude_names=exclude, date_is_firm=firm)
            entities = entities.after(headline)
        text = _plain_text(cleaned)
        topic_scores = self.topics.score(text)
        record = Briefing(
            title=title,
            title_source=title_source,
            date=date.date,
            date_precision=date.precision,
            date_source=date.source,
            date_confidence=round(date.confidence, 2),
            source=outlet.source,
            wire=outlet.wire,
            url=outlet.url,
            people=entities.people,
            organizations=entities.organizations,
            places=entities.places,
            actors=entities.actors,
            topics=[t.id for t in topic_scores if t.assigned],
            quotes=find_quotes(cleaned.paragraphs, entities.mentions),
            figures=find_figures(cleaned.paragraphs),
            events=find_events(cleaned.paragraphs, reading_date if firm else None),
            summary=summarize(cleaned.paragraphs, title),
            seed=seed_name,
            seed_sha256=seed.sha256,
            body="\n\n".join(cleaned.paragraphs),
            removed=cleaned.removed,
            byline=outlet.byline,
        )
        return record, Explanation(date, topic_scores, entities)


FIRM_DATE_CONFIDENCE = 0.5
MIN_ARTICLE_WORDS = 5
_WORD = re.compile(r"[^\W\d_]{2,}")


def has_article_text(cleaned: Cleaned) -> bool:
    """At least one body paragraph with a few real words: a headline alone is no briefing."""
    return any(
        len(_WORD.findall(p)) >= MIN_ARTICLE_WORDS for p in cleaned.paragraphs if not p.startswith("## ")
    )


def _is_firm(date: DateGuess) -> bool:
    """A date stated by the text, or inferred well enough to read "the president" against."""
    return date.source in ("text", "dateline") or date.confidence >= FIRM_DATE_CONFIDENCE


def _plain_text(cleaned: Cleaned) -> str:
    """Headline and body, the text topic cues are scored on."""
    return "\n".join([cleaned.headline or "", *cleaned.paragraphs])


def _day(date: str | None) -> dt.date | None:
    """The article's day for role resolution; a month or year counts from its middle."""
    if not date:
        return None
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 7, 1)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 15)
    return dt.date(*parts)
