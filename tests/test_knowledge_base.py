"""The shipped knowledge base (`content/actors.yaml`, `content/topics.yaml`) and the loader's checks."""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from itertools import pairwise
from pathlib import Path

import pytest
import yaml

from generator.knowledge import KnowledgeBase, KnowledgeError, load_knowledge

from .conftest import ROOT, SHARED

CONTENT = ROOT / "content"

# The topics every briefing may be filed under; their ids and meanings are fixed by the contract.
REQUIRED_TOPICS = [
    ("nato-membership", "NATO membership",
     "Ukraine's (or another country's) path to joining NATO: MAP, invitations, accession, open-door policy, "
     "membership criteria."),
    ("nato-summit", "NATO summits and ministerials",
     "Summits and ministerial meetings of NATO (Bucharest 2008, Vilnius 2023, foreign ministers' meetings) "
     "and the NATO-Ukraine Commission."),
    ("russian-invasion", "Russia's full-scale invasion",
     "The war since February 2022: invasion, offensives, missile and drone strikes, occupation."),
    ("donbas-conflict", "War in Donbas",
     "The 2014-2022 conflict in eastern Ukraine with Russian-backed separatists, ceasefires, clashes on the "
     "line of contact."),
    ("crimea", "Crimea", "Russia's annexation and occupation of Crimea and the peninsula's status."),
    ("military-aid", "Military and financial aid",
     "Weapons, funding and equipment given to Ukraine by allies."),
    ("sanctions", "Sanctions", "Economic and political sanctions on Russia."),
    ("energy-infrastructure", "Energy infrastructure",
     "Attacks on and repair of power, water and heating systems; blackouts."),
    ("peace-talks", "Ceasefire and peace talks",
     "Negotiations, peace plans, ceasefire proposals, security guarantees."),
    ("us-politics", "US politics",
     "US administrations, elections and domestic debate as they bear on Ukraine and NATO."),
    ("defence-reform", "Defence reform",
     "Reforms of Ukraine's military and defence sector, often as a condition for membership."),
    ("nuclear", "Nuclear", "Nuclear weapons, threats, doctrine and nuclear plants in the war."),
    ("casualties", "Casualties", "Deaths and injuries of soldiers and civilians; death tolls."),
    ("humanitarian", "Humanitarian", "Civilian suffering, refugees, shelter, food and winter help."),
    ("eu-accession", "EU accession", "Ukraine's path to joining the European Union."),
]

