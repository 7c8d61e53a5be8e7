"""The extraction cache: one SQLite row per extracted seed, so a rebuild re-extracts only what changed.

A record is reused when nothing it was made from changed: the seed's bytes and name, its
sidecar's bytes, the extractor's code and the knowledge base. Each row also keeps the record's
story pairs (what `stories` compares), so a rebuild need not tokenize every body again. One more
row keeps the last linking (its records' keys, the digests of their story pairs, the similar
pairs and the links): a rebuild with nothing changed skips linking, one with a few seeds added
updates it, one whose records changed but not their story pairs reuses the similar pairs. A
last table remembers each seed file's digest (`digests.py`), so unchanged seeds are not read.

Rows are committed in batches as seeds finish: a build interrupted halfway keeps every batch
finished before the interruption, and never a half-written row.
"""

from __future__ import annotations

import gc
import hashlib
import json
import sqlite3
import struct
from array import array
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from functools import cache
from pathlib import Path
from typing import NamedTuple

from .digests import Known
from .record import Briefing, Event, Figure, Quote
from .stories import Links, Similar

# The tables, named for the layout of their rows (bump the suffix when it or the encoding below
# changes): a file written by another version of the code keeps its own tables, which this
# version drops instead of misreading.
TABLES = {
    "records_v3": "CREATE TABLE IF NOT EXISTS records_v3 (key TEXT PRIMARY KEY, seed TEXT NOT NULL,"
    " data TEXT NOT NULL, pairs BLOB NOT NULL, pairs_version TEXT NOT NULL)",
    # One row: the last linking, and the exact inputs it was made for.
    "stories_v5": "CREATE TABLE IF NOT EXISTS stories_v5 (inputs TEXT PRIMARY KEY, version TEXT NOT NULL,"
    " links TEXT NOT NULL, keys TEXT NOT NULL, similar BLOB NOT NULL, pairs TEXT NOT NULL)",  # links first
    # The seeds' digests by file identity (see `digests.py`): unchanged seeds are not read again.
    "files_v1": "CREATE TABLE IF NOT EXISTS files_v1 (path TEXT PRIMARY KEY, size INT NOT NULL,"
    " inode INT NOT NULL, mtime_ns INT NOT NULL, ctime_ns INT NOT NULL, sha256 TEXT NOT NULL)",
}
# The stages whose code decides a record: a change to any of them invalidates every entry.
_EXTRACTOR_SOURCES = ("read.py", "clean.py", "overrides.py", "record.py", "extract")
_BRIEFING_FIELDS = tuple(f.name for f in fields(Briefing))
_NESTED = {"quotes": Quote, "figures": Figure, "events": Event}
_NESTED_AT = {
    _BRIEFING_FIELDS.index(name): tuple(f.name for f in fields(kind)) for name, kind in _NESTED.items()
}


@cache
def extractor_version() -> str:
    """A digest of the extractor's own source, so an upgrade never serves stale records."""
    return _source_digest(*_EXTRACTOR_SOURCES)


@cache
def stories_version() -> str:
    """A digest of the story linker's source: cached story pairs and links are its output."""
    return _source_digest("stories.py")


