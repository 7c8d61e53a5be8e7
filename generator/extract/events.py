"""Dated past events the article mentions ("the annexation of Crimea in 2014").

Each sentence is searched for date phrases, most precise first: a full day
("on 24 February 2022"), a month and year ("in December 2021"), a year behind a
preposition ("in 2014", "since 2014") or in front of a noun ("Russia's 2014
annexation"), and, only when the publication date is known, relative ones
("last year", "late last month", "in June", "on November 29"). The event text is
the clause holding the date with the date phrase taken out, in the article's own
words (`describe`). Dates on or after the publication day (the news itself, or
plans: "by 2030", "will … in 2025") are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.prefilter import has_digit, may_contain
from generator.record import Event

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
YEAR = r"(?P<year>(?:1[89]|20)\d\d)"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
LEAD = (
    r"(?:(?i:on|in|since|from|until|till|during|through|early|late|mid-?|back in|the end of|the start of"
    r"|the beginning of|as early as)\s+)?"
)

DAY_MONTH_YEAR = re.compile(rf"\b{LEAD}(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH},?\s+{YEAR}\b")
MONTH_DAY_YEAR = re.compile(rf"\b{LEAD}{MONTH}\s+{DAY},?\s+{YEAR}\b")
ISO_DAY = re.compile(rf"\b{LEAD}{YEAR}-(?P<mm>[01]\d)-(?P<dd>[0-3]\d)\b")
MONTH_YEAR = re.compile(rf"\b{LEAD}{MONTH},?\s+(?:of\s+)?{YEAR}\b")
PREPOSITION_YEAR = re.compile(
    rf"\b(?i:in|since|from|during|until|till|through|early|late|mid-|back in|as early as"
    rf"|(?:the\s+)?(?:spring|summer|autumn|fall|winter|end|start|beginning|middle) of)\s+{YEAR}\b(?![-–/]\d)"
)
ADJECTIVAL_YEAR = re.compile(rf"\b(?:the|its|his|her|their|[A-Z][\w-]*['’]s)\s+{YEAR}\s+(?=[a-z])")
DAY_MONTH = re.compile(rf"\b{LEAD}(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?!,?\s+\d)")
MONTH_DAY = re.compile(rf"\b{LEAD}{MONTH}\s+{DAY}\b(?!,?\s+\d)")
MONTH_ALONE = re.compile(
    r"\b(?P<lead>(?i:in|since|from|until|during|early|late|mid-|(?:early |late )?last))\s+"
    rf"{MONTH}\b(?!\.?\s*\d)"
)
LAST_YEAR = re.compile(r"\b(?:(?:early|late|in the middle of|at the end of)\s+)?last year\b", re.IGNORECASE)
LAST_MONTH = re.compile(r"\b(?:(?:early|late)\s+)?last month\b", re.IGNORECASE)

# A plan or forecast, not an event: "by 2030", "NATO will meet in July".
FUTURE_CUE = re.compile(
    r"\b(?:will|shall|going to|next|upcoming|scheduled|expected to|set to|due to|plans? to|aims? to)\s"
    r"|['’]ll\b|\bby\s+$",
    re.IGNORECASE,
)
# A relative date ("in January") is only trusted in a sentence told in the past tense.
PAST_CUE = re.compile(
    r"\b(?:\w{3,}ed|was|were|had|did|became|began|broke|came|went|left|met|won|lost|held|led|sent|saw|"
    r"fought|brought|built|chose|fell|found|gave|got|grew|heard|kept|knew|made|paid|put|ran|rose|said|"
    r"set|shot|sold|spoke|stood|struck|took|told|threw|wrote)\b",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")


@dataclass(frozen=True)
class Published:
    year: int
    month: int | None
    day: int | None

    @classmethod
    def parse(cls, value: str | None) -> Published | None:
        match = re.match(r"^(\d{4})(?:-(\d\d)(?:-(\d\d))?)?", value or "")
        if not match:
            return None
        year, month, day = match.groups()
        return cls(int(year), int(month) if month else None, int(day) if day else None)


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: str
    precision: str
    relative: bool
    noun_after: bool = False  # "Russia's 2014 annexation of Crimea": the event follows the year


def find_events(paragraphs: list[str], published: str | None) -> list[Event]:
    """Past events with their dates, deduplicated, ordered by date then text."""
    pub = Published.parse(published)
    events: set[Event] = set()
    for paragraph in paragraphs:
        if not _may_hold_dates(paragraph, pub):
            continue  # most paragraphs: no sentence of theirs can hold a date phrase
        for sentence in SENTENCE_END.split(paragraph):
            floor = 0
            for mention in find_dates(sentence, pub):
                past = is_past_event(sentence, mention, pub)
                text = describe(sentence, mention, floor) if past else ""
                floor = mention.end
                if text:
                    events.add(Event(mention.date, mention.precision, text))
    unique: dict[tuple[str, str], Event] = {}
    for event in sorted(events, key=lambda e: (e.date, e.text)):
        unique.setdefault((event.date, event.text.casefold()), event)
    return list(unique.values())


# -- date phrases --------------------------------------------------------------


HAS_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
MONTH_PREFIXES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _may_hold_dates(text: str, pub: Published | None) -> bool:
    """False when `find_dates` finds nothing in any part of `text`: a year needs a digit, a
    relative date a month's name or "last year"/"last month". Far cheaper than those regexes."""
    return has_digit(text) or (pub is not None and _may_hold_relative_dates(text))


