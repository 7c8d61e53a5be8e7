"""Where a build's time goes: `python bench/profile.py [--n 1000] [--top 25]`.

cProfile of a full build from scratch, then of the build after adding one seed, on a
synthetic corpus of N seeds (see `corpus.py`). Extraction runs in this process (not in
worker processes, which cProfile cannot see), so its share is the single-core cost; the
real build divides it by the number of cores. Prints the top entries by cumulative time,
then by own time. `--save DIR` also keeps the raw `.prof` files (for snakeviz, pstats).
"""

from __future__ import annotations

import sys
from pathlib import Path

# This file shadows the standard library's `profile`, which cProfile imports: take the
# script's folder off the front of the path, and look for `corpus` there last.
BENCH = Path(__file__).resolve().parent
sys.path = [p for p in sys.path if Path(p or ".").resolve() != BENCH] + [str(BENCH)]

import argparse  # noqa: E402
import cProfile  # noqa: E402
import io  # noqa: E402
import pstats  # noqa: E402
import shutil  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402

from corpus import make_corpus, write_seed  # noqa: E402

from generator import pipeline  # noqa: E402
from generator.build import Project, build  # noqa: E402


def profile_build(root: Path, label: str, top: int, save: Path | None) -> float:
    profiler = cProfile.Profile()
    started = time.perf_counter()
    profiler.enable()
    report = build(Project(root))
    profiler.disable()
    seconds = time.perf_counter() - started
    stages = ", ".join(f"{stage} {s:.2f}s" for stage, s in report.seconds.items())
    print(f"\n=== {label}: {seconds:.2f}s under cProfile ({stages}); {report.summary()}")
    for order in ("cumulative", "tottime"):
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.strip_dirs().sort_stats(order).print_stats(top)
        print(f"\n--- top {top} by {order}")
        print(_table_only(out.getvalue()))
    if save:
        save.mkdir(parents=True, exist_ok=True)
        profiler.dump_stats(save / f"{label.replace(' ', '-')}.prof")
    return seconds


def _table_only(text: str) -> str:
    """pstats output from its column header on (drops the preamble)."""
    lines = text.splitlines()
    start = next((i for i, line in enumerate(lines) if line.lstrip().startswith("ncalls")), 0)
    return "\n".join(line for line in lines[start:] if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--save", type=Path, help="directory to keep the .prof files in")
    args = parser.parse_args()
    pipeline.PARALLEL_FROM = sys.maxsize  # extract in this process, where cProfile sees it
    workdir = Path(tempfile.mkdtemp(prefix="briefings-profile-"))
    try:
        corpus = make_corpus(workdir, args.n)
        profile_build(workdir, f"full build N={args.n}", args.top, args.save)
        write_seed(corpus, workdir, args.n)
        profile_build(workdir, f"add one seed N={args.n}", args.top, args.save)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