def _source_digest(*names: str) -> str:
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for name in names:
        target = package / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def record_key(seed_name: str, seed_sha256: str, sidecar_bytes: bytes, kb_fingerprint: str) -> str:
    parts = [
        seed_name,
        seed_sha256,
        hashlib.sha256(sidecar_bytes).hexdigest(),
        extractor_version(),
        kb_fingerprint,
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def made_from_key(record_key: str, link_changes: dict | None) -> str:
    """A record as published: its cache key and what story linking changed in it."""
    changes = json.dumps(link_changes, sort_keys=True) if link_changes else ""
    return hashlib.sha256(f"{record_key}\0{changes}".encode()).hexdigest()


def links_key(record_keys: Iterable[str]) -> str:
    """What story links depend on: every record, in order, and the linker's code."""
    digest = hashlib.sha256(stories_version().encode())
    for key in record_keys:
        digest.update(b"\0" + key.encode())
    return digest.hexdigest()


class Encoded(NamedTuple):
    """A record and its story pairs as the cache stores them, and a worker process sends them."""

    data: str
    pairs: bytes


def encode(record: Briefing, pairs: frozenset[int]) -> Encoded:
    return Encoded(encode_record(record), encode_pairs(pairs))


def encode_record(record: Briefing) -> str:
    """The fields as a JSON list in declaration order: smaller and faster than `to_dict`, whose
    deep copy costs more than the encoding."""
    values = [getattr(record, name) for name in _BRIEFING_FIELDS]
    for at, names in _NESTED_AT.items():
        values[at] = [[getattr(item, name) for name in names] for item in values[at]]
    return json.dumps(values, ensure_ascii=False)


def decode_record(data: str) -> Briefing:
    record = Briefing(*json.loads(data))
    for name, kind in _NESTED.items():
        setattr(record, name, [kind(*item) for item in getattr(record, name)])
    return record


class StoryPairs(NamedTuple):
    """A record's story pairs (what linking compares, see `stories.story_pairs`) and a digest
    of them: the similar pairs linking finds depend on nothing else."""

    words: array  # the pairs' numbers, sorted (a `stories.PairNumbers`)
    digest: str


def encode_pairs(pairs: frozenset[int]) -> bytes:
    """The pairs' numbers as 64-bit machine integers, sorted: one blob per set. Every rebuild that
    adds a seed reads all of them, several times faster than it would split and hash text."""
    return array("q", sorted(pairs)).tobytes()


def decode_pairs(data: bytes) -> StoryPairs:
    numbers = array("q")
    numbers.frombytes(data)
    return StoryPairs(numbers, hashlib.sha256(data).hexdigest())


LOOKUPS_UP_TO = 500  # keys read by lookups (SQLite takes up to 32,766 parameters); more by one scan
_SIMILAR = struct.Struct("<dqqq")  # a score and three numbers (see `stories.Similar`)


def encode_similar(similar: list[Similar]) -> bytes:
    """The similar pairs as machine numbers, one fixed-size row each: tens of thousands of them
    (a big corpus of one beat) are read on a rebuild that links all again, ten times faster
    than JSON; and the pairs a newcomer adds are appended to the stored bytes undecoded."""
    return b"".join(_SIMILAR.pack(*pair) for pair in similar)


def decode_similar(data: bytes) -> list[Similar]:
    return list(map(Similar._make, _SIMILAR.iter_unpack(data)))


@contextmanager
def gc_paused() -> Iterator[None]:
    """Build many objects that hold no reference cycles (records, pairs) without the cycle
    collector scanning all of them again each time a few more pile up; then file everything with
    the oldest generation at once, the one it would have reached after all those scans."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if not gc.get_freeze_count():  # objects someone else froze stay frozen
            gc.freeze()
            gc.unfreeze()
        if was_enabled:
            gc.enable()


def _lines(text: str) -> list[str]:
    return text.split("\n") if text else []


class Linking(NamedTuple):
    keys: list[str]  # the linked records' keys, in order
    similar: bytes  # `encode_similar` of their similar pairs (by index into `keys`), in arrival order
    pairs: list[str]  # the digests of the records' story pairs, in the same order


class ExtractionCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        # In WAL mode a commit is atomic and survives a killed process without an fsync each;
        # only a power cut can lose the last batches, and those seeds are extracted again.
        self.db.execute("PRAGMA synchronous=NORMAL")
        with self.db:
            for name in self._tables() - TABLES.keys():
                self.db.execute(f'DROP TABLE "{name}"')
            for statement in TABLES.values():
                self.db.execute(statement)

    def _tables(self) -> set[str]:
        rows = self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {name for (name,) in rows if not name.startswith("sqlite_") and '"' not in name}

    def keys(self) -> set[str]:
        return {key for (key,) in self.db.execute("SELECT key FROM records_v3")}

    def get_many(self, keys: Iterable[str]) -> dict[str, Briefing]:
        """The records stored under these keys."""
        wanted = set(keys)
        rows = self._rows("data", wanted)
        with gc_paused():
            return {key: decode_record(data) for key, data in rows if key in wanted}

    def get_pairs(self, keys: Iterable[str]) -> dict[str, bytes]:
        """The encoded story pairs stored under these keys, unless an older linker made them."""
        wanted, current = set(keys), stories_version()
        rows = self._rows("pairs, pairs_version", wanted)
        return {key: pairs for key, pairs, version in rows if key in wanted and version == current}

    def _rows(self, columns: str, keys: set[str]) -> Iterable[tuple]:
        """(key, *columns) of these keys' rows, and maybe of others. A few keys are looked up;
        for many, one scan of the table beats thousands of lookups, and the rows of other keys
        (seeds that changed since, removed by `keep_only` after the build) are skipped."""
        if len(keys) > LOOKUPS_UP_TO:
            return self.db.execute(f"SELECT key, {columns} FROM records_v3")
        marks = ",".join("?" * len(keys))
        return self.db.execute(f"SELECT key, {columns} FROM records_v3 WHERE key IN ({marks})", list(keys))

    def put_many(self, rows: Iterable[tuple[str, str, Encoded]]) -> None:
        """(key, seed name, encoded record and pairs) rows, in one transaction."""
        version = stories_version()
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO records_v3 (key, seed, data, pairs, pairs_version)"
                " VALUES (?, ?, ?, ?, ?)",
                [(key, seed, encoded.data, encoded.pairs, version) for key, seed, encoded in rows],
            )

    def put_pairs(self, rows: Iterable[tuple[str, bytes]]) -> None:
        """(key, encoded story pairs) made again for records already stored."""
        version = stories_version()
        with self.db:
            self.db.executemany(
                "UPDATE records_v3 SET pairs = ?, pairs_version = ? WHERE key = ?",
                [(pairs, version, key) for key, pairs in rows],
            )

    def keep_only(self, keys: set[str]) -> None:
        """Forget records of seeds that are gone or changed, so the file does not grow forever."""
        stale = [(key,) for key in self.keys() - keys]
        if stale:
            with self.db:
                self.db.executemany("DELETE FROM records_v3 WHERE key = ?", stale)

    def get_links(self, inputs: str) -> Links | None:
        """The story links found for exactly these inputs (see `links_key`), if they were the last."""
        row = self.db.execute("SELECT links FROM stories_v5 WHERE inputs = ?", (inputs,)).fetchone()
        return {index: changes for index, changes in json.loads(row[0])} if row else None

    def last_linking(self) -> Linking | None:
        """The record keys and similar pairs of the last linking, if this version of the linker made it."""
        row = self.db.execute(
            "SELECT keys, similar, pairs FROM stories_v5 WHERE version = ?", (stories_version(),)
        ).fetchone()
        if row is None:
            return None
        keys, similar, pairs = row
        return Linking(_lines(keys), similar, _lines(pairs))

    def put_linking(self, inputs: str, linking: Linking, links: Links) -> None:
        """Keep only the latest linking: it is reused when nothing changed since, and updated
        when only a few seeds were added."""
        with self.db:
            self.db.execute("DELETE FROM stories_v5")
            self.db.execute(
                "INSERT INTO stories_v5 (inputs, version, links, keys, similar, pairs)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (
                    inputs,
                    stories_version(),
                    json.dumps(list(links.items())),
                    "\n".join(linking.keys),
                    linking.similar,
                    "\n".join(linking.pairs),
                ),
            )

    def file_digests(self) -> Known:
        """The seeds' digests the last build looked up, by path (see `digests.FileDigests`)."""
        rows = self.db.execute("SELECT path, size, inode, mtime_ns, ctime_ns, sha256 FROM files_v1")
        return {path: (tuple(stamp), digest) for path, *stamp, digest in rows}

    def put_file_digests(self, known: Known) -> None:
        """Keep exactly these digests: a seed gone is forgotten."""
        with self.db:
            self.db.execute("DELETE FROM files_v1")
            self.db.executemany(
                "INSERT INTO files_v1 VALUES (?, ?, ?, ?, ?, ?)",
                [(path, *stamp, digest) for path, (stamp, digest) in known.items()],
            )

    def close(self) -> None:
        self.db.close()
