"""Seeds to records: read, clean, extract and override each seed, in parallel over the cores.

A seed that cannot be read or whose sidecar is broken becomes one line in `problems`;
the others go on. Nothing a seed contains can raise out of here.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .cache import (
    Encoded,
    ExtractionCache,
    Linking,
    StoryPairs,
    decode_pairs,
    decode_record,
    decode_similar,
    encode,
    encode_pairs,
    encode_similar,
    gc_paused,
    links_key,
    made_from_key,
    record_key,
)
from .digests import FileDigests
from .knowledge import knowledge_fingerprint, load_knowledge
from .overrides import OverrideError, apply_override, load_override, sidecar_name, sidecar_path
from .read import MAX_SEED_BYTES, SEED_SUFFIXES, SeedError, read_seed
from .record import Briefing
from .stories import (
    PairNumbers,
    Similar,
    apply_links,
    find_links,
    similar_pairs,
    similar_pairs_of_newcomers,
    story_pairs,
)
from .warm import Warm

if TYPE_CHECKING:  # imported where a seed is extracted: a rebuild that extracts none never loads it
    from .extract.article import Extractor

PARALLEL_FROM = 48  # below this, starting worker processes costs more than it saves
# Cached seeds from which reading them alone takes long enough to pay for a worker that builds
# its extractor meanwhile (on 2 cores: a loss at 1,000 seeds, a gain at 5,000).
OVERLAP_FROM = 3000
CACHE_BATCH = 200  # records per commit: an interrupted build loses at most one batch of work
# Added seeds up to which the last linking is updated: each is compared with every briefing,
# and beyond this many that costs more than linking afresh.
UPDATE_LINKING_UP_TO = 16


@dataclass
class Extraction:
    records: list[Briefing] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    # For each record, a digest of all it was made from (its cache key and its story links),
    # or "" for a seed without a cache key: the write stage fingerprints it without hashing it.
    made_from: list[str] = field(default_factory=list)


def list_seeds(seeds_dir: Path) -> list[Path]:
    if not seeds_dir.is_dir():
        return []
    names = [name for name in os.listdir(seeds_dir) if os.path.splitext(name)[1].lower() in SEED_SUFFIXES]
    return [seeds_dir / name for name in sorted(names)]  # names sort as their paths do, many times faster


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
    meanwhile: Callable[[], object] | None = None,
    warm: Warm | None = None,
) -> Extraction:
    """Records for every readable seed (from the cache when nothing they depend on changed),
    stories linked; one problem line per bad seed.

    `meanwhile`: other work for this process (the build's next stage loading its code), done
    while workers extract. `warm`: what the last build in this process kept (see `Warm`)."""
    keys = _cache_keys(paths, root, content, cache) if cache else {}
    stored = cache.keys() if cache else set()
    todo = [path for path in paths if keys.get(path) not in stored]
    outcome = Extraction()
    warm = warm if cache else None  # records are kept by cache key
    # Workers extract while this process reads the cache and does `meanwhile`: building the
    # extractor takes about as long as either, for a seed or two to extract.
    alongside = meanwhile is not None or len(paths) - len(todo) >= OVERLAP_FROM
    with _extraction(todo, root, content, alongside, on_progress, warm) as results:
        if meanwhile:
            meanwhile()
        records = _cached_records(cache, keys, todo, warm) if cache else {}
        if on_progress and records:
            on_progress(len(records))
        pairs: dict[Path, StoryPairs] = {}
        if cache and todo and records:  # new records mean linking again: read what that needs, too
            pairs = _stored_pairs(cache, {path: keys[path] for path in records}, warm)
        _take_results(zip(todo, results, strict=True), keys, cache, records, pairs, outcome.problems)
    if cache:
        cache.keep_only(set(keys.values()))
    present = [path for path in paths if path in records]
    outcome.records, outcome.made_from = _linked(present, records, pairs, keys, cache, warm)
    if warm is not None:
        warm.records.update((keys[path], records[path]) for path in present if path in keys)
        warm.pairs.update((keys[path], pairs[path]) for path in present if path in pairs and path in keys)
        warm.keep_only(set(keys.values()))
    return outcome


def _take_results(
    results: Iterable[tuple[Path, Encoded | str]],
    keys: dict[Path, str],
    cache: ExtractionCache | None,
    records: dict[Path, Briefing],
    pairs: dict[Path, StoryPairs],
    problems: list[str],
) -> None:
    """Each good seed's record and pairs into `records` and `pairs`, and into the cache in
    batches as they come; each bad seed's line into `problems`."""
    rows: list[tuple[str, str, Encoded]] = []
    for path, result in results:
        if isinstance(result, str):
            problems.append(result)
            continue
        records[path] = decode_record(result.data)  # decoded as from the cache: the same records
        pairs[path] = decode_pairs(result.pairs)
        if cache and path in keys:
            rows.append((keys[path], records[path].seed, result))
            if len(rows) >= CACHE_BATCH:
                cache.put_many(rows)
                rows = []
    if cache:
        cache.put_many(rows)


def _cache_keys(paths: list[Path], root: Path, content: Path, cache: ExtractionCache) -> dict[Path, str]:
    """Keys of the seeds that can come from the cache: plain files the reader would accept.
    A seed's digest is taken from the cache while its file is untouched (`digests.py`)."""
    fingerprint = knowledge_fingerprint(content)
    digests = FileDigests(cache.file_digests())
    listings: dict[Path, set[str]] = {}  # each folder's names: most seeds have no sidecar to look for
    keys = {}
    for path, name in zip(paths, _display_names(paths, root), strict=True):
        seed_sha256 = digests.digest(path, MAX_SEED_BYTES)
        if path.parent not in listings:
            listings[path.parent] = set(os.listdir(path.parent))
        sidecar_bytes = _sidecar_bytes(path) if sidecar_name(path.name) in listings[path.parent] else b""
        if seed_sha256 is None or sidecar_bytes is None:
            continue  # the reader decides these, every time
        keys[path] = record_key(name, seed_sha256, sidecar_bytes, fingerprint)
    if digests.changed:
        cache.put_file_digests(digests.seen)
    return keys


def _display_names(paths: list[Path], root: Path) -> Iterator[str]:
    """`display_path` of each seed, working out each folder's relative path once."""
    folders: dict[str, str] = {}
    for path in paths:
        folder, name = os.path.split(path)
        if folder not in folders:
            folders[folder] = display_path(path.parent, root)
        yield name if folders[folder] == os.curdir else os.path.join(folders[folder], name)


def _sidecar_bytes(path: Path) -> bytes | None:
    """The sidecar's bytes, b"" when there is none; None when it cannot be read."""
    sidecar = sidecar_path(path)
    try:
        return sidecar.read_bytes() if sidecar.is_file() else b""
    except OSError:
        return None


def _cached_records(
    cache: ExtractionCache, keys: dict[Path, str], todo: list[Path], warm: Warm | None = None
) -> dict[Path, Briefing]:
    """The records of the seeds not being extracted: all in the cache (or kept in `warm`)."""
    extracting = set(todo)
    wanted = {path: key for path, key in keys.items() if path not in extracting}
    kept = warm.records if warm else {}
    found = cache.get_many(key for key in wanted.values() if key not in kept)
    return {path: kept[key] if key in kept else found[key] for path, key in wanted.items()}


def _stored_pairs(
    cache: ExtractionCache, keys: dict[Path, str], warm: Warm | None = None
) -> dict[Path, StoryPairs]:
    """The story pairs stored with these seeds' records, where this version of the linker made
    them (or kept in `warm`)."""
    kept = warm.pairs if warm else {}
    blobs = cache.get_pairs(key for key in keys.values() if key not in kept)
    with gc_paused():
        decoded = {key: decode_pairs(blob) for key, blob in blobs.items()}
    return {
        path: kept[key] if key in kept else decoded[key]
        for path, key in keys.items()
        if key in kept or key in decoded
    }


def _linked(
    present: list[Path],
    records: dict[Path, Briefing],
    pairs: dict[Path, StoryPairs],
    keys: dict[Path, str],
    cache: ExtractionCache | None,
    warm: Warm | None = None,
) -> tuple[list[Briefing], list[str]]:
    """The records in order, stories linked, and what each was made from (see `Extraction`).
    The links come from the cache when these exact records were linked last time, and the
    last linking is updated when a few were added."""
    ordered = [records[path] for path in present]
    order = [keys.get(path, "") for path in present]
    # Linkings are stored by record keys: only when every record has one, and only one.
    storable = cache is not None and "" not in order and len(set(order)) == len(order)
    inputs = links_key(order) if storable else ""
    links = cache.get_links(inputs) if cache and storable else None
    if links is None:
        with gc_paused():
            listed = _story_pairs(present, records, pairs, keys, cache, warm)
            words, digests = [p.words for p in listed], [p.digest for p in listed]
            last = cache.last_linking() if cache and storable else None
            resume = _resumable(last, order, cache)
            similar, encoded = _similar(words, digests, last, resume is not None)
            links = find_links(ordered, words, similar, resume)
        if cache and storable:
            cache.put_linking(inputs, Linking(order, encoded, digests), links)
    made_from = [made_from_key(key, links.get(n)) if key else "" for n, key in enumerate(order)]
    if warm is None:
        return apply_links(ordered, links), made_from
    # Made from the same record and links, it is the linked record the last build made.
    kept = warm.linked
    linked = [
        kept[source] if source in kept else dataclasses.replace(record, **links[n]) if n in links else record
        for n, (record, source) in enumerate(zip(ordered, made_from, strict=True))
    ]
    warm.linked = {source: record for source, record in zip(made_from, linked, strict=True) if source}
    return linked, made_from


def _resumable(last: Linking | None, order: list[str], cache: ExtractionCache | None) -> tuple | None:
    """(n, links) of the last linking when its records are the first n now (seeds were only
    added, and sort after the others): the newcomers are placed without relinking the rest."""
    if last is None or cache is None or order[: len(last.keys)] != last.keys:
        return None
    links = cache.get_links(links_key(last.keys))
    return (len(last.keys), links) if links is not None else None


def _similar(
    pairs: list[PairNumbers], digests: list[str], last: Linking | None, resuming: bool
) -> tuple[list[Similar], bytes]:
    """The similar pairs linking needs, and all of them encoded for the cache.

    They depend on nothing but the story pairs (`digests`): the last linking's are reused when
    those are the same (a sidecar or knowledge-base change left every title and body as it
    was); when a few records were added after them, only the newcomers' are found, and
    appended to the stored ones undecoded (`resuming`, the newcomers are all linking needs);
    else all are found afresh."""
    known = len(last.pairs) if last else 0
    if last is None or digests[:known] != last.pairs or len(digests) - known > UPDATE_LINKING_UP_TO:
        found = similar_pairs(pairs)
        return found, encode_similar(found)
    if known == len(digests):
        return decode_similar(last.similar), last.similar
    newcomers = similar_pairs_of_newcomers(pairs, known)
    encoded = last.similar + encode_similar(newcomers)
    return (newcomers if resuming else decode_similar(encoded)), encoded


def _story_pairs(
    present: list[Path],
    records: dict[Path, Briefing],
    pairs: dict[Path, StoryPairs],
    keys: dict[Path, str],
    cache: ExtractionCache | None,
    warm: Warm | None = None,
) -> list[StoryPairs]:
    """Each record's story pairs: from `pairs` (made by the worker that extracted it, or read
    from the cache already), else from the cache, else made again (an older linker stored them).
    All of them go into `pairs`."""
    missing = {path: keys[path] for path in present if path not in pairs}
    found = _stored_pairs(cache, missing, warm) if cache and missing else {}
    redone = []
    for path in missing:
        if path not in found:
            blob = encode_pairs(story_pairs(records[path]))
            found[path] = decode_pairs(blob)
            redone.append((keys[path], blob))
    if cache and redone:
        cache.put_pairs(redone)
    pairs.update(found)
    return [pairs[path] for path in present]


@contextmanager
def _extraction(
    paths: list[Path],
    root: Path,
    content: Path,
    alongside: bool,
    on_progress: Callable[[int], None] | None,
    warm: Warm | None = None,
) -> Iterator[Iterator[Encoded | str]]:
    """Start extracting `paths`; the results, in order, as they come. With `warm`, a few seeds
    are extracted in this process by its extractor, and many by workers forked with it."""
    jobs = [(path, root, content) for path in paths]
    global _extractor
    if warm is not None and jobs:
        _extractor = warm.extractor_for(content)
    pool = _pool(len(jobs), content, alongside and warm is None)
    try:
        if pool is None:
            if jobs and _extractor is None:
                _init_worker(content)
            yield _counted(map(_extract_in_worker, jobs), on_progress)
        else:
            yield _counted(pool.map(_extract_in_worker, jobs, chunksize=_chunksize(len(jobs))), on_progress)
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)  # on an error or Ctrl-C, start no more seeds
        _drop_extractor()


