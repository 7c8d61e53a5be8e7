"""The clean stage: headline, body paragraphs, boilerplate removed, metadata set aside.

Snippets are real news text (from the seeds) or written in the house styles of
other outlets (AP, Reuters, the Guardian, the Kyiv Independent, Ukrinform, a
WordPress repost). Every heuristic is shown firing, and shown not firing on
article text that looks a little like its boilerplate.
"""

from __future__ import annotations

import re
import time
import unicodedata
from pathlib import Path

import pytest
import yaml

from generator.clean import (
    clean,
    ends_sentence,
    is_byline,
    is_captioned_photo,
    is_comment_form,
    is_contact_appeal,
    is_credit_note,
    is_date_line,
    is_donation_appeal,
    is_feed_redirect,
    is_page_furniture,
    is_photo_credit,
    is_share_prompt,
    is_source_link,
    is_table_debris,
    is_teaser,
    is_url_line,
    is_visit_counter,
    looks_like_photo_caption,
    reduce_markdown,
    should_join,
)

SEEDS = Path(__file__).parents[1] / "content" / "seeds"
GOLD = Path(__file__).parents[2] / "shared" / "gold" / "seeds.yaml"


def blank_separated(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def norm(text: str) -> str:
    """As the scorer compares: casefolded, accents, quote marks and spaces unified."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub("[\"'“”‘’«»„‚]", "'", text).replace("\u00a0", " ")
    return re.sub(r"\s+", " ", text).strip().casefold().rstrip(".")


# Article sentences that resemble boilerplate: no one-line heuristic may touch them.
ARTICLE_LINES = [
    "Share prices fell 3% in Moscow on Tuesday after the announcement.",
    "“We will not leave Ukraine,” he said.",
    "By the end of the year, Ukraine hopes to receive F-16 jets.",
    "Related talks in Geneva ended without agreement on Monday, officials said.",
    "Email exchanges seen by Reuters show the plan was discussed in March.",
    "Photo evidence of the strike was posted on Telegram.",
    "Comments by the Kremlin spokesman drew criticism in Kyiv.",
    "Follow the lead of Poland on sanctions, he urged.",
    "Join us on the front line, the commander told volunteers.",
    "Telegram channels close to the Russian military reported the strike.",
    "Zelensky visits Washington on December 21, 2022, in his first trip abroad since the invasion.",
    "Reuters/Ipsos poll shows support at 60%",
    "Source: the Ukrainian General Staff said 30 drones were shot down.",
    "Newsweek has reached out to the Kremlin via email for comment.",
    "Support for Ukraine remains strong among NATO allies, Stoltenberg said.",
    "We need your help, Zelensky told Congress.",
    "Ukraine hopes to become a member of NATO before 2030.",
    "Latest: Russia launched 30 missiles overnight, the air force said.",
    "Via Rail said it would resume service.",
    "Leave it to the diplomats, Macron said.",
    "Kuleba.",
]

ONE_LINE_RULES = [
    is_table_debris,
    is_url_line,
    is_share_prompt,
    is_comment_form,
    is_source_link,
    is_teaser,
    is_photo_credit,
    is_captioned_photo,
    looks_like_photo_caption,
    is_donation_appeal,
    is_feed_redirect,
    is_contact_appeal,
    is_visit_counter,
    is_page_furniture,
    is_byline,
    is_date_line,
    is_credit_note,
]


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_no_one_line_heuristic_fires_on_article_text(line):
    assert [rule.__name__ for rule in ONE_LINE_RULES if rule(line)] == []


@pytest.mark.parametrize("line", ARTICLE_LINES)
def test_article_text_between_paragraphs_stays_in_the_body(line):
    text = blank_separated(
        "Ukraine's foreign minister met his counterparts in Brussels on Tuesday.",
        line,
        "The meeting lasted two hours, officials said.",
    )
    cleaned = clean(text)
    assert line in cleaned.body
    assert cleaned.removed == []


# --- share prompts ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "WhatsApp Channel Join Now",
        "Telegram Group Join Now",
        "Share this article",
        "Share Tweet Email Print",
        "Facebook Twitter WhatsApp",
        "Click to share on X (Opens in new window)",
        "Follow us on Google News",
        "Join our Telegram channel for the latest updates",
        "Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine",
        "Share this:",
        "Like Loading...",
        "Copy link",
    ],
)
def test_share_prompts_are_recognised(line):
    assert is_share_prompt(line)


@pytest.mark.parametrize(
    "line",
    [
        "Ukraine's share of the budget rose to 37%.",
        "Twitter users in Russia need a VPN to reach the platform.",
        "Join the alliance? Not yet, Stoltenberg said.",
    ],
)
def test_share_prompt_does_not_fire_on_sentences_about_sharing(line):
    assert not is_share_prompt(line)


# --- comment forms ----------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Leave a Reply",
        "Leave a Comment",
        "Your email address will not be published. Required fields are marked *",
        "Cancel reply",
        "Post Comment",
        "Save my name, email, and website in this browser for the next time I comment.",
        "12 Comments",
        "Are you looking for free Instagram Likes?",
        "ReplyDeleteDid you know that you can get these ON AUTOPILOT AND ABSOLUTELY FREE by registering?",
    ],
)
def test_comment_forms_and_comment_spam_are_recognised(line):
    assert is_comment_form(line)


@pytest.mark.parametrize(
    "line",
    [
        "“We will not leave Ukraine,” he said.",
        "Russia refused to comment on the report.",
        "The Kremlin did not reply to a request for comment.",
    ],
)
def test_comment_form_does_not_fire_on_quotes_about_leaving_or_replying(line):
    assert not is_comment_form(line)


def test_everything_after_a_late_leave_a_reply_is_the_comment_section():
    text = blank_separated(
        "NATO foreign ministers met in Bucharest on Tuesday.",
        "Stoltenberg said Ukraine would one day join the alliance.",
        "Leave a Reply",
        "Ivan Petrenko",
        "April 7, 2021 at 3:04 pm",
        "Glory to Ukraine! Great article.",
    )
    cleaned = clean(text)
    assert cleaned.paragraphs == [
        "NATO foreign ministers met in Bucharest on Tuesday.",
        "Stoltenberg said Ukraine would one day join the alliance.",
    ]
    assert "April 7, 2021 at 3:04 pm" in cleaned.removed  # a comment's date, not the article's
    assert cleaned.meta_lines == []


def test_a_comment_link_near_the_top_does_not_cut_the_article():
    text = blank_separated(
        "Leave a comment",
        "Ukraine has pressed for speeding up NATO membership",
        "The Ukrainian president called on NATO to support the country's Membership Action Plan.",
        "Volodymyr Zelensky made the remarks on Tuesday after talks with Jens Stoltenberg.",
        "Russia's occupation of Crimea in 2014 began a conflict that left 14,000 dead.",
    )
    cleaned = clean(text)
    assert cleaned.removed == ["Leave a comment"]
    assert len(cleaned.paragraphs) == 3


# --- source links -----------------------------------------------------------


@pytest.mark.parametrize("line", ["Source link", "Read the original article", "Go to Source"])
def test_source_links_are_recognised(line):
    assert is_source_link(line)


def test_source_of_a_leak_is_not_a_source_link():
    assert not is_source_link("Source of the leak remains unknown, the ministry said.")


def test_original_url_and_its_address_are_metadata_not_body():
    text = blank_separated(
        "Moscow and Kiev have accused each other of being behind the renewed clashes.",
        "Original url:",
        "<https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491>",
    )
    cleaned = clean(text, markdown=True)
    assert cleaned.meta_lines == [
        "Original url:",
        "<https://www.themoscowtimes.com/2021/04/06/ukraine-urges-nato-a73491>",
    ]
    assert cleaned.removed == []
    assert "themoscowtimes" not in cleaned.body


def test_short_titles_after_source_link_go_with_it():
    text = blank_separated(
        "Newsweek has reached out to NATO via a form on their website for comment.",
        "Source link",
        "Putin warns West over long-range missiles",
        "Kyiv braces for winter blackouts",
    )
    cleaned = clean(text)
    assert cleaned.paragraphs == ["Newsweek has reached out to NATO via a form on their website for comment."]


# --- teasers ----------------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "MUST READ: ☞\u00a0 WHO and China work with China to address the risk of COVID outbreaks",
        "Related article: Are Russia and Ukraine Sliding Into War?",
        "**Related article:** Are Russia and Ukraine Sliding Into War?",
        "READ MORE: Zelensky meets Biden at the White House",
        "Read also: Kuleba, Blinken discuss security situation in Donbas",
        "RELATED: Ukraine's NATO bid explained",
        "Related Links",
        "You may also like",
        "Most read",
    ],
)
def test_teasers_are_recognised(line):
    assert is_teaser(line)


@pytest.mark.parametrize(
    "line",
    [
        "Related talks in Geneva ended without agreement on Monday.",
        "Read more about the summit in the communique, officials said.",
        "Watch the skies, residents were told.",
    ],
)
def test_teaser_does_not_fire_on_sentences_starting_with_related_or_read(line):
    assert not is_teaser(line)


def test_a_markdown_related_article_link_is_removed_as_it_stood():
    line = "**Related article:** [Are Russia and Ukraine Sliding Into War?](#)"
    text = blank_separated(
        "Zelenskiy said it was time for NATO to move forward.", line, "He said Kiev was committed."
    )
    assert clean(text, markdown=True).removed == [line]


def test_a_related_story_after_the_article_goes_with_its_title_and_link_list():
    text = "\n".join(
        [
            '"NATO will continue to support Ukraine on the path," Stoltenberg added.',
            "Trump pledges support for NATO, says transatlantic bonds strongWarsaw (AFP) July 6, 2017",
            "US President Donald Trump publicly endorsed NATO's mutual defence pact in a keynote speech in "
            "Warsaw on Thursday, referring to the bloc's mutual def ... read more",
            "Related Links",
            "Learn about the Superpowers of the 21st Century at SpaceWar.com",
            "Learn about nuclear weapons doctrine and defense at SpaceWar.com",
        ]
    )
    cleaned = clean(text)
    assert len(cleaned.paragraphs) == 1
    assert "Trump" not in cleaned.body
    assert cleaned.removed[0].startswith("Trump pledges support")
    assert cleaned.removed[-1] == "Learn about nuclear weapons doctrine and defense at SpaceWar.com"


def test_prose_after_a_related_links_box_is_kept():
    text = blank_separated(
        "Ukraine's air force said it had shot down 18 of 21 drones.",
        "Related Links",
        "Ukraine's air defence is running out of missiles",
        "Officials in Kharkiv said debris damaged two houses but no one was hurt.",
    )
    cleaned = clean(text)
    assert (
        cleaned.paragraphs[-1] == "Officials in Kharkiv said debris damaged two houses but no one was hurt."
    )


# --- photo captions and credits --------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Sean Gallup/Getty Images",
        "Genya Savilov/AFP via Getty Images",
        "REUTERS/Gleb Garanich",
        "Photo: Reuters",
        "Photo: President's Office",
        "Image credit: NATO",
        "(AP Photo/Efrem Lukatsky)",
        "Getty Images",
        "Image source, Getty Images",
    ],
)
def test_photo_credits_are_recognised(line):
    assert is_photo_credit(line)


@pytest.mark.parametrize(
    "line",
    [
        "Volodymyr Zelenskiy in Vilnius last year. Photograph: Mindaugas Kulbis/AP",
        "Ukrainian servicemen fire a howitzer near Bakhmut, Ukraine, Monday, May 15, 2023. (AP Photo/Libkos)",
        "Ukrainian President Volodymyr Zelensky at a news conference in Kyiv. REUTERS/Valentyn Ogirenko",
    ],
)
def test_captions_ending_in_their_credit_are_recognised(line):
    assert is_captioned_photo(line)


def test_a_sentence_mentioning_ap_photographers_is_not_a_captioned_photo():
    assert not is_captioned_photo("The AP photographer was injured by shrapnel, the agency said.")


def test_a_present_tense_caption_dated_at_its_end_is_a_caption():
    caption = (
        "NATO Secretary-General Jens Stoltenberg attends a NATO Foreign Ministers' Meeting in "
        "Bucharest, Romania, on November 29, 2022."
    )
    assert looks_like_photo_caption(caption)


def test_a_reported_sentence_with_a_date_is_not_a_caption():
    sentence = "Stoltenberg said he attends the meeting in Bucharest, Romania, on November 29, 2022."
    assert not looks_like_photo_caption(sentence)


def test_the_caption_above_a_credit_line_goes_with_it():
    caption = (
        "Ukrainian President Volodymyr Zelensky. Ukraine is requesting an invitation for a NATO "
        "membership before Joe Biden leaves the White House in January, per a new report."
    )
    text = blank_separated(
        "Newsweek has reached out to the Ukrainian Defense Ministry via email for comment.",
        caption,
        "Sean Gallup/Getty Images",
        "Russia has always been in opposition to Ukraine joining NATO.",
    )
    cleaned = clean(text)
    assert cleaned.removed == [caption, "Sean Gallup/Getty Images"]


def test_a_paragraph_above_a_lone_credit_stays_unless_it_reads_like_a_caption():
    paragraph = "Russia has long warned that it would respond severely if Ukraine were to join NATO."
    text = blank_separated(
        "Ukraine first declared its intention to join NATO in 2002.", paragraph, "Getty Images"
    )
    cleaned = clean(text)
    assert paragraph in cleaned.paragraphs
    assert cleaned.removed == ["Getty Images"]


def test_a_caption_repeated_as_alt_text_goes_twice():
    first = (
        "NATO Secretary-General Jens Stoltenberg attends a NATO Foreign Ministers' Meeting in "
        "Bucharest, Romania, on November 29, 2022."
    )
    second = first.replace("'", "’")
    text = "NATO Secretary General: Ukraine will one day join NATO\n\n" + first + "\n" + second + "\n\n"
    text += "NATO Secretary-General Jens Stoltenberg said on Tuesday that Ukraine will one day join NATO."
    cleaned = clean(text)
    assert cleaned.removed == [first, second]


def test_a_markdown_caption_ending_in_a_link_to_its_source_is_removed():
    line = (
        "Fears have been mounting of a major escalation of the conflict in eastern Ukraine. "
        "[president.gov.ua](https://www.president.gov.ua)"
    )
    text = blank_separated(
        "# Ukraine Urges NATO to Speed Up Membership", line, "Zelenskiy on Tuesday urged NATO to act."
    )
    assert clean(text, markdown=True).removed == [line]


def test_a_sentence_ending_in_an_ordinary_link_is_article_text():
    line = "Zelenskiy said so in [a tweet](https://twitter.com/ZelenskyyUa/status/1) after the call."
    cleaned = clean(blank_separated("Ukrainian officials spoke on Tuesday.", line), markdown=True)
    assert cleaned.paragraphs[-1] == "Zelenskiy said so in a tweet after the call."


def test_a_bare_name_under_the_headline_is_the_lead_photos_alt_text():
    text = blank_separated(
        "Ukraine Wants NATO Invitation Before Joe Biden Leaves Office",
        "Zelenskyy",
        "Ukraine is seeking an invitation for NATO membership before President Joe Biden leaves office.",
    )
    cleaned = clean(text)
    assert cleaned.headline == "Ukraine Wants NATO Invitation Before Joe Biden Leaves Office"
    assert cleaned.removed == ["Zelenskyy"]


def test_a_short_line_deep_in_the_article_is_not_taken_for_alt_text():
    text = blank_separated(
        "Ukraine is seeking an invitation for NATO membership before President Joe Biden leaves office.",
        "A senior Ukrainian diplomat spoke to Reuters about the request on Monday.",
        "Diplomats said the talks would continue next week in Brussels and Washington.",
        "Kyiv And Washington",
        "The United States has been the largest provider of military aid for Ukraine.",
    )
    assert "## Kyiv And Washington" in clean(text).paragraphs


# --- donation appeals -------------------------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "Thanks for being here; We need your help. The SpaceDaily news network continues to grow but "
        "revenues have never been harder to maintain. Please consider becoming a regular supporter.",
        "SpaceDaily Contributor $5 Billed Oncecredit card or paypal |",
        "SpaceDaily Monthly Supporter $5 Billed Monthlypaypal only |",
        "Support independent journalism in Ukraine. Join us in this fight.",
        "We've been working hard to bring you news from Ukraine. Consider supporting the Kyiv Independent.",
        "Support the Guardian from as little as $1 – it only takes a minute.",
    ],
)
def test_donation_appeals_are_recognised(line):
    assert is_donation_appeal(line)


@pytest.mark.parametrize(
    "line",
    [
        "Washington has been the largest provider of military aid, having donated a reported $175 billion.",
        "“We need your help,” Zelensky told the US Congress.",
        "Finland became a member of NATO in April 2023.",
    ],
)
def test_donation_appeal_does_not_fire_on_aid_reporting(line):
    assert not is_donation_appeal(line)


# --- feed redirects and syndication notes -----------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "from Military Space News, Nuclear Weapons, Missile Defense http://ift.tt/2t6VcLZ",
        "via space News",
        "This story has not been edited by Newsweek staff and is auto-generated from a syndicated feed.",
    ],
)
def test_feed_redirects_are_recognised(line):
    assert is_feed_redirect(line)


def test_a_sentence_starting_with_from_is_not_a_feed_redirect():
    assert not is_feed_redirect("From Kyiv to Kharkiv, residents spent the night in shelters.")


# --- contact appeals --------------------------------------------------------


def test_a_request_for_story_tips_is_a_contact_appeal():
    line = (
        "Do you have a story we should be covering? Do you have any questions about infrastructure "
        "projects? Contact LiveNews@newsweek.com"
    )
    assert is_contact_appeal(line)


@pytest.mark.parametrize(
    "line",
    [
        "Newsweek has reached out to the Biden administration via email for comment.",
        "Newsweek has reached out to NATO via a form on their website for comment.",
    ],
)
def test_reaching_out_for_comment_is_article_text(line):
    assert not is_contact_appeal(line)


# --- counters, page furniture, table debris ---------------------------------


@pytest.mark.parametrize("line", ["Visited 1 times, 1 visit(s) today", "Post Views: 1,234", "3 min read"])
def test_visit_counters_are_recognised(line):
    assert is_visit_counter(line)


def test_a_sentence_about_visits_is_not_a_counter():
    assert not is_visit_counter("Blinken visited Kyiv 3 times this year.")


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Story continues below advertisement",
        "Our Standards: The Thomson Reuters Trust Principles.",
        "Sign up for our daily newsletter",
        "Home » World » Europe",
        "Tags: NATO, Ukraine, Russia",
        "If you notice an error, select the required text and press Ctrl + Enter to report it.",
        "Advertisement - Scroll to continue",
        "— Volodymyr Zelenskyy (@ZelenskyyUa) April 6, 2021",
        "Listen to this article",
    ],
)
def test_page_furniture_is_recognised(line):
    assert is_page_furniture(line)


def test_a_sentence_about_advertising_is_not_page_furniture():
    assert not is_page_furniture("Advertising revenue at Russian state media fell by a third.")


@pytest.mark.parametrize("line", ["||", "|", "* * *", "___", "---"])
def test_lines_of_punctuation_are_table_debris(line):
    assert is_table_debris(line)


def test_a_number_is_not_table_debris():
    assert not is_table_debris("2014.")


# --- metadata: bylines, dates, credits ---------------------------------------


@pytest.mark.parametrize(
    "line",
    [
        "By AFP",
        "By Jane Doe, Reuters",
        "By JOHN DOE and JANE ROE",
        "by Martin Fornusek",
        "Dan Sabbagh Defence and security editor",
        "Associated Press",
        "Posted by admin on April 6, 2021",
        "Posted on April 6, 2021 by admin",
    ],
)
def test_bylines_are_recognised(line):
    assert is_byline(line)


@pytest.mark.parametrize(
    "line",
    ["By the end of the year, Ukraine hopes to join.", "By Tuesday evening the troops had withdrawn."],
)
def test_a_sentence_starting_with_by_is_not_a_byline(line):
    assert not is_byline(line)


@pytest.mark.parametrize(
    "line",
    [
        "April 06, 2021",
        "Tue 9 Jul 2024 05.00 BST",
        "06.04.2021 15:20",
        "2021-04-06",
        "Updated: April 6, 2021 10:15 AM",
    ],
)
def test_date_lines_are_recognised(line):
    assert is_date_line(line)


@pytest.mark.parametrize("line", ["In 2014, Russia annexed Crimea.", "Tuesday", "10:15"])
def test_a_sentence_with_a_year_is_not_a_date_line(line):
    assert not is_date_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Additional report by Katrina Manson in Washington",
        "(This article draws on reports from the Associated Press, Reuters, and AFP.)",
        "Reporting by Pavel Polityuk; Editing by Alex Richardson",
        "Associated Press writer Lorne Cook in Brussels contributed to this report.",
        "Copyright 2021 The Associated Press. All rights reserved.",
        "The post Zelensky Meets Stoltenberg appeared first on Global News Wire.",
        "Source: Reuters",
        "With AFP",
    ],
)
def test_credit_notes_are_recognised(line):
    assert is_credit_note(line)


def test_a_sentence_about_reporting_by_another_outlet_is_not_a_credit_note():
    sentence = (
        "Reporting by the Wall Street Journal found that the drones were assembled in Russia from "
        "Iranian parts shipped across the Caspian Sea, officials said."
    )
    assert not is_credit_note(sentence)


def test_byline_date_and_credits_are_kept_as_metadata_not_body_nor_removed():
    text = blank_separated(
        "# Ukraine Urges NATO to Speed Up Membership in 'Signal' to Moscow",
        "By [AFP](#)",
        "April 06, 2021",
        "Ukrainian President Volodymyr Zelenskiy on Tuesday urged NATO to speed up his country's membership.",
        "Additional reporting by Katrina Manson in Washington",
    )
    cleaned = clean(text, markdown=True)
    assert cleaned.meta_lines == [
        "By [AFP](#)",
        "April 06, 2021",
        "Additional reporting by Katrina Manson in Washington",
    ]
    assert cleaned.removed == []
    assert len(cleaned.paragraphs) == 1


def test_url_lines_are_recognised():
    assert is_url_line("<https://www.themoscowtimes.com/2021/04/06/a73491>")
    assert is_url_line("Original url:")
    assert not is_url_line("The ministry published the decree at https://www.kmu.gov.ua on Friday.")


# --- duplicates -------------------------------------------------------------


def test_a_paragraph_scraped_twice_is_kept_once():
    paragraph = "Ukraine's military said on Tuesday that two soldiers were shot dead on Monday."
    text = blank_separated(paragraph, paragraph.replace("'", "’"), "The conflict broke out in 2014.")
    cleaned = clean(text)
    assert cleaned.paragraphs == [paragraph, "The conflict broke out in 2014."]
    assert cleaned.removed == [paragraph.replace("'", "’")]


def test_a_short_refrain_far_apart_is_not_a_duplicate():
    text = blank_separated(
        "“Slava Ukraini,” he said.",
        "The crowd cheered as the president left the stage in central Kyiv.",
        "“Slava Ukraini,” he said.",
    )
    assert len(clean(text).paragraphs) == 3


# --- headline ---------------------------------------------------------------


def test_the_first_short_unpunctuated_line_is_the_headline():
    text = blank_separated(
        "Ukraine has pressed for speeding up NATO membership",
        "The Ukrainian president called on NATO to support the country's Membership Action Plan.",
    )
    cleaned = clean(text)
    assert cleaned.headline == "Ukraine has pressed for speeding up NATO membership"
    assert cleaned.paragraphs == [
        "The Ukrainian president called on NATO to support the country's Membership Action Plan."
    ]


def test_a_text_that_opens_with_a_full_sentence_has_no_headline():
    text = (
        "NATO chief Jens Stoltenberg pledged support for Ukraine during a visit to Kiev on Monday.\n"
        "More than 10,000 people have been killed since April 2014.\n"
    )
    cleaned = clean(text)
    assert cleaned.headline is None
    assert len(cleaned.paragraphs) == 2


def test_the_headline_comes_after_share_prompts():
    text = blank_separated(
        "WhatsApp Channel Join Now\nTelegram Group Join Now",
        "NATO Secretary General: Ukraine will one day join NATO",
        "NATO Secretary-General Jens Stoltenberg said on Tuesday that Ukraine will one day join NATO.",
    )
    assert clean(text).headline == "NATO Secretary General: Ukraine will one day join NATO"


def test_a_markdown_title_is_the_headline_and_a_label_above_it_is_dropped():
    text = blank_separated(
        "Europe",
        "# Ukraine Urges NATO to Speed Up Membership",
        "Zelenskiy spoke with Stoltenberg on Tuesday.",
    )
    cleaned = clean(text, markdown=True)
    assert cleaned.headline == "Ukraine Urges NATO to Speed Up Membership"
    assert cleaned.removed == ["Europe"]


def test_a_one_word_kicker_above_the_headline_is_dropped():
    text = blank_separated(
        "Opinion",
        "Why Ukraine needs a NATO invitation now",
        "Kyiv's allies have spent two years debating the question without an answer.",
    )
    cleaned = clean(text)
    assert cleaned.headline == "Why Ukraine needs a NATO invitation now"
    assert cleaned.removed == ["Opinion"]


def test_a_first_line_continued_in_lowercase_is_not_a_headline():
    text = "Ukraine's ground forces meanwhile announced\nexercises for 600 reservists in the south.\n"
    cleaned = clean(text)
    assert cleaned.headline is None
    assert cleaned.paragraphs == [
        "Ukraine's ground forces meanwhile announced exercises for 600 reservists in the south."
    ]


# --- subheadings ------------------------------------------------------------


def test_a_markdown_subheading_is_kept_as_a_heading_block():
    text = blank_separated(
        "The Pentagon said U.S. forces in Europe had raised their alert status.",
        "## **Two more soldiers killed**",
        "The Kremlin has not denied the troop movements.",
    )
    assert clean(text, markdown=True).paragraphs[1] == "## Two more soldiers killed"


def test_an_afp_dashed_subheading_is_kept_as_a_heading_block():
    text = (
        "The US and the European Union have imposed sanctions on Russia.\n"
        "- Path to membership? -\n"
        "Ukraine sees NATO accession as a way to bolster its defences.\n"
    )
    assert clean(text).paragraphs[1] == "## Path to membership?"


def test_a_short_unpunctuated_line_between_paragraphs_is_a_subheading():
    text = blank_separated(
        "Zelenskyy warned that Russian forces were preparing for a new attack.",
        "What comes next",
        "Diplomats expect the ministers to meet again in April.",
    )
    assert clean(text).paragraphs == [
        "Zelenskyy warned that Russian forces were preparing for a new attack.",
        "## What comes next",
        "Diplomats expect the ministers to meet again in April.",
    ]


def test_a_short_line_ending_in_and_is_half_a_sentence_not_a_subheading():
    text = (
        "Ukraine's air defence shot down 18 of 21 drones overnight.\n"
        "The drones were downed over Kharkiv, Poltava, and\n"
        "Dnipropetrovsk oblasts, according to the report.\n"
    )
    assert clean(text).paragraphs[-1] == (
        "The drones were downed over Kharkiv, Poltava, and Dnipropetrovsk oblasts, according to the report."
    )


# --- joining split paragraphs ----------------------------------------------


def test_a_paragraph_broken_after_a_preposition_is_joined():
    text = blank_separated(
        "The first incident took place near the city of Avdiivka and the second near the town of Zolote-4 in",
        "Lugansk region, the military's press service told AFP.",
    )
    assert clean(text).paragraphs == [
        "The first incident took place near the city of Avdiivka and the second near the town of Zolote-4 in "
        "Lugansk region, the military's press service told AFP."
    ]


def test_a_sentence_split_by_a_teaser_is_joined_across_it():
    text = blank_separated(
        "“We need to support Ukraine,” Stoltenberg said. Kuleba",
        "MUST READ: ☞\u00a0 Biden looked at the storm in California and promised to help",
        "welcomed the foreign ministers of the Nordic and Baltic countries to Kiev on Monday.",
    )
    cleaned = clean(text)
    assert cleaned.paragraphs == [
        "“We need to support Ukraine,” Stoltenberg said. Kuleba welcomed the foreign ministers of the "
        "Nordic and Baltic countries to Kiev on Monday."
    ]
    assert cleaned.removed == [
        "MUST READ: ☞\u00a0 Biden looked at the storm in California and promised to help"
    ]


def test_a_paragraph_ending_a_sentence_is_not_joined_to_the_next():
    text = blank_separated(
        "Stoltenberg said he expected a call from Kuleba.", "Kuleba welcomed the foreign ministers on Monday."
    )
    assert len(clean(text).paragraphs) == 2


def test_a_subheading_is_never_joined():
    text = blank_separated(
        "Moscow and Kiev have accused each other of being behind the renewed clashes.",
        "Fighting had subsided before the recent outbreak of violence, with a ceasefire agreed last year",
        "## Two more soldiers killed",
        "the military said on Tuesday.",
    )
    assert clean(text, markdown=True).paragraphs[2] == "## Two more soldiers killed"


@pytest.mark.parametrize(
    ("first", "second", "joined"),
    [
        ("the long-range missiles. Reinsaru", "promised generators, winter clothes, and food.", True),
        ("near the town of Zolote-4 in", "Lugansk region, the press service said.", True),
        ("the ministers agreed on three points:", "More sanctions, more weapons and more money.", False),
        ("Stoltenberg said he expected Kuleba.", "Kuleba said Ukraine's allies needed to do more.", False),
        ("“It's all they left behind,” he said", "Zelensky also noted the damage in Kherson.", False),
    ],
)
def test_should_join_decides_from_how_the_first_part_ends(first, second, joined):
    assert should_join(first, second, same_block=False, wrapped_text=False) is joined


def test_hard_wrapped_lines_of_one_paragraph_are_unwrapped():
    text = (
        "Ukraine's military said on Tuesday that two soldiers were shot dead on\n"
        "Monday after separatists opened fire on their positions.\n\n"
        "The conflict broke out in 2014 following Moscow's annexation of Crimea.\n"
    )
    assert clean(text).paragraphs[0] == (
        "Ukraine's military said on Tuesday that two soldiers were shot dead on "
        "Monday after separatists opened fire on their positions."
    )


def test_ends_sentence_looks_past_closing_quotes():
    assert ends_sentence("he faces. “")
    assert ends_sentence("“end the war within a day.”")
    assert not ends_sentence("Stoltenberg said. Kuleba")


# --- markdown ---------------------------------------------------------------


def test_inline_markdown_is_reduced_to_plain_text():
    assert reduce_markdown("By [AFP](#)") == "By AFP"
    assert reduce_markdown("**Related article:** [Are Russia and Ukraine Sliding Into War?](#)") == (
        "Related article: Are Russia and Ukraine Sliding Into War?"
    )
    assert reduce_markdown("<https://www.themoscowtimes.com>") == "https://www.themoscowtimes.com"
    assert reduce_markdown("Required fields are marked *") == "Required fields are marked *"


def test_plain_text_keeps_its_characters():
    text = blank_separated("He said [sic] the talks were *not* over.", "Officials said 2 ** 3 was a typo.")
    assert clean(text).paragraphs == [
        "He said [sic] the talks were *not* over.",
        "Officials said 2 ** 3 was a typo.",
    ]


def test_markdown_saved_as_plain_text_is_reduced_even_without_the_flag():
    text = blank_separated(
        "# Ukraine Urges NATO to Speed Up Membership",
        "He wrote on [Twitter](https://twitter.com/ZelenskyyUa) on Tuesday that he said **no**.",
    )
    cleaned = clean(text)
    assert cleaned.headline == "Ukraine Urges NATO to Speed Up Membership"
    assert cleaned.paragraphs == ["He wrote on Twitter on Tuesday that he said no."]


# --- other outlets, end to end ---------------------------------------------

AP_STORY = """Zelenskyy urges NATO to act as Russia masses troops near border

By JOHN DOE and JANE ROE
Associated Press

KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelenskyy on Tuesday urged NATO to speed up
his country's bid to join the alliance.

Ukrainian servicemen fire a howitzer near Bakhmut, Ukraine, Monday, May 15, 2023. (AP Photo/Libkos)

“We will not leave Ukraine,” NATO Secretary-General Jens Stoltenberg told reporters in Brussels.

___

Associated Press writer Lorne Cook in Brussels contributed to this report.

___

Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine
"""

REUTERS_STORY = """Ukraine says it shot down 18 Russian drones overnight
By Pavel Polityuk
April 6, 2023 10:15 AM UTC Updated ago
KYIV, April 6 (Reuters) - Ukraine's air force said on Thursday it had shot down 18 of 21 drones.
"The enemy attacked from the south," the air force said in a statement , opens new tab on Telegram.
Reporting by Pavel Polityuk; Editing by Alex Richardson
Our Standards: The Thomson Reuters Trust Principles., opens new tab
"""

GUARDIAN_STORY = """Nato to offer Ukraine ‘bridge’ to membership at Washington summit

Dan Sabbagh Defence and security editor
Tue 9 Jul 2024 05.00 BST

Volodymyr Zelenskiy at the Nato summit in Vilnius last year. Photograph: Mindaugas Kulbis/AP

Nato leaders will offer Ukraine a “bridge” to membership at their summit in Washington, diplomats said.

Explore more on these topics
Nato
Ukraine
Share
Reuse this content
"""

KYIV_INDEPENDENT_STORY = """Ukraine war latest: Ukraine downs 18 of 21 Russian drones overnight
by Martin Fornusek
April 6, 2024 8:35 PM 2 min read
Photo: Ukraine's Air Force
Ukraine's air defense shot down 18 of 21 Shahed drones overnight on April 6, the Air Force reported.
Read also: Ukraine's air defense is running out of missiles, officials warn
The drones were downed over Kharkiv, Poltava, and
Dnipropetrovsk oblasts, according to the report.
We've been working hard to bring you independent news from Ukraine. Consider supporting the Kyiv Independent.
Become a member Support us just once
"""

BLOG_REPOST = """Zelensky Meets Stoltenberg in Kyiv
Posted by admin on April 6, 2021
Home » World » Europe
NATO chief Jens Stoltenberg held talks with President Volodymyr Zelensky on Tuesday, the office said.
The post Zelensky Meets Stoltenberg in Kyiv appeared first on Global News Wire.
Share this:
Twitter
Facebook
Like this:
Like Loading...
Related
"""


def test_an_ap_story_keeps_its_dateline_and_quote_and_sets_credits_aside():
    cleaned = clean(AP_STORY)
    assert cleaned.headline == "Zelenskyy urges NATO to act as Russia masses troops near border"
    assert cleaned.paragraphs == [
        "KYIV, Ukraine (AP) — Ukrainian President Volodymyr Zelenskyy on Tuesday urged NATO to speed up "
        "his country's bid to join the alliance.",
        "“We will not leave Ukraine,” NATO Secretary-General Jens Stoltenberg told reporters in Brussels.",
    ]
    assert cleaned.meta_lines == [
        "By JOHN DOE and JANE ROE",
        "Associated Press",
        "Associated Press writer Lorne Cook in Brussels contributed to this report.",
    ]
    assert (
        "Follow AP's coverage of the war in Ukraine at https://apnews.com/hub/russia-ukraine"
        in cleaned.removed
    )


def test_a_reuters_story_loses_its_link_debris_and_trust_principles():
    cleaned = clean(REUTERS_STORY)
    assert cleaned.headline == "Ukraine says it shot down 18 Russian drones overnight"
    assert cleaned.paragraphs[1] == (
        '"The enemy attacked from the south," the air force said in a statement on Telegram.'
    )
    assert cleaned.meta_lines == [
        "By Pavel Polityuk",
        "April 6, 2023 10:15 AM UTC Updated ago",
        "Reporting by Pavel Polityuk; Editing by Alex Richardson",
    ]
    assert cleaned.removed == ["Our Standards: The Thomson Reuters Trust Principles., opens new tab"]


def test_a_guardian_story_loses_its_caption_and_topic_list():
    cleaned = clean(GUARDIAN_STORY)
    assert cleaned.headline == "Nato to offer Ukraine ‘bridge’ to membership at Washington summit"
    assert cleaned.paragraphs == [
        "Nato leaders will offer Ukraine a “bridge” to membership at their summit in Washington, "
        "diplomats said."
    ]
    assert cleaned.meta_lines == ["Dan Sabbagh Defence and security editor", "Tue 9 Jul 2024 05.00 BST"]


def test_a_kyiv_independent_story_loses_its_appeal_and_joins_its_split_sentence():
    cleaned = clean(KYIV_INDEPENDENT_STORY)
    assert cleaned.paragraphs == [
        "Ukraine's air defense shot down 18 of 21 Shahed drones overnight on April 6, "
        "the Air Force reported.",
        "The drones were downed over Kharkiv, Poltava, and Dnipropetrovsk oblasts, according to the report.",
    ]
    assert "Become a member Support us just once" in cleaned.removed


def test_a_blog_repost_loses_its_sharing_widgets_and_keeps_the_original_outlet_as_metadata():
    cleaned = clean(BLOG_REPOST)
    assert cleaned.headline == "Zelensky Meets Stoltenberg in Kyiv"
    assert len(cleaned.paragraphs) == 1
    assert cleaned.meta_lines == [
        "Posted by admin on April 6, 2021",
        "The post Zelensky Meets Stoltenberg in Kyiv appeared first on Global News Wire.",
    ]
    assert cleaned.removed[-1] == "Related"


# --- the five seeds ---------------------------------------------------------


def _gold() -> list[dict]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8")) if GOLD.exists() else []


needs_gold = pytest.mark.skipif(not GOLD.exists(), reason="needs ../shared/gold")


def _clean_seed(name: str):
    return clean((SEEDS / name).read_text(encoding="utf-8"))  # as read.py hands over a .txt seed


@needs_gold
@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["file"][:3])
def test_seed_boilerplate_is_gone_from_the_body(gold):
    body = norm(_clean_seed(gold["file"]).body)
    unwanted = (gold.get("boilerplate") or []) + (gold.get("body_must_not_contain") or [])
    assert [line for line in unwanted if norm(line) in body] == []


@needs_gold
@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["file"][:3])
def test_seed_quotes_stay_in_the_body(gold):
    body = norm(_clean_seed(gold["file"]).body)
    assert [q["text"] for q in gold.get("quotes") or [] if norm(q["text"])[:40] not in body] == []


@needs_gold
@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["file"][:3])
def test_seed_split_paragraphs_are_joined(gold):
    paragraphs = [norm(p) for p in _clean_seed(gold["file"]).paragraphs]
    missing = [j for j in gold.get("joined_paragraphs") or [] if not any(norm(j) in p for p in paragraphs)]
    assert missing == []


@needs_gold
@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["file"][:3])
def test_seed_headline_is_found_or_absent(gold):
    assert _clean_seed(gold["file"]).headline == gold.get("title")


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_seed_lines_removed_or_set_aside_are_kept_verbatim(path):
    text = path.read_text(encoding="utf-8")
    cleaned = clean(text)
    lines = [line for line in text.splitlines() if line.strip()]
    for line in cleaned.removed + cleaned.meta_lines:
        assert line in lines  # exactly as it stood
    assert len(cleaned.removed) + len(cleaned.meta_lines) + len(cleaned.paragraphs) <= len(lines)


def test_seed_004_keeps_the_blackouts_line_in_some_form():
    body = _clean_seed("004_22317460712b96cc.txt").body
    assert "Ukraine had to implement regular nationwide emergency blackouts" in body


def test_seed_002_metadata_holds_byline_date_and_address():
    meta = _clean_seed("002_0e4e21fef0fe375a.txt").meta_lines
    assert meta[:2] == ["By [AFP](#)", "April 06, 2021"]
    assert meta[-1].startswith("<https://www.themoscowtimes.com/2021/04/06/")


# --- cost -------------------------------------------------------------------


def test_a_thousand_word_article_cleans_in_milliseconds():
    text = (SEEDS / "004_22317460712b96cc.txt").read_text(encoding="utf-8")
    clean(text)
    start = time.perf_counter()
    for _ in range(20):
        clean(text)
    assert (time.perf_counter() - start) / 20 < 0.02


@pytest.mark.parametrize(
    "line",
    ["[a](" * 250_000, "**x " * 250_000, "Getty/AP " * 110_000, "word " * 200_000, ". " * 500_000],
    ids=["brackets", "stars", "slashes", "words", "dots"],
)
def test_a_megabyte_single_line_cleans_in_bounded_time(line):
    start = time.perf_counter()
    cleaned = clean(line, markdown=True)
    assert time.perf_counter() - start < 2.0
    assert len(cleaned.paragraphs) + len(cleaned.removed) == 1
