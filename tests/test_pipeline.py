"""Extraction in worker processes gives exactly what one process gives, bad seeds included."""

from __future__ import annotations

import shutil

from generator import pipeline
from generator.cache import ExtractionCache

from .conftest import copy_project


def extract(root, cache=None):
    content = root / "content"
    return pipeline.extract_seeds(pipeline.list_seeds(content / "seeds"), root, content, cache)


def as_data(extraction):
    return [r.to_dict() for r in extraction.records], extraction.problems


def test_worker_processes_give_the_records_and_problems_of_one_process(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "p")
    (root / "content" / "seeds" / "100_empty.txt").write_bytes(b"")
    alone = extract(root)
    monkeypatch.setattr(pipeline, "PARALLEL_FROM", 2)  # five seeds are enough for workers
    pooled = extract(root)
    assert as_data(pooled) == as_data(alone)
    assert len(pooled.problems) == 1 and "100_empty.txt" in pooled.problems[0]


def test_a_seed_added_to_a_big_project_is_extracted_while_the_cache_is_read(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "p")
    cache = ExtractionCache(tmp_path / "cache.sqlite")
    monkeypatch.setattr(pipeline, "OVERLAP_FROM", 2)  # a big project: its one new seed goes to a worker
    extract(root, cache)
    seeds = root / "content" / "seeds"
    shutil.copy(seeds / "002_0e4e21fef0fe375a.txt", seeds / "005_a_copy.txt")
    updated = extract(root, cache)
    assert as_data(updated) == as_data(extract(root))
    assert len(updated.records) == 6


def test_a_seed_is_extracted_by_a_worker_while_this_process_does_other_work(tmp_path, monkeypatch):
    root = copy_project(tmp_path / "p")
    content = root / "content"
    seeds = pipeline.list_seeds(content / "seeds")
    real_pool, pools = pipeline._pool, []

    def recording_pool(*args):
        pools.append(real_pool(*args))
        return pools[-1]

    monkeypatch.setattr(pipeline, "_pool", recording_pool)
    meanwhile = []
    with_worker = pipeline.extract_seeds(seeds[:2], root, content, meanwhile=lambda: meanwhile.append("done"))
    assert meanwhile == ["done"]
    assert pools and pools[0] is not None  # two seeds, below PARALLEL_FROM: one worker, alongside
    assert as_data(with_worker) == as_data(pipeline.extract_seeds(seeds[:2], root, content))


def test_briefings_written_by_several_processes_equal_those_written_by_one(tmp_path, monkeypatch):
    from generator import build as build_module
    from generator.build import BuildReport, Project, write_briefings

    def written(root, parallel_from: int) -> dict[str, bytes]:
        project = Project(copy_project(root))
        seeds = pipeline.list_seeds(project.seeds)
        records = pipeline.extract_seeds(seeds, project.root, project.content).records
        monkeypatch.setattr(build_module, "WRITE_PARALLEL_FROM", parallel_from)
        report = BuildReport()
        write_briefings(project, records, report)
        assert report.written == len(records) > 2
        return {p.name: p.read_bytes() for p in sorted(project.briefings.glob("*.md"))}

    assert written(tmp_path / "split", parallel_from=1) == written(tmp_path / "one", parallel_from=10**9)