def _pool(jobs: int, content: Path, alongside: bool) -> ProcessPoolExecutor | None:
    """Worker processes for `jobs` seeds, or None to extract them in this process.

    Many seeds: a worker per core. With the fork start method they inherit an extractor built
    here once, instead of each building the same one. A few seeds, `alongside` other work of
    this process: one worker, which builds its extractor meanwhile."""
    cpus = os.cpu_count() or 1
    if not jobs or cpus == 1:
        return None
    if jobs >= PARALLEL_FROM:
        if multiprocessing.get_start_method() == "fork":
            if _extractor is None:  # else `Warm` set one
                _init_worker(content)
            return ProcessPoolExecutor(cpus)
        return ProcessPoolExecutor(cpus, initializer=_init_worker, initargs=(content,))
    if alongside:
        return ProcessPoolExecutor(1, initializer=_init_worker, initargs=(content,))
    return None


def _chunksize(jobs: int) -> int:
    """Small chunks, so no worker is left with a long tail while the others idle."""
    return max(1, min(8, jobs // ((os.cpu_count() or 1) * 16)))


def _counted(results: Iterable[Encoded | str], on_progress: Callable[[int], None] | None) -> Iterator:
    for result in results:
        yield result
        if on_progress:
            on_progress(1)


_extractor: Extractor | None = None


def _init_worker(content: Path) -> None:
    from .extract.article import Extractor

    global _extractor
    _extractor = Extractor(load_knowledge(content))


def _drop_extractor() -> None:
    global _extractor
    _extractor = None


def _extract_in_worker(job: tuple[Path, Path, Path | None]) -> Encoded | str:
    """The seed's record and story pairs, encoded for the cache, or its problem line."""
    path, root, confine_to = job
    assert _extractor is not None
    try:
        record = process_seed(path, root, _extractor, confine_to)
        return encode(record, story_pairs(record))
    except (SeedError, OverrideError) as exc:
        return str(exc)
    except Exception as exc:  # a seed must never take the build down with a traceback
        message = str(exc).splitlines()[0] if str(exc) else ""
        return f"{display_path(path, root)}: could not extract ({type(exc).__name__}: {message})"
