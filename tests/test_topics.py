"""Topic scoring: which topics an article is about, and the cues that say so."""

from __future__ import annotations

from generator.extract.topics import TopicScore, TopicScorer
from generator.knowledge import KnowledgeBase, Topic

KB = KnowledgeBase(
    topics=[
        Topic(
            "nato-membership",
            "NATO membership",
            threshold=4,
            cues=(("Membership Action Plan", 3), ("NATO membership", 2), ("accession", 2), ("membership", 1)),
        ),
        Topic("crimea", "Crimea", threshold=3, cues=(("annex* Crimea", 3), ("Crimea*", 1), ("peninsula", 1))),
        Topic(
            "russian-invasion",
            "Russia's full-scale invasion",
            cues=(("full-scale invasion", 3), ("invad*", 1)),
        ),
        Topic("casualties", "Casualties", threshold=2, cues=(("killed", 1), ("death toll", 2))),
        Topic("eu-accession", "EU accession", cues=(("Ukraine's accession", 2), ("accession", 1))),
    ]
)
SCORER = TopicScorer(KB)


def by_id(text: str) -> dict[str, TopicScore]:
    return {s.id: s for s in SCORER.score(text)}


def test_cues_match_whole_words_in_any_case():
    scores = by_id("Ukraine has pressed for speeding up nato MEMBERSHIP.")
    assert scores["nato-membership"].cues == (("NATO membership", 1), ("membership", 1))
    assert "nato-membership" not in by_id("The memberships of the clubs were renewed.")


def test_trailing_star_matches_any_word_ending():
    scores = by_id("Moscow invaded in 2022, is still invading, and the invaders dug in.")
    assert scores["russian-invasion"].cues == (("invad*", 3),)


def test_word_without_star_needs_the_whole_word():
    assert "casualties" not in by_id("The killers were never found.")


def test_star_within_a_phrase_matches_each_form():
    scores = by_id("Before annexing Crimea in 2014 ... Russia annexed Crimea, then the annexation of Crimea.")
    assert dict(scores["crimea"].cues)["annex* Crimea"] == 2


def test_score_is_weight_times_count_capped_at_three():
    text = "Soldiers were killed. " * 5
    assert by_id(text)["casualties"].score == 3.0
    assert by_id(text)["casualties"].cues == (("killed", 5),)


def test_topic_is_assigned_at_its_threshold_and_not_below():
    assert by_id("Two soldiers were killed on Monday and four killed last month.")["casualties"].assigned
    assert not by_id("Two soldiers were killed on Monday.")["casualties"].assigned


def test_each_cue_counts_on_its_own_even_inside_a_longer_cue():
    scores = by_id("Kyiv asked for NATO membership.")
    assert scores["nato-membership"].cues == (("NATO membership", 1), ("membership", 1))
    assert scores["nato-membership"].score == 3.0


def test_topics_count_the_same_words_independently():
    scores = by_id("Stoltenberg said Ukraine's accession to NATO would come.")
    assert scores["eu-accession"].cues == (("Ukraine's accession", 1), ("accession", 1))
    assert scores["nato-membership"].cues == (("accession", 1),)


def test_hyphenated_compound_is_one_word():
    assert "casualties" not in by_id("Soldiers-killed counts were disputed.")
    assert "russian-invasion" not in by_id("The Kremlin-invaded regions voted.")


def test_hyphenated_and_possessive_cues_match_with_curly_apostrophes():
    scores = by_id("Russia launched its full-scale invasion in February; Ukraine’s accession stalled.")
    assert scores["russian-invasion"].cues == (("full-scale invasion", 1),)
    assert dict(scores["eu-accession"].cues)["Ukraine's accession"] == 1


def test_score_lists_every_topic_with_a_cue_best_first():
    scores = SCORER.score(
        "Ukraine wants a Membership Action Plan and NATO membership. Crimea was annexed in 2014."
    )
    assert [s.id for s in scores] == ["nato-membership", "crimea"]
    assert scores[0] == TopicScore(
        "nato-membership",
        7.0,
        (("Membership Action Plan", 1), ("NATO membership", 1), ("membership", 2)),
        True,
    )
    assert scores[1].assigned is False


def test_text_without_cues_scores_nothing():
    assert SCORER.score("The weather in Lisbon was mild on Sunday.") == []
    assert SCORER.assign("") == []


def test_assign_returns_topic_ids_in_knowledge_base_order():
    text = (
        "Russia's full-scale invasion began in 2022. Russia annexed Crimea in 2014 and holds the peninsula. "
        "Ukraine's accession to the EU and its Membership Action Plan with NATO were discussed."
    )
    assert SCORER.assign(text) == ["nato-membership", "crimea", "russian-invasion", "eu-accession"]


def test_among_many_cues_only_those_in_the_article_fire():
    scorer = TopicScorer(
        KnowledgeBase(
            topics=[
                Topic(f"t{i}", f"T{i}", cues=tuple((f"word{i}{j}*", 1) for j in range(20)) + (("NATO", 1),))
                for i in range(30)
            ]
        )
    )
    text = "NATO membership for Ukraine was discussed by the foreign ministers in Bucharest. " * 80
    scores = scorer.score(text)
    assert [s.id for s in scores] == [f"t{i}" for i in range(30)]  # ties in knowledge-base order
    assert {s.cues for s in scores} == {(("NATO", 80),)}