def _may_hold_relative_dates(text: str) -> bool:
    return _names_a_month(text) or may_contain(text, ("last year", "last month"))


def _names_a_month(text: str) -> bool:
    """What every pattern with MONTH needs (month names are matched in their case)."""
    return any(month in text for month in MONTH_PREFIXES)


def find_dates(sentence: str, pub: Published | None) -> list[DateMention]:
    """Date phrases in a sentence, the most precise reading of each stretch of text."""
    found: list[DateMention] = []

    def add(mention: DateMention | None) -> None:
        if mention and not any(m.start < mention.end and mention.start < m.end for m in found):
            found.append(mention)

    if has_digit(sentence) and HAS_YEAR.search(sentence):
        # the patterns that cannot match are skipped: a month's name or an ISO date's hyphen is missing
        month = _names_a_month(sentence)
        day_patterns = [DAY_MONTH_YEAR, MONTH_DAY_YEAR] if month else []
        for pattern in day_patterns + ([ISO_DAY] if "-" in sentence else []):
            for match in pattern.finditer(sentence):
                add(_absolute_day(match))
        for match in MONTH_YEAR.finditer(sentence) if month else ():
            add(_mention(match, f"{match['year']}-{_month(match):02d}", "month"))
        for match in PREPOSITION_YEAR.finditer(sentence):
            add(_mention(match, match["year"], "year"))
        for match in ADJECTIVAL_YEAR.finditer(sentence):
            add(DateMention(match.start("year"), match.end(), match["year"], "year", False, noun_after=True))
    if pub and _may_hold_relative_dates(sentence):
        for mention in relative_dates(sentence, pub):
            add(mention)
    return sorted(found, key=lambda m: m.start)


