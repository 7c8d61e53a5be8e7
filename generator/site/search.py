"""Full-text search: a Pagefind index of the published site, sharded so that a build
re-indexes only the pages that changed.

Pagefind reads the rendered HTML. Only pages whose main content carries
`data-pagefind-body` (briefings, actor and topic pages) are indexed; list pages are not.
Pagefind has no incremental mode, so the searchable pages are split into shards by a stable
hash of their path and each shard is its own Pagefind bundle; the browser searches the first
and merges the others in (Pagefind's `mergeIndex`). Everything lives in the site's own
`pagefind/` folder, so search needs no other host:

    pagefind/pagefind-ui.js, pagefind-ui.css   the search box (every page loads them)
    pagefind/shards.json                       the shards and their bundles, read by search.js
    pagefind/shards/<fingerprint>/             one shard's complete Pagefind bundle

A shard's folder is named after its fingerprint (a hash of its pages' paths and
fingerprints and of the Pagefind version), so a shard whose folder is present and complete
is current, and the name changes, busting caches, exactly when the shard's content does.
Nothing here writes into an existing file (it may be a hardlink of another copy of the
site): new bundles are renamed in beside the old ones, shards.json is replaced by a rename,
and only then are the old bundles removed, so a live site's index is whole at every moment.
"""

from __future__ import annotations

import concurrent.futures
import functools
import hashlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

BUNDLE_DIR = "pagefind"
SHARDS_DIR = "shards"
STATE_FILE = "shards.json"
UI_FILES = ("pagefind-ui.js", "pagefind-ui.css")  # what base.html loads from pagefind/
ENTRY_FILE = "pagefind-entry.json"
WORK_PREFIX = ".work-"
MARKER = b"data-pagefind-body"
# One bundle up to 5,000 pages. Measured on 1,315 pages: split into 8 shards, 31 of 191
# queries got extra results and 99 another top result (Pagefind ranks and prefix-matches
# each index on its own words), and the first search took 1.85 s instead of 0.84 s (the UI
# fetches each shard in turn). So the site is re-indexed whole when a searchable page
# changes (in the background after an incremental build), and shards only where one index
# would cost too much memory: Pagefind took 2.25 GB for 10,500 pages in one bundle.
PAGES_PER_SHARD = 5_000
MAX_SHARDS = 32
PAGEFIND_OPTIONS = ("--force-language", "en", "--silent")
PLACEHOLDER_PAGE = (
    "<!DOCTYPE html><html lang='en'><body><main data-pagefind-body>placeholder</main></body></html>"
)


class SearchIndexError(RuntimeError):
    """Pagefind failed, or a page cannot be indexed; the previous index is left as it was."""


@dataclass(frozen=True)
class Shard:
    number: int
    pages: tuple[tuple[str, str], ...]  # (path, fingerprint), sorted
    fingerprint: str

    @property
    def bundle(self) -> str:
        """The bundle's folder, relative to the site root."""
        return f"{BUNDLE_DIR}/{SHARDS_DIR}/{self.fingerprint[:16]}"


@dataclass(frozen=True)
class SearchUpdate:
    """What an update did: the shards re-indexed and kept (by number), how many old bundles
    it removed (superseded or no longer needed), the seconds it took."""

    shards: int
    rebuilt: tuple[int, ...]
    kept: tuple[int, ...]
    removed: int
    seconds: float

    def summary(self) -> str:
        return (
            f"search: {len(self.rebuilt)} of {self.shards} shards re-indexed, "
            f"{self.removed} old bundle{'s' * (self.removed != 1)} removed, {self.seconds:.1f}s"
        )


def shard_count(pages: int, pages_per_shard: int = PAGES_PER_SHARD) -> int:
    """The smallest power of two giving at most `pages_per_shard` pages a shard, at most
    MAX_SHARDS; none for no pages. It depends on the count alone, so a full build and an
    incremental one shard alike."""
    if pages == 0:
        return 0
    count = 1
    while count < MAX_SHARDS and pages > count * pages_per_shard:
        count *= 2
    return count


