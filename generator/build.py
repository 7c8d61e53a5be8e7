"""`briefings build`: seeds to briefings to a published site.

Briefings are written to `content/briefings/` (stale ones removed), then Pelican renders
the site into a directory beside `output/`, swapped in only when it succeeded: a crash or
Ctrl-C mid-build leaves the previous site whole.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from .cache import ExtractionCache
from .knowledge import load_knowledge
from .pipeline import extract_seeds, list_seeds
from .record import Briefing
from .registry import Registry
from .write import write_briefing

REGISTRY_FILE = "registry.json"


@dataclass
class BuildReport:
    seeds: int = 0
    written: int = 0
    unchanged: int = 0
    removed: int = 0
    problems: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        total = sum(self.seconds.values())
        problems = len(self.problems)
        return (
            f"{self.seeds} seeds read, {self.written} briefings written "
            f"({self.unchanged} unchanged, {self.removed} removed), "
            f"{problems} problem{'s' * (problems != 1)}, {total:.1f}s"
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


def write_briefings(project: Project, records: list[Briefing], report: BuildReport) -> list[Briefing]:
    """Mint identities, write each briefing, remove the briefings of vanished seeds."""
    registry = Registry.load(project.registry)
    identities = registry.assign([(Path(r.seed).name, r.seed_sha256, r.title) for r in records])
    registry.save(project.registry)
    project.briefings.mkdir(parents=True, exist_ok=True)
    published = []
    for record in records:
        identity = identities[Path(record.seed).name]
        record = dataclasses.replace(record, slug=identity.slug, guid=identity.guid)
        published.append(record)
        if write_briefing(record, project.briefings):
            report.written += 1
        else:
            report.unchanged += 1
    keep = {f"{r.slug}.md" for r in published}
    for stale in project.briefings.glob("*.md"):
        if stale.name not in keep:
            stale.unlink()
            report.removed += 1
    return published


def publish(project: Project, siteurl: str | None = None) -> dict[str, float]:
    """Render the site with Pelican beside `output/`, index it for search, then swap it in.

    Returns the seconds each step took."""
    from pelican import Pelican
    from pelican import log as pelican_log
    from pelican.settings import read_settings

    from .site.search import index_site

    staging = project.output.with_name(f"{project.output.name}.staging")
    previous = project.output.with_name(f"{project.output.name}.previous")
    shutil.rmtree(staging, ignore_errors=True)
    pelican_log.init(level=logging.WARNING, fatal="warnings")
    pelican_log.console.quiet = True  # our own summary line says what was built
    override = {
        "PATH": str(project.content),
        "OUTPUT_PATH": str(staging),
        "THEME": str(project.root / "theme"),
    }
    if siteurl:
        override["SITE_ABSOLUTE_URL"] = siteurl.rstrip("/")
    settings = read_settings(str(project.settings), override=override)
    started = time.perf_counter()
    try:
        Pelican(settings).run()
        rendered = time.perf_counter()
        index_site(staging)  # the search index reads the rendered pages
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    shutil.rmtree(previous, ignore_errors=True)
    if project.output.exists():
        os.replace(project.output, previous)
    os.replace(staging, project.output)
    shutil.rmtree(previous, ignore_errors=True)
    return {"render": rendered - started, "search": time.perf_counter() - rendered}


class StrictStop(RuntimeError):
    """`--strict`: a seed failed, so nothing was written or published."""


def build(
    project: Project, siteurl: str | None = None, strict: bool = False, on_progress=None, on_total=None
) -> BuildReport:
    report = BuildReport()
    started = time.perf_counter()
    seeds = list_seeds(project.seeds)
    report.seeds = len(seeds)
    if on_total:
        on_total(len(seeds))
    load_knowledge(project.content)  # a malformed knowledge base stops the build before any work
    cache = ExtractionCache(project.cache)
    try:
        extraction = extract_seeds(seeds, project.root, project.content, cache, on_progress)
    finally:
        cache.close()
    report.problems = extraction.problems
    if strict and report.problems:
        raise StrictStop(report.problems[0])
    report.seconds["extract"] = time.perf_counter() - started
    started = time.perf_counter()
    write_briefings(project, extraction.records, report)
    report.seconds["write"] = time.perf_counter() - started
    report.seconds.update(publish(project, siteurl or os.environ.get("BRIEFINGS_SITEURL")))
    return report
