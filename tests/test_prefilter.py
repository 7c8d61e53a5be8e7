"""The cheap tests that let a costly regex be skipped: they may say "maybe", never a wrong "no"."""

from __future__ import annotations

import re

from generator.extract.prefilter import has_digit, may_contain

SAID = re.compile(r"\b(?i:said|told)\b")


def test_may_contain_finds_the_words_in_any_case():
    assert may_contain("The minister SAID so.", ("said", "told"))
    assert may_contain("He Told reporters.", ("said", "told"))
    assert not may_contain("The minister spoke.", ("said", "told"))


def test_may_contain_says_maybe_where_a_case_insensitive_regex_matches_other_letters():
    # under IGNORECASE "ſ" is an "s", "K" a "k" and "ı" an "i": lower() does not make them so
    for text in ("He ſaid so.", "He saıd so.", "a \u212aremlin toId"):
        if re.search(r"(?i:said|kremlin)", text):
            assert may_contain(text, ("said", "kremlin")), text


def test_may_contain_never_says_no_where_the_regex_matches():
    texts = ["", "said", "Said it", "unsaid", "told-off", "ſaid", "TOLD", "İstanbul told", "nothing here"]
    for text in texts:
        if SAID.search(text):
            assert may_contain(text, ("said", "told")), text


def test_has_digit_counts_every_digit_the_regex_counts():
    assert has_digit("in 2014")
    assert has_digit("in ٢٠١٤")  # Arabic-Indic digits are \d too
    assert not has_digit("in twenty fourteen")
