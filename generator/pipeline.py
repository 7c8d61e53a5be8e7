"""Seeds to records: read, clean, extract and override each seed, in parallel over the cores.

A seed that cannot be read or whose sidecar is broken becomes one line in `problems`;
the others go on. Nothing a seed contains can raise out of here.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .extract.article import Extractor
from .knowledge import load_knowledge
from .overrides import OverrideError, apply_override, load_override
from .read import SEED_SUFFIXES, SeedError, read_seed
from .record import Briefing
from .stories import link_stories

PARALLEL_FROM = 48  # below this, starting worker processes costs more than it saves


@dataclass
class Extraction:
    records: list[Briefing] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def list_seeds(seeds_dir: Path) -> list[Path]:
    if not seeds_dir.is_dir():
        return []
    return sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in SEED_SUFFIXES)


def display_path(path: Path, root: Path) -> str:
    """The seed as the contract names it: relative to the project root."""
    try:
        return os.path.relpath(path.absolute(), root.absolute())
    except ValueError:  # another drive
        return str(path)


def process_seed(path: Path, root: Path, extractor: Extractor, confine_to: Path | None = None) -> Briefing:
    """One seed's record; raises SeedError or OverrideError with a one-line message."""
    name = display_path(path, root)
    seed = read_seed(path, root=confine_to)
    override = load_override(path)
    record = extractor.extract(seed, name, known_date=override.get("date"))
    return apply_override(record, override) if override else record


def extract_seeds(
    paths: list[Path],
    root: Path,
    content: Path,
    confine: bool = True,
    on_progress: Callable[[int], None] | None = None,
) -> Extraction:
    """Records for every readable seed, stories linked; one problem line per bad seed."""
    confine_to = content if confine else None
    jobs = [(path, root, confine_to) for path in paths]
    if len(paths) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(initializer=_init_worker, initargs=(content,)) as pool:
            results = pool.map(_extract_in_worker, jobs, chunksize=16)
            outcome = _collect(results, on_progress)
    else:
        _init_worker(content)
        outcome = _collect(map(_extract_in_worker, jobs), on_progress)
    outcome.records = link_stories(outcome.records)
    return outcome


def _collect(results: Iterable[Briefing | str], on_progress: Callable[[int], None] | None) -> Extraction:
    outcome = Extraction()
    for result in results:
        if isinstance(result, Briefing):
            outcome.records.append(result)
        else:
            outcome.problems.append(result)
        if on_progress:
            on_progress(1)
    return outcome


_extractor: Extractor | None = None


def _init_worker(content: Path) -> None:
    global _extractor
    _extractor = Extractor(load_knowledge(content))


def _extract_in_worker(job: tuple[Path, Path, Path | None]) -> Briefing | str:
    path, root, confine_to = job
    assert _extractor is not None
    try:
        return process_seed(path, root, _extractor, confine_to)
    except (SeedError, OverrideError) as exc:
        return str(exc)
    except Exception as exc:  # a seed must never take the build down with a traceback
        message = str(exc).splitlines()[0] if str(exc) else ""
        return f"{display_path(path, root)}: could not extract ({type(exc).__name__}: {message})"
