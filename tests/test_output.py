"""The output tracker: what a build renders, stages, publishes and removes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.site.output import PARALLEL_FROM, OutputTracker


def first_build(tmp_path: Path, files: dict[str, bytes]) -> tuple[Path, dict]:
    """Publish `files` (fingerprint = their bytes) as a first build; return (live, manifest)."""
    live, staging = tmp_path / "output", tmp_path / "output.staging"
    tracker = OutputTracker(live, staging)
    for path, data in files.items():
        tracker.produce(path, data.decode(), lambda data=data: data)
    tracker.commit(keep_under=["pagefind"])
    return live, tracker.manifest()


def rebuild(tmp_path: Path, manifest: dict, files: dict[str, bytes]) -> tuple[OutputTracker, list[str]]:
    tracker = OutputTracker(tmp_path / "output", tmp_path / "output.staging", manifest)
    for path, data in files.items():
        tracker.produce(path, data.decode(), lambda data=data: data)
    return tracker, tracker.commit(keep_under=["pagefind"])


def test_a_first_build_publishes_every_file_and_no_staging_is_left(tmp_path):
    live, manifest = first_build(tmp_path, {"index.html": b"home", "a/index.html": b"a"})
    assert (live / "a" / "index.html").read_bytes() == b"a"
    assert set(manifest) == {"index.html", "a/index.html"}
    assert not (tmp_path / "output.staging").exists()


def test_a_fresh_file_is_not_even_made(tmp_path):
    _, manifest = first_build(tmp_path, {"index.html": b"home"})
    tracker = OutputTracker(tmp_path / "output", tmp_path / "output.staging", manifest)
    made = []
    tracker.produce("index.html", "home", lambda: made.append(1) or b"home")
    assert made == [] and tracker.rendered == []


def test_a_changed_file_waits_in_staging_until_the_commit(tmp_path):
    live, manifest = first_build(tmp_path, {"index.html": b"home"})
    tracker = OutputTracker(live, tmp_path / "output.staging", manifest)
    tracker.produce("index.html", "home v2", lambda: b"home v2")
    assert (live / "index.html").read_bytes() == b"home"  # a crash now leaves the old site
    tracker.commit()
    assert (live / "index.html").read_bytes() == b"home v2"


def test_a_remade_file_with_the_same_bytes_keeps_its_mtime(tmp_path):
    live, manifest = first_build(tmp_path, {"index.html": b"home"})
    before = (live / "index.html").stat().st_mtime_ns
    tracker = OutputTracker(live, tmp_path / "output.staging", manifest)
    tracker.produce("index.html", "new inputs, same page", lambda: b"home")
    tracker.commit()
    assert tracker.rendered == ["index.html"] and tracker.written == []
    assert (live / "index.html").stat().st_mtime_ns == before


def test_files_no_longer_produced_are_removed_with_their_empty_folders(tmp_path):
    live, manifest = first_build(tmp_path, {"index.html": b"home", "actors/x/index.html": b"x"})
    _, removed = rebuild(tmp_path, manifest, {"index.html": b"home"})
    assert removed == ["actors/x/index.html"]
    assert not (live / "actors").exists()


def test_a_file_edited_by_hand_is_made_again(tmp_path):
    live, manifest = first_build(tmp_path, {"index.html": b"home"})
    (live / "index.html").write_bytes(b"defaced!")
    rebuild(tmp_path, manifest, {"index.html": b"home"})
    assert (live / "index.html").read_bytes() == b"home"


def test_a_full_build_carries_the_search_bundle_over(tmp_path):
    live, _ = first_build(tmp_path, {"index.html": b"home"})
    (live / "pagefind").mkdir()
    (live / "pagefind" / "pagefind-entry.json").write_text("{}")
    first_build(tmp_path, {"index.html": b"home v2"})  # no manifest: a full build
    assert (live / "pagefind" / "pagefind-entry.json").read_text() == "{}"


def many_files(count: int, version: str = "") -> dict[str, bytes]:
    return {f"briefings/b{i:03}/index.html": f"briefing {i}{version}".encode() for i in range(count)}


def test_files_made_over_several_processes_equal_those_made_in_one(tmp_path):
    files = many_files(PARALLEL_FROM * 2 + 3)
    serial, _ = first_build(tmp_path / "serial", files)
    tracker = OutputTracker(tmp_path / "split" / "output", tmp_path / "split" / "output.staging", workers=3)
    for path, data in files.items():
        tracker.produce(path, data.decode(), lambda data=data: data)
    assert tracker.rendered == [] and len(tracker.paths()) == len(files)  # listed, not made yet
    tracker.make_pending()
    tracker.commit()
    assert tracker.rendered == list(files)  # in the order they were asked for
    for path, data in files.items():
        assert (tmp_path / "split" / "output" / path).read_bytes() == (serial / path).read_bytes() == data
    assert set(tracker.manifest()) == set(files)


def test_files_are_made_in_forked_processes_when_there_are_many(tmp_path):
    pids = tmp_path / "pids"
    pids.mkdir()

    def maker(data: bytes):
        def make() -> bytes:
            (pids / str(os.getpid())).touch()
            return data

        return make

    tracker = OutputTracker(tmp_path / "output", tmp_path / "output.staging", workers=2)
    for path, data in many_files(PARALLEL_FROM * 2).items():
        tracker.produce(path, data.decode(), maker(data))
    tracker.make_pending()
    assert len(list(pids.iterdir())) == 2 and (pids / str(os.getpid())).exists()


def test_an_incremental_build_made_in_several_processes_stages_only_the_changed_files(tmp_path):
    files = many_files(PARALLEL_FROM * 2)
    _, manifest = first_build(tmp_path, files)
    changed = {**files, "briefings/b000/index.html": b"new words"}
    tracker = OutputTracker(tmp_path / "output", tmp_path / "output.staging", manifest, workers=2)
    for path, data in changed.items():
        # every fingerprint changed (say, the theme did), one file's bytes
        tracker.produce(path, "theme 2 " + data.decode(), lambda data=data: data)
    tracker.make_pending()
    assert len(tracker.rendered) == len(files)
    assert tracker.written == ["briefings/b000/index.html"]


def test_a_failure_in_a_forked_maker_fails_the_build(tmp_path):
    tracker = OutputTracker(tmp_path / "output", tmp_path / "output.staging", workers=2)

    def broken() -> bytes:
        raise ValueError("template error")

    for path, data in many_files(PARALLEL_FROM * 2 + 1).items():
        tracker.produce(path, data.decode(), lambda data=data: data)
    tracker.produce("briefings/broken/index.html", "x", broken)  # job 2n + 1: the child's share
    with pytest.raises(ValueError, match="template error"):
        tracker.make_pending()
