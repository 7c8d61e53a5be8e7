"""Seed digests remembered by file identity, so a rebuild reads and hashes only the seeds that changed.

A remembered digest is reused while the file's size, inode, mtime and ctime are the ones it
was computed for. Every write moves the ctime, which no tool can set back; and a digest is
only remembered once the file has been left alone for longer than any file system's
timestamp step, so a write after that always shows (git's "racily clean" index entries).
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

Stamp = tuple[int, int, int, int]  # size, inode, mtime_ns, ctime_ns
Known = dict[str, tuple[Stamp, str]]  # path -> (stamp, sha256 hex digest)
RACY_NS = 3_000_000_000  # FAT's 2 s mtime step, and a margin


@dataclass
class FileDigests:
    """`digest(path)`, looked up in `known` (from the last build) before reading the file.
    `seen` holds what the next build can trust: the digests of the files looked up now."""

    known: Known = field(default_factory=dict)
    seen: Known = field(default_factory=dict)

    def digest(self, path: Path, max_bytes: int) -> str | None:
        """The sha256 of the regular file (not a link) at `path` of at most `max_bytes`, else None."""
        try:
            info = os.lstat(path)
        except OSError:
            return None
        if not stat.S_ISREG(info.st_mode) or info.st_size > max_bytes:
            return None
        name = str(path)
        stamp = (info.st_size, info.st_ino, info.st_mtime_ns, info.st_ctime_ns)
        known = self.known.get(name)
        if known is not None and known[0] == stamp:
            self.seen[name] = known
            return known[1]
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return None
        if time.time_ns() - info.st_ctime_ns > RACY_NS:  # else a write this instant could hide
            self.seen[name] = (stamp, digest)
        return digest

    @property
    def changed(self) -> bool:
        return self.seen != self.known
