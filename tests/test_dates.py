"""Publication dates: each heuristic fires where it should, and never claims more than the text says."""

from __future__ import annotations

import pytest

from generator.extract.dates import find_date, mentioned_dates, split_dateline

from .conftest import SEEDS

# --- date mentions -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("April 06, 2021", ("2021-04-06", "day")),
        ("6 April 2021", ("2021-04-06", "day")),
        ("6th April 2021", ("2021-04-06", "day")),
        ("Apr. 6, 2021", ("2021-04-06", "day")),
        ("Sept. 11, 2001", ("2001-09-11", "day")),
        ("06.04.2021", ("2021-04-06", "day")),
        ("2021-04-06T10:32:00Z", ("2021-04-06", "day")),
        ("Updated 12:30 GMT, 06/04/2021", ("2021-04-06", "day")),
        ("erupted in April 2014", ("2014-04", "month")),
        ("In December 2021, Russia issued an ultimatum", ("2021-12", "month")),
        ("dead in the conflict since 2014", ("2014", "year")),
        ("rising again in mid-2014", ("2014", "year")),
    ],
)
def test_mentioned_dates_reads_the_common_news_formats(text, expected):
    assert mentioned_dates(text) == [expected]


def test_mentioned_dates_lists_every_mention_in_order():
    text = (
        "Ukraine first declared its intention to join NATO in 2002. Russia launched its full-scale "
        "invasion of Ukraine in February 2022, on February 24, 2022."
    )
    assert mentioned_dates(text) == [("2002", "year"), ("2022-02", "month"), ("2022-02-24", "day")]


@pytest.mark.parametrize(
    "text",
    [
        "a seven-year conflict that left 14,000 dead",
        "the 2014 annexation of Crimea",  # a bare number is a year only after a word that dates it
        "an additional $2000 million in aid",
        "said on Tuesday (November 29) that",  # no year: partly dated mentions need a year
        "on February 30, 2021",  # no such day
        "In September, the campaign released a statement",
    ],
)
def test_mentioned_dates_ignores_numbers_and_undated_mentions(text):
    assert mentioned_dates(text) == []


# --- datelines ---------------------------------------------------------------


@pytest.mark.parametrize(
    "paragraph, head, credit",
    [
        (
            "KYIV, Nov 29 (Reuters) - Ukraine's foreign minister said on Tuesday",
            "KYIV, Nov 29 (Reuters)",
            "Reuters",
        ),
        ("KYIV, Ukraine (AP) — Russian forces shelled Kherson on Monday", "KYIV, Ukraine (AP)", "AP"),
        ("WARSAW (AFP) July 6, 2017 — US President Donald Trump said", "WARSAW (AFP) July 6, 2017", "AFP"),
        ("(CNN) — Ukrainian President Volodymyr Zelensky said", "(CNN)", "CNN"),
        ("LONDON — Britain will send more air defence missiles", "LONDON", None),
    ],
)
def test_split_dateline_recognises_agency_and_newspaper_datelines(paragraph, head, credit):
    dateline = split_dateline(paragraph)
    assert dateline is not None
    assert (dateline.head, dateline.credit) == (head, credit)


@pytest.mark.parametrize(
    "paragraph",
    [
        "NATO chief Jens Stoltenberg — who visited Kyiv on Monday — pledged support.",
        "Russian President Vladimir Putin - speaking in Moscow - said the West had ignored Russia.",
        "Ukraine’s president, Volodymyr Zelenskiy, has said — in an interview on Sunday — that",
    ],
)
def test_split_dateline_does_not_mistake_a_sentence_for_a_dateline(paragraph):
    assert split_dateline(paragraph) is None


# --- the heuristics, in order ------------------------------------------------

LEDE_ON_TUESDAY = (
    "Ukrainian President Volodymyr Zelenskiy on Tuesday urged NATO to speed up his "
    "country's membership in the alliance."
)


def test_html_metadata_date_is_taken_as_stated():
    guess = find_date([LEDE_ON_TUESDAY], [], [], {"date": "2021-04-06T09:15:00+00:00"})
    assert (guess.date, guess.precision, guess.source) == ("2021-04-06", "day", "text")
    assert guess.confidence >= 0.9


@pytest.mark.parametrize(
    "line",
    [
        "April 06, 2021",
        "Published: 6 April 2021",
        "Updated 12:30 GMT, 06/04/2021",
        "2021-04-06",
        "Tue 6 Apr 2021 14.02 BST",
    ],
)
def test_a_date_line_among_the_meta_lines_is_the_publication_date(line):
    guess = find_date([LEDE_ON_TUESDAY], ["By [AFP](#)", line], [], {})
    assert (guess.date, guess.source) == ("2021-04-06", "text")


def test_published_date_beats_updated_date():
    meta = ["Updated: 8 April 2021", "Published: 6 April 2021"]
    assert find_date([LEDE_ON_TUESDAY], meta, [], {}).date == "2021-04-06"


