"""Outlet, wire, address and byline: the outlet publishes, agencies are credited, the cited are neither."""

from __future__ import annotations

import pytest
import yaml

from generator.extract.outlet import find_outlet, find_url, outlet_for_domain

from .conftest import SEEDS, SHARED

LEDE = (
    "Ukrainian President Volodymyr Zelenskiy on Tuesday urged NATO to speed up his country's membership "
    "in the alliance, saying it was the only way to end fighting with pro-Russia separatists."
)


def outlet(paragraphs=(), meta_lines=(), removed=(), seed_meta=None):
    return find_outlet(list(paragraphs), list(meta_lines), list(removed), seed_meta or {})


# --- wire credits ------------------------------------------------------------


@pytest.mark.parametrize(
    "byline, wire",
    [
        ("By AFP", ["AFP"]),
        ("By [AFP](#)", ["AFP"]),
        ("By Agence France-Presse", ["AFP"]),
        ("By The Associated Press", ["Associated Press"]),
        ("By Jane Doe, Reuters", ["Reuters"]),
        ("By Jane Doe and John Roe | AP", ["Associated Press"]),
    ],
)
def test_an_agency_in_the_byline_is_a_wire_credit(byline, wire):
    assert outlet([LEDE], [byline]).wire == wire


@pytest.mark.parametrize(
    "lede, wire",
    [
        (
            "KYIV, Nov 29 (Reuters) - Ukraine's foreign minister said on Tuesday that allies must hurry.",
            ["Reuters"],
        ),
        (
            "KYIV, Ukraine (AP) — Russian forces shelled the southern city of Kherson on Monday.",
            ["Associated Press"],
        ),
        (
            "WARSAW (AFP) July 6, 2017 — US President Donald Trump publicly endorsed NATO's defence pact.",
            ["AFP"],
        ),
        (
            "Kyiv, 29 November 2022 (Ukrinform) – Ukraine received new air defence systems, he said.",
            ["Ukrinform"],
        ),
    ],
)
def test_an_agency_dateline_opening_the_article_is_a_wire_credit(lede, wire):
    assert outlet([lede]).wire == wire


@pytest.mark.parametrize(
    "line, wire",
    [
        (
            "(This article draws on reports from the Associated Press, Reuters, and AFP.)",
            ["Associated Press", "Reuters", "AFP"],
        ),
        ("(Reporting by Pavel Polityuk; Editing by Alex Richardson)", ["Reuters"]),
        ("Copyright 2024 The Associated Press. All rights reserved.", ["Associated Press"]),
        ("© Agence France-Presse", ["AFP"]),
        ("The Associated Press contributed to this report.", ["Associated Press"]),
        ("With reporting from Reuters and dpa.", ["Reuters", "dpa"]),
    ],
)
def test_credit_lines_count_wherever_the_cleaner_put_them(line, wire):
    assert outlet([LEDE, line]).wire == wire
    assert outlet([LEDE], removed=[line]).wire == wire


def test_an_agency_sign_off_ending_the_article_is_a_wire_credit():
    assert outlet(
        [LEDE, "Moscow and Kiev have accused each other of the renewed clashes. — Reuters"]
    ).wire == ["Reuters"]


@pytest.mark.parametrize(
    "sentence",
    [
        "“Giving Ukraine (an) invitation at this moment is a political signal,” the ambassador told Reuters.",
        "A senior Ukrainian diplomat spoke to Reuters and said membership would be a fitting legacy.",
        "The plan also includes the continuation of the Kursk incursion, as per the BBC.",
        "According to AFP, two soldiers were shot dead on Monday near Avdiivka.",
        "Kremlin spokesman Dmitry Peskov told reporters, AFP reported.",
        "The second incident took place in Lugansk region, the military's press service told AFP.",
    ],
)
def test_an_agency_cited_in_the_story_is_not_a_wire_credit(sentence):
    assert outlet([LEDE, sentence]).wire == []


