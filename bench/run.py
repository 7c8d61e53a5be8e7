"""Build-time benchmarks: `python bench/run.py --sizes 100 1000 [5000 10000]`.

For each corpus size N, in a fresh scratch project (see `corpus.py`), side by side:

- plain Pelican rendering the briefings' Markdown that `briefings build` wrote, with the
  same settings, theme and plugin: the floor the build adds to;
- `briefings build` from scratch, again with nothing changed, after adding one seed, and
  after appending one actor to `actors.yaml`;
- `briefings watch` rebuilding after each of a few added seeds (the process stays up, as a
  maintainer's does);
- the peak memory of each build (largest process, and the whole process tree);
- extraction alone, one process: read + clean + extract, seeds per second (= per core).

Every build runs as its own process (`python -m generator.cli --root DIR build`). Results
go to `bench/results-<N>.json`.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import REPO, make_corpus, write_seed  # noqa: E402

BENCH = Path(__file__).resolve().parent
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")
_STAGES = re.compile(r"\((extract [\d.]+s.*)\)\s*$", re.M)
NEW_ACTOR = """
  - id: bench-added-actor
    name: Oksana Benchmarkova
    kind: person
    aliases: [Benchmarkova, Oksana Benchmarkowa]
    roles:
      - {role: Mayor of Kyiv, from: 2030-01-01}
    description: Added by bench/run.py to measure a knowledge-base change.
"""

WATCHED_SEEDS = 5  # seeds added while watching, after the first (the watch warming up)

# The targets.
TARGETS = {
    "full_over_plain_at_1000": 1.5,
    "incremental_share": 0.10,
    "incremental_seconds": 2.0,
    "full_seconds_at_10000": 600.0,
    "peak_mb_at_10000": 2048.0,
    "seeds_per_second_per_core": 50.0,
}


@dataclass
class Run:
    """One process: wall time, exit status, peak memory, the build's own stage times."""

    seconds: float
    status: int
    max_rss_mb: float  # the largest single process (ru_maxrss of it and its reaped children)
    tree_rss_mb: float  # the sum over the process tree (PSS: shared pages split), sampled every 50 ms
    stages: dict[str, float]
    files: dict[str, int]  # output files: in the site, rendered, changed, removed
    search_tree_mb: float = 0.0  # the background search refresh's tree, sampled likewise
    samples: list[float] = field(default_factory=list)  # every repetition's seconds (see `median_of`)

    @property
    def peak_mb(self) -> float:
        return max(self.max_rss_mb, self.tree_rss_mb, self.search_tree_mb)


def measure(command: list[str], cwd: Path = REPO) -> Run:
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()
    sampler = threading.Thread(target=_sample_tree_rss, args=(process.pid, peak, done), daemon=True)
    sampler.start()
    out_reader = _drain(process.stdout)
    err_reader = _drain(process.stderr)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    sampler.join()
    stderr = err_reader()
    out_reader()
    if process.returncode not in (0, 1):  # 1: some seeds failed, the rest was published
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-2000:]}")
    return Run(
        seconds=seconds,
        status=process.returncode,
        max_rss_mb=usage.ru_maxrss / 1024,
        tree_rss_mb=peak[0] / 2**20,
        stages=_stages(stderr),
        files=_files(stderr),
    )


def _drain(stream) -> Callable[[], str]:
    chunks: list[str] = []
    thread = threading.Thread(target=lambda: chunks.append(stream.read()), daemon=True)
    thread.start()

    def result() -> str:
        thread.join()
        return "".join(chunks)

    return result


def _sample_tree_rss(root_pid: int, peak: list[int], done: threading.Event) -> None:
    while not done.wait(0.05):
        peak[0] = max(peak[0], _tree_rss(root_pid))


