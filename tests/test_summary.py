"""Summaries: the lede's first sentences, whole and verbatim, without boilerplate or broken quotes."""

from __future__ import annotations

import pytest

from generator.extract.summary import MAX_CHARS, split_sentences, summarize

from .conftest import SEEDS

LEDE = (
    "Ukrainian President Volodymyr Zelenskiy on Tuesday urged NATO to speed up his country's membership in "
    "the alliance, saying it was the only way to end fighting with pro-Russia separatists."
)
SECOND = (
    "Zelenskiy spoke with NATO Secretary General Jens Stoltenberg after an increase in clashes raised fears "
    "of an escalation."
)
THIRD = "In a tweet after the call, Zelenskiy said it was time for NATO to move forward."
FOURTH = "He said Kiev was committed to defense reforms requested by the alliance for membership."


# --- sentence splitting ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "U.S. Secretary of State Antony Blinken announced $53 million in aid for the grid.",
        "Mr. Peskov said the Kremlin was not threatening anyone at all.",
        "The talks were held on Jan. 5 in St. Petersburg with Gen. Valery Gerasimov.",
        "Former President George W. Bush backed Ukraine's bid at the 2008 summit.",
        "The Pentagon said U.S. forces in Europe had raised their alert status.",
    ],
)
def test_abbreviations_and_initials_do_not_end_a_sentence(text):
    assert split_sentences(text) == [text]


def test_sentences_split_at_full_stops_question_marks_and_closing_quotes():
    text = (
        "Ukraine sees NATO accession as a way to bolster its defences. Will it join? “We are determined,” "
        "Poroshenko said. The Kremlin disagrees."
    )
    assert split_sentences(text) == [
        "Ukraine sees NATO accession as a way to bolster its defences.",
        "Will it join?",
        "“We are determined,” Poroshenko said.",
        "The Kremlin disagrees.",
    ]


def test_a_sentence_ends_after_an_acronym_when_a_new_sentence_begins():
    text = "The aid was announced by the U.S. The Kremlin called it a provocation."
    assert split_sentences(text) == [
        "The aid was announced by the U.S.",
        "The Kremlin called it a provocation.",
    ]


def test_a_quotation_of_several_sentences_stays_in_one_piece():
    text = (
        "“We very much doubt that this will help Ukraine. From our point of view, it will only worsen the "
        "situation,” Peskov said."
    )
    assert split_sentences(text) == [text]


# --- summaries ---------------------------------------------------------------


def test_summary_is_the_ledes_first_sentences_verbatim():
    summary = summarize([LEDE + " " + SECOND, THIRD], "Ukraine Urges NATO to Speed Up Membership")
    assert summary == f"{LEDE} {SECOND} {THIRD}"


def test_summary_stops_at_max_sentences():
    assert summarize([LEDE, SECOND, THIRD, FOURTH], "", max_sentences=2) == f"{LEDE} {SECOND}"


def test_summary_stays_within_the_length_limit():
    long_sentence = (
        "The alliance " + "has repeatedly said that the door remains open, " * 6 + "officials said."
    )
    summary = summarize([LEDE, long_sentence, THIRD], "")
    assert len(summary) <= MAX_CHARS
    assert summary.startswith(LEDE)


def test_summary_skips_datelines_subheadings_and_credits():
    paragraphs = [
        "By [AFP](#)",
        "KYIV, Nov 29 (Reuters) - Ukraine's foreign minister said on Tuesday that NATO allies must speed up "
        "deliveries of air defence systems.",
        "## Two more soldiers killed",
        "- Path to membership? -",
        "(Reporting by Pavel Polityuk; Editing by Alex Richardson)",
    ]
    assert summarize(paragraphs, "") == (
        "Ukraine's foreign minister said on Tuesday that NATO allies must speed up deliveries of air "
        "defence systems."
    )


def test_summary_leaves_out_comment_requests_and_promotions():
    paragraphs = [
        "Ukraine is seeking an invitation for NATO membership before President Joe Biden leaves office.",
        "Newsweek has reached out to the Biden administration via email for comment.",
        "MUST READ: Biden looked at the storm in California and promised to help.",
        "Ukraine first declared its intention to join NATO in 2002, years before the war.",
    ]
    summary = summarize(paragraphs, "")
    assert "reached out" not in summary and "MUST READ" not in summary
    assert summary.endswith("years before the war.")


def test_summary_leaves_out_a_quotation_that_never_closes():
    paragraphs = [
        "NATO Secretary-General Jens Stoltenberg said on Tuesday that Ukraine will one day join NATO.",
        "Speaking at a meeting in Bucharest, Stoltenberg said: “NATO‘s door is open. He revived the promise "
        "to "
        "bring Ukraine into NATO, which was first proposed in 2008.",
        "Stoltenberg said that “Russia has no veto power” over the accession of other countries to NATO.",
    ]
    summary = summarize(paragraphs, "")
    assert "door is open" not in summary
    assert summary.endswith("accession of other countries to NATO.")


def test_summary_does_not_repeat_the_headline_or_a_duplicate_sentence():
    caption = (
        "NATO Secretary-General Jens Stoltenberg attends a NATO meeting in Bucharest, Romania, on Tuesday."
    )
    summary = summarize(
        [caption, caption, LEDE], "NATO Secretary-General Jens Stoltenberg attends a NATO meeting"
    )
    assert summary.count("attends a NATO meeting") == 1


def test_summary_of_nothing_is_empty():
    assert summarize(["Leave a Reply", "## Related"], "") == ""


def test_seed_001_summary_is_its_lede_without_the_teaser():
    path = next(SEEDS.glob("001_*.txt"))
    paragraphs = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    summary = summarize(paragraphs, "")
    assert summary.startswith(
        "NATO chief Jens Stoltenberg pledged support for Ukraine during a visit to Kiev"
    )
    assert "Trump" not in summary and len(summary) <= MAX_CHARS
