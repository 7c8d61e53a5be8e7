"""A short summary: the first sentences of the article, verbatim.

News puts the news first, so the summary is the lede's first two or three
sentences, taken in order and kept whole: no subheadings, datelines, credits,
"has reached out for comment" filler, or fragments of a quote cut in half.

`split_sentences` is shared with the title synthesizer: it does not break on
"U.S.", "Mr.", "Jan.", "St." or initials, nor inside a quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from generator.extract.dates import is_body_paragraph, split_dateline

MAX_CHARS = 450

# --- sentence splitting ------------------------------------------------------

_BOUNDARY_RE = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])")
_LAST_WORD_RE = re.compile(r"(\S+)$")
_WORD_WINDOW = 64  # longer than any abbreviation, initial or dotted acronym
_ABBREVIATIONS = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "sgt", "capt", "maj", "cmdr", "adm", "rep", "sen",
    "gov", "pres", "st", "jr", "sr", "inc", "corp", "co", "ltd", "no", "nos", "vs", "etc", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "rev", "fr", "mt", "ft",
    "approx", "dept", "est", "fig",
})
_DOTTED_ACRONYM_RE = re.compile(r"^\(?(?:[A-Za-z]\.){2,}$")
_INITIAL_RE = re.compile(r"^\(?[A-Z]\.$")
# After "U.S." a new sentence starts only with words like these; "U.S. forces" goes on.
_SENTENCE_STARTERS = frozenset({
    "The", "A", "An", "He", "She", "It", "They", "We", "I", "But", "And", "In", "On", "At", "This", "That",
    "These", "Those", "There", "His", "Her", "Its", "Their", "Our", "Meanwhile", "However", "Earlier",
    "Later",
})


def _is_boundary(text: str, m: re.Match[str]) -> bool:
    """A full stop that ends a sentence, not an abbreviation or an initial."""
    if text[m.start()] != "." or m.group(0).rstrip()[-1] != ".":
        return True
    # The word is looked for in a short window: searching from the paragraph's start made every
    # boundary cost the whole text before it (quadratic on a long paragraph).
    word = _LAST_WORD_RE.search(text, max(0, m.start() - _WORD_WINDOW), m.start() + 1)
    token = word.group(1) if word else ""
    if _INITIAL_RE.match(token) or token.lower().rstrip(".").lstrip("(") in _ABBREVIATIONS:
        return False
    if _DOTTED_ACRONYM_RE.match(token):
        next_word = text[m.end():].split(" ", 1)[0].strip("\"“‘(")
        return next_word in _SENTENCE_STARTERS
    return True


def _quote_balance(text: str) -> int:
    """Open minus closed quotations; an odd number of straight quotes counts as one open."""
    return (text.count("“") - text.count("”")) + (text.count("«") - text.count("»")) + text.count('"') % 2


def split_sentences(text: str) -> list[str]:
    """Sentences of one paragraph; a quotation that runs over several sentences stays in one piece."""
    pieces, start = [], 0
    for m in _BOUNDARY_RE.finditer(text):
        if _is_boundary(text, m):
            pieces.append(text[start:m.end()].strip())
            start = m.end()
    if text[start:].strip():
        pieces.append(text[start:].strip())
    sentences: list[str] = []
    for piece in pieces:
        if sentences and _quote_balance(sentences[-1]) > 0 and piece[:1] not in "“\"":
            sentences[-1] += " " + piece
        else:
            sentences.append(piece)
    return sentences


# --- what a summary leaves out -------------------------------------------------

_FILLER_RE = re.compile(
    r"(?i)\b(?:reached\s+out\s+to|(?:request|asked)\s+for\s+comment|did\s+not\s+(?:immediately\s+)?respond"
    r"|could\s+not\s+be\s+reached|click\s+here|read\s+more|sign\s+up|subscribe|follow\s+us|must\s+read"
    r"|this\s+(?:article|story)\s+(?:draws|is\s+based|was)|all\s+rights\s+reserved|newsletter)\b"
)
_CREDIT_START_RE = re.compile(
    r"(?i)^\s*\(?(?:by|reporting|additional\s+report(?:ing)?|editing|writing|photo)\b"
)
_ENDS_LIKE_SENTENCE_RE = re.compile(r"[.!?…][\"”’)\]]*$")


def _is_summary_sentence(sentence: str, title: str) -> bool:
    """A whole news sentence: starts with a capital, ends with a stop, quotes closed, not filler."""
    return (
        len(sentence.split()) >= 4
        and (sentence[:1].isupper() or sentence[:1] in "“\"‘(")
        and bool(_ENDS_LIKE_SENTENCE_RE.search(sentence))
        and _quote_balance(sentence) == 0
        and sentence.count("”") <= sentence.count("“")
        and not _FILLER_RE.search(sentence)
        and _norm(sentence) != _norm(title)
    )


_NON_WORDS_RE = re.compile(r"\W+")


def _norm(text: str) -> str:
    return _NON_WORDS_RE.sub(" ", text).strip().casefold()


def summary_paragraphs(paragraphs: list[str]) -> Iterator[str]:
    """Running text only, the opening dateline cut off ('KYIV, Nov 29 (Reuters) - ').
    One at a time: a summary is usually full after the first few."""
    body = (p.strip() for p in paragraphs if is_body_paragraph(p) and not _CREDIT_START_RE.match(p))
    first = next(body, None)
    if first is not None and (dateline := split_dateline(first)):
        first = dateline.rest
    if first:
        yield first
    yield from (p for p in body if p)


def summarize(paragraphs: list[str], title: str, max_sentences: int = 3) -> str:
    """Two or three sentences that carry the news, lede first, verbatim from the body; at most ~450 chars."""
    picked: list[str] = []
    length = 0
    seen = set()
    for paragraph in summary_paragraphs(paragraphs):
        for sentence in split_sentences(paragraph):
            if not _is_summary_sentence(sentence, title) or _norm(sentence) in seen:
                continue
            seen.add(_norm(sentence))
            if picked and length + 1 + len(sentence) > MAX_CHARS:
                return " ".join(picked)
            picked.append(sentence)
            length += len(sentence) + 1
            if len(picked) >= max_sentences:
                return " ".join(picked)
    return " ".join(picked)
