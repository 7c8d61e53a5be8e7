"""Titles: the published headline when there is one, else a short, whole-word title from the lede."""

from __future__ import annotations

import re

import pytest

from generator.extract.title import MAX_TITLE, find_title

from .conftest import SEEDS

STOLTENBERG_LEDE = (
    "NATO chief Jens Stoltenberg pledged support for Ukraine during a visit to Kiev on Monday, as the "
    "ex-Soviet republic battles a bloody insurgency by pro-Russian separatists in the east."
)


def assert_well_formed(title: str) -> None:
    assert 0 < len(title) <= MAX_TITLE
    assert not title.endswith((".", ",", ";", ":", "-", "—"))
    assert title.split()[-1].lower() not in {"the", "a", "an", "of", "and", "to", "in", "on", "that", "with"}


def test_the_published_headline_is_the_title():
    headline = "Ukraine Urges NATO to Speed Up Membership in 'Signal' to Moscow"
    assert find_title(headline, [STOLTENBERG_LEDE]) == (headline, "text")


def test_markdown_marks_are_taken_off_the_headline():
    assert find_title("# **NATO Secretary General: Ukraine will one day join NATO**", []) == (
        "NATO Secretary General: Ukraine will one day join NATO",
        "text",
    )


@pytest.mark.parametrize("headline", [None, "", "   ", "#"])
def test_without_a_headline_the_title_is_synthesized(headline):
    title, source = find_title(headline, [STOLTENBERG_LEDE])
    assert source == "synthesized"
    assert_well_formed(title)


def test_a_long_lede_is_cut_at_its_first_clause():
    title, _ = find_title(None, [STOLTENBERG_LEDE])
    assert title == "NATO chief Jens Stoltenberg pledged support for Ukraine during a visit to Kiev on Monday"


def test_a_short_lede_sentence_is_the_title_without_its_full_stop():
    lede = "Russian forces shelled the southern city of Kherson on Monday, killing three people."
    assert find_title(None, [lede]) == (
        "Russian forces shelled the southern city of Kherson on Monday, killing three people",
        "synthesized",
    )


def test_only_the_first_sentence_is_used():
    lede = "Zelensky spoke with Stoltenberg on Tuesday. He said reforms alone would not stop Russia."
    assert find_title(None, [lede])[0] == "Zelensky spoke with Stoltenberg on Tuesday"


def test_a_long_sentence_without_clauses_is_cut_on_a_whole_meaningful_word():
    lede = (
        "Ukraine's foreign minister said on Tuesday that NATO allies must speed up deliveries of air defence "
        "systems as Russia pounds the power grid across the whole of the country ahead of winter."
    )
    title, _ = find_title(None, [lede])
    assert_well_formed(title)
    assert lede.startswith(title)
    assert re.search(rf"\b{re.escape(title.split()[-1])}\b", lede)


def test_the_title_does_not_stop_inside_a_quotation():
    lede = (
        "Ukraine’s foreign minister Dmytro Kuleba said on Tuesday that “the door to NATO is open but we need "
        "more than words from our allies and partners now” adding that Kyiv expected concrete steps."
    )
    title, _ = find_title(None, [lede])
    assert title == "Ukraine’s foreign minister Dmytro Kuleba said on Tuesday"


def test_the_dateline_is_not_part_of_the_title():
    lede = "KYIV, Nov 29 (Reuters) - Ukraine's foreign minister said on Tuesday that allies must hurry."
    assert find_title(None, [lede])[0] == "Ukraine's foreign minister said on Tuesday that allies must hurry"


def test_bylines_dates_and_subheadings_before_the_lede_are_skipped():
    paragraphs = ["By Jane Doe", "April 06, 2021", "## Two more soldiers killed", STOLTENBERG_LEDE]
    assert find_title(None, paragraphs)[0].startswith("NATO chief Jens Stoltenberg")


def test_no_running_text_gives_an_empty_synthesized_title():
    assert find_title(None, ["Leave a Reply", "## Related"]) == ("", "synthesized")


def test_seed_001_has_no_headline_and_gets_one_from_its_lede():
    path = next(SEEDS.glob("001_*.txt"))
    text = path.read_text(encoding="utf-8")
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    title, source = find_title(None, paragraphs)
    assert source == "synthesized"
    assert_well_formed(title)
    assert title.startswith("NATO chief Jens Stoltenberg pledged support for Ukraine")
    assert re.search(rf"\b{re.escape(title.split()[-1])}\b", text)
