"""Cross-references behind the index pages: events merged across briefings, actors' pages."""

from __future__ import annotations

from generator.knowledge import Actor, KnowledgeBase, Topic
from generator.site.index import build_index


def record(slug, events=(), actors=(), date="2021-04-06", quotes=(), body="", topics=()):
    return {
        "slug": slug,
        "date": date,
        "events": [dict(e) for e in events],
        "actors": list(actors),
        "topics": list(topics),
        "quotes": list(quotes),
        "body": body,
        "summary": "",
        "story": None,
    }


def event(date, text):
    return {"date": date, "precision": "year" if len(date) == 4 else "month", "text": text}


def test_the_same_event_told_differently_is_one_chronology_entry():
    records = [
        record("a", [event("2014", "The annexation of Crimea")]),
        record("b", [event("2014", "The Crimean peninsula annexed by Moscow")]),
        record("c", [event("2014", "Russia’s occupation of Ukraine’s Crimean peninsula")]),
        record("d", [event("2014", "The conflict in eastern Ukraine and Russia's annexation of Crimea")]),
    ]
    events = build_index(records, KnowledgeBase()).events
    assert len(events) == 1
    assert events[0].text == "The annexation of Crimea"
    assert {r["slug"] for r in events[0].briefings} == {"a", "b", "c", "d"}


def test_different_events_of_one_year_stay_apart():
    records = [
        record("a", [event("2014", "The annexation of Crimea")]),
        record("b", [event("2014", "Government forces have battled separatists in the Donbass region")]),
        record("c", [event("2015", "The annexation of Crimea")]),
    ]
    events = build_index(records, KnowledgeBase()).events
    assert [(e.date, len(e.briefings)) for e in events] == [("2014", 1), ("2014", 1), ("2015", 1)]


def test_an_actor_page_lists_briefings_newest_first_with_the_sentence_naming_them():
    kb = KnowledgeBase(actors=[Actor("jens-stoltenberg", "Jens Stoltenberg", "person", ("Stoltenberg",))])
    records = [
        record(
            "old", actors=["jens-stoltenberg"], date="2017-07-10", body="Stoltenberg visited Kyiv. It rained."
        ),
        record(
            "new",
            actors=["jens-stoltenberg"],
            date="2022-11-29",
            quotes=[{"speaker": "Jens Stoltenberg", "text": "Russia has no veto power"}],
        ),
    ]
    page = build_index(records, kb).actors["jens-stoltenberg"]
    assert [r["slug"] for r in page.briefings] == ["new", "old"]
    assert page.sentence(page.briefings[0]) == "“Russia has no veto power”"
    assert page.sentence(page.briefings[1]) == "Stoltenberg visited Kyiv."
    assert page.quotes == [(records[1], "Russia has no veto power")]


def test_the_timeline_puts_briefings_beside_the_events_they_recall_oldest_first():
    records = [
        record("new", [event("2014", "The annexation of Crimea")], date="2021-04-06"),
        record("old", [event("2008", "The Bucharest summit promise")], date="2017-07-10"),
        record("undated", date=None),
    ]
    rows = build_index(records, KnowledgeBase()).timeline()
    assert [(r.date, r.event.text if r.event else r.record["slug"]) for r in rows] == [
        ("2008", "The Bucharest summit promise"),
        ("2014", "The annexation of Crimea"),
        ("2017-07-10", "old"),
        ("2021-04-06", "new"),
    ]


def test_an_actor_page_counts_who_is_named_with_them_and_their_topics_most_often_first():
    kb = KnowledgeBase(
        actors=[
            Actor("nato", "NATO", "organization"),
            Actor("ukraine", "Ukraine", "country"),
            Actor("finland", "Finland", "country"),
        ]
    )
    records = [
        record("a", actors=["nato", "ukraine"], topics=["nato-membership"]),
        record("b", actors=["nato", "ukraine", "finland"], topics=["nato-membership", "sanctions"]),
        record("c", actors=["nato", "finland"], topics=["sanctions"]),
        record("d", actors=["finland"], topics=["elections"]),
    ]
    page = build_index(records, kb).actors["nato"]
    assert page.named_with == [("finland", 2), ("ukraine", 2)]  # equal counts: by id
    assert page.topics == [("nato-membership", 2), ("sanctions", 2)]


def test_a_topic_page_counts_its_catalogued_actors_and_the_topics_told_with_it():
    kb = KnowledgeBase(
        actors=[Actor("nato", "NATO", "organization"), Actor("finland", "Finland", "country")],
        topics=[Topic("nato-membership", "NATO membership"), Topic("sanctions", "Sanctions")],
    )
    records = [
        record("a", actors=["nato", "finland"], topics=["nato-membership", "sanctions"]),
        record("b", actors=["nato", "uncatalogued"], topics=["nato-membership", "not-a-topic"]),
    ]
    page = build_index(records, kb).topics["nato-membership"]
    assert page.leading_actors == [("nato", 2), ("finland", 1)]
    assert page.related == [("sanctions", 1)]