def _tree_rss(root_pid: int) -> int:
    """Resident bytes of a process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                with open(f"/proc/{entry.name}/stat", "rb") as handle:
                    stat = handle.read()
                parents[int(entry.name)] = int(stat[stat.rindex(b")") + 2 :].split()[1])
            except (OSError, ValueError):
                continue
    tree, frontier = {root_pid}, [root_pid]
    while frontier:
        pid = frontier.pop()
        children = [child for child, parent in parents.items() if parent == pid]
        tree.update(children)
        frontier += children
    return sum(_proportional_bytes(pid) for pid in tree)


def _proportional_bytes(pid: int) -> int:
    """A process's resident memory, counting pages it shares (a forked worker shares most
    of its parent's) in proportion: PSS. RSS where the kernel does not give PSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as handle:
            for line in handle:
                if line.startswith(b"Pss:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as handle:
            return int(handle.read().split()[1]) * PAGE_SIZE
    except (OSError, ValueError, IndexError):
        return 0


def _stages(stderr: str) -> dict[str, float]:
    """The build's own "(extract 1.2s, write 0.1s, publish 3.4s)" line."""
    found = _STAGES.findall(stderr)
    if not found:
        return {}
    return {name: float(value) for name, value in re.findall(r"(\w+) ([\d.]+)s", found[-1])}


_FILES = re.compile(r"site: (\d+) of (\d+) files rendered, (\d+) changed, (\d+) removed")


def _files(stderr: str) -> dict[str, int]:
    """The build's "site: 12 of 3265 files rendered, 9 changed, 0 removed"."""
    found = _FILES.findall(stderr)
    if not found:
        return {}
    rendered, total, changed, removed = (int(n) for n in found[-1])
    return {"files": total, "rendered": rendered, "changed": changed, "removed": removed}


def build(root: Path) -> Run:
    """`briefings build`; a rebuild's background search refresh is waited for and timed
    as the stage "search (background)", so the next step starts on a quiet machine."""
    status = root / ".cache" / "search.json"
    status.unlink(missing_ok=True)
    run = measure([sys.executable, "-m", "generator.cli", "--root", str(root), "build"])
    pid_file = root / ".cache" / "search.pid"
    if "search" not in run.stages and pid_file.exists():
        peak = [0]
        pid = int(pid_file.read_text(encoding="utf-8"))
        while not status.exists():  # the refresh (and its Pagefind) outlives the build: sample it too
            peak[0] = max(peak[0], _tree_rss(pid))
            time.sleep(0.05)
        result = json.loads(status.read_text(encoding="utf-8"))
        if not result.get("ok"):
            raise RuntimeError(f"background search refresh failed: {result.get('error')}")
        run.stages["search (background)"] = result["seconds"]
        run.search_tree_mb = peak[0] / 2**20
    return run


_REBUILT = re.compile(r"^rebuilt in ([\d.]+)s", re.M)


def watched(root: Path, add_seed: Callable[[], None], count: int) -> list[float]:
    """`briefings watch` in its own process; the seconds of its rebuild after each of `count`
    added seeds, as it reports them (from the change seen to the pages out). Each next seed
    waits for the last rebuild's background search refresh, as the other measurements do."""
    command = [sys.executable, "-m", "generator.cli", "--root", str(root), "watch"]
    process = subprocess.Popen(command, cwd=REPO, stderr=subprocess.PIPE, text=True)
    lines: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_pump, args=(process.stderr, lines), daemon=True).start()
    seconds = []
    try:
        _wait_for(lines, re.compile("^watching"))
        time.sleep(1)  # the watcher starts after its first line
        for _ in range(count):
            (root / ".cache" / "search.json").unlink(missing_ok=True)
            add_seed()
            seconds.append(float(_wait_for(lines, _REBUILT).group(1)))
            _wait_for_search_refresh(root)
    finally:
        process.terminate()
        process.wait(timeout=30)
    return seconds


def _pump(stream, lines: queue.Queue[str | None]) -> None:
    for line in stream:
        lines.put(line)
    lines.put(None)  # the process is gone


def _wait_for(
    lines: queue.Queue[str | None], pattern: re.Pattern[str], timeout: float = 600
) -> re.Match[str]:
    deadline = time.monotonic() + timeout
    while (line := lines.get(timeout=max(0.0, deadline - time.monotonic()))) is not None:
        if found := pattern.search(line):
            return found
        if line.startswith("build failed"):
            raise RuntimeError(line)
    raise RuntimeError("watch stopped")


def _wait_for_search_refresh(root: Path) -> None:
    pid_file, status = root / ".cache" / "search.pid", root / ".cache" / "search.json"
    while pid_file.exists() and not status.exists():
        time.sleep(0.05)


def plain_pelican(root: Path, output: Path) -> Run:
    return measure([sys.executable, str(Path(__file__).resolve()), "--pelican-only", str(root), str(output)])


def run_plain_pelican(root: Path, output: Path) -> None:
    """Pelican alone over `content/briefings/` as the build leaves it: same settings, theme, plugin."""
    import logging

    from pelican import Pelican
    from pelican import log as pelican_log
    from pelican.settings import read_settings

    pelican_log.init(level=logging.WARNING, fatal="warnings")
    override = {"PATH": str(root / "content"), "OUTPUT_PATH": str(output), "THEME": str(root / "theme")}
    Pelican(read_settings(str(root / "pelicanconf.py"), override=override)).run()


