"""Seed digests remembered by file identity: unchanged seeds are not read again, changed ones always are."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from generator.digests import RACY_NS, FileDigests

LIMIT = 1 << 20


def settled(path: Path, text: str) -> Path:
    """A file written long enough ago for its digest to be remembered."""
    path.write_text(text, encoding="utf-8")
    return path


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def age(path: Path, monkeypatch) -> None:
    """Pretend the clock moved on past the racy window."""
    now = os.stat(path).st_ctime_ns + RACY_NS + 1
    monkeypatch.setattr("generator.digests.time.time_ns", lambda: now)


def test_a_settled_file_is_hashed_once_and_then_taken_from_memory(tmp_path, monkeypatch):
    seed = settled(tmp_path / "001.txt", "Kyiv, 3 March 2022. Talks resumed.")
    age(seed, monkeypatch)
    first = FileDigests()
    assert first.digest(seed, LIMIT) == sha("Kyiv, 3 March 2022. Talks resumed.")
    reads = []
    monkeypatch.setattr(Path, "read_bytes", lambda self: reads.append(self) or b"")
    assert FileDigests(first.seen).digest(seed, LIMIT) == sha("Kyiv, 3 March 2022. Talks resumed.")
    assert reads == []


def test_a_rewritten_file_is_hashed_again_even_with_the_same_size_and_mtime(tmp_path, monkeypatch):
    seed = settled(tmp_path / "001.txt", "Talks resumed on Monday.")
    age(seed, monkeypatch)
    first = FileDigests()
    first.digest(seed, LIMIT)
    mtime = os.stat(seed).st_mtime_ns
    seed.write_text("Talks resumed on Friday.", encoding="utf-8")  # same size
    os.utime(seed, ns=(mtime, mtime))  # and the old mtime: only the ctime tells
    age(seed, monkeypatch)
    assert FileDigests(first.seen).digest(seed, LIMIT) == sha("Talks resumed on Friday.")


def test_a_file_written_just_now_is_not_remembered(tmp_path):
    seed = settled(tmp_path / "001.txt", "Talks resumed.")
    digests = FileDigests()
    assert digests.digest(seed, LIMIT) == sha("Talks resumed.")
    assert digests.seen == {}  # a second write within the same timestamp step could hide


def test_links_directories_and_oversized_files_have_no_digest(tmp_path):
    seed = settled(tmp_path / "001.txt", "x" * 100)
    (tmp_path / "link.txt").symlink_to(seed)
    (tmp_path / "folder.txt").mkdir()
    digests = FileDigests()
    assert digests.digest(tmp_path / "link.txt", LIMIT) is None
    assert digests.digest(tmp_path / "folder.txt", LIMIT) is None
    assert digests.digest(seed, 99) is None
    assert digests.digest(tmp_path / "gone.txt", LIMIT) is None


def test_a_removed_file_is_forgotten(tmp_path, monkeypatch):
    seeds = [settled(tmp_path / f"00{n}.txt", f"seed {n}") for n in (1, 2)]
    age(seeds[1], monkeypatch)
    first = FileDigests()
    for seed in seeds:
        first.digest(seed, LIMIT)
    seeds[0].unlink()
    second = FileDigests(first.seen)
    second.digest(seeds[1], LIMIT)
    assert list(second.seen) == [str(seeds[1])] and second.changed
