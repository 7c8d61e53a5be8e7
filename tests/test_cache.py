"""The extraction cache: a rebuild re-extracts only what changed, and never serves a stale record."""

from __future__ import annotations

import pytest

from generator import pipeline
from generator.cache import ExtractionCache

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
