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

from .cache import ExtractionCache, record_key
from .extract.article import Extractor
from .knowledge import knowledge_fingerprint, load_knowledge
from .overrides import OverrideError, apply_override, load_override, sidecar_path
from .read import MAX_SEED_BYTES, SEED_SUFFIXES, SeedError, read_seed
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
    cache: ExtractionCache | None = None,
    on_progress: Callable[[int], None] | None = None,
) -> Extraction:
    """Records for every readable seed (from the cache when nothing they depend on changed),
    stories linked; one problem line per bad seed."""
    keys = _cache_keys(paths, root, content) if cache else {}
    cached = cache.get_many(list(keys.values())) if cache else {}
    done = {path: cached[key] for path, key in keys.items() if key in cached}
    todo = [path for path in paths if path not in done]
    if on_progress and done:
        on_progress(len(done))
    outcome = Extraction()
    fresh = []
    for path, result in zip(todo, _run(todo, root, content, on_progress), strict=True):
        if isinstance(result, Briefing):
            done[path] = result
            if path in keys:
                fresh.append((keys[path], result))
        else:
            outcome.problems.append(result)
    if cache:
        cache.put_many(fresh)
        cache.keep_only(set(keys.values()))
    outcome.records = link_stories([done[path] for path in paths if path in done])
    return outcome


def _cache_keys(paths: list[Path], root: Path, content: Path) -> dict[Path, str]:
    """Keys of the seeds that can come from the cache: plain files the reader would accept."""
    fingerprint = knowledge_fingerprint(content)
    keys = {}
    for path in paths:
        if path.is_symlink() or not path.is_file() or path.stat().st_size > MAX_SEED_BYTES:
            continue  # the reader decides these, every time
        sidecar = sidecar_path(path)
        sidecar_bytes = sidecar.read_bytes() if sidecar.is_file() else b""
        keys[path] = record_key(display_path(path, root), path.read_bytes(), sidecar_bytes, fingerprint)
    return keys


def _run(
    paths: list[Path], root: Path, content: Path, on_progress: Callable[[int], None] | None
) -> list[Briefing | str]:
    """Extract seeds, in worker processes when there are enough to pay for them."""
    if not paths:
        return []
    jobs = [(path, root, content) for path in paths]
    if len(paths) >= PARALLEL_FROM and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor(initializer=_init_worker, initargs=(content,)) as pool:
            return _counted(pool.map(_extract_in_worker, jobs, chunksize=16), on_progress)
    _init_worker(content)
    return _counted(map(_extract_in_worker, jobs), on_progress)


def _counted(results: Iterable[Briefing | str], on_progress: Callable[[int], None] | None) -> list:
    out = []
    for result in results:
        out.append(result)
        if on_progress:
            on_progress(1)
    return out


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