# Canonical names the hand-made answers use, with the kind of actor each one is.
GOLD_NAMES = {
    "person": [
        "Volodymyr Zelensky", "Jens Stoltenberg", "Dmitry Peskov", "Vladimir Putin", "Joe Biden",
        "Petro Poroshenko", "Rex Tillerson", "Nataliia Galibarenko", "Kamala Harris", "Donald Trump",
        "Morgan Finkelstein", "Antony Blinken", "Dmytro Kuleba", "Urmas Reinsalu",
    ],
    "organization": ["NATO", "Kremlin", "White House", "U.S. State Department", "European Union", "Pentagon"],
    "country": [
        "Ukraine", "Russia", "United States", "United Kingdom", "Romania", "North Macedonia", "Montenegro",
        "Sweden", "Finland", "Norway", "Estonia", "Iceland", "Latvia", "Lithuania",
    ],
    "place": ["Donbas", "Crimea", "Kyiv", "Avdiivka", "Donetsk", "Zolote", "Luhansk", "Bucharest", "Kherson",
              "Mykolaiv", "Kursk"],
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(CONTENT)


def actor(kb: KnowledgeBase, name: str):
    return kb.by_name[name]


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


# -- the shipped files ---------------------------------------------------------------------------------


def test_the_shipped_knowledge_base_loads_with_actors_topics_and_role_phrases(kb):
    assert kb.actors and kb.topics and kb.role_phrases
    assert len(kb.fingerprint) == 64


def test_the_catalogue_holds_at_least_ninety_actors(kb):
    assert len(kb.actors) >= 90


@pytest.mark.parametrize(("topic_id", "name", "about"), REQUIRED_TOPICS, ids=[t[0] for t in REQUIRED_TOPICS])
def test_every_required_topic_keeps_its_id_name_and_meaning(kb, topic_id, name, about):
    topic = kb.topic_by_id[topic_id]
    assert (topic.name, topic.about) == (name, about)


@pytest.mark.skipif(not (SHARED / "topics.yaml").exists(), reason="needs ../shared")
def test_the_required_topics_here_are_those_of_the_shared_list():
    shared_ids = re.findall(r"(?m)^- id: (\S+)$", (SHARED / "topics.yaml").read_text(encoding="utf-8"))
    assert shared_ids == [t[0] for t in REQUIRED_TOPICS]


@pytest.mark.parametrize(
    ("kind", "name"), [(kind, name) for kind, names in GOLD_NAMES.items() for name in names]
)
def test_every_canonical_name_the_answers_use_is_an_actor_of_the_right_kind(kb, kind, name):
    assert actor(kb, name).kind == kind


def test_reporters_and_photographers_are_not_actors(kb):
    for name in ("Katrina Manson", "Sean Gallup"):
        assert name not in kb.by_name


def test_actor_ids_are_lowercase_hyphenated_ascii(kb):
    bad = [a.id for a in kb.actors if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", a.id)]
    assert bad == []


def test_wikidata_ids_look_like_wikidata_items(kb):
    bad = [(a.id, a.wikidata) for a in kb.actors if a.wikidata and not re.fullmatch(r"Q[1-9]\d*", a.wikidata)]
    assert bad == []


def test_every_person_has_a_one_line_description(kb):
    bad = [a.id for a in kb.actors if a.kind == "person" and (not a.description or "\n" in a.description)]
    assert bad == []


def test_no_mapping_in_the_knowledge_base_files_repeats_a_key():
    """PyYAML keeps the last of two equal keys silently: a repeated cue or `aliases` would vanish."""

    class StrictLoader(yaml.SafeLoader):
        def construct_mapping(self, node, deep=False):
            keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
            repeated = {k for k in keys if keys.count(k) > 1}
            assert not repeated, f"line {node.start_mark.line + 1}: repeated keys {repeated}"
            return super().construct_mapping(node, deep=deep)

    for name in ("actors.yaml", "topics.yaml"):
        yaml.load((CONTENT / name).read_text(encoding="utf-8"), Loader=StrictLoader)


# -- aliases -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "alias"),
    [
        ("Kyiv", "Kiev"),
        ("Luhansk", "Lugansk"),
        ("Donbas", "Donbass"),
        ("Mykolaiv", "Nikolaev"),
        ("Kharkiv", "Kharkov"),
        ("Odesa", "Odessa"),
        ("Zaporizhzhia", "Zaporozhye"),
        ("Dnipro", "Dnipropetrovsk"),
        ("NATO", "Nato"),
        ("NATO", "North Atlantic Treaty Organization"),
        ("NATO", "Natore"),
        ("Russia", "Russian Federation"),
        ("United States", "U.S."),
        ("United Kingdom", "Britain"),
        ("Volodymyr Zelensky", "Zelenskiy"),
        ("Volodymyr Zelensky", "Zelenskyy"),
        ("Urmas Reinsalu", "Reinsaru"),
        ("U.S. State Department", "State Department"),
    ],
)
def test_spelling_variants_short_forms_and_known_misprints_are_aliases(kb, name, alias):
    assert alias in actor(kb, name).aliases


@pytest.mark.parametrize("demonym", ["Ukrainian", "Russian", "American", "British", "Estonian", "Ukrainians"])
def test_demonyms_are_not_mentions_of_a_place(kb, demonym):
    names = {n.casefold() for a in kb.actors for n in a.names}
    assert demonym.casefold() not in names


def test_a_person_known_by_two_surnames_does_not_share_one_with_a_relative(kb):
    owners = [a.name for a in kb.actors if "Biden" in a.aliases]
    assert owners == ["Joe Biden"]


# -- roles ---------------------------------------------------------------------------------------------


def test_every_role_phrase_names_a_role_that_someone_holds(kb):
    held = {spell.role for a in kb.actors for spell in a.roles}
    assert set(kb.role_phrases) - held == set()


def test_no_role_phrase_names_two_roles(kb):
    owners = defaultdict(set)
    for role, phrases in kb.role_phrases.items():
        for phrase in phrases:
            owners[phrase.casefold()].add(role)
    assert {p: r for p, r in owners.items() if len(r) > 1} == {}


def test_no_role_phrase_is_also_an_actor_name(kb):
    names = {n.casefold() for a in kb.actors for n in a.names}
    phrases = {p.casefold() for ps in kb.role_phrases.values() for p in ps}
    assert phrases & names == set()


def test_every_role_spell_starts_before_it_ends(kb):
    bad = [(a.id, s.role) for a in kb.actors for s in a.roles if s.start and s.end and s.start >= s.end]
    assert bad == []


def test_a_role_has_at_most_one_holder_at_any_time(kb):
    spells = defaultdict(list)
    for a in kb.actors:
        for s in a.roles:
            spells[s.role].append((s.start or dt.date.min, s.end or dt.date.max, a.id))
    overlaps = []
    for role, found in spells.items():
        found.sort()
        for (_, end, first), (start, _, second) in pairwise(found):
            if start < end:
                overlaps.append((role, first, second))
    assert overlaps == []


@pytest.mark.parametrize(
    ("role", "on", "holder"),
    [
        ("President of Ukraine", "2021-04-06", "Volodymyr Zelensky"),
        ("President of Ukraine", "2017-07-10", "Petro Poroshenko"),
        ("President of Ukraine", "2019-05-20", "Volodymyr Zelensky"),  # the day of the handover
        ("NATO Secretary General", "2022-11-29", "Jens Stoltenberg"),
        ("NATO Secretary General", "2025-01-01", "Mark Rutte"),
        ("NATO Secretary General", "2012-06-01", "Anders Fogh Rasmussen"),
        ("Kremlin spokesman", "2021-04-06", "Dmitry Peskov"),
        ("US Secretary of State", "2017-07-09", "Rex Tillerson"),
        ("US Secretary of State", "2022-11-29", "Antony Blinken"),
        ("Foreign Minister of Ukraine", "2022-11-29", "Dmytro Kuleba"),
        ("Foreign Minister of Estonia", "2022-11-29", "Urmas Reinsalu"),
        ("Ukraine's ambassador to NATO", "2024-10-01", "Nataliia Galibarenko"),
        ("President of the United States", "2024-10-01", "Joe Biden"),
        ("President of the United States", "2017-07-10", "Donald Trump"),
        ("President of the United States", "2025-06-01", "Donald Trump"),
        ("Vice President of the United States", "2024-10-01", "Kamala Harris"),
    ],
)
def test_the_holder_of_a_role_on_a_day(kb, role, on, holder):
    assert [a.name for a in kb.holders(role, day(on))] == [holder]


def test_a_role_left_vacant_between_holders_has_no_holder(kb):
    assert kb.holders("Ukraine's ambassador to NATO", day("2020-06-01")) == []


# -- topics --------------------------------------------------------------------------------------------


def test_every_topic_has_cues_with_positive_weights_and_a_positive_threshold(kb):
    for topic in kb.topics:
        assert topic.cues, topic.id
        assert topic.threshold > 0, topic.id
        assert all(weight > 0 for _, weight in topic.cues), topic.id


def test_a_cue_wildcard_stands_only_at_the_end_of_a_word(kb):
    bad = [(t.id, p) for t in kb.topics for p, _ in t.cues if "*" in p.rstrip("*") or p.endswith(" *")]
    assert bad == []


def test_cues_are_written_without_apostrophes_because_texts_spell_them_two_ways(kb):
    bad = [(t.id, p) for t in kb.topics for p, _ in t.cues if re.search("['\u2019]", p)]
    assert bad == []


@pytest.mark.skipif(not (SHARED / "gold" / "seeds.yaml").exists(), reason="needs ../shared")
def test_the_cues_give_the_five_seeds_their_hand_made_topics(kb):
    from generator.clean import clean
    from generator.extract.topics import TopicScorer

    scorer = TopicScorer(kb)
    for answer in yaml.safe_load((SHARED / "gold" / "seeds.yaml").read_text(encoding="utf-8")):
        raw = (SHARED / "seeds" / answer["file"]).read_text(encoding="utf-8")
        cleaned = clean(raw, markdown=raw.lstrip().startswith("#"))
        text = "\n\n".join([cleaned.headline or "", cleaned.body])
        assert scorer.assign(text) == [t.id for t in kb.topics if t.id in answer["topics"]], answer["file"]


# -- the loader's checks, on small files ---------------------------------------------------------------


def write(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def failure(directory: Path) -> str:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(directory)
    return str(caught.value)


ZELENSKY_AND_KYIV = """\
actors:
  - id: volodymyr-zelensky
    name: Volodymyr Zelensky
    kind: person
    aliases: [Zelensky]
  - id: kyiv
    name: Kyiv
    kind: place
    aliases: [Kiev]
"""


def entry(actor_id: str, name: str, kind: str, more: str = "") -> str:
    """One actor entry of `actors.yaml`, four lines plus `more`."""
    return f"  - id: {actor_id}\n    name: {name}\n    kind: {kind}\n{more}"


def test_small_valid_files_load(tmp_path):
    write(tmp_path, "actors.yaml", ZELENSKY_AND_KYIV)
    write(tmp_path, "topics.yaml", "- id: crimea\n  name: Crimea\n  cues: {crimea: 2, annex*: 1}\n")
    kb = load_knowledge(tmp_path)
    assert [a.id for a in kb.actors] == ["volodymyr-zelensky", "kyiv"]
    assert kb.topics[0].cues == (("crimea", 2.0), ("annex*", 1.0))


def test_a_duplicate_actor_id_fails_naming_the_file_and_the_line_of_the_second_entry(tmp_path):
    path = write(tmp_path, "actors.yaml", ZELENSKY_AND_KYIV + entry("kyiv", "Kiev city", "place"))
    message = failure(tmp_path)
    assert f"{path}:10:" in message
    assert "duplicate actor id 'kyiv'" in message and "line 6" in message


def test_an_alias_claimed_by_two_actors_fails_naming_the_line_of_the_second(tmp_path):
    path = write(
        tmp_path, "actors.yaml",
        ZELENSKY_AND_KYIV + entry("kyiv-oblast", "Kyiv region", "place", "    aliases: [kiev]\n"),
    )
    message = failure(tmp_path)
    assert f"{path}:10:" in message
    assert "'kyiv-oblast'" in message and "'kyiv'" in message


def test_an_alias_equal_to_another_actors_name_fails(tmp_path):
    path = write(tmp_path, "actors.yaml", ZELENSKY_AND_KYIV + entry("kiev", "Kiev", "place"))
    assert f"{path}:10:" in failure(tmp_path)


def test_an_alias_repeated_within_one_actor_is_allowed(tmp_path):
    kyiv = entry("kyiv", "Kyiv", "place", "    aliases: [Kyiv, Kiev]\n")
    write(tmp_path, "actors.yaml", "actors:\n" + kyiv)
    assert load_knowledge(tmp_path).by_id["kyiv"].aliases == ("Kiev",)


def test_an_unknown_kind_fails_naming_the_line_and_the_kinds_allowed(tmp_path):
    path = write(tmp_path, "actors.yaml", ZELENSKY_AND_KYIV + entry("azov", "Azov", "unit"))
    message = failure(tmp_path)
    assert f"{path}:10:" in message
    assert "unknown kind 'unit'" in message and "person" in message


def test_a_role_date_that_is_not_a_day_fails_naming_the_actor_line(tmp_path):
    path = write(
        tmp_path, "actors.yaml",
        "actors:\n  - id: a\n    name: A\n    kind: person\n    roles:\n      - {role: X, from: May 2019}\n",
    )
    assert f"{path}:2:" in failure(tmp_path)


def test_bad_yaml_fails_naming_the_line_of_the_problem(tmp_path):
    path = write(tmp_path, "actors.yaml", "actors:\n  - id: kyiv\n    name: [Kyiv\n    kind: place\n")
    message = failure(tmp_path)
    assert message.startswith(f"{path}:")
    assert "not valid YAML" in message
    assert re.match(rf"{re.escape(str(path))}:[45]:", message)


def test_bad_yaml_in_the_topics_file_names_that_file(tmp_path):
    path = write(tmp_path, "topics.yaml", "- id: crimea\n  name: Crimea\n  cues: {crimea: 2\n")
    assert failure(tmp_path).startswith(f"{path}:")


def test_a_duplicate_topic_id_fails_naming_the_line_of_the_second(tmp_path):
    path = write(
        tmp_path, "topics.yaml",
        "- id: crimea\n  name: Crimea\n  cues: {crimea: 2}\n- id: crimea\n  name: Crimea again\n  cues: {}\n",
    )
    message = failure(tmp_path)
    assert f"{path}:4:" in message and "duplicate topic id" in message


def test_cue_weights_that_are_not_numbers_fail(tmp_path):
    path = write(tmp_path, "topics.yaml", "- id: crimea\n  name: Crimea\n  cues: {crimea: strong}\n")
    assert f"{path}:1:" in failure(tmp_path)



def test_a_threshold_that_is_not_a_number_fails_naming_the_line(tmp_path):
    path = write(tmp_path, "topics.yaml", "- id: crimea\n  name: Crimea\n  threshold: high\n  cues: {a: 2}\n")
    assert f"{path}:1:" in failure(tmp_path)



def test_an_empty_threshold_fails_naming_the_line(tmp_path):
    path = write(tmp_path, "topics.yaml", "- id: crimea\n  name: Crimea\n  threshold:\n  cues: {a: 2}\n")
    assert f"{path}:1:" in failure(tmp_path)



def test_roles_written_as_a_list_fail_naming_the_file(tmp_path):
    path = write(tmp_path, "actors.yaml", "roles:\n  - President of Ukraine\nactors: []\n")
    assert f"{path}:" in failure(tmp_path)


def test_a_repeated_key_is_an_error_naming_its_line(tmp_path):
    (tmp_path / "actors.yaml").write_text(
        "actors:\n  - id: x\n    name: X\n    kind: person\n    aliases: [A]\n    aliases: [B]\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match=r"actors.yaml:6: key 'aliases' is repeated"):
        load_knowledge(tmp_path)
