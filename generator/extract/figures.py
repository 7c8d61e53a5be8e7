"""Key figures: casualties, money, troops, people, with what they count.

A figure is a number tied to something countable: a currency ("$175 billion",
"€50bn"), a percent sign, an "N-member" compound, or a counted noun right after
it ("14,000 dead", "23 Ukrainian soldiers", "1.5 million refugees"). A bare number
is not a figure, which leaves out years, dates, ages, times and distances without
any list of exceptions; the one bare number kept is a comparison that borrows the
unit of the figure before it ("23 … soldiers …, compared to 50 in all of 2020").

`what` is the verbatim window of words around the figure in its sentence, the
number included, so it reads as a phrase ("seven-year conflict that left 14,000 dead").
Figures are ranked by what they count (casualties, money, troops, people, …),
then by position, and at most `MAX_FIGURES` are kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.extract.prefilter import has_digit, may_contain
from generator.record import Figure

MAX_FIGURES = 10

NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
NUMBER_WORDS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100,
}  # fmt: skip
NUMBER_WORD = r"(?i:" + "|".join(NUMBER_WORDS) + r")"
SCALES = {"bn": "billion", "b": "billion", "mn": "million", "m": "million", "k": "thousand", "tn": "trillion"}
SCALE = r"(?:million|billion|trillion|thousand|bn|mn|tn|m|b|k)"
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollars": "USD", "euros": "EUR", "pounds": "GBP", "hryvnias": "UAH", "hryvnia": "UAH",
    "roubles": "RUB", "rubles": "RUB", "yuan": "CNY",
}  # fmt: skip
CASUALTY_WORDS = {"dead", "killed", "wounded", "injured", "lives"}
CASUALTY_CUE = re.compile(r"\b(?i:killed|dead|died|wounded|injured|casualties|deaths|lives|lost)\b")

# What a figure counts decides its rank: casualties first, then money, troops, people.
TROOP_NOUNS = {
    "soldiers", "troops", "servicemen", "servicemembers", "reservists", "personnel", "fighters",
    "militants", "rebels", "separatists", "officers", "mercenaries", "conscripts", "recruits",
}  # fmt: skip
PEOPLE_NOUNS = {
    "people", "persons", "civilians", "refugees", "migrants", "children", "women", "men", "residents",
    "ukrainians", "russians", "prisoners", "pows", "hostages", "detainees", "victims", "bodies",
    "deaths", "casualties", "evacuees", "workers", "households", "families", "volunteers",
}  # fmt: skip
MEMBER_NOUNS = {"members", "countries", "nations", "states", "allies", "partners"}
THING_NOUNS = {
    "tanks", "missiles", "drones", "rockets", "shells", "aircraft", "jets", "planes", "helicopters",
    "warships", "ships", "vessels", "attacks", "strikes", "airstrikes", "explosions", "times",
    "settlements", "villages", "towns", "cities", "homes", "houses", "buildings", "schools", "hospitals",
    "jobs", "votes", "tonnes", "tons", "barrels", "doses", "generators", "transformers", "shelters",
    "weapons", "guns", "howitzers", "vehicles", "sanctions",
}  # fmt: skip
COUNTED = sorted(
    TROOP_NOUNS | PEOPLE_NOUNS | MEMBER_NOUNS | THING_NOUNS | CASUALTY_WORDS, key=len, reverse=True
)
ADJECTIVE = (  # "23 Ukrainian soldiers", "two more soldiers", "600 military reservists"
    r"(?:more|additional|extra|new|other|civilian|military|foreign|armed|active|regular|reserve"
    r"|[A-Z][a-z]+(?:-[a-z]+)?)"
)

MONEY_SIGN = re.compile(rf"(?P<cur>US\$|[$€£¥₴₽])\s?(?P<num>{NUMBER})(?:\s?(?P<scale>{SCALE})\b)?")
MONEY_WORD = re.compile(
    rf"\b(?P<num>{NUMBER})(?:\s?(?P<scale>{SCALE})\b)?\s+(?P<cur>" + "|".join(CURRENCY_WORDS) + r")\b"
)
PERCENT = re.compile(rf"\b(?P<num>{NUMBER})\s?(?:%|(?i:percent|per cent)\b)")
MEMBERS = re.compile(r"\b(?P<num>\d{1,3})-(?i:member|nation|country)\b")
COUNT = re.compile(
    rf"(?<![\w.,$€£-])(?P<num>{NUMBER}|{NUMBER_WORD})(?:\s+(?P<scale>million|billion|thousand))?"
    rf"\s+(?P<adj>(?:{ADJECTIVE}\s+){{0,2}}?)(?P<noun>(?i:{'|'.join(COUNTED)}))\b"
)
COMPARED = re.compile(rf"\bcompared (?:to|with) (?P<num>{NUMBER})\b(?!\s*(?:%|percent|million|billion))")
YEAR = re.compile(r"^(?:1[89]|20)\d\d$")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’]?\s+(?=[\"“‘(]?[A-Z0-9])")
WORD = re.compile(r"\S+")
CLAUSE_PUNCT = re.compile(r"[,;:(—–]$|^[)—–]")
EDGE_WORDS = {
    "the", "a", "an", "of", "to", "and", "or", "in", "on", "at", "for", "with", "by", "from", "that",
    "which", "who", "as", "its", "his", "her", "their", "but", "since", "than", "against", "into",
    "about", "after", "before", "over", "under", "between", "across", "through", "during",
}  # fmt: skip
LEADING_EDGE_WORDS = EDGE_WORDS - {"the", "a"}


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    value: str
    unit: str
    rank: int


def find_figures(paragraphs: list[str]) -> list[Figure]:
    """Up to MAX_FIGURES key figures, most newsworthy first, in a fixed order."""
    ranked: list[tuple[int, int, Figure]] = []
    seen: set[tuple[str, str]] = set()
    order = 0
    for paragraph in paragraphs:
        if not _has_number(paragraph):
            continue  # nor has any of its sentences
        for sentence in split_sentences(paragraph):
            for found in figures_in_sentence(sentence):
                if (found.value, found.unit) in seen:
                    continue
                seen.add((found.value, found.unit))
                what = describe(sentence, found.start, found.end)
                ranked.append((found.rank, order, Figure(found.value, found.unit, what)))
                order += 1
    ranked.sort(key=lambda item: (item[0], item[1]))
    return [figure for _, _, figure in ranked[:MAX_FIGURES]]


def split_sentences(paragraph: str) -> list[str]:
    return [s for s in SENTENCE_END.split(paragraph) if s.strip()]


HAS_NUMBER = re.compile(rf"\d|\b{NUMBER_WORD}\b")


def _has_number(text: str) -> bool:
    """`HAS_NUMBER.search(text)`, its slow half (the number words) tried only when one may stand there."""
    return has_digit(text) or (may_contain(text, tuple(NUMBER_WORDS)) and bool(HAS_NUMBER.search(text)))


def figures_in_sentence(sentence: str) -> list[Found]:
    """Money, percentages, 'N-member' compounds and counted nouns, left to right."""
    found: list[Found] = []
    if not _has_number(sentence):
        return found
    # Only counted nouns can be written in words ("two soldiers"): the rest need a digit, and
    # each its own sign or word, so the patterns that cannot match are not run.
    digits = has_digit(sentence)
    money = [
        *(MONEY_SIGN.finditer(sentence) if digits and any(c in sentence for c in "$€£¥₴₽") else ()),
        *(MONEY_WORD.finditer(sentence) if digits and any(w in sentence for w in CURRENCY_WORDS) else ()),
    ]
    for match in money:
        currency = CURRENCY_SIGNS.get(match["cur"]) or CURRENCY_WORDS[match["cur"].lower()]
        found.append(Found(match.start(), match.end(), _value(match["num"], match["scale"]), currency, 1))
    percent = digits and ("%" in sentence or may_contain(sentence, ("percent", "per cent")))
    for match in PERCENT.finditer(sentence) if percent else ():
        found.append(Found(match.start(), match.end(), _value(match["num"], None), "percent", 6))
    for match in MEMBERS.finditer(sentence) if digits and "-" in sentence else ():
        found.append(Found(match.start(), match.end(), match["num"], "members", 5))
    for match in COUNT.finditer(sentence):
        if _overlaps(found, match.start(), match.end()) or _is_bare_number(match["num"], match["scale"]):
            continue
        if found and _continues(sentence, found[-1], match.start()):
            continue  # "258 times at 30 settlements" is one figure
        found.append(_counted(sentence, match))
    found.sort(key=lambda f: f.start)
    return found + _comparisons(sentence, found)


def _counted(sentence: str, match: re.Match[str]) -> Found:
    noun = match["noun"].lower()
    unit = "people" if noun in CASUALTY_WORDS else noun
    value = _value(match["num"], match["scale"])
    window = sentence[match.start() : min(len(sentence), match.end() + 40)]
    casualty = noun in CASUALTY_WORDS or (noun in TROOP_NOUNS | PEOPLE_NOUNS and CASUALTY_CUE.search(window))
    return Found(match.start(), match.end(), value, unit, 0 if casualty else _rank(noun))


def _rank(noun: str) -> int:
    if noun in TROOP_NOUNS:
        return 2
    if noun in PEOPLE_NOUNS:
        return 3
    return 5 if noun in MEMBER_NOUNS else 4


def _comparisons(sentence: str, found: list[Found]) -> list[Found]:
    """'23 soldiers killed this year, compared to 50 in all of 2020': 50 borrows the unit."""
    extra: list[Found] = []
    for match in COMPARED.finditer(sentence) if "compared " in sentence else ():
        before = [f for f in found if f.end <= match.start()]
        if before and not _overlaps(found, match.start("num"), match.end("num")):
            unit_of = before[-1]
            extra.append(Found(match.start("num"), match.end(), match["num"], unit_of.unit, unit_of.rank))
    return extra


def _value(number: str, scale: str | None) -> str:
    number = str(NUMBER_WORDS.get(number.lower(), number))
    if not scale:
        return number
    return f"{number} {SCALES.get(scale.lower(), scale.lower())}"


def _is_bare_number(number: str, scale: str | None) -> bool:
    """A year ("2014 when troops …") or a lone 1 ("1 times") is no figure."""
    return not scale and (bool(YEAR.match(number)) or number == "1")


CHAINED = re.compile(r"^\s+(?:at|in|across|from|on|against)\s+$")


def _continues(sentence: str, previous: Found, start: int) -> bool:
    return previous.end <= start and bool(CHAINED.match(sentence[previous.end : start]))


def _overlaps(found: list[Found], start: int, end: int) -> bool:
    return any(f.start < end and start < f.end for f in found)


def describe(sentence: str, start: int, end: int, before_words: int = 4, total_words: int = 12) -> str:
    """The words around the figure in its sentence, stopping at clause punctuation."""
    head = WORD.findall(sentence[:start])
    figure = WORD.findall(sentence[start:end])
    tail = WORD.findall(sentence[end:])
    left: list[str] = []
    for word in reversed(head):
        if len(left) >= before_words or (CLAUSE_PUNCT.search(word) and len(left) >= 2):
            break
        left.insert(0, word)
    right: list[str] = []
    room = max(0, total_words - len(left) - len(figure))
    for word in tail:
        if len(right) >= room:
            break
        right.append(word)
        if CLAUSE_PUNCT.search(word) or word.endswith("."):
            break
    words = [*_trim_left(left), *figure, *_trim_right(right)]
    return " ".join(words).strip(" ,;:.—–\"“”‘’'()")


def _trim_left(words: list[str]) -> list[str]:
    while words and (CLAUSE_PUNCT.search(words[0]) or words[0].strip(",").lower() in LEADING_EDGE_WORDS):
        if " ".join(words[:2]).lower() in {"at least", "at most"}:
            break
        words = words[1:]
    return [w.lstrip('"“‘(#*') for w in words if w.strip("#*")]


def _trim_right(words: list[str]) -> list[str]:
    words = [w.rstrip('.,;:"”’)*') if i == len(words) - 1 else w for i, w in enumerate(words)]
    while words and words[-1].lower().rstrip(",") in EDGE_WORDS:
        words = words[:-1]
    return words
