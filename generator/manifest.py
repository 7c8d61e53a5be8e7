"""Manifests: which file a build made from which inputs, to skip it when nothing changed.

A manifest maps a file's path to `[fingerprint, size, mtime_ns]`. A file is fresh when the
fingerprint of its inputs is the one recorded and the file on disk is still the one that
was written (same size and mtime): a file edited or deleted by hand is made again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

MANIFEST_VERSION = 1
Entry = list  # [fingerprint, size, mtime_ns]


def load_manifest(path: Path) -> dict[str, Entry]:
    """The manifest at `path`, or nothing (then every file is made afresh)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def save_manifest(path: Path, entries: dict[str, Entry]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.tmp")
    files = dict(sorted(entries.items()))
    temporary.write_text(json.dumps({"version": MANIFEST_VERSION, "files": files}), encoding="utf-8")
    os.replace(temporary, path)


def entry_for(path: Path, fingerprint: str | None) -> Entry:
    stat = path.stat()
    return [fingerprint, stat.st_size, stat.st_mtime_ns]


def is_fresh(entry: Entry | None, fingerprint: str | None, path: str | Path) -> bool:
    """`path` is still the file written for `fingerprint`."""
    if fingerprint is None or entry is None or entry[0] != fingerprint:
        return False
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == entry[1:]
