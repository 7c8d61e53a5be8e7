"""Dated past events (generator/extract/events.py)."""

from __future__ import annotations

from pathlib import Path

from generator.extract.events import find_events
from generator.record import Event

SEEDS = Path(__file__).parents[1] / "content" / "seeds"


def events(text: str, published: str | None = None) -> list[tuple[str, str, str]]:
    return [(e.date, e.precision, e.text) for e in find_events([text], published)]


def test_year_after_in_dates_the_clause_before_it():
    assert events(
        "But the growing influence of Russia prompted it to push for a NATO membership, especially after the "
        "annexation of Crimea in 2014."
    ) == [("2014", "year", "The annexation of Crimea")]


def test_month_and_year_opening_a_sentence_dates_the_clause_after_it():
    assert events(
        "In December 2021, Russia issued an ultimatum to both NATO and the U.S. insisting that the alliance "
        "halt its expansion."
    ) == [("2021-12", "month", "Russia issued an ultimatum to both NATO and the U.S.")]


def test_full_dates_in_both_orders():
    assert events("Russia launched its full-scale invasion of Ukraine on 24 February 2022.") == [
        ("2022-02-24", "day", "Russia launched its full-scale invasion of Ukraine")
    ]
    assert events("Russian troops crossed the border on February 24, 2022.") == [
        ("2022-02-24", "day", "Russian troops crossed the border")
    ]


def test_which_clause_takes_its_antecedent():
    assert events(
        "He revived the promise to bring Ukraine into NATO, which was first proposed in 2008 but has stalled "
        "since."
    ) == [("2008", "year", "The promise to bring Ukraine into NATO first proposed")]


def test_participle_between_commas_takes_the_noun_before_it():
    assert events("The Minsk agreements, signed in 2015, never brought peace.") == [
        ("2015", "year", "The Minsk agreements signed")
    ]


def test_year_before_a_noun():
    assert events("Russia's 2014 annexation of Crimea was condemned by the UN General Assembly.") == [
        ("2014", "year", "Russia's annexation of Crimea")
    ]


def test_two_dates_in_one_sentence_each_get_their_own_words():
    assert events(
        "Finland joined the alliance in April 2023 and Sweden followed in March 2024.", "2024-06-01"
    ) == [
        ("2023-04", "month", "Finland joined the alliance"),
        ("2024-03", "month", "Sweden followed"),
    ]


def test_month_without_year_resolves_against_the_publication_date():
    sentence = "In June, Ukraine's parliament voted to back attempts by the nation to seek membership."
    assert events(sentence, "2017-07-10") == [
        ("2017-06", "month", "Ukraine's parliament voted to back attempts by the nation to seek membership")
    ]
    later = "Leaders met in Vilnius in July, where they agreed a new package."
    assert events(later, "2021-04-06") == [("2020-07", "month", "Leaders met in Vilnius")]


def test_relative_dates_need_a_publication_date():
    assert events("In June, Ukraine's parliament voted to back attempts to seek membership.") == []
    assert events("Ukraine became the sixth country last year to join the programme.") == []


def test_last_year_and_last_month():
    assert events("A ceasefire agreed last year saw clashes drop.", "2021-04-06") == [
        ("2020", "year", "A ceasefire agreed")
    ]
    assert events("Four soldiers were killed in a single day late last month.", "2021-04-06") == [
        ("2021-03", "month", "Four soldiers were killed in a single day")
    ]


def test_day_and_month_without_year_before_and_after_the_publication_day():
    assert events("Zelensky met Biden on 21 September.", "2023-09-25") == [
        ("2023-09-21", "day", "Zelensky met Biden")
    ]
    assert events("Ukraine signed the deal on 12 October.", "2023-09-25") == [
        ("2022-10-12", "day", "Ukraine signed the deal")
    ]


def test_a_relative_month_in_a_present_tense_sentence_is_not_an_event():
    assert (
        events(
            "Ukraine is seeking an invitation for NATO membership before President Joe Biden leaves the "
            "White House in January.",
            "2024-10",
        )
        == []
    )


def test_plans_and_targets_are_not_events():
    assert events("The EU aims to phase out Russian gas by 2027.", "2024-03-01") == []
    assert events("NATO will hold its next summit in July 2025 in The Hague.", "2024-06-01") == []


def test_the_publication_day_and_later_dates_are_not_background():
    sentence = "Stoltenberg attends a meeting in Bucharest on November 29, 2022."
    assert events(sentence, "2022-11-29") == []
    assert events(sentence, "2022-11-28") == []
    assert events(sentence, "2022-11-30") == [
        ("2022-11-29", "day", "Stoltenberg attends a meeting in Bucharest")
    ]


def test_decades_and_bare_numbers_are_not_dates():
    assert (
        events("The country has spent billions on defence since the 1990s and 2014 soldiers trained.") == []
    )


def test_duplicates_are_dropped_and_order_is_by_date_then_text():
    paragraphs = [
        "Ukraine gained independence from the Soviet Union in 1991.",
        "Russia launched its full-scale invasion of Ukraine in February 2022.",
        "Ukraine gained independence from the Soviet Union in 1991.",
        "Ukraine first declared its intention to join NATO in 2002.",
    ]
    assert find_events(paragraphs, None) == [
        Event("1991", "year", "Ukraine gained independence from the Soviet Union"),
        Event("2002", "year", "Ukraine first declared its intention to join NATO"),
        Event("2022-02", "month", "Russia launched its full-scale invasion of Ukraine"),
    ]


def test_event_text_is_short_capitalised_and_in_the_articles_words():
    text = (SEEDS / "003_5009b44e79ebba7c.txt").read_text(encoding="utf-8")
    found = find_events([p for p in text.split("\n\n") if p.strip()], "2024-10")
    assert ("1991", "Ukraine gained independence from the Soviet Union") in [(e.date, e.text) for e in found]
    for event in found:
        assert event.text[0].isupper() and len(event.text.split()) <= 12
        assert all(word.rstrip(".") in text for word in event.text.split()[1:])
        assert event.date < "2024-10"
