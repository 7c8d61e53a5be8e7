"""The extraction cache: a rebuild re-extracts only what changed, and never serves a stale record."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from generator import cache as cache_module
from generator import digests, pipeline
from generator.cache import ExtractionCache, decode_record, decode_similar, encode_record, encode_similar
from generator.record import Briefing, Event, Figure, Quote
from generator.stories import Similar
from generator.warm import Warm

from .conftest import copy_project


@pytest.fixture
def project(tmp_path):
    root = copy_project(tmp_path / "p")
    return root, root / "content", ExtractionCache(tmp_path / "cache.sqlite")


def seeds_of(content):
    return pipeline.list_seeds(content / "seeds")


def count_extractions(monkeypatch) -> list:
    calls = []
    real = pipeline.process_seed

    def counting(path, *args, **kwargs):
        calls.append(path.name)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "process_seed", counting)
    return calls


def test_an_unchanged_seed_is_not_extracted_again(project, monkeypatch):
    root, content, cache = project
    first = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    calls = count_extractions(monkeypatch)
    second = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert calls == []
    assert [r.to_dict() for r in second.records] == [r.to_dict() for r in first.records]


def test_a_changed_seed_or_sidecar_is_extracted_again_and_only_it(project, monkeypatch):
    root, content, cache = project
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    seed = content / "seeds" / "004_22317460712b96cc.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\nOne more line of text.\n", encoding="utf-8")
    (content / "seeds" / "002_0e4e21fef0fe375a.yaml").write_text("title: Corrected\n", encoding="utf-8")
    calls = count_extractions(monkeypatch)
    result = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert sorted(calls) == ["002_0e4e21fef0fe375a.txt", "004_22317460712b96cc.txt"]
    assert any(r.title == "Corrected" for r in result.records)


def test_a_changed_knowledge_base_re_extracts_everything(project, monkeypatch):
    root, content, cache = project
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    with open(content / "actors.yaml", "a", encoding="utf-8") as kb:
        kb.write("  - {id: jane-roe, name: Jane Roe, kind: person}\n")
    calls = count_extractions(monkeypatch)
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert len(calls) == 5


def test_bad_seeds_are_never_cached_and_report_every_time(project):
    root, content, cache = project
    (content / "seeds" / "100_empty.txt").write_bytes(b"")
    for _ in range(2):
        result = pipeline.extract_seeds(seeds_of(content), root, content, cache)
        assert len(result.problems) == 1 and "100_empty.txt" in result.problems[0]


def test_a_record_comes_back_from_the_cache_field_for_field():
    record = Briefing(
        title="Zelensky « urges » NATO",
        date="2021-04-06",
        date_precision="day",
        date_source="text",
        date_confidence=0.9,
        wire=["AFP"],
        people=["Volodymyr Zelensky"],
        quotes=[Quote("Volodymyr Zelensky", "NATO is the only way.")],
        figures=[Figure("53", "million dollars", "aid")],
        events=[Event("2021-04-06", "day", "A call with Stoltenberg.")],
        story="story-abc",
        body="Body\n\nparagraphs",
        removed=["Share this"],
        byline=None,
    )
    assert decode_record(encode_record(record)).to_dict() == record.to_dict()


def test_an_unchanged_build_links_no_stories_again(project, monkeypatch):
    root, content, cache = project
    first = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    monkeypatch.setattr(pipeline, "find_links", None)  # any linking would fail
    second = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert [r.to_dict() for r in second.records] == [r.to_dict() for r in first.records]


def test_an_added_seed_updates_the_last_linking_to_what_a_fresh_build_finds(project, monkeypatch):
    root, content, cache = project
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    seeds = content / "seeds"
    shutil.copy(seeds / "004_22317460712b96cc.txt", seeds / "005_another_outlets_copy.txt")
    monkeypatch.setattr(pipeline, "similar_pairs", None)  # finding all similar pairs afresh would fail
    updated = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    monkeypatch.undo()
    fresh = pipeline.extract_seeds(seeds_of(content), root, content)
    assert [r.to_dict() for r in updated.records] == [r.to_dict() for r in fresh.records]
    assert updated.records[-1].story and updated.records[-1].story == updated.records[-2].story


def test_an_added_seed_appends_to_the_stored_similar_pairs_what_a_fresh_build_stores(project, tmp_path):
    root, content, cache = project
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    seeds = content / "seeds"
    shutil.copy(seeds / "004_22317460712b96cc.txt", seeds / "005_another_outlets_copy.txt")
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    fresh = ExtractionCache(tmp_path / "fresh.sqlite")
    pipeline.extract_seeds(seeds_of(content), root, content, fresh)
    appended = cache.last_linking().similar
    assert appended == fresh.last_linking().similar
    assert decode_similar(appended)[-1].j == 5  # the copy's pair with its original came last


def test_a_removed_seed_leaves_the_stories_a_fresh_build_finds(project):
    root, content, cache = project
    seeds = content / "seeds"
    shutil.copy(seeds / "004_22317460712b96cc.txt", seeds / "005_another_outlets_copy.txt")
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    (seeds / "005_another_outlets_copy.txt").unlink()
    linked = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    fresh = pipeline.extract_seeds(seeds_of(content), root, content)
    assert [r.to_dict() for r in linked.records] == [r.to_dict() for r in fresh.records]


def test_a_new_linker_makes_the_story_pairs_again_once(project, monkeypatch):
    root, content, cache = project
    first = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    monkeypatch.setattr(cache_module, "stories_version", lambda: "a newer linker")
    calls = []
    real = pipeline.story_pairs
    monkeypatch.setattr(pipeline, "story_pairs", lambda record: calls.append(record.seed) or real(record))
    second = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    third = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert len(calls) == len(first.records)  # the second build, not the third
    assert [r.to_dict() for r in third.records] == [r.to_dict() for r in second.records]
    assert [r.to_dict() for r in second.records] == [r.to_dict() for r in first.records]


def test_records_finished_before_an_interruption_are_kept(project, monkeypatch):
    root, content, cache = project
    monkeypatch.setattr(pipeline, "CACHE_BATCH", 2)
    real = pipeline.process_seed

    def interrupted_at_the_fourth(path, *args, **kwargs):
        if path.name.startswith("003_"):
            raise KeyboardInterrupt
        return real(path, *args, **kwargs)

    monkeypatch.setattr(pipeline, "process_seed", interrupted_at_the_fourth)
    with pytest.raises(KeyboardInterrupt):
        pipeline.extract_seeds(seeds_of(content), root, content, cache)
    monkeypatch.undo()
    calls = count_extractions(monkeypatch)
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    # The first batch (000, 001) was committed; 002 waited for its batch.
    assert sorted(calls) == [
        "002_0e4e21fef0fe375a.txt",
        "003_5009b44e79ebba7c.txt",
        "004_22317460712b96cc.txt",
    ]


def test_a_cache_file_of_an_older_layout_is_emptied_not_misread(project, tmp_path):
    root, content, _ = project
    old = tmp_path / "old.sqlite"
    with sqlite3.connect(old) as db:
        db.execute("CREATE TABLE records (key TEXT PRIMARY KEY, seed TEXT NOT NULL, data TEXT NOT NULL)")
        other = ExtractionCache(tmp_path / "keys.sqlite")
        keys = pipeline._cache_keys(seeds_of(content), root, content, other)
        db.executemany("INSERT INTO records VALUES (?, ?, ?)", [(k, "x", "{}") for k in keys.values()])
    cache = ExtractionCache(old)
    result = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert len(result.records) == 5 and not result.problems
    assert "records" not in {name for (name,) in cache.db.execute("SELECT name FROM sqlite_master")}


def test_an_untouched_seed_is_not_read_again_to_find_its_key(project, monkeypatch):
    root, content, cache = project
    seeds = seeds_of(content)
    later = max(os.stat(p).st_ctime_ns for p in seeds) + digests.RACY_NS + 1
    monkeypatch.setattr(digests.time, "time_ns", lambda: later)
    first = pipeline._cache_keys(seeds, root, content, cache)
    read = []
    real = Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda self: read.append(self.name) or real(self))
    assert pipeline._cache_keys(seeds, root, content, cache) == first
    assert not any(name.endswith(".txt") for name in read)


def test_what_a_record_was_made_from_changes_with_its_seed_and_its_story_links_only(project):
    root, content, cache = project
    seeds = content / "seeds"
    before = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert all(before.made_from) and len(set(before.made_from)) == len(before.records)
    assert pipeline.extract_seeds(seeds_of(content), root, content, cache).made_from == before.made_from
    shutil.copy(seeds / "004_22317460712b96cc.txt", seeds / "005_another_outlets_copy.txt")
    joined = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert joined.records[4].story  # the copy joined its story: the original's links changed
    assert joined.made_from[:4] == before.made_from[:4] and joined.made_from[4] != before.made_from[4]


def test_a_seed_without_a_cache_key_is_fingerprinted_by_its_fields(project):
    root, content, _ = project
    assert set(pipeline.extract_seeds(seeds_of(content), root, content).made_from) == {""}


def test_similar_pairs_are_stored_exactly():
    similar = [Similar(1 / 3, 0, 7, 4), Similar(0.05, 2, 3, 3), Similar(1 - 2**-53, 12_000, 12_001, 250)]
    assert decode_similar(encode_similar(similar)) == similar
    assert decode_similar(encode_similar([])) == []


def found_afresh_would_fail(monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "similar_pairs", None)
    monkeypatch.setattr(pipeline, "similar_pairs_of_newcomers", None)


def test_a_corrected_date_links_again_without_comparing_every_briefing_again(project, monkeypatch):
    root, content, cache = project
    seeds = content / "seeds"
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    (seeds / "000_6a68046b109a9a6b.yaml").write_text("date: 2021-04-07\n", encoding="utf-8")
    found_afresh_would_fail(monkeypatch)
    corrected = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    monkeypatch.undo()
    assert corrected.records[0].date == "2021-04-07"
    fresh = pipeline.extract_seeds(seeds_of(content), root, content)
    assert [r.to_dict() for r in corrected.records] == [r.to_dict() for r in fresh.records]


def test_a_knowledge_base_change_relinks_without_comparing_every_briefing_again(project, monkeypatch):
    root, content, cache = project
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    with (content / "actors.yaml").open("a", encoding="utf-8") as actors:
        actors.write("\n  - id: oksana-testova\n    name: Oksana Testova\n    kind: person\n")
    found_afresh_would_fail(monkeypatch)
    relinked = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    monkeypatch.undo()
    fresh = pipeline.extract_seeds(seeds_of(content), root, content)
    assert [r.to_dict() for r in relinked.records] == [r.to_dict() for r in fresh.records]


def test_an_edited_body_compares_every_briefing_again(project, monkeypatch):
    root, content, cache = project
    seeds = content / "seeds"
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    seed = seeds / "002_0e4e21fef0fe375a.txt"
    edited = seed.read_text(encoding="utf-8") + "\nA paragraph added by an editor.\n"
    seed.write_text(edited, encoding="utf-8")
    compared = []
    monkeypatch.setattr(pipeline, "similar_pairs", lambda pairs: compared.append(len(pairs)) or [])
    pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert compared == [5]


def test_a_warm_rebuild_decodes_only_the_records_it_has_not_kept_and_matches_a_cold_one(project, monkeypatch):
    root, content, cache = project
    warm = Warm()
    pipeline.extract_seeds(seeds_of(content), root, content, cache, warm=warm)
    seeds = content / "seeds"
    shutil.copy(seeds / "004_22317460712b96cc.txt", seeds / "005_another_outlets_copy.txt")
    (seeds / "001_3ed97192f3d4092b.txt").unlink()
    decoded = []
    real = ExtractionCache.get_many

    def counting(self, keys):
        found = real(self, keys)
        decoded.extend(found)
        return found

    monkeypatch.setattr(ExtractionCache, "get_many", counting)
    rebuilt = pipeline.extract_seeds(seeds_of(content), root, content, cache, warm=warm)
    assert decoded == []  # the four kept, the new one extracted
    monkeypatch.undo()
    cold = pipeline.extract_seeds(seeds_of(content), root, content, cache)
    assert [r.to_dict() for r in rebuilt.records] == [r.to_dict() for r in cold.records]
    assert rebuilt.made_from == cold.made_from
    assert set(warm.records) == set(warm.pairs) == set(cache.keys())


def test_a_warm_rebuild_extracts_a_new_seed_in_this_process_with_the_extractor_it_kept(project, monkeypatch):
    root, content, cache = project
    warm = Warm()
    pipeline.extract_seeds(seeds_of(content), root, content, cache, warm=warm)
    seeds = content / "seeds"
    shutil.copy(seeds / "004_22317460712b96cc.txt", seeds / "005_another_outlets_copy.txt")
    kept = warm.extractor_for(content)
    monkeypatch.setattr(pipeline, "ProcessPoolExecutor", None)  # starting a worker would fail
    calls = count_extractions(monkeypatch)
    pipeline.extract_seeds(seeds_of(content), root, content, cache, meanwhile=lambda: None, warm=warm)
    assert calls == ["005_another_outlets_copy.txt"] and warm.extractor is kept


def test_a_warm_extractor_is_built_again_when_the_knowledge_base_changes(project):
    root, content, cache = project
    warm = Warm()
    first = warm.extractor_for(content)
    actors = content / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert warm.extractor_for(content) is not first
