"""The extraction cache: one SQLite row per extracted seed, so a rebuild re-extracts only what changed.

A record is reused when nothing it was made from changed: the seed's bytes and name, its
sidecar's bytes, the extractor's code and the knowledge base. SQLite commits each batch in a
transaction, so a build interrupted halfway keeps every record finished before the interruption
and never a half-written one.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from functools import cache
from pathlib import Path

from .record import Briefing

SCHEMA = "CREATE TABLE IF NOT EXISTS records (key TEXT PRIMARY KEY, seed TEXT NOT NULL, data TEXT NOT NULL)"
# The stages whose code decides a record: a change to any of them invalidates every entry.
_EXTRACTOR_SOURCES = ("read.py", "clean.py", "overrides.py", "record.py", "extract")


@cache
def extractor_version() -> str:
    """A digest of the extractor's own source, so an upgrade never serves stale records."""
    package = Path(__file__).parent
    digest = hashlib.sha256()
    for name in _EXTRACTOR_SOURCES:
        target = package / name
        files = sorted(target.rglob("*.py")) if target.is_dir() else [target]
        for path in files:
            digest.update(path.name.encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def record_key(seed_name: str, seed_bytes: bytes, sidecar_bytes: bytes, kb_fingerprint: str) -> str:
    parts = [
        seed_name,
        hashlib.sha256(seed_bytes).hexdigest(),
        hashlib.sha256(sidecar_bytes).hexdigest(),
        extractor_version(),
        kb_fingerprint,
    ]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


class ExtractionCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(SCHEMA)

    def get_many(self, keys: list[str]) -> dict[str, Briefing]:
        found: dict[str, Briefing] = {}
        for start in range(0, len(keys), 500):
            chunk = keys[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self.db.execute(f"SELECT key, data FROM records WHERE key IN ({marks})", chunk)
            found.update((key, Briefing.from_dict(json.loads(data))) for key, data in rows)
        return found

    def put_many(self, entries: list[tuple[str, Briefing]]) -> None:
        with self.db:
            self.db.executemany(
                "INSERT OR REPLACE INTO records (key, seed, data) VALUES (?, ?, ?)",
                [(key, r.seed, json.dumps(r.to_dict(), ensure_ascii=False)) for key, r in entries],
            )

    def keep_only(self, keys: set[str]) -> None:
        """Forget records of seeds that are gone or changed, so the file does not grow forever."""
        stale = [(k,) for (k,) in self.db.execute("SELECT key FROM records") if k not in keys]
        with self.db:
            self.db.executemany("DELETE FROM records WHERE key = ?", stale)

    def close(self) -> None:
        self.db.close()
