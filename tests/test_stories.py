"""Same-story clustering: two reports of one event share a story id; one subject does not."""

from __future__ import annotations

from collections import Counter
from itertools import combinations
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from generator import stories
from generator.cache import decode_pairs, encode_pairs
from generator.record import Briefing
from generator.stories import Similar, content_pairs, link_stories, similar_pairs, similar_pairs_after_adding

AFP = (
    "Ukrainian President Volodymyr Zelenskiy on Tuesday urged NATO to speed up his country's membership "
    "in the alliance, saying it was the only way to end fighting with pro-Russia separatists. Zelenskiy "
    "spoke with NATO Secretary General Jens Stoltenberg after an increase in clashes and Russian military "
    "movements on the border. He said Kiev was committed to defense reforms requested by the alliance. "
    "NATO is the only way to end the war in Donbass. Ukraine's MAP will be a real signal for Russia. "
    "Stoltenberg said he had called Zelenskiy to express serious concern about Russia's military "
    "activities in and around Ukraine and ongoing ceasefire violations."
)
REWRITE = (
    "The Ukrainian president called on NATO to support the country's Membership Action Plan, saying such "
    "signals would prevent Russian aggression. Volodymyr Zelensky made the remarks on Tuesday after "
    "discussing Russia's military build-up with NATO General Secretary Jens Stoltenberg. NATO is the only "
    "way to end the Donbass war. Ukraine's MAP will be a real signal for Russia, Zelensky said. "
    "I have called on President Zelensky to express serious concern about Russia's military activities "
    "in the vicinity of Ukraine and the ongoing ceasefire violations, Stoltenberg said."
)
OTHER = (
    "NATO Secretary-General Jens Stoltenberg said on Tuesday that Ukraine will one day join NATO, speaking "
    "at a meeting of foreign ministers in Bucharest. The United States announced $53 million in aid to "
    "repair the power grid after weeks of Russian missile strikes on energy infrastructure. Stoltenberg "
    "said Russia has no veto power over the alliance's enlargement."
)


def briefing(seed: str, body: str, date=None, source=None, confidence=0.0) -> Briefing:
    return Briefing(
        title="",
        body=body,
        seed=seed,
        seed_sha256=seed * 8,
        date=date,
        date_precision="day" if date else None,
        date_source=source,
        date_confidence=confidence,
    )


def test_two_reports_of_the_same_call_share_a_story():
    records = link_stories([briefing("a", AFP, "2021-04-06", "text", 0.9), briefing("b", REWRITE)])
    assert records[0].story and records[0].story == records[1].story


def test_an_undated_report_borrows_its_storys_date_as_inferred():
    records = link_stories([briefing("a", AFP, "2021-04-06", "text", 0.9), briefing("b", REWRITE)])
    assert (records[1].date, records[1].date_source) == ("2021-04-06", "inferred")
    assert records[0].date_source == "text"


def test_another_story_on_the_same_subject_stays_alone():
    records = link_stories([briefing("a", AFP), briefing("c", OTHER)])
    assert records[0].story is None and records[1].story is None


def test_firm_dates_far_apart_rule_out_the_same_story():
    records = link_stories(
        [briefing("a", AFP, "2021-04-06", "text", 0.9), briefing("b", REWRITE, "2019-01-10", "text", 0.9)]
    )
    assert records[0].story is None


def test_story_ids_are_stable_when_an_unrelated_briefing_arrives():
    first = link_stories([briefing("a", AFP), briefing("b", REWRITE)])
    second = link_stories([briefing("a", AFP), briefing("b", REWRITE), briefing("c", OTHER)])
    assert first[0].story == second[0].story


CHAIN = [
    "Estonia's foreign minister promised generators and winter clothes for Kharkiv hospitals.",
    "Latvian engineers began repairing the damaged substation near Odesa after overnight drone strikes.",
    "Polish farmers blocked border crossings again, protesting cheap grain imports from Ukraine.",
    "Romania opened a new rail corridor through Galati to carry Ukrainian wheat toward Constanta.",
    "Finnish officials closed the eastern frontier, citing migrants pushed across by Russian guards.",
    "Swedish prosecutors charged two men with sabotage of an undersea telecommunications cable.",
    "Norwegian gas deliveries to Germany reached a record as storage sites filled before winter.",
]