@pytest.mark.parametrize(
    "caption", ["Sean Gallup/Getty Images", "Photo: AFP", "Genya Savilov/AFP via Getty Images"]
)
def test_a_photo_credit_is_not_a_wire_credit(caption):
    assert outlet([LEDE], removed=[caption]).wire == []


TEASER = "Trump pledges support for NATO, says transatlantic bonds strongWarsaw (AFP) July 6, 2017"


def test_related_teasers_from_one_agency_credit_it_when_nothing_else_is_credited():
    assert outlet([LEDE], removed=[TEASER]).wire == ["AFP"]


def test_related_teasers_do_not_credit_an_agency_when_the_article_has_its_own_reporter():
    assert outlet([LEDE], meta_lines=["By Jane Doe"], removed=[TEASER]).wire == []


def test_related_teasers_from_several_agencies_credit_none():
    other = "Kremlin rejects talks offerMoscow (Reuters) Nov 29, 2022"
    assert outlet([LEDE], removed=[TEASER, other]).wire == []


def test_related_teasers_add_nothing_to_a_stated_credit():
    assert outlet([LEDE], meta_lines=["By Jane Doe, Reuters"], removed=[TEASER]).wire == ["Reuters"]


# --- the publishing outlet ---------------------------------------------------


def test_reached_out_for_comment_names_the_outlet():
    paragraphs = [LEDE, "Newsweek has reached out to the Biden administration via email for comment."]
    assert outlet(paragraphs).source == "Newsweek"


def test_could_not_verify_names_the_outlet():
    paragraphs = [LEDE, "The Kyiv Independent could not independently verify the claim."]
    assert outlet(paragraphs).source == "The Kyiv Independent"


@pytest.mark.parametrize(
    "sentence",
    [
        "The plan also includes a refusal to cede territory, as per the BBC.",
        "“It is a political signal,” Kyiv’s NATO ambassador told Reuters.",
        "According to the New York Times, the decision was taken last week.",
    ],
)
def test_a_cited_outlet_is_not_the_source(sentence):
    assert outlet([LEDE, sentence]).source is None


def test_the_articles_address_names_the_outlet_from_a_known_domain():
    meta = ["Original url:", "<https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491>"]
    assert outlet([LEDE], meta).source == "The Moscow Times"


@pytest.mark.parametrize(
    "host, name",
    [
        ("www.bbc.co.uk", "BBC"),
        ("apnews.com", "Associated Press"),
        ("edition.cnn.com", "CNN"),
        ("www.kyivindependent.com", "The Kyiv Independent"),
        ("www.rferl.org", "RFE/RL"),
        ("news.example-daily.co.uk", "Example-daily.co.uk"),
        ("ift.tt", None),
    ],
)
def test_outlet_for_domain_uses_the_table_then_the_domain(host, name):
    assert outlet_for_domain(host) == name


def test_a_wire_credit_and_an_address_give_the_addresss_site_as_source():
    meta = [
        "By [AFP](#)",
        "April 06, 2021",
        "Original url:",
        "<https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491>",
    ]
    found = outlet([LEDE], meta)
    assert (found.source, found.wire) == ("The Moscow Times", ["AFP"])


def test_a_contact_address_on_the_outlets_domain_names_it():
    line = "Do you have a story we should be covering? Contact LiveNews@newsweek.com"
    assert outlet([LEDE], removed=[line]).source == "Newsweek"


def test_a_footer_naming_the_site_names_it_as_written():
    removed = [
        "Learn about the Superpowers of the 21st Century at SpaceWar.com",
        "Learn about nuclear weapons doctrine and defense at SpaceWar.com",
    ]
    assert outlet([LEDE], removed=removed).source == "SpaceWar.com"


def test_a_copyright_line_names_the_outlet():
    assert (
        outlet([LEDE], removed=["© 2024 The Moscow Times. All rights reserved."]).source == "The Moscow Times"
    )


