"""`briefings build`: seeds to briefings to a published site.

Briefings that changed are written to `content/briefings/` (stale ones removed), then
Pelican renders the pages whose inputs changed into a directory beside `output/`, moved
into `output/` only when it succeeded: a crash or Ctrl-C mid-build leaves the previous site
whole. Then the search index is brought up to date.
"""

from __future__ import annotations

import dataclasses
import functools
import gc
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .background import start_search_refresh, stop_search_refresh
from .cache import ExtractionCache
from .forked import map_forked
from .knowledge import load_knowledge
from .manifest import entry_for, is_fresh, load_manifest, save_manifest
from .pipeline import extract_seeds, list_seeds
from .record import Briefing
from .registry import Registry
from .warm import Warm
from .write import record_fingerprint, write_briefing

if TYPE_CHECKING:  # imported while the seeds are extracted (`_load_publishing`)
    from .site.output import OutputTracker

REGISTRY_FILE = "registry.json"
WRITE_PARALLEL_FROM = 200  # briefings to write before writing them in several processes pays


@dataclass
class BuildReport:
    seeds: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)  # output files: rendered, written, removed
    search_in_background: Path | None = None  # where the background search refresh reports

    def summary(self) -> str:
        total = sum(self.seconds.values())
        problems = len(self.problems)
        files = self.files
        pages = (
            f"; site: {files['rendered']} of {files['files']} files rendered, "
            f"{files['written']} changed, {files['removed']} removed"
            if files
            else ""
        )
        search = "; search index refreshing in the background" if self.search_in_background else ""
        return (
            f"{self.seeds} seeds read, {self.written} briefings written "
            f"({self.unchanged} unchanged, {self.removed} removed), "
            f"{problems} problem{'s' * (problems != 1)}{pages}{search}, {total:.1f}s"
        )


