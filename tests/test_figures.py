"""Key figures with unit and context (generator/extract/figures.py)."""

from __future__ import annotations

from pathlib import Path

from generator.extract.figures import MAX_FIGURES, find_figures
from generator.record import Figure

SEEDS = Path(__file__).parents[1] / "content" / "seeds"


def values(*paragraphs: str) -> list[tuple[str, str]]:
    return [(f.value, f.unit) for f in find_figures(list(paragraphs))]


def test_dead_counts_people_and_the_context_says_what_killed_them():
    [figure] = find_figures(
        [
            "Russia’s occupation of Ukraine’s Crimean peninsula in 2014 marked the beginning of a seven-year "
            "conflict that left 14,000 dead."
        ]
    )
    assert (figure.value, figure.unit) == ("14,000", "people")
    assert "conflict that left 14,000 dead" in figure.what


def test_a_qualifier_stays_out_of_the_value_but_in_the_context():
    [figure] = find_figures(
        [
            "More than 10,000 people have been killed since a Russian-backed rebellion against the pro-EU "
            "government in Kiev erupted in April 2014."
        ]
    )
    assert (figure.value, figure.unit) == ("10,000", "people")
    assert figure.what.startswith("More than 10,000 people have been killed")
    assert len(figure.what.split()) <= 12


def test_currency_signs_and_scales():
    assert values(
        "Washington has been the largest provider of military aid for Ukraine, having donated a reported "
        "$175 billion.",
        "The EU agreed a €50bn support package, while Britain pledged £2.3 billion.",
    ) == [("175 billion", "USD"), ("50 billion", "EUR"), ("2.3 billion", "GBP")]


def test_currency_written_as_a_word():
    assert values("Kyiv received 300 million euros in budget support.") == [("300 million", "EUR")]


def test_counted_noun_after_adjectives_is_the_unit():
    assert values("Ukraine's ground forces announced 10 days of exercises for 600 reservists.") == [
        ("600", "reservists")
    ]


def test_n_member_compound_counts_members():
    assert values("Ukraine's parliament voted to seek membership of the 29-member bloc.") == [
        ("29", "members")
    ]


def test_number_words_become_digits():
    assert values("His talks came a day after two Ukrainian soldiers were killed in an attack.") == [
        ("2", "soldiers")
    ]


def test_million_refugees_and_percentages():
    assert values("About 1.5 million refugees have fled, and 40% of the grid is damaged.") == [
        ("1.5 million", "refugees"),
        ("40", "percent"),
    ]


def test_a_comparison_borrows_the_unit_of_the_figure_before_it():
    assert values(
        "At least 23 Ukrainian soldiers have been killed since the start of the year, compared to 50 in "
        "all of 2020."
    ) == [("23", "soldiers"), ("50", "soldiers")]


def test_a_count_chained_to_another_by_a_preposition_is_one_figure():
    [figure] = find_figures(
        ["In a week, he said, Russia “fired 258 times at 30 settlements in our Kherson region.”"]
    )
    assert (figure.value, figure.unit) == ("258", "times")
    assert "30 settlements" in figure.what


def test_years_dates_ages_times_and_distances_are_not_figures():
    assert (
        values(
            "On November 29, 2022, the 45-year-old minister arrived at 10:30 in Avdiivka, six kilometers "
            "(four miles) north of Donetsk, for a two-day meeting.",
            "The 2014 annexation changed everything, and in 2008 the promise was first made.",
        )
        == []
    )


def test_casualties_come_before_money_before_troops():
    figures = values(
        "The alliance has 30 members.",
        "The ministry announced 600 reservists would train.",
        "Blinken announced an additional $53 million in aid.",
        "Four soldiers were killed in a single day late last month.",
    )
    assert figures == [("4", "soldiers"), ("53 million", "USD"), ("600", "reservists"), ("30", "members")]


def test_at_most_ten_figures_and_no_repeats():
    paragraph = " ".join(f"Strike {n} killed {n + 10} civilians." for n in range(2, 20))
    figures = find_figures([paragraph, paragraph])
    assert len(figures) == MAX_FIGURES
    assert len({(f.value, f.unit) for f in figures}) == MAX_FIGURES


def test_context_is_made_of_the_sentences_own_words():
    sentence = (
        "In Bucharest, U.S. Secretary of State Antony Blinken announced that the United States would provide "
        "Kiev with an additional $53 million in aid to purchase critical grid equipment."
    )
    [figure] = find_figures([sentence])
    assert all(word in sentence for word in figure.what.split())


def test_seed_figures_are_ranked_and_typed():
    text = (SEEDS / "002_0e4e21fef0fe375a.txt").read_text(encoding="utf-8")
    figures = find_figures([p for p in text.split("\n\n") if p.strip()])
    assert all(isinstance(f, Figure) for f in figures)
    pairs = [(f.value, f.unit) for f in figures]
    assert ("23", "soldiers") in pairs and ("600", "reservists") in pairs and ("13,000", "people") in pairs
    assert pairs.index(("13,000", "people")) < pairs.index(("600", "reservists"))