def test_a_newspaper_dateline_names_the_outlet():
    assert (
        outlet(
            ["(CNN) — Ukrainian President Volodymyr Zelensky said on Tuesday that talks had stalled."]
        ).source
        == "CNN"
    )


def test_the_readers_site_name_comes_first():
    assert outlet([LEDE], seed_meta={"sitename": "the Guardian"}).source == "The Guardian"


def test_a_wire_credit_alone_names_no_source():
    found = outlet([LEDE, "(This article draws on reports from the Associated Press, Reuters, and AFP.)"])
    assert found.source is None


# --- the article's address ---------------------------------------------------


def test_a_labelled_address_on_the_next_line_is_the_url():
    url = "https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491"
    assert find_url([LEDE, "Original url:", f"<{url}>"], [], [], {}) == url


def test_a_labelled_address_on_the_same_line_is_the_url():
    url = "https://www.kyivpost.com/post/12345"
    assert find_url([LEDE], [f"Source: {url}"], [], {}) == url


def test_the_readers_address_comes_first():
    assert find_url([LEDE], [], [], {"url": "https://apnews.com/article/ukraine-nato-1"}) == (
        "https://apnews.com/article/ukraine-nato-1"
    )


@pytest.mark.parametrize(
    "line",
    [
        "Fears have been mounting of a major escalation. [president.gov.ua](https://www.president.gov.ua)",
        "from Military Space News, Nuclear Weapons, Missile Defense http://ift.tt/2t6VcLZ",
        "https://twitter.com/ZelenskyyUa/status/1379399410218266625",
        "https://www.president.gov.ua/",
        "Contact LiveNews@newsweek.com",
        "ftp://files.example.com/story.txt",
    ],
)
def test_links_that_are_not_the_articles_address_are_no_url(line):
    assert find_url([LEDE, line], [], [line], {}) is None


# --- reporters ---------------------------------------------------------------


@pytest.mark.parametrize(
    "line, byline",
    [
        ("By Jane Doe", "Jane Doe"),
        ("By Jane Doe and John Roe, Reuters", "Jane Doe and John Roe"),
        ("Additional report by Katrina Manson in Washington", "Katrina Manson"),
        ("(Reporting by Pavel Polityuk in Kyiv; Editing by Alex Richardson)", "Pavel Polityuk"),
        ("Written by Olena Harmash", "Olena Harmash"),
    ],
)
def test_byline_names_the_reporters(line, byline):
    assert outlet([LEDE, line]).byline == byline


def test_a_guardian_style_meta_line_of_names_is_a_byline():
    assert outlet([LEDE], meta_lines=["Dan Sabbagh in Kyiv"]).byline == "Dan Sabbagh"


@pytest.mark.parametrize("line", ["By AFP", "By [AFP](#)", "By Staff Writers", "By The Associated Press"])
def test_an_agency_or_desk_is_no_byline(line):
    assert outlet([LEDE], [line]).byline is None


def test_a_sentence_starting_with_by_is_no_byline():
    assert (
        outlet(
            ["By Tuesday, the troops had withdrawn from the outskirts of the city, officials said."]
        ).byline
        is None
    )


# --- the five seeds, split naively into lines ----------------------------------

GOLD = {
    g["file"][:3]: g for g in yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8"))
}


def seed_paragraphs(prefix: str) -> list[str]:
    """The seed's non-empty lines: a stand-in for the cleaner, so these tests do not depend on it."""
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("prefix", sorted(GOLD))
def test_seed_outlet_matches_the_gold_answer(prefix):
    found = outlet(seed_paragraphs(prefix))
    gold = GOLD[prefix]
    assert found.source == gold["source"]
    assert sorted(found.wire) == sorted(gold["wire"])
    assert found.url == gold["url"]


def test_seed_000_byline_is_the_additional_reporter():
    assert outlet(seed_paragraphs("000")).byline == "Katrina Manson"
