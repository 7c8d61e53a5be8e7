"""Incremental output: every file the site writes goes through one `OutputTracker`.

Each output file comes with a fingerprint of everything its bytes depend on (see
`plan.py`). When the manifest of the previous build holds the same fingerprint and the
published file is still the one that build wrote (same size and mtime), it is neither
rendered nor written. A file whose bytes changed is written into a staging directory; only
when the whole build has succeeded are the staged files moved into the published site and
the files nothing produced any more removed. An unchanged file keeps its bytes and mtime.

A tracker made with `workers` > 1 only lists the files to make; `make_pending` then makes
them split over that many processes (forked, so each has the templates and records).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import Writer

from ..forked import map_forked
from ..manifest import entry_for, is_fresh


class OutputTracker:
    """Writes output files that changed into staging, skips fresh ones, lists stale ones.

    `live` is the published site, `staging` where changed files go until the build commits
    them. A first build (no manifest) has nothing live to compare with: everything is made
    into staging, which then replaces the live directory whole."""

    def __init__(
        self, live: Path, staging: Path, manifest: dict[str, list] | None = None, workers: int = 1
    ) -> None:
        self.live = Path(live)
        self.staging = Path(staging)
        self._live = str(live)  # joined as a string: tens of thousands of files are checked
        self.previous = manifest or {}
        self.workers = workers
        self.entries: dict[str, list] = {}  # path -> [fingerprint, size, mtime_ns]
        self.rendered: list[str] = []  # paths whose producer ran this build
        self.written: list[str] = []  # paths whose new bytes wait in staging
        self.pending: list[Job] = []  # files to make, when they are made together

    @property
    def incremental(self) -> bool:
        return bool(self.previous) and self.live != self.staging

    def is_fresh(self, path: str, fingerprint: str | None) -> bool:
        """The file the previous build wrote for this fingerprint is still in place."""
        live = os.path.join(self._live, path)
        return self.incremental and is_fresh(self.previous.get(path), fingerprint, live)

    def produce(self, path: str, fingerprint: str | None, make: Callable[[], bytes]) -> None:
        """Keep the file if it is fresh; otherwise make its bytes (now, or in `make_pending`
        when the tracker has workers) and stage them if they changed.

        A file without a fingerprint (its inputs are not tracked) is made every time."""
        if self.is_fresh(path, fingerprint):
            self.entries[path] = self.previous[path]
        elif self.workers > 1:
            self.pending.append((path, fingerprint, make))
        else:
            self._record(self._make((path, fingerprint, make)))

    def paths(self) -> list[str]:
        """Every file this build produces so far, made or still pending."""
        return [*self.entries, *(path for path, _, _ in self.pending)]

    def make_pending(self) -> None:
        """Make the pending files, split over the workers when there are enough of them."""
        jobs, self.pending = self.pending, []
        for made in map_forked(self._make, jobs, parallel_from=PARALLEL_FROM, workers=self.workers):
            self._record(made)

    def _make(self, job: Job) -> Made:
        path, fingerprint, make = job
        data = make()
        live = Path(sanitised_join(str(self.live), path))
        if self.incremental and _same_bytes(live, data):
            return path, entry_for(live, fingerprint), False  # as published: keep it, and its mtime
        target = Path(sanitised_join(str(self.staging), path))
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        return path, entry_for(target, fingerprint), True

    def _record(self, made: Made) -> None:
        path, entry, written = made
        self.rendered.append(path)
        self.entries[path] = entry
        if written:
            self.written.append(path)

    def stale(self) -> list[str]:
        """Published files this build did not produce."""
        return sorted(set(self.previous) - set(self.entries)) if self.incremental else []

    def commit(self, keep_under: Iterable[str] = ()) -> list[str]:
        """Publish: move the staged files into the live site (each by an atomic rename) and
        delete the stale ones, or, on a first build, swap the staging directory in whole.
        Returns the paths removed."""
        if not self.incremental:
            _swap_in(self.staging, self.live, keep_under)
            return []
        for path in self.written:
            target = self.live / path
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(self.staging / path, target)
        removed = self.stale()
        for path in removed:
            (self.live / path).unlink(missing_ok=True)
        _remove_empty_parents(self.live, removed)
        shutil.rmtree(self.staging, ignore_errors=True)
        return removed

    def manifest(self) -> dict[str, list]:
        return dict(sorted(self.entries.items()))


Job = tuple[str, "str | None", Callable[[], bytes]]  # path, fingerprint, maker
Made = tuple[str, list, bool]  # path, manifest entry, staged
PARALLEL_FROM = 16  # fewer files are made faster than a process starts


def _swap_in(staging: Path, live: Path, keep_under: Iterable[str]) -> None:
    """Replace `live` by `staging`, carrying over the folders other tools keep (search)."""
    for folder in keep_under:
        if (live / folder).is_dir() and not (staging / folder).exists():
            os.replace(live / folder, staging / folder)
    previous = live.with_name(f"{live.name}.previous")
    shutil.rmtree(previous, ignore_errors=True)
    if live.exists():
        os.replace(live, previous)
    os.replace(staging, live)
    shutil.rmtree(previous, ignore_errors=True)


def _same_bytes(path: Path, data: bytes) -> bool:
    try:
        if path.stat().st_size != len(data):
            return False
        return path.read_bytes() == data
    except OSError:
        return False


def _remove_empty_parents(root: Path, removed: list[str]) -> None:
    folders = {parent for path in removed for parent in (root / path).parents if root in parent.parents}
    for folder in sorted(folders, key=lambda d: -len(d.parts)):
        if folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()


class IncrementalWriter(Writer):
    """Pelican's writer, asking the tracker first: a fresh page is not even rendered."""

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ) -> None:
        if not name:
            return
        if paginated or any(key in kwargs for key in ("articles", "dates")):
            raise NotImplementedError("the site paginates its own lists (see plan.py)")
        tracker: OutputTracker = context["output_tracker"]
        fingerprint = context["page_fingerprints"].get(name) or _source_fingerprint(name, context, kwargs)

        def render() -> bytes:
            local = dict(context)
            local["localsiteurl"] = local.get("localsiteurl")
            if relative_urls:
                relative = path_to_url(get_relative_path(name))
                local["SITEURL"] = relative
                local["localsiteurl"] = relative
                context["localsiteurl"] = relative  # Pelican's contents read it for their links
            local["output_file"] = name
            local.update(kwargs)
            return template.render(local).encode("utf-8")

        tracker.produce(name, fingerprint, render)


def _source_fingerprint(name: str, context: dict, kwargs: dict) -> str | None:
    """A plain page (About) is made from its own file: its bytes, and the site's inputs."""
    source = getattr(kwargs.get("page"), "source_path", None)
    if not source or "fingerprints" not in context:
        return None
    digest = hashlib.sha256(Path(source).read_bytes()).hexdigest()
    return context["fingerprints"].of(name, shows=digest)
