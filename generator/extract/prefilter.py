"""Cheap tests that tell when a costly regex cannot match, so that it need not run.

A case-insensitive regex that starts at a word boundary (`\\b(?i:said|told)\\b`) is tried at every
position of the text; a plain substring test runs in C at memory speed. Each test here answers
"maybe" whenever the regex could match, so skipping the regex on "no" never changes a result.
"""

from __future__ import annotations

import re

# Besides ASCII letters, a case-insensitive regex matches these four for "i", "s" and "k" (İ ı ſ K).
_CASE_FOLDS_TO_ASCII = re.compile("[\u0130\u0131\u017f\u212a]")
_DIGIT = re.compile(r"\d")


def may_contain(text: str, words: tuple[str, ...]) -> bool:
    """False only when no case-insensitive regex match can contain one of these lower-case words."""
    lowered = text.lower()
    for word in words:
        if word in lowered:
            return True
    return _CASE_FOLDS_TO_ASCII.search(text) is not None


def has_digit(text: str) -> bool:
    """Any digit, as `\\d` sees them."""
    return _DIGIT.search(text) is not None
