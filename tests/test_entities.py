"""Actor matching: which people, organizations and places an article names, read like a spec."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from generator.extract.entities import EntityMatcher, credit_spans
from generator.knowledge import Actor, KnowledgeBase, RoleSpell

D = dt.date


def person(id_: str, name: str, *aliases: str, roles: tuple[RoleSpell, ...] = ()) -> Actor:
    return Actor(id_, name, "person", aliases, roles)


def thing(id_: str, name: str, kind: str, *aliases: str) -> Actor:
    return Actor(id_, name, kind, aliases)


KB = KnowledgeBase(
    actors=[
        person(
            "volodymyr-zelensky",
            "Volodymyr Zelensky",
            "Zelensky",
            "Zelenskiy",
            "Zelenskyy",
            roles=(RoleSpell("President of Ukraine", D(2019, 5, 20)),),
        ),
        person(
            "petro-poroshenko",
            "Petro Poroshenko",
            "Poroshenko",
            roles=(RoleSpell("President of Ukraine", D(2014, 6, 7), D(2019, 5, 20)),),
        ),
        person(
            "jens-stoltenberg",
            "Jens Stoltenberg",
            "Stoltenberg",
            roles=(RoleSpell("NATO Secretary General", D(2014, 10, 1), D(2024, 10, 1)),),
        ),
        person("mark-rutte", "Mark Rutte", roles=(RoleSpell("NATO Secretary General", D(2024, 10, 1)),)),
        person(
            "dmitry-peskov",
            "Dmitry Peskov",
            "Peskov",
            roles=(RoleSpell("Kremlin spokesman", D(2012, 5, 22)),),
        ),
        person("joe-biden", "Joe Biden", "Biden"),
        person("dmytro-kuleba", "Dmytro Kuleba"),  # surname deliberately not an alias
        person("urmas-reinsalu", "Urmas Reinsalu"),
        person("boris-johnson", "Boris Johnson"),
        person("lyndon-johnson", "Lyndon Johnson"),  # "Johnson" alone is ambiguous
        person("theresa-may", "Theresa May"),
        person("kristen-michal", "Kristen Michal"),
        person("james-cleverly", "James Cleverly", roles=(RoleSpell("UK Foreign Secretary", D(2022, 9, 6)),)),
        thing("nato", "NATO", "organization", "Natore"),
        thing("kremlin", "Kremlin", "organization"),
        thing("white-house", "White House", "organization"),
        thing("us-state-department", "U.S. State Department", "organization", "State Department"),
        thing("reuters", "Reuters", "organization"),
        thing("map", "Membership Action Plan", "organization", "MAP"),
        thing("ukraine", "Ukraine", "country"),
        thing("russia", "Russia", "country"),
        thing("united-states", "United States", "country", "US", "U.S."),
        thing("north-macedonia", "North Macedonia", "country"),
        thing("macedonia-region", "Macedonia", "place"),  # the Greek region: only when "North" is absent
        thing("kyiv", "Kyiv", "place", "Kiev"),
        thing("washington", "Washington", "place"),
    ],
    role_phrases={
        "President of Ukraine": ("Ukrainian president", "Ukraine's president"),
        "NATO Secretary General": ("NATO chief", "NATO Secretary General"),
        "Kremlin spokesman": ("Kremlin spokesman",),
        "President of Russia": ("Russian president",),  # nobody catalogued holds it
        "UK Foreign Secretary": ("UK foreign secretary",),
    },
)
MATCHER = EntityMatcher(KB)


def find(text: str, day: dt.date | None = None, exclude: tuple[str, ...] = ()):
    return MATCHER.find([p.strip() for p in text.strip().split("\n\n")], day, exclude)


# -- exact aliases, case and possessives ------------------------------------------------------------


def test_alias_matches_on_word_boundaries_only():
    found = find("Kyivstar, the mobile operator, said its network in Kyiv was down.")
    assert found.places == ["Kyiv"]
    assert [m.surface for m in found.mentions] == ["Kyiv"]


def test_acronym_also_matches_its_capitalized_spelling():
    found = find("A Nato official said on Tuesday that the alliance had an open door policy.")
    assert found.organizations == ["NATO"]


def test_lower_case_common_word_never_matches_an_acronym_or_a_surname():
    found = find("Let us know whether talks may resume, the ministry wrote to us.")
    assert found.places == []
    assert found.people == []


def test_acronym_written_as_acronym_matches():
    found = find("The US and the European Union have imposed sanctions on Russia.")
    assert found.places == ["United States", "Russia"]


@pytest.mark.parametrize(
    ("text", "surface", "name"),
    [
        ("Ukraine's MAP will be a real signal", "Ukraine's", "Ukraine"),
        ("“NATO’s door is open,” he said.", "NATO’s", "NATO"),
        ("about Russia’s military activities", "Russia’s", "Russia"),
        (
            "part of Ukrainian President Volodymyr Zelensky‘s “victory plan”",
            "Volodymyr Zelensky‘s",
            "Volodymyr Zelensky",
        ),
        ("Zelensky's office said", "Zelensky's", "Volodymyr Zelensky"),
    ],
)
def test_possessive_with_straight_or_curly_apostrophe_names_the_owner(text, surface, name):
    mention = find(text).mentions[0]
    assert (mention.surface, mention.name) == (surface, name)


def test_longest_alias_wins():
    found = find("He noted that North Macedonia and Montenegro recently joined the alliance.")
    assert found.places == ["North Macedonia"]


def test_longest_alias_wins_over_an_acronym_inside_it():
    found = find("The U.S. State Department said Monday that it had sought an explanation.")
    assert found.organizations == ["U.S. State Department"]
    assert found.places == []


def test_alias_spelling_variants_land_on_one_actor():
    found = find("Kiev has deepened its ties with NATO.\n\nThe plan was presented to parliament in Kyiv.")
    assert found.places == ["Kyiv"]
    assert found.actors == ["kyiv", "nato"]


def test_short_acronym_has_no_capitalized_variant():
    assert find("Map of the front line, as of Monday.").organizations == []
    assert find("Ukraine wants a MAP.").organizations == ["Membership Action Plan"]


def test_all_caps_headline_and_quoted_names_match():
    found = find("KYIV PLEDGES REFORMS\n\nUkraine Urges NATO to Speed Up Membership in 'Signal' to 'Moscow'")
    assert found.places == ["Kyiv", "Ukraine"]
    assert find("Zelensky calls 'Stoltenberg' back").people == ["Volodymyr Zelensky", "Jens Stoltenberg"]


def test_known_misprint_listed_as_alias_matches():
    found = find("Natore is also demanding reforms in Ukraine’s defense sector.")
    assert found.organizations == ["NATO"]


# -- places: demonyms are not places, the city as a modifier is ---------------------------------------


def test_demonym_adds_no_place():
    found = find("Two Ukrainian soldiers were killed in an attack by Russian-backed separatists.")
    assert found.places == []


def test_city_as_modifier_or_owner_adds_the_place():
    assert find("aid to the Kiev government in resisting the invasion").places == ["Kyiv"]
    assert find("Nataliia Galibarenko, Kyiv’s NATO ambassador told Reuters.").places == ["Kyiv"]


# -- surnames ------------------------------------------------------------------------------------------


def test_surname_listed_as_alias_matches_on_its_own():
    found = find("“We are committed to our close partnership,” Stoltenberg said.")
    assert found.people == ["Jens Stoltenberg"]


def test_surname_after_a_full_mention_is_that_person():
    found = find("Boris Johnson arrived in Kyiv on Saturday.\n\nJohnson said Britain would stand by Ukraine.")
    assert [(m.surface, m.name, m.how) for m in found.mentions if m.kind == "person"] == [
        ("Boris Johnson", "Boris Johnson", "alias"),
        ("Johnson", "Boris Johnson", "surname"),
    ]


def test_ambiguous_surname_before_any_full_mention_is_not_matched():
    found = find("Johnson said Britain would stand by Ukraine.\n\nBoris Johnson arrived in Kyiv.")
    assert [m.surface for m in found.mentions if m.kind == "person"] == ["Boris Johnson"]


def test_unlisted_surname_after_a_title_is_matched():
    found = find("Foreign Minister Kuleba will address his NATO counterparts.")
    assert [(m.surface, m.name, m.how) for m in found.mentions if m.kind == "person"] == [
        ("Kuleba", "Dmytro Kuleba", "title")
    ]


def test_unlisted_surname_without_title_or_full_mention_is_not_matched():
    assert find("Kuleba welcomed the foreign ministers of the Nordic and Baltic countries.").people == []


def test_surname_behind_another_first_name_is_someone_else():
    found = find("Hunter Biden said he would not testify.")
    assert found.actors == []
    assert found.people == ["Hunter Biden"]


def test_surname_behind_a_transliterated_first_name_is_the_same_person():
    found = find("Dmytro Kuleba arrived.\n\nDmitry Kuleba said the talks were useful.")
    assert found.people == ["Dmytro Kuleba"]
    assert found.mentions[-1].surface == "Dmitry Kuleba"


def test_titles_before_full_names():
    found = find(
        "NATO Secretary-General Jens Stoltenberg met Ukrainian Foreign Minister Dmytro Kuleba, "
        "and President Zelensky thanked them."
    )
    assert found.people == ["Jens Stoltenberg", "Dmytro Kuleba", "Volodymyr Zelensky"]


def test_surname_that_is_a_common_word_is_not_matched_in_lower_case():
    assert find("Talks may resume in May.").people == []


# -- roles ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "holder"),
    [(D(2017, 7, 10), "Petro Poroshenko"), (D(2021, 4, 6), "Volodymyr Zelensky")],
)
def test_role_phrase_resolves_to_the_holder_on_the_article_date(day, holder):
    found = find(
        "The Ukrainian president called on NATO to support the country’s Membership Action Plan.", day
    )
    role = found.mentions[0]
    assert (role.surface, role.name, role.how) == ("The Ukrainian president", holder, "role")


def test_role_phrase_without_a_date_is_the_current_holder():
    assert find("The NATO chief's trip came a day after the talks.").people == ["Mark Rutte"]


def test_role_phrase_with_no_single_holder_is_skipped():
    assert find("The Russian president has not commented.").people == []


def test_role_phrase_before_a_name_is_only_that_persons_title():
    found = find(
        "“It will not contribute to stability,” Kremlin spokesman Dmitry Peskov said.", D(2017, 7, 10)
    )
    assert [(m.surface, m.how) for m in found.mentions] == [("Kremlin", "alias"), ("Dmitry Peskov", "alias")]
    assert found.people == ["Dmitry Peskov"]
    assert found.organizations == ["Kremlin"]  # the body the spokesman speaks for is named


def test_role_phrase_in_apposition_describes_the_named_person():
    found = find("Jane Doe, the Kremlin spokesman, said Moscow was not threatening anyone.", D(2021, 4, 6))
    assert found.people == ["Jane Doe"]


def test_role_phrase_set_off_by_commas_before_a_name_is_that_persons_title():
    found = find("The UK foreign secretary, David Cameron, said London would send more.", D(2024, 4, 3))
    assert found.people == ["David Cameron"]


def test_kremlin_acting_on_its_own_is_an_organization():
    found = find("But the Kremlin has long been angered by NATO expansion.")
    assert found.organizations == ["Kremlin", "NATO"]


def test_indefinite_or_former_role_names_no_one_in_particular():
    text = "A Kremlin spokesman declined to comment, and the former Ukrainian president stayed silent."
    assert find(text, D(2021, 4, 6)).people == []


# -- misprints -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typo", "name"), [("Reinsaru", "Urmas Reinsalu"), ("Stoltenburg", "Jens Stoltenberg")]
)
def test_misprinted_long_surname_is_fuzzy_matched(typo, name):
    found = find(f"{typo} promised generators, winter clothes, and food.")
    assert [(m.surface, m.name, m.how) for m in found.mentions] == [(typo, name, "fuzzy")]


def test_short_names_are_never_fuzzy_matched():
    found = find("Nata said the Natos and Bidn were wrong.")
    assert found.mentions == []


def test_first_name_is_not_taken_for_a_misprinted_surname():
    found = find("Michael Kofman, a senior fellow at the Carnegie Endowment, said the front was stabilising.")
    assert found.people == ["Michael Kofman"]
    assert found.actors == []


def test_close_but_not_close_enough_is_only_a_near_miss():
    found = find("Peskow said the talks were over.")
    assert found.people == []
    assert [(s, n) for s, n, _ in found.near_misses] == [("Peskow", "Dmitry Peskov")]


def test_misspelled_country_is_not_fuzzy_matched_as_a_person():
    assert find("Stoltenberg said that Prussia and Russia continue to fail militarily.").places == ["Russia"]


# -- people the catalogue does not know ------------------------------------------------------------------


def test_uncatalogued_person_after_a_title_is_kept_as_written():
    text = (
        "In September, the Harris-Walz campaigns’ National Security Spokeswoman Morgan Finkelstein "
        "released a statement."
    )
    found = find(text)
    assert found.people == ["Morgan Finkelstein"]
    assert found.actors == []
    assert found.uncatalogued == [("Morgan Finkelstein", text)]


def test_uncatalogued_speaker_with_an_apposition_before_the_verb():
    found = find(
        "“Giving Ukraine (an) invitation is a political signal,” Nataliia Galibarenko, "
        "Kyiv’s NATO ambassador told Reuters."
    )
    assert found.people == ["Nataliia Galibarenko"]


def test_uncatalogued_speaker_after_the_verb():
    found = find('"We will not give up," said Olena Kovalenko, a 54-year-old teacher who fled Mariupol.')
    assert found.people == ["Olena Kovalenko"]


def test_uncatalogued_person_after_a_title_set_off_by_commas():
    found = find(
        "The German foreign minister, Annalena Baerbock, said Berlin was looking at what more it could do. "
        "The Pentagon press secretary, Maj Gen Pat Ryder, said the US was considering the request."
    )
    assert found.people == ["Annalena Baerbock", "Pat Ryder"]


def test_name_after_the_is_an_institution_not_a_person():
    assert find("Experts at the Carnegie Endowment said the front was stabilising.").people == []


def test_uncatalogued_source_after_according_to():
    assert find("According to Mykhailo Podolyak, an adviser, the talks stalled.").people == [
        "Mykhailo Podolyak"
    ]


def test_uncatalogued_names_with_particles_and_initials():
    found = find("Ursula von der Leyen said Europe stands with Ukraine. Lloyd J. Austin III said so too.")
    assert found.people == ["Ursula von der Leyen", "Lloyd J. Austin"]


def test_uncatalogued_surname_later_refers_back_to_the_full_name():
    found = find(
        "Spokeswoman Morgan Finkelstein released a statement.\n\nFinkelstein added that Kyiv would win."
    )
    assert [(m.surface, m.name, m.how) for m in found.mentions if m.kind == "person"] == [
        ("Morgan Finkelstein", "Morgan Finkelstein", "uncatalogued"),
        ("Finkelstein", "Morgan Finkelstein", "surname"),
    ]


def test_told_reuters_does_not_make_reuters_a_person():
    found = find("Estonian Foreign Minister Jane Doe told Reuters the visit sent a strong message.")
    assert found.people == ["Jane Doe"]
    assert found.organizations == ["Reuters"]


def test_capitalized_name_without_title_or_speech_is_not_guessed():
    assert find("Morgan Finkelstein released a statement in September.").people == []


@pytest.mark.parametrize(
    "text",
    [
        "The Ukrainian president called on NATO to support the country’s Membership Action Plan (MAP).",
        "Human Rights Watch said the strikes could amount to war crimes.",
        "Saudi Arabia said it was ready to mediate.",
        "Getty Images said the photo was genuine.",
        "The Associated Press reported that Moscow Times sources said the Kremlin was worried.",
        "German Defence Ministry said more tanks were coming.",
        "Leave a Reply. Source Link. Related Links.",
    ],
)
def test_capitalized_non_names_are_not_people(text):
    assert find(text, D(2021, 4, 6)).uncatalogued == []


# -- credits and reporters -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "credit",
    [
        "Sean Gallup/Getty Images",
        "(AP Photo/Efrem Lukatsky)",
        "Photo: Gleb Garanich/Reuters",
        "(Reporting by Pavel Polityuk; Editing by Alex Richardson)",
        "Additional report by Katrina Manson in Washington",
        "By Jane Smith and John Doe",
    ],
)
def test_names_in_credits_are_never_people(credit):
    found = find(f"Stoltenberg said Ukraine would join.\n\n{credit}")
    assert found.people == ["Jens Stoltenberg"]
    assert found.places == ["Ukraine"]  # not Washington, where the reporter was


def test_credit_spans_cover_the_credit_not_the_story():
    text = "Research by the Institute for the Study of War shows that Russian troops are regrouping."
    assert credit_spans(text) == []


def test_reporter_passed_as_byline_is_never_an_actor():
    found = find(
        "Katrina Manson said the talks were tense.\n\nManson added that Kyiv was calm.",
        exclude=("Katrina Manson",),
    )
    assert found.people == []
    assert found.uncatalogued == []


def test_excluding_a_reporter_keeps_other_people():
    found = find("Jens Stoltenberg said so, Katrina Manson reported.", exclude=("Katrina Manson",))
    assert found.people == ["Jens Stoltenberg"]


# -- the result -------------------------------------------------------------------------------------------


def test_mentions_are_in_text_order_and_lists_unique_by_kind():
    found = find(
        "Ukraine's president Volodymyr Zelensky spoke with NATO chief Jens Stoltenberg.\n\n"
        "Stoltenberg said NATO stands by Ukraine, and the White House agreed. Zelensky thanked Washington.",
        D(2021, 4, 6),
    )
    assert [(m.paragraph, m.start) for m in found.mentions] == sorted(
        (m.paragraph, m.start) for m in found.mentions
    )
    assert found.people == ["Volodymyr Zelensky", "Jens Stoltenberg"]
    assert found.organizations == ["NATO", "White House"]
    assert found.places == ["Ukraine", "Washington"]
    assert found.actors == [
        "ukraine",
        "volodymyr-zelensky",
        "nato",  # named in his title, "NATO chief"
        "jens-stoltenberg",
        "white-house",
        "washington",
    ]


def test_mention_offsets_point_into_the_original_paragraph():
    paragraph = "Zelenskiy spoke with NATO Secretary General Jens Stoltenberg after clashes in Donbas."
    for m in MATCHER.find([paragraph], D(2021, 4, 6)).mentions:
        assert paragraph[m.start : m.end] == m.surface


def test_a_thousand_word_article_takes_a_few_milliseconds():
    paragraph = (
        "Ukrainian President Volodymyr Zelensky on Tuesday urged NATO to speed up his country's membership, "
        "Kremlin spokesman Dmitry Peskov told reporters in Moscow, while Spokeswoman Morgan Finkelstein said "
        "the White House and the U.S. State Department stood by Kiev. Reinsaru promised generators. "
    )
    paragraphs = [paragraph] * (1000 // len(paragraph.split()) + 1)
    MATCHER.find(paragraphs, D(2021, 4, 6))
    start = time.perf_counter()
    for _ in range(20):
        MATCHER.find(paragraphs, D(2021, 4, 6))
    assert (time.perf_counter() - start) / 20 < 0.02  # generous for slow machines; ~2 ms here


# -- folding and the compiled catalogue ---------------------------------------------------------------


def test_fold_maps_every_foldable_character_as_the_table_says_and_keeps_the_length():
    from generator.extract.entities import FOLD, fold

    for code, to in FOLD.items():
        text = f"Zelens{chr(code)}kyy’s `x`"
        assert fold(text) == text.translate(FOLD), hex(code)
        assert len(fold(text)) == len(text)
        assert fold(text)[6] == to
    assert fold("Łukasz Wałęsa’s “plan”") == "Lukasz Walesa's “plan”"
    assert fold("plain ascii") == "plain ascii"


def test_the_catalogue_is_compiled_once_per_knowledge_base_version():
    def kb(fingerprint: str) -> KnowledgeBase:
        return KnowledgeBase(actors=[person("jens-stoltenberg", "Jens Stoltenberg")], fingerprint=fingerprint)

    assert EntityMatcher(kb("v1")).catalogue is EntityMatcher(kb("v1")).catalogue
    assert EntityMatcher(kb("v1")).catalogue is not EntityMatcher(kb("v2")).catalogue
    assert EntityMatcher(kb("")).catalogue is not EntityMatcher(kb("")).catalogue  # made in code: no key