def extraction_rate(root: Path, limit: int) -> dict[str, float]:
    """Seeds per second in one process: read + clean + extract with one Extractor."""
    from generator.extract.article import Extractor
    from generator.knowledge import load_knowledge
    from generator.pipeline import list_seeds, process_seed

    started = time.perf_counter()
    extractor = Extractor(load_knowledge(root / "content"))
    setup = time.perf_counter() - started
    seeds = list_seeds(root / "content/seeds")[:limit]
    started = time.perf_counter()
    for path in seeds:
        process_seed(path, root, extractor)
    seconds = time.perf_counter() - started
    return {
        "seeds": len(seeds),
        "seconds": seconds,
        "per_second": len(seeds) / seconds,
        "setup_seconds": setup,
    }


def bench(n: int, workdir: Path, extract_limit: int, repeat: int, console: Console) -> dict:
    root = workdir / f"n{n}"
    shutil.rmtree(root, ignore_errors=True)
    started = time.perf_counter()
    corpus = make_corpus(root, n)
    corpus_seconds = time.perf_counter() - started
    console.log(f"N={n}: corpus made in {corpus_seconds:.1f}s; full build...")
    # Taken in turns, so that a machine slowing down or speeding up over the runs (a
    # virtual one does) weighs on both sides of the ratio alike.
    fulls, plains = [], []
    for _ in range(repeat):
        fulls.append(build(from_scratch(root)))
        plains.append(plain_pelican(root, workdir / f"n{n}-plain-output"))
    full, plain = median(fulls), median(plains)
    console.log(
        f"N={n}: full build {full.seconds:.1f}s, plain Pelican {plain.seconds:.1f}s; no-op rebuild..."
    )
    noop = build(root)
    added_seeds = iter(range(n, n + repeat + 1 + WATCHED_SEEDS))

    def add_one_seed() -> Run:
        write_seed(corpus, root, next(added_seeds))
        return build(root)

    console.log(f"N={n}: no-op rebuild {noop.seconds:.1f}s; builds after adding one seed...")
    added = median_of(repeat, add_one_seed)
    console.log(f"N={n}: +1 seed {added.seconds:.1f}s; seeds added while watching...")
    # The first rebuild of a watch builds its extractor and decodes every record; the next
    # ones, the maintainer's steady state, keep both.
    watching = watched(root, lambda: write_seed(corpus, root, next(added_seeds)), 1 + WATCHED_SEEDS)
    console.log(f"N={n}: while watching {watching}s; build after appending an actor...")
    with (root / "content/actors.yaml").open("a", encoding="utf-8") as handle:
        handle.write(NEW_ACTOR)
    actor = build(root)
    console.log(f"N={n}: actors.yaml {actor.seconds:.1f}s; extraction alone...")
    extraction = extraction_rate(root, extract_limit)
    shutil.rmtree(workdir / f"n{n}-plain-output", ignore_errors=True)
    return {
        "n": n,
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
        },
        "corpus_seconds": corpus_seconds,
        "plain_pelican": asdict(plain),
        "full_build": asdict(full),
        "noop_rebuild": asdict(noop),
        "add_one_seed": asdict(added),
        "add_one_seed_watching": {"first": watching[0], "then": watching[1:]},
        "append_actor": asdict(actor),
        "extraction": extraction,
        "ratios": {
            "full_over_plain": with_search(full) / plain.seconds,
            "full_before_search_over_plain": before_search(full) / plain.seconds,
            "add_one_seed_over_full": added.seconds / full.seconds,
            "add_one_seed_watching_over_full": statistics.median(watching[1:]) / full.seconds,
            "append_actor_over_full": actor.seconds / full.seconds,
            "noop_over_full": noop.seconds / full.seconds,
        },
        "targets": _verdicts(n, plain, full, added, extraction, statistics.median(watching[1:])),
    }


def median_of(times: int, run_once: Callable[[], Run]) -> Run:
    return median([run_once() for _ in range(times)])