def test_stories_do_not_chain_a_one_subject_corpus_into_one_story():
    # Each briefing shares its second paragraph with the next one's first: neighbours are
    # similar, the ends of the chain have nothing in common.
    records = [briefing(f"{n}", f"{CHAIN[n]} {CHAIN[n + 1]}") for n in range(len(CHAIN) - 1)]
    linked = link_stories(records)
    sizes = [sum(r.story == s for r in linked) for s in {r.story for r in linked if r.story}]
    assert sizes and max(sizes) <= 2, sizes


def test_a_story_never_grows_beyond_the_size_of_one_events_coverage():
    from generator.stories import MAX_STORY_SIZE

    records = [briefing(f"{n:02d}", AFP + f" Update number {n}.") for n in range(MAX_STORY_SIZE + 5)]
    linked = link_stories(records)
    sizes = [sum(r.story == s for r in linked) for s in {r.story for r in linked if r.story}]
    assert max(sizes) == MAX_STORY_SIZE


# -- Finding similar pairs fast, and updating them, gives exactly what comparing all pairs gives --

# A few words, so that small texts share many word pairs, and a low frequency limit, so that
# pairs cross it: both are what the fast paths must get right.
WORDS = st.sampled_from(["nato", "kyiv", "grain", "talks", "envoy", "drone", "border", "aid", "vote"])
TEXTS = st.lists(st.lists(WORDS, max_size=30).map(" ".join), min_size=2, max_size=12)
LOW_FREQUENCY_LIMIT = 3


def all_pairs_compared(pairs: list[frozenset[str]]) -> list[Similar]:
    """The definition, one pair of briefings at a time: rare as of the later one's arrival."""
    out = []
    for i, j in combinations(range(len(pairs)), 2):
        a, b = pairs[i], pairs[j]
        frequency = Counter(p for doc in pairs[: j + 1] for p in doc)
        shared = len({p for p in a & b if frequency[p] <= stories.MAX_PAIR_DOCUMENT_FREQUENCY})
        score = len(a & b) / len(a | b) if a and b else 0.0
        if shared >= stories.MIN_SHARED_RARE_PAIRS and score >= stories.SIMILARITY_THRESHOLD:
            out.append(Similar(score, i, j, shared))
    return sorted(out, key=lambda s: (s.j, s.i))


@settings(max_examples=150, deadline=None)
@given(texts=TEXTS)
def test_similar_pairs_are_those_all_pairs_comparison_finds(texts):
    pairs = [content_pairs(t) for t in texts]
    with mock.patch.object(stories, "MAX_PAIR_DOCUMENT_FREQUENCY", LOW_FREQUENCY_LIMIT):
        assert similar_pairs(pairs) == all_pairs_compared(pairs)


@settings(max_examples=20, deadline=None)
@given(texts=TEXTS)
def test_candidates_scored_in_several_processes_give_the_pairs_one_process_finds(texts):
    pairs = [content_pairs(t) for t in texts]
    with (
        mock.patch.object(stories, "MAX_PAIR_DOCUMENT_FREQUENCY", LOW_FREQUENCY_LIMIT),
        mock.patch.object(stories, "SCORE_IN_PARALLEL_FROM", 1),
    ):
        assert similar_pairs(pairs) == all_pairs_compared(pairs)


@settings(max_examples=150, deadline=None)
@given(texts=TEXTS, data=st.data())
def test_similar_pairs_updated_for_added_briefings_are_those_found_afresh(texts, data):
    pairs = [content_pairs(t) for t in texts]
    added = sorted(data.draw(st.sets(st.sampled_from(range(len(pairs))), min_size=1, max_size=3)))
    kept = [i for i in range(len(pairs)) if i not in added]
    with mock.patch.object(stories, "MAX_PAIR_DOCUMENT_FREQUENCY", LOW_FREQUENCY_LIMIT):
        before = [s._replace(i=kept[s.i], j=kept[s.j]) for s in similar_pairs([pairs[i] for i in kept])]
        assert similar_pairs_after_adding(pairs, before, added) == similar_pairs(pairs)