def _absolute_day(match: re.Match[str]) -> DateMention | None:
    month = int(match["mm"]) if "mm" in match.groupdict() else _month(match)
    day = int(match["dd"]) if "dd" in match.groupdict() else int(match["day"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return _mention(match, f"{match['year']}-{month:02d}-{day:02d}", "day")


def _month(match: re.Match[str]) -> int:
    return MONTHS[match["month"].lower().rstrip(".")]


def _mention(match: re.Match[str], date: str, precision: str, relative: bool = False) -> DateMention:
    return DateMention(match.start(), match.end(), date, precision, relative)


def relative_dates(sentence: str, pub: Published) -> list[DateMention]:
    """'last year', 'last month', 'in June', 'on November 29', resolved against publication."""
    last_year = LAST_YEAR.finditer(sentence) if may_contain(sentence, ("last year",)) else ()
    found = [_mention(m, str(pub.year - 1), "year", True) for m in last_year]
    if pub.month is None:
        return found
    for match in LAST_MONTH.finditer(sentence) if may_contain(sentence, ("last month",)) else ():
        year, month = (pub.year, pub.month - 1) if pub.month > 1 else (pub.year - 1, 12)
        found.append(_mention(match, f"{year}-{month:02d}", "month", True))
    if not _names_a_month(sentence):
        return found  # the patterns below all need one
    for match in MONTH_ALONE.finditer(sentence):
        month = _month(match)
        strictly_before = "last" in match["lead"]
        earlier = month < pub.month or (month == pub.month and not strictly_before)
        year = pub.year if earlier else pub.year - 1
        found.append(_mention(match, f"{year}-{month:02d}", "month", True))
    for pattern in (DAY_MONTH, MONTH_DAY):
        for match in pattern.finditer(sentence):
            month, day = _month(match), int(match["day"])
            if not 1 <= day <= 31:
                continue
            earlier = (month, day) <= (pub.month, pub.day or 31)
            year = pub.year if earlier else pub.year - 1
            found.append(_mention(match, f"{year}-{month:02d}-{day:02d}", "day", True))
    return found


def is_past_event(sentence: str, mention: DateMention, pub: Published | None) -> bool:
    """Before publication, not a plan, and for relative dates told in the past tense."""
    lead = sentence[max(0, mention.start - 60) : mention.start]
    if FUTURE_CUE.search(lead.split(",")[-1]):
        return False
    if mention.relative and not PAST_CUE.search(sentence):
        return False
    return pub is None or _before(mention.date, pub)


def _before(date: str, pub: Published) -> bool:
    parts = [int(p) for p in date.split("-")]
    known = [pub.year, pub.month, pub.day]
    for mine, theirs in zip(parts, known, strict=False):
        if theirs is None:
            return True  # same as far as the publication date is known
        if mine != theirs:
            return mine < theirs
    return len(parts) < 3  # the publication day itself is the news, not background


# -- event text ----------------------------------------------------------------

MAX_WORDS = 12
WORD = re.compile(r"\S+")
CLAUSE_PUNCT = re.compile(r"[,;:()—–]")
# Where a clause begins inside a sentence: "…, especially after [the annexation of Crimea]".
BOUNDARY_WORDS = {
    "that", "which", "who", "whom", "whose", "where", "when", "while", "because", "although", "though",
    "as", "after", "before", "since", "until", "following", "if", "whereas", "amid", "once",
}  # fmt: skip
RELATIVE_PRONOUNS = {"which", "that", "who"}
AUXILIARIES = {"was", "were", "is", "are", "had", "has", "have", "been", "be"}
EDGE_WORDS = {
    "and", "but", "or", "especially", "even", "also", "including", "then", "so", "well", "only",
    "on", "in", "at", "with", "by", "of", "to", "for", "from", "the", "a", "an", "its", "their",
    "his", "her", "first", "just", "about",
}  # fmt: skip
DETERMINERS = {"the", "a", "an", "its", "their", "his", "her"}
LEADING_EDGE_WORDS = (EDGE_WORDS | BOUNDARY_WORDS | AUXILIARIES) - DETERMINERS - {"first"}
ABBREVIATION_END = re.compile(r"\b(?:[A-Z]\.){2,}$")
STRIP = " ,;:.\"“”‘’'()[]*#—–-"


def describe(sentence: str, mention: DateMention, floor: int = 0) -> str:
    """The clause holding the date, date phrase removed, ≲ 12 of the article's words.

    `floor` is where the previous date phrase of the sentence ended: "Finland joined in
    April 2023 and Sweden followed in March 2024" gives Sweden's event its own words.
    """
    if mention.noun_after:
        words = _clause_after(sentence, mention.end, stop_at=AUXILIARIES)
        determiner = WORD.findall(sentence[: mention.start])[-1:]
        return _finish(determiner + words)
    before = _clause_before(sentence, mention.start, floor)
    if len(_trim(before)) >= 2:
        return _finish(before[-MAX_WORDS:])
    return _finish(_clause_after(sentence, mention.end))


def _clause_before(sentence: str, pos: int, floor: int) -> list[str]:
    text = sentence[:pos]
    cut = max([floor, *(m.end() for m in CLAUSE_PUNCT.finditer(text))])
    previous_clause = text[:cut] if cut > floor else ""
    words = WORD.findall(text[cut:])
    if len(_trim(words)) == 1 and previous_clause.rstrip().endswith(","):
        return _antecedent(previous_clause) + words  # "The Minsk agreements, signed in 2015, …"
    for k in range(len(words) - 1, -1, -1):
        word = words[k].lower().strip(STRIP)
        if word in BOUNDARY_WORDS and k < len(words) - 1:
            rest = words[k + 1 :]
            if word in RELATIVE_PRONOUNS and previous_clause.rstrip().endswith(","):
                return _antecedent(previous_clause) + _drop_auxiliaries(rest)
            return rest
    return words


def _antecedent(previous_clause: str) -> list[str]:
    """', which was first proposed in 2008': what 'which' stands for ends the clause before."""
    words = WORD.findall(CLAUSE_PUNCT.split(previous_clause.rstrip().rstrip(","))[-1])
    for k, word in enumerate(words):
        if word.lower() in DETERMINERS and len(words) - k <= 7:
            return [w.rstrip(",") for w in words[k:]]
    return [w.rstrip(",") for w in words[-5:]]


def _drop_auxiliaries(words: list[str]) -> list[str]:
    while words and words[0].lower() in AUXILIARIES:
        words = words[1:]
    return words


def _clause_after(sentence: str, pos: int, stop_at: frozenset[str] | set[str] = frozenset()) -> list[str]:
    words: list[str] = []
    for word in WORD.findall(sentence[pos:].lstrip(" ,")):
        bare = word.lower().strip(STRIP)
        if words and (bare in BOUNDARY_WORDS or bare in stop_at or len(words) >= MAX_WORDS):
            break
        words.append(word)
        if CLAUSE_PUNCT.search(word) or word.endswith("."):
            break
    return words


def _trim(words: list[str]) -> list[str]:
    words = [w for w in words if w.strip(STRIP)]
    while words and words[0].lower().strip(STRIP) in LEADING_EDGE_WORDS:
        words = words[1:]
    while words and words[-1].lower().strip(STRIP) in EDGE_WORDS | BOUNDARY_WORDS | AUXILIARIES:
        words = words[:-1]
    return words


def _finish(words: list[str]) -> str:
    words = _trim(words)
    if len(words) < 2:
        return ""
    text = " ".join(words).strip(STRIP)
    if ABBREVIATION_END.search(words[-1]):
        text += "."  # "the U.S." keeps its last period
    return text[:1].upper() + text[1:]
