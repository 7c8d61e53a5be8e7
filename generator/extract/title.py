"""The article's title: the headline as published, or one made from the lede.

A synthesized title is the lede's first sentence when it fits in 110
characters; otherwise the longest run of its opening clauses that fits (cut at
a comma, semicolon, colon, dash or parenthesis, never inside a quotation); as a
last resort the words that fit. It ends on a whole word: no trailing stop,
comma or little word ("the", "of", "and").
"""

from __future__ import annotations

import re

from generator.extract.summary import split_sentences, summary_paragraphs

MAX_TITLE = 110
MIN_CLAUSE = 30  # a shorter opening clause says too little to stand as a title

_MARKDOWN_HEADING_RE = re.compile(r"^\s*#{1,6}\s*|\*\*|__")
_CLAUSE_BREAK_RE = re.compile(r",\s|;\s|:\s|\s[—–]\s?|\s-\s|\s\(")
_TRAILING_PUNCT = " \t,;:.!?…—–-\"'“‘("
_TRAILING_STOPWORDS = frozenset({
    "the", "a", "an", "of", "and", "or", "but", "nor", "to", "in", "on", "at", "for", "with", "by", "from",
    "as", "that", "which", "who", "whom", "whose", "its", "his", "her", "their", "our", "is", "are", "was",
    "were", "be", "been", "has", "have", "had", "will", "would", "than", "into", "over", "after", "before",
    "while", "including", "such", "this", "these", "those", "amid", "during", "under", "between", "about",
    "against", "via", "per", "not", "no", "also", "so", "if", "when", "where",
})


def _clean_headline(headline: str) -> str:
    return re.sub(r"\s+", " ", _MARKDOWN_HEADING_RE.sub("", headline)).strip()


def _quotes_closed(text: str) -> bool:
    return (text.count("“") <= text.count("”") and text.count('"') % 2 == 0
            and text.count("(") <= text.count(")"))


def _trim_end(text: str) -> str:
    """Drop trailing punctuation and little words until the title ends on a word that carries meaning."""
    words = text.rstrip(_TRAILING_PUNCT).split()
    while len(words) > 1 and words[-1].lower().strip(_TRAILING_PUNCT) in _TRAILING_STOPWORDS:
        words.pop()
    return " ".join(words).rstrip(_TRAILING_PUNCT)


def _fit(sentence: str) -> str:
    """The sentence, or its longest opening clause run, or the words that fit in MAX_TITLE characters."""
    if len(sentence.rstrip(_TRAILING_PUNCT)) <= MAX_TITLE:
        return _trim_end(sentence)
    cuts = [
        m.start() for m in _CLAUSE_BREAK_RE.finditer(sentence, 0, MAX_TITLE + 1)
        if m.start() >= MIN_CLAUSE and _quotes_closed(sentence[: m.start()])
    ]
    if cuts:
        return _trim_end(sentence[: cuts[-1]])
    head = sentence[: MAX_TITLE + 1].rsplit(" ", 1)[0]
    if not _quotes_closed(head):  # stop before the quotation rather than in the middle of it
        opening = max(head.rfind("“"), head.rfind('"'), head.rfind("("))
        head = head[:opening] if opening >= MIN_CLAUSE else head.replace("“", "").replace('"', "")
    return _trim_end(head)


_WORD_RE = re.compile(r"\w")


def synthesize_title(paragraphs: list[str]) -> str:
    """A title from the lede's first sentence; when junk left before it ('* * * !', '— ?') cuts down to
    no word, from the next sentence ("" when the text has no running paragraph)."""
    for paragraph in summary_paragraphs(paragraphs):
        for sentence in split_sentences(paragraph):
            if _WORD_RE.search(title := _fit(sentence)):
                return title
    return ""


def find_title(headline: str | None, paragraphs: list[str]) -> tuple[str, str]:
    """(title, title_source): the headline as published ("text"), else made from the lede ("synthesized")."""
    if headline and (clean := _clean_headline(headline)):
        return clean, "text"
    return synthesize_title(paragraphs), "synthesized"