def test_a_standalone_date_paragraph_counts_when_the_cleaner_left_it_in_the_body():
    guess = find_date(["By [AFP](#)", "April 06, 2021", LEDE_ON_TUESDAY], [], [], {})
    assert (guess.date, guess.source) == ("2021-04-06", "text")


def test_a_date_inside_a_sentence_is_not_a_date_line():
    lede = "Ukrainian President Volodymyr Zelenskiy urged NATO to speed up his country's membership."
    paragraphs = [lede, "Russia annexed Crimea on March 18, 2014."]
    guess = find_date(paragraphs, [], [], {})
    assert (guess.date, guess.source) == ("2014-03", "inferred")


def test_the_articles_own_address_gives_the_date():
    meta = ["Original url:", "<https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491>"]
    guess = find_date([LEDE_ON_TUESDAY], meta, [], {})
    assert (guess.date, guess.precision, guess.source) == ("2021-04-06", "day", "text")


def test_a_dated_photo_credit_link_is_not_the_articles_address():
    caption = "Fears have been mounting. [president.gov.ua](https://www.president.gov.ua/2019/01/01/photo)"
    guess = find_date([caption, LEDE_ON_TUESDAY], [], [], {})
    assert guess.date != "2019-01-01"


def test_a_dateline_with_a_full_date_is_a_dateline_date():
    lede = (
        "WARSAW (AFP) July 6, 2017 — US President Donald Trump publicly endorsed NATO's mutual "
        "defence pact in a keynote speech in Warsaw on Thursday."
    )
    guess = find_date([lede], [], [], {})
    assert (guess.date, guess.source) == ("2017-07-06", "dateline")


def test_a_reuters_dateline_takes_the_year_in_which_the_weekday_fits():
    paragraphs = [
        "KYIV, Nov 29 (Reuters) - Ukraine's foreign minister said on Tuesday that NATO allies must speed "
        "up deliveries of air defence systems.",
        "Russia invaded Ukraine in February 2022 and has since pounded the power grid with missiles.",
    ]
    guess = find_date(paragraphs, [], [], {})
    assert (guess.date, guess.precision) == ("2022-11-29", "day")
    assert guess.source == "inferred"  # the year was reasoned, not read


def test_an_ap_dateline_without_a_date_gives_no_date():
    lede = (
        "KYIV, Ukraine (AP) — Russian forces shelled the southern city of Kherson on Monday, "
        "killing three people, officials said."
    )
    guess = find_date([lede], [], [], {})
    assert guess.date is None and guess.source is None


def test_a_weekday_with_its_date_takes_the_year_of_the_same_date_stated_in_a_caption():
    lede = (
        "NATO Secretary-General Jens Stoltenberg said on Tuesday (November 29) that Ukraine, which is "
        "currently resisting the Russian invasion, will one day join NATO."
    )
    caption = (
        "NATO Secretary-General Jens Stoltenberg attends a NATO Foreign Ministers' Meeting in "
        "Bucharest, Romania, on November 29, 2022."
    )
    guess = find_date([lede], [], [caption], {})
    assert (guess.date, guess.precision, guess.source) == ("2022-11-29", "day", "text")


def test_a_weekday_with_its_date_but_no_stated_year_is_inferred():
    paragraphs = [
        "NATO Secretary-General Jens Stoltenberg said on Tuesday (November 29) that Ukraine will one "
        "day join NATO.",
        "The promise was first made at the Bucharest summit in 2008 and repeated in 2022.",
    ]
    guess = find_date(paragraphs, [], [], {})
    assert (guess.date, guess.source) == ("2022-11-29", "inferred")


def test_weekday_is_resolved_against_the_latest_mentioned_date():
    paragraphs = [
        "NATO chief Jens Stoltenberg pledged support for Ukraine during a visit to Kiev on Monday, as the "
        "ex-Soviet republic battles a bloody insurgency by pro-Russian separatists in the east.",
        "More than 10,000 people have been killed since a Russian-backed rebellion erupted in April 2014.",
    ]
    teaser = "Trump pledges support for NATO, says transatlantic bonds strongWarsaw (AFP) July 6, 2017"
    guess = find_date(paragraphs, [], [teaser], {})
    # July 6, 2017 was a Thursday; the first Monday on or after it is July 10.
    assert (guess.date, guess.precision, guess.source) == ("2017-07-10", "day", "inferred")
    assert 0.4 <= guess.confidence <= 0.6
    assert "Monday" in guess.reason and "July 6, 2017" in guess.reason


def test_weekday_on_the_anchor_date_itself_is_that_day():
    paragraphs = [LEDE_ON_TUESDAY, "The alliance's foreign ministers met in Brussels on April 6, 2021."]
    assert find_date(paragraphs, [], [], {}).date == "2021-04-06"


