"""The JSON export under `api/`: every record, the actors and the topics, in stable bytes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from generator.site.export import json_bytes


@pytest.fixture(scope="module")
def api(built_site) -> Path:
    return built_site[0] / "output" / "api"


def load(api: Path, name: str):
    return json.loads((api / name).read_text(encoding="utf-8"))


def test_each_year_lists_its_briefings_in_brief_and_each_file_holds_one_whole(built_site, api):
    years = load(api, "years.json")
    assert [y["year"] for y in years] == sorted(y["year"] for y in years)  # oldest first
    briefings = [b for year in years for b in load(api, f"years/{year['year']}.json")]
    assert sum(y["count"] for y in years) == len(briefings) == 5
    for year in years:
        assert year["api_url"] == f"https://briefings.example.org/api/years/{year['year']}.json"
        slugs = [b["slug"] for b in load(api, f"years/{year['year']}.json")]
        assert slugs == sorted(slugs) and len(slugs) == year["count"]
    for briefing in briefings:
        md = built_site[0] / "content" / "briefings" / f"{briefing['slug']}.md"
        record = yaml.safe_load(md.read_text(encoding="utf-8").split("---\n")[1])
        assert briefing["title"] == record["title"] and briefing["url"] == record["url"]
        assert str(record.get("date") or "undated").startswith(
            next(y["year"] for y in years if briefing in load(api, f"years/{y['year']}.json"))
        )
        assert "body" not in briefing and "quotes" not in briefing  # the list stays small
        assert briefing["page_url"] == f"https://briefings.example.org/briefings/{briefing['slug']}/"
        whole = load(api, f"briefings/{briefing['slug']}.json")
        assert len(whole["body"]) > 500 and whole["api_url"] == briefing["api_url"]
        assert {k: v for k, v in whole.items() if k in briefing} == briefing


def all_briefings(api: Path) -> list[dict]:
    return [b for year in load(api, "years.json") for b in load(api, f"years/{year['year']}.json")]


def test_actors_json_counts_the_catalogued_actors_and_each_file_lists_their_briefings(api):
    briefings = all_briefings(api)
    actors = load(api, "actors.json")
    assert [a["id"] for a in actors] == sorted({i for b in briefings for i in b["actors"]})
    assert all("briefings" not in a for a in actors)  # the list stays small: counts only
    listed = next(a for a in actors if a["id"] == "jens-stoltenberg")
    stoltenberg = load(api, "actors/jens-stoltenberg.json")
    assert stoltenberg["name"] == "Jens Stoltenberg" and stoltenberg["kind"] == "person"
    naming_him = [b["slug"] for b in briefings if "jens-stoltenberg" in b["actors"]]
    assert stoltenberg["briefings"] == sorted(naming_him)
    assert listed == {k: v for k, v in stoltenberg.items() if k != "briefings"}
    assert listed["count"] == len(naming_him)
    assert listed["api_url"] == "https://briefings.example.org/api/actors/jens-stoltenberg.json"


def test_topics_json_counts_every_topic_and_each_file_lists_its_briefings(api):
    briefings = all_briefings(api)
    topics = {t["id"]: t for t in load(api, "topics.json")}
    assert "nato-membership" in topics
    for topic_id, topic in topics.items():
        tagged = sorted(b["slug"] for b in briefings if topic_id in b["topics"])
        assert topic["count"] == len(tagged)
        assert load(api, f"topics/{topic_id}.json")["briefings"] == tagged


def test_export_bytes_are_deterministic():
    expected = '{\n "a": "Київ",\n "b": [\n  2,\n  1\n ]\n}\n'.encode()  # keys sorted, UTF-8 kept
    assert json_bytes({"b": [2, 1], "a": "Київ"}) == expected


def test_a_list_has_one_compact_item_per_line():
    expected = '[\n{"a":1,"b":[2]},\n{"a":"Київ"}\n]\n'.encode()
    assert json_bytes([{"b": [2], "a": 1}, {"a": "Київ"}]) == expected
    assert json.loads(json_bytes([])) == []