@settings(max_examples=100, deadline=None)
@given(texts=TEXTS, data=st.data())
def test_pairs_as_the_cache_stores_them_give_the_similar_pairs_their_sets_give(texts, data):
    pairs = [content_pairs(t) for t in texts]
    stored = [decode_pairs(encode_pairs(p)).words for p in pairs]  # sorted arrays, not sets
    added = [len(pairs) - 1]
    with mock.patch.object(stories, "MAX_PAIR_DOCUMENT_FREQUENCY", LOW_FREQUENCY_LIMIT):
        before = similar_pairs(pairs[:-1])
        assert similar_pairs(stored) == similar_pairs(pairs)
        assert similar_pairs_after_adding(stored, before, added) == similar_pairs(pairs)


def test_a_word_pair_has_the_same_number_on_every_run():
    # Cached story pairs of earlier builds are compared with new ones: the number is a digest
    # of the words, never Python's per-process `hash`.
    assert stories.pair_number("membership", "action") == -8910174627682364765
    assert content_pairs("the Membership Action Plan") == {
        stories.pair_number("membership", "action"),
        stories.pair_number("action", "plan"),
    }


def story_sets(records: list[Briefing]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = {}
    for record in records:
        if record.story:
            groups.setdefault(record.story, set()).add(record.seed)
    return {frozenset(members) for members in groups.values()}


SENTENCES = [
    "Finnish border guards counted eleven hundred asylum seekers crossing from Russia overnight.",
    "Helsinki closed four eastern checkpoints and blamed Moscow for orchestrating the arrivals.",
    "Kremlin spokesman Dmitry Peskov rejected the accusation as groundless Russophobic propaganda.",
    "Estonian officials warned that Narva could face similar pressure before the winter holidays.",
    "Frontex agreed to send fifty officers and patrol cars to reinforce the Finnish frontier.",
    "Brussels promised emergency funding for surveillance towers along the Arctic crossings.",
    "Norwegian police reported no unusual movements at the Storskog station near Kirkenes.",
]


def test_a_newcomer_closer_to_a_later_report_does_not_take_it_from_its_story():
    s = SENTENCES
    first = briefing("000", " ".join(s[0:3]))
    second = briefing("001", " ".join(s[1:6]))  # shares two sentences with the first report
    newcomer = briefing("002", " ".join(s[3:7]))  # shares three with the second, none with the first
    assert story_sets(link_stories([first, second])) == {frozenset({"000", "001"})}
    assert story_sets(link_stories([first, second, newcomer])) == {frozenset({"000", "001"})}


# Reports made of runs of the same few sentences overlap a lot: stories form and compete.
REPORTS = st.lists(
    st.tuples(st.integers(0, 5), st.integers(2, 4)).map(lambda w: " ".join(SENTENCES[w[0] : w[0] + w[1]])),
    min_size=2,
    max_size=10,
)


@settings(max_examples=150, deadline=None)
@given(REPORTS)
def test_a_seed_that_arrives_last_leaves_every_published_story_as_it_was(texts):
    records = [briefing(f"{n:03d}", text) for n, text in enumerate(texts)]
    newcomer = records[-1].seed
    before = story_sets(link_stories(records[:-1]))
    after = story_sets(link_stories(records))
    joined = next((story for story in after if newcomer in story), None)
    assert {story for story in after if story != joined} <= before
    if joined:  # it joined a published story, or started one with a briefing that had none
        rest = joined - {newcomer}
        assert rest in before or (len(rest) == 1 and not any(rest <= story for story in before))
    assert before - after <= ({joined - {newcomer}} if joined else set())


@settings(max_examples=150, deadline=None)
@given(texts=TEXTS)
def test_a_briefing_that_arrives_last_changes_no_earlier_similar_pair(texts):
    pairs = [content_pairs(t) for t in texts]
    with mock.patch.object(stories, "MAX_PAIR_DOCUMENT_FREQUENCY", LOW_FREQUENCY_LIMIT):
        earlier = similar_pairs(pairs[:-1])
        now = [s for s in similar_pairs(pairs) if s.j < len(pairs) - 1]
    assert now == earlier


@settings(max_examples=150, deadline=None)
@given(REPORTS)
def test_placing_only_the_newcomers_gives_the_links_a_full_linking_gives(texts):
    records = [briefing(f"{n:03d}", text) for n, text in enumerate(texts)]
    pairs = [content_pairs(t) for t in texts]
    for placed in range(len(records)):
        before = stories.find_links(records[:placed], pairs[:placed])
        resumed = stories.find_links(records, pairs, resume=(placed, before))
        assert resumed == stories.find_links(records, pairs)
