"""Slugs and feed guids: minted once per briefing, then kept.

A subscriber's reader keys items on the guid and a reader's bookmark on the URL, so
neither may change when the extractor improves a title or a maintainer renames a seed
file. `content/registry.json` (committed beside the seeds) remembers, per seed file,
the hash of its bytes, its slug and its guid:

- a known seed name keeps its slug and guid, even when its bytes or title change;
- an unknown name whose bytes match a vanished seed is a rename: it inherits them;
- a new seed gets a slug from its title (made unique) and a guid from its bytes.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from pathlib import Path

from unidecode import unidecode

MAX_SLUG_LENGTH = 70


@dataclass(frozen=True)
class Identity:
    slug: str
    guid: str


def slugify(title: str) -> str:
    """ASCII, lowercase, hyphenated, cut on a word boundary."""
    words = re.findall(r"[a-z0-9]+", re.sub(r"['’]", "", unidecode(title).lower()))
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG_LENGTH:
            break
        slug = candidate
    return slug or "briefing"


def _ascii(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=True)


def mint_guid(sha256: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, 'briefings:' + sha256)}"


class Registry:
    def __init__(self, entries: dict[str, dict[str, str]] | None = None) -> None:
        self.entries: dict[str, dict[str, str]] = dict(entries or {})
        self._loaded: tuple[Path, dict] | None = None  # the file read, and what it said

    @classmethod
    def load(cls, path: Path) -> Registry:
        if not path.exists():
            return cls()
        text = path.read_text(encoding="utf-8")
        registry = cls(json.loads(text))
        registry._loaded = (path, json.loads(text))  # a copy of its own: `assign` updates entries
        return registry

    def save(self, path: Path) -> None:
        """One seed per line, so a diff shows which identities were minted or dropped (and
        `json`'s C encoder writes each: indenting falls back to its pure-Python one).
        Nothing is written when the file says it already (most builds mint nothing)."""
        if self._loaded == (path, self.entries):
            return
        lines = [f"{_ascii(name)}: {_ascii(self.entries[name])}" for name in sorted(self.entries)]
        text = "{\n" + ",\n".join(lines) + "\n}\n" if lines else "{}\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")

    def assign(self, seeds: list[tuple[str, str, str]]) -> dict[str, Identity]:
        """Identities for (seed name, sha256, title) triples; forgets seeds that are gone."""
        present = {name for name, _, _ in seeds}
        vanished = {e["sha256"]: name for name, e in self.entries.items() if name not in present}
        kept = {name: e for name, e in self.entries.items() if name in present}
        for name, sha, _ in seeds:
            if name not in kept and sha in vanished:
                kept[name] = {**self.entries[vanished.pop(sha)], "sha256": sha}
        taken = {e["slug"] for e in kept.values()}
        guids = {e["guid"] for e in kept.values()}
        for name, sha, title in sorted(seeds):
            if name in kept:
                kept[name]["sha256"] = sha
                continue
            slug = slugify(title)
            if slug in taken:
                slug = f"{slug}-{sha[:8]}"
            guid = mint_guid(sha)
            if guid in guids:  # two seeds with the same bytes still get two items
                guid = mint_guid(f"{sha}:{name}")
            taken.add(slug)
            guids.add(guid)
            kept[name] = {"sha256": sha, "slug": slug, "guid": guid}
        self.entries = kept
        return {name: Identity(e["slug"], e["guid"]) for name, e in kept.items()}