def shard_of(path: str, shards: int) -> int:
    """A page's shard: a hash of its path (never Python's hash(), which changes per process)."""
    digest = hashlib.sha256(path.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % shards


def update_search_index(
    output_dir: Path | str, pages: Mapping[str, str], *, pages_per_shard: int = PAGES_PER_SHARD
) -> SearchUpdate:
    """Bring the search index of `output_dir` up to date with `pages`.

    `pages` maps each searchable page (its path relative to `output_dir`, such as
    "briefings/some-slug/index.html") to a fingerprint that changes whenever its searchable
    content may have. Only shards whose pages or fingerprints changed are re-indexed, in
    parallel; nothing is replaced until all of them succeeded, so on SearchIndexError the
    previous index is intact. The same pages always give the same bytes.
    """
    started = time.perf_counter()
    output_dir = Path(output_dir)
    root = output_dir / BUNDLE_DIR
    version = pagefind_version()
    shards = plan_shards(pages, version, pages_per_shard)
    stale = [s for s in shards if s.pages and not is_complete(output_dir / s.bundle, len(s.pages))]
    root.mkdir(parents=True, exist_ok=True)
    # The work folder is inside the bundle: on the site's file system, for hardlinks and renames.
    with tempfile.TemporaryDirectory(prefix=WORK_PREFIX, dir=root) as work_dir:
        work = Path(work_dir)
        built = build_shards(output_dir, stale, work)
        for shard, bundle in built:
            install(bundle, output_dir / shard.bundle, work)
        write_ui(root, shards, output_dir, version, work)
        replace_if_changed(root / STATE_FILE, state_json(shards, version))
        # Only now, with shards.json naming the new bundles, may the old ones go.
        removed = remove_unlisted(root, {output_dir / s.bundle for s in shards if s.pages}, work)
    rebuilt = {shard.number for shard, _ in built}
    return SearchUpdate(
        shards=len(shards),
        rebuilt=tuple(sorted(rebuilt)),
        kept=tuple(s.number for s in shards if s.pages and s.number not in rebuilt),
        removed=removed,
        seconds=time.perf_counter() - started,
    )


def searchable_pages(output_dir: Path | str) -> dict[str, str]:
    """Every page of the site marked `data-pagefind-body`, fingerprinted by its bytes."""
    output_dir = Path(output_dir)
    pages = {}
    for folder, subfolders, names in os.walk(output_dir):
        if Path(folder) == output_dir and BUNDLE_DIR in subfolders:
            subfolders.remove(BUNDLE_DIR)  # thousands of index files, no page
        for name in names:
            if name.endswith(".html"):
                page = Path(folder, name)
                content = page.read_bytes()
                if MARKER in content:
                    pages[page.relative_to(output_dir).as_posix()] = hashlib.sha256(content).hexdigest()
    return dict(sorted(pages.items()))


def index_site(output_dir: Path | str) -> SearchUpdate:
    """Index the searchable pages of `output_dir`, fingerprinted by their bytes."""
    return update_search_index(output_dir, searchable_pages(output_dir))


@functools.cache
def pagefind_command() -> tuple[str, ...]:
    """Pagefind's own command, from the `pagefind[bin]` wheel: the binary that
    `python -m pagefind` runs, without the 70 ms of starting Python for each shard."""
    from pagefind.service import get_executable

    executable = get_executable()
    if executable is None:
        raise SearchIndexError("no pagefind binary: install pagefind[bin]")
    return (str(executable),)


@functools.cache
def pagefind_version() -> str:
    """Part of every shard's fingerprint: another Pagefind re-indexes everything."""
    result = subprocess.run([*pagefind_command(), "--version"], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind --version failed ({result.returncode}): {last_line(result)}")
    return result.stdout.strip().removeprefix("pagefind ")


def plan_shards(pages: Mapping[str, str], version: str, pages_per_shard: int) -> list[Shard]:
    for path in pages:
        check_page_path(path)
    count = shard_count(len(pages), pages_per_shard)
    members: list[list[tuple[str, str]]] = [[] for _ in range(count)]
    for path, fingerprint in sorted(pages.items()):
        members[shard_of(path, count)].append((path, fingerprint))
    return [
        Shard(number, tuple(pairs), shard_fingerprint(pairs, version)) for number, pairs in enumerate(members)
    ]


def check_page_path(path: str) -> None:
    parts = PurePosixPath(path).parts
    if not parts or path.startswith("/") or "\\" in path or {".", "..", ""} & set(path.split("/")):
        raise ValueError(f"not a page path relative to the site: {path!r}")
    if parts[0] == BUNDLE_DIR or not path.endswith(".html"):
        raise ValueError(f"not a page Pagefind indexes: {path!r}")


def shard_fingerprint(pages: list[tuple[str, str]], version: str) -> str:
    recipe = [version, list(PAGEFIND_OPTIONS), pages]
    return hashlib.sha256(json.dumps(recipe, ensure_ascii=False).encode("utf-8")).hexdigest()


def is_complete(bundle: Path, page_count: int) -> bool:
    """A bundle Pagefind finished: its entry names its metadata, which is there."""
    try:
        entry = json.loads((bundle / ENTRY_FILE).read_text(encoding="utf-8"))
        language = entry["languages"]["en"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return (
        language.get("page_count") == page_count
        and (bundle / f"pagefind.{language['hash']}.pf_meta").is_file()
        and (bundle / "pagefind.js").is_file()
    )


def build_shards(output_dir: Path, shards: list[Shard], work: Path) -> list[tuple[Shard, Path]]:
    """Index each shard into a new bundle under `work`, up to one Pagefind per core."""
    if not shards:
        return []
    workers = min(len(shards), os.cpu_count() or 1)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=workers)
    try:
        bundles = list(pool.map(lambda s: build_shard(output_dir, s, work), shards))
    finally:
        pool.shutdown(cancel_futures=True)  # after a failure, start no more shards
    return list(zip(shards, bundles, strict=True))


def build_shard(output_dir: Path, shard: Shard, work: Path) -> Path:
    """Hardlink the shard's pages into a site of their own and run Pagefind over it."""
    site = work / f"site-{shard.number}"
    for path, _ in shard.pages:
        link_page(output_dir / path, site / path)
    bundle = work / f"bundle-{shard.number}"
    run_pagefind(site, bundle, len(shard.pages))
    return bundle


def link_page(page: Path, link: Path) -> None:
    try:
        content = page.read_bytes()
    except OSError as error:
        raise SearchIndexError(f"cannot read searchable page {page}: {error.strerror}") from None
    # Pagefind indexes whole bodies in a shard without a marked page: refuse such pages.
    if MARKER not in content:
        raise SearchIndexError(f"{page} has no data-pagefind-body: not a searchable page")
    link.parent.mkdir(parents=True, exist_ok=True)
    os.link(page, link)  # `work` is inside the site: the same file system


def run_pagefind(site: Path, bundle: Path, page_count: int) -> None:
    """Pagefind's command, run to completion: its Python API stops the indexer right after
    asking it to write, which can leave the entry empty."""
    command = [*pagefind_command(), "--site", str(site), "--output-path", str(bundle), *PAGEFIND_OPTIONS]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError(f"pagefind failed ({result.returncode}): {last_line(result)}")
    if not is_complete(bundle, page_count):
        raise SearchIndexError(f"pagefind wrote no complete index of {page_count} pages in {bundle.name}")


def last_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = (result.stderr or result.stdout).strip().splitlines()
    return lines[-1] if lines else "no output"


def install(bundle: Path, target: Path, work: Path) -> None:
    """Rename the new bundle into place; an incomplete one already there is moved aside."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists():
        os.replace(target, work / f"incomplete-{target.name}")
    os.replace(bundle, target)


def remove_unlisted(root: Path, bundles: set[Path], work: Path) -> int:
    """Remove the bundles of shards that changed or are gone, and anything else in `root`
    that is not the index (the single bundle of older builds, an interrupted update's work).
    Returns the number of bundles removed."""
    removed = 0
    shards_dir = root / SHARDS_DIR
    for entry in sorted(shards_dir.iterdir()) if shards_dir.is_dir() else []:
        if entry not in bundles:
            removed += entry.is_dir()
            remove(entry)
    for entry in sorted(root.iterdir()):
        if entry.name not in {SHARDS_DIR, STATE_FILE, *UI_FILES} and entry != work:
            remove(entry)
    return removed


def remove(entry: Path) -> None:
    # Unlinking, never truncating: hardlinked files of the live site stay whole.
    if entry.is_dir() and not entry.is_symlink():
        shutil.rmtree(entry)
    else:
        entry.unlink()


def write_ui(root: Path, shards: list[Shard], output_dir: Path, version: str, work: Path) -> None:
    """Copy the search box's script and styles from the first bundle (all are the same
    Pagefind); with no searchable page, from a bundle indexing a placeholder."""
    bundles = [output_dir / s.bundle for s in shards if s.pages]
    if bundles:
        source = bundles[0]
    elif all((root / name).is_file() for name in UI_FILES) and recorded_version(root) == version:
        return
    else:
        source = work / "placeholder"
        (work / "placeholder-site").mkdir()
        (work / "placeholder-site" / "index.html").write_text(PLACEHOLDER_PAGE, encoding="utf-8")
        run_pagefind(work / "placeholder-site", source, 1)
    for name in UI_FILES:
        replace_if_changed(root / name, (source / name).read_bytes())


def recorded_version(root: Path) -> str | None:
    try:
        return json.loads((root / STATE_FILE).read_text(encoding="utf-8")).get("pagefind")
    except (OSError, ValueError, AttributeError):
        return None


def state_json(shards: list[Shard], version: str) -> bytes:
    """What search.js reads: the bundles in shard order (none for an empty shard)."""
    state = {
        "pagefind": version,
        "pages": sum(len(s.pages) for s in shards),
        "shards": [
            {
                "bundle": f"{s.bundle}/" if s.pages else None,
                "fingerprint": s.fingerprint,
                "pages": len(s.pages),
            }
            for s in shards
        ],
    }
    return (json.dumps(state, indent=1, sort_keys=True) + "\n").encode("utf-8")


def replace_if_changed(path: Path, content: bytes) -> None:
    """Write a new file and rename it over `path`: never into `path`, a possible hardlink."""
    if path.is_file() and path.read_bytes() == content:
        return  # unchanged: keep the file, its inode and its time
    descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    os.chmod(temporary, 0o644)  # mkstemp's 0600 would hide the file from a web server
    os.replace(temporary, path)


def main(argv: list[str] | None = None) -> int:
    """`python -m generator.site.search OUTPUT STATUS`: index OUTPUT, then write what was
    done (or the error) to STATUS as JSON. The build runs this in the background."""
    import sys

    output, status = (Path(a) for a in (argv if argv is not None else sys.argv[1:]))
    try:
        update = index_site(output)
        result = {"ok": True, "seconds": update.seconds, "summary": update.summary()}
    except (SearchIndexError, OSError) as exc:
        result = {"ok": False, "error": str(exc)}
    replace_if_changed(status, json.dumps(result, indent=1).encode("utf-8"))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