class Project:
    """Where things live, from the project root."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.content = root / "content"
        self.seeds = self.content / "seeds"
        self.briefings = self.content / "briefings"
        self.registry = self.content / REGISTRY_FILE
        self.settings = root / "pelicanconf.py"
        self.output = root / "output"
        self.cache = root / ".cache" / "extraction.sqlite"
        self.manifest = root / ".cache" / "output-manifest.json"  # what the last build wrote
        self.read_cache = root / ".cache" / "read.sqlite"  # briefings parsed and rendered
        self.briefings_manifest = root / ".cache" / "briefings-manifest.json"
        self.search_status = root / ".cache" / "search.json"  # the last search refresh's outcome
        self.search_pid = root / ".cache" / "search.pid"  # a refresh running in the background
        self.templates_cache = root / ".cache" / "templates"  # the theme's templates, compiled


def write_briefings(
    project: Project,
    records: list[Briefing],
    report: BuildReport,
    made_from: list[str] | None = None,
    warm: Warm | None = None,
) -> list[tuple[dict, str]]:
    """Mint identities, write each briefing that changed, remove those of vanished seeds.
    Returns each published record (as plain data) with its fingerprint (`write.record_fingerprint`,
    from `made_from` where the pipeline gave it). With `warm`, a record made from the same inputs
    under the same identity as in the last build is the plain data that build published."""
    registry = Registry.load(project.registry)
    identities = registry.assign([(os.path.basename(r.seed), r.seed_sha256, r.title) for r in records])
    registry.save(project.registry)
    project.briefings.mkdir(parents=True, exist_ok=True)
    previous = load_manifest(project.briefings_manifest)
    folder = str(project.briefings)  # joined as strings: thousands of files are checked
    published, to_write, entries = [], [], {}
    sources = made_from or [""] * len(records)
    kept = warm.published if warm else {}
    for record, source in zip(records, sources, strict=True):
        identity = identities[os.path.basename(record.seed)]
        identity_keys = {"slug": identity.slug, "guid": identity.guid}
        data, fingerprint = kept.get(source) or ({}, "")
        if not source or data.get("slug") != identity.slug or data.get("guid") != identity.guid:
            data = record.to_dict() | identity_keys
            fingerprint = record_fingerprint(data, source)
        published.append((data, fingerprint))
        name = f"{identity.slug}.md"
        if is_fresh(previous.get(name), fingerprint, os.path.join(folder, name)):
            entries[name] = previous[name]  # the file is the one that entry describes
        else:
            to_write.append((dataclasses.replace(record, **identity_keys), fingerprint))
    write = functools.partial(write_briefing, directory=project.briefings)
    changed = map_forked(write, [record for record, _ in to_write], parallel_from=WRITE_PARALLEL_FROM)
    report.written += sum(changed)
    report.unchanged += len(records) - sum(changed)
    for record, fingerprint in to_write:
        entries[f"{record.slug}.md"] = entry_for(project.briefings / f"{record.slug}.md", fingerprint)
    save_manifest(project.briefings_manifest, entries)
    with os.scandir(folder) as files:
        stale = [f.path for f in files if _is_briefing_file(f) and f.name not in entries]
    for path in stale:
        os.unlink(path)
    report.removed += len(stale)
    if warm is not None:
        warm.published = {source: item for source, item in zip(sources, published, strict=True) if source}
    return published


def _is_briefing_file(entry: os.DirEntry) -> bool:
    return entry.name.endswith(".md") and not entry.name.startswith(".") and entry.is_file()


def publish(
    project: Project,
    records: list[tuple[dict, str]],
    report: BuildReport,
    siteurl: str | None = None,
    search: str = "wait",
) -> None:
    """Render the changed files with Pelican into a staging directory beside `output/`,
    move them into `output/`, then bring the search index up to date.

    Only files whose inputs changed are rendered (see `site/output.py`). Nothing touches
    `output/` until Pelican has finished: a crash or Ctrl-C leaves the previous site whole.
    `search`: "wait" indexes before returning; "background" leaves it to a process of its
    own, so the pages are out without waiting for Pagefind.
    The report gets the seconds each step took and the count of files made."""
    from .site.search import BUNDLE_DIR

    stop_search_refresh(project)  # it would index pages about to change
    staging = project.output.with_name(f"{project.output.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    manifest = load_manifest(project.manifest) if project.output.is_dir() else {}
    started = time.perf_counter()
    try:
        tracker = run_pelican(project, staging, records, manifest, siteurl)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = tracker.commit(keep_under=[BUNDLE_DIR])
    save_manifest(project.manifest, tracker.manifest())
    report.seconds["render"] = time.perf_counter() - started
    report.files = {
        "files": len(tracker.entries),
        "rendered": len(tracker.rendered),
        "written": len(tracker.written),
        "removed": len(removed),
    }
    if search == "background":
        report.search_in_background = start_search_refresh(project)
    else:
        from .site.search import index_site

        report.seconds["search"] = index_site(project.output).seconds


def run_pelican(
    project: Project,
    staging: Path,
    records: list[tuple[dict, str]],
    manifest: dict,
    siteurl: str | None,
) -> OutputTracker:
    """Pelican with the theme and plugin, writing what changed into `staging`; returns the
    tracker. The briefings come from `records` (the files just written say the same), so
    Pelican reads only the plain pages."""
    from jinja2 import FileSystemBytecodeCache
    from pelican import Pelican
    from pelican import log as pelican_log
    from pelican.settings import read_settings

    from .site.pages import BUILD_SETTING
    from .site.reader import CACHE_SETTING

    pelican_log.init(level=logging.WARNING, fatal="warnings")
    pelican_log.console.quiet = True  # our own summary line says what was built
    build_state = {
        "live": str(project.output),
        "manifest": manifest,
        "briefings": records,
    }
    override = {
        "PATH": str(project.content),
        "OUTPUT_PATH": str(staging),
        "THEME": str(project.root / "theme"),
        "ARTICLE_PATHS": [],
        BUILD_SETTING: build_state,
        CACHE_SETTING: str(project.read_cache),
    }
    if siteurl:
        override["SITE_ABSOLUTE_URL"] = siteurl.rstrip("/")
    settings = read_settings(str(project.settings), override=override)
    # Jinja compiles each template anew in every process; this keeps the compiled code (by
    # each template's source) for the next build.
    project.templates_cache.mkdir(parents=True, exist_ok=True)
    bytecode = FileSystemBytecodeCache(str(project.templates_cache))
    settings["JINJA_ENVIRONMENT"] = {**settings.get("JINJA_ENVIRONMENT", {}), "bytecode_cache": bytecode}
    Pelican(settings).run()
    return build_state["tracker"]


@contextmanager
def _long_lived_objects_frozen() -> Iterator[Callable[[], None]]:
    """A `freeze` to call once a stage has made objects that live until the build ends (the
    records, then the published data): the cycle collector stops scanning them, which each
    of its full passes over a big project's records did for about 0.1 s. All are thawed at
    the end, so that `watch`, which builds again in the same process, can free them."""
    if gc.get_freeze_count():  # someone else's frozen objects: leave them be
        yield lambda: None
        return
    try:
        yield gc.freeze
    finally:
        gc.unfreeze()


def _load_publishing() -> None:
    """Import what publishing runs: Pelican, Jinja, markdown-it and feedgen take a quarter of a
    second, which a worker extracting the new seeds meanwhile hides."""
    import pelican.settings  # noqa: F401

    from .site import pages, search  # noqa: F401  the plugin, its generators and writers


class StrictStop(RuntimeError):
    """`--strict`: a seed failed, so nothing was written or published."""


def build(
    project: Project,
    siteurl: str | None = None,
    strict: bool = False,
    on_progress=None,
    on_total=None,
    search: str = "wait",
    warm: Warm | None = None,
) -> BuildReport:
    """Seeds to a published site. `search="background"`: the search index is refreshed by a
    process of its own once the pages are out (see `publish`). `warm`: kept from one build to
    the next by a process that builds again and again (see `warm.py`)."""
    report = BuildReport()
    started = time.perf_counter()
    seeds = list_seeds(project.seeds)
    report.seeds = len(seeds)
    if on_total:
        on_total(len(seeds))
    load_knowledge(project.content)  # a malformed knowledge base stops the build before any work
    with _long_lived_objects_frozen() as freeze:
        cache = ExtractionCache(project.cache)
        try:
            # Already imported (the next build of `watch`, a test): nothing to do meanwhile.
            meanwhile = None if "pelican" in sys.modules else _load_publishing
            extraction = extract_seeds(
                seeds, project.root, project.content, cache, on_progress, meanwhile, warm
            )
        finally:
            cache.close()
        report.problems = extraction.problems
        if strict and report.problems:
            raise StrictStop(report.problems[0])
        report.seconds["extract"] = time.perf_counter() - started
        freeze()
        started = time.perf_counter()
        published = write_briefings(project, extraction.records, report, extraction.made_from, warm)
        report.seconds["write"] = time.perf_counter() - started
        freeze()
        publish(project, published, report, siteurl or os.environ.get("BRIEFINGS_SITEURL"), search)
    return report