def test_a_weekday_alone_is_never_claimed_as_stated_in_the_text():
    paragraphs = [
        LEDE_ON_TUESDAY,
        "Ukraine was promised membership at the Bucharest summit on April 3, 2008.",
    ]
    guess = find_date(paragraphs, [], [], {})
    assert (guess.date, guess.source) == ("2008-04-08", "inferred")


def test_a_full_date_opening_the_lede_is_stated_in_the_text():
    lede = (
        "NATO foreign ministers met in Bucharest on November 29, 2022 and pledged to help Ukraine "
        "rebuild its power grid."
    )
    guess = find_date([lede], [], [], {})
    assert (guess.date, guess.source) == ("2022-11-29", "text")


def test_a_background_date_in_the_lede_is_not_the_day_reported():
    lede = (
        "Zelensky said on Tuesday that the war Russia began on February 24, 2022 would end only with "
        "the return of all occupied land."
    )
    guess = find_date([lede], [], [], {})
    assert guess.source == "inferred"  # February 24, 2022 was a Thursday, not the Tuesday reported


def test_a_weekday_does_not_invent_a_day_from_a_month_anchor():
    paragraphs = [LEDE_ON_TUESDAY, "Moscow massed troops on the border in March 2021."]
    guess = find_date(paragraphs, [], [], {})
    assert (guess.date, guess.precision, guess.source) == ("2021-03", "month", "inferred")


def test_a_weekday_is_not_anchored_to_a_date_that_later_mentions_make_stale():
    paragraphs = [
        LEDE_ON_TUESDAY,
        "The war began on February 24, 2022.",
        "Ukraine applied to join NATO in 2023.",
    ]
    guess = find_date(paragraphs, [], [], {})
    assert guess.precision == "year" and guess.date == "2023"


def test_the_latest_past_mention_is_a_low_confidence_lower_bound():
    paragraphs = [
        "Ukraine is seeking an invitation for NATO membership before President Joe Biden leaves office.",
        "Ukraine first declared its intention to join NATO in 2002.",
        "Russia launched its full-scale invasion of Ukraine in February 2022.",
    ]
    guess = find_date(paragraphs, [], [], {})
    assert (guess.date, guess.precision, guess.source) == ("2022-02", "month", "inferred")
    assert guess.confidence <= 0.3


def test_future_years_are_no_lower_bound():
    paragraphs = [
        "The government said it hopes to join the European Union by 2030, officials said on Wednesday.",
        "The conflict broke out in 2014 following Moscow's annexation of Crimea.",
    ]
    assert find_date(paragraphs, [], [], {}).date == "2014"


def test_a_copyright_year_in_the_story_gives_the_year():
    paragraphs = [
        "KYIV, Ukraine (AP) — Russian forces shelled the southern city of Kherson on Monday, killing three.",
        "Copyright 2022 The Associated Press. All rights reserved.",
    ]
    guess = find_date(paragraphs, [], [], {})
    assert (guess.date, guess.precision, guess.source) == ("2022", "year", "inferred")


def test_no_date_at_all_gives_none():
    guess = find_date(
        ["Zelensky told Stoltenberg on Tuesday that Ukraine was committed to reform."], [], [], {}
    )
    assert (guess.date, guess.precision, guess.source, guess.confidence) == (None, None, None, 0.0)


# --- the five seeds, split naively into lines ----------------------------------


def seed_paragraphs(prefix: str) -> list[str]:
    """The seed's non-empty lines: a stand-in for the cleaner, so these tests do not depend on it."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_seed_002_is_dated_by_its_date_line():
    guess = find_date(seed_paragraphs("002"), [], [], {})
    assert (guess.date, guess.precision, guess.source) == ("2021-04-06", "day", "text")


def test_seed_004_is_dated_november_29_2022():
    guess = find_date(seed_paragraphs("004"), [], [], {})
    assert (guess.date, guess.precision) == ("2022-11-29", "day")


def test_seed_001_monday_is_inferred_from_the_teaser_date():
    guess = find_date(seed_paragraphs("001"), [], [], {})
    assert (guess.date, guess.precision, guess.source) == ("2017-07-10", "day", "inferred")


@pytest.mark.parametrize("prefix", ["000", "003"])
def test_seeds_without_a_stated_date_do_not_claim_one(prefix):
    assert find_date(seed_paragraphs(prefix), [], [], {}).source != "text"


@pytest.mark.parametrize(
    "ending, running",
    [
        ("said.", True),
        ("said.” ", True),
        ("said.”)\n", True),
        ("asked?’ ", True),
        ("as follows:", True),
        ("a quote ending “here”", True),
        ('a straight "quote"  ', True),
        ("no full stop", False),
        ("said.” (", False),
        ('said." )', False),
        ("said.\u00a0", True),  # a no-break space is a space too
    ],
)
def test_a_body_paragraph_ends_like_running_text(ending, running):
    from generator.extract.dates import is_body_paragraph

    assert is_body_paragraph("One two three four five six seven eight " + ending) is running