def median(runs: list[Run]) -> Run:
    """The median run (by wall time), with every run's seconds in `samples`: a build on this
    VM varies by 10-20% from one run to the next."""
    runs = sorted(runs, key=lambda run: run.seconds)
    middle = runs[len(runs) // 2]
    middle.samples = [run.seconds for run in runs]
    return middle


def from_scratch(root: Path) -> Path:
    """The project as the corpus left it: no output, caches, briefings or registry."""
    for generated in (root / "output", root / ".cache", root / "content" / "briefings"):
        shutil.rmtree(generated, ignore_errors=True)
    (root / "content" / "registry.json").unlink(missing_ok=True)
    return root


def _verdicts(
    n: int, plain: Run, full: Run, added: Run, extraction: dict, watching: float
) -> dict[str, bool]:
    peak_mb = full.peak_mb
    verdicts = {
        "seeds_per_second_per_core >= 50": extraction["per_second"] >= TARGETS["seeds_per_second_per_core"],
    }
    if n == 1000:
        most = TARGETS["full_over_plain_at_1000"] * plain.seconds
        verdicts["full, search included, <= 1.5x plain Pelican"] = with_search(full) <= most
        verdicts["full, search timed apart, <= 1.5x plain Pelican"] = before_search(full) <= most
    if n in (1000, 5000):
        verdicts["+1 seed <= 10% of full"] = added.seconds <= TARGETS["incremental_share"] * full.seconds
        verdicts["+1 seed < 2 s"] = added.seconds < TARGETS["incremental_seconds"]
        verdicts["+1 seed while watching <= 10% of full"] = (
            watching <= TARGETS["incremental_share"] * full.seconds
        )
        verdicts["+1 seed while watching < 2 s"] = watching < TARGETS["incremental_seconds"]
    if n == 10000:
        verdicts["full < 10 min"] = with_search(full) < TARGETS["full_seconds_at_10000"]
        verdicts["peak < 2 GB"] = peak_mb < TARGETS["peak_mb_at_10000"]
    return verdicts


def before_search(run: Run) -> float:
    """The build until its pages are published: the issue has the search index's time
    reported apart (plain Pelican, the floor, makes no search index)."""
    return run.seconds - run.stages.get("search", 0.0)


def with_search(run: Run) -> float:
    """The build and its search index, whether it waited for it or left it to the background."""
    return run.seconds + run.stages.get("search (background)", 0.0)


def show(results: list[dict], console: Console) -> None:
    table = Table(title="Briefings build benchmarks (seconds; memory in MB)")
    for column in [
        "N",
        "plain Pelican",
        "full build",
        "(its stages)",
        "full ÷ plain",
        "(without search)",
        "no-op rebuild",
        "+1 seed",
        "+1 seed ÷ full",
        "+1 seed: files rendered / changed",
        "+1 seed while watching (first)",
        "+1 actor",
        "peak memory (largest RSS / tree PSS / search PSS)",
        "extract seeds/s/core",
    ]:
        table.add_column(column, justify="right")
    for r in results:
        full, stages = r["full_build"], r["full_build"]["stages"]
        table.add_row(
            f"{r['n']:,}",
            _seconds(r["plain_pelican"]),
            _seconds(full),
            ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in stages.items()),
            f"{r['ratios']['full_over_plain']:.2f}×",
            f"{r['ratios']['full_before_search_over_plain']:.2f}×",
            f"{r['noop_rebuild']['seconds']:.1f}",
            _seconds(r["add_one_seed"]),
            f"{r['ratios']['add_one_seed_over_full']:.0%}",
            _rendered(r["add_one_seed"]),
            _watching(r["add_one_seed_watching"]),
            f"{r['append_actor']['seconds']:.1f}",
            f"{full['max_rss_mb']:.0f} / {full['tree_rss_mb']:.0f} / {full['search_tree_mb']:.0f}",
            f"{r['extraction']['per_second']:.0f}",
        )
    console.print(table)
    for r in results:
        for target, met in r["targets"].items():
            console.print(f"N={r['n']:,}: {target}: {'[green]met[/]' if met else '[red]NOT met[/]'}")


def _seconds(run: dict) -> str:
    """The median, and the range of the runs when there were several."""
    samples = run.get("samples") or []
    spread = f" ({min(samples):.1f}–{max(samples):.1f})" if len(samples) > 1 else ""
    return f"{run['seconds']:.1f}{spread}"


def _watching(seconds: dict) -> str:
    then = seconds["then"]
    spread = f" {min(then):.2f}–{max(then):.2f}" if len(then) > 1 else ""
    return f"{statistics.median(then):.2f}{spread} ({seconds['first']:.1f})"


def _rendered(run: dict) -> str:
    files = run.get("files") or {}
    return f"{files['rendered']:,} / {files['changed']:,} of {files['files']:,}" if files else "?"


def main() -> None:
    if sys.argv[1:2] == ["--pelican-only"]:
        run_plain_pelican(Path(sys.argv[2]), Path(sys.argv[3]))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--workdir", type=Path, help="scratch directory (default: a temporary one, removed)")
    parser.add_argument(
        "--extract-limit", type=int, default=2000, help="seeds to time extraction over (default 2000)"
    )
    parser.add_argument(
        "--repeat", type=int, default=1, help="runs of the full, plain and +1 builds, their median shown"
    )
    args = parser.parse_args()
    console = Console(width=max(Console().width, 170))
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="briefings-bench-"))
    results = []
    try:
        for n in args.sizes:
            result = bench(n, workdir, args.extract_limit, args.repeat, console)
            (BENCH / f"results-{n}.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
            results.append(result)
    finally:
        if not args.workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    show(results, console)


if __name__ == "__main__":
    main()
