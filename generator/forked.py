"""`map_forked`: one function over many items, split over forked processes.

For work whose inputs are closures over big in-memory state (templates, records): forking
hands it to each worker as it is, where a process pool would have to pickle it. This
process and the forked children take the items in small chunks, each claiming the next
chunk when it has finished its last, so that none idles while another still has a long
tail (a child is slower than its parent on the same items: touching inherited memory
copies its pages). The results come back in the items' order and must pickle.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

CAN_FORK = "fork" in multiprocessing.get_all_start_methods()  # not on Windows: one process there
CHUNKS_PER_WORKER = 32  # small enough to even out the ends, large enough that claiming costs nothing
_WORK: tuple[Callable[[Any], Any], Sequence[Any], Any, int] | None = None  # what the children take


def map_forked(
    function: Callable[[Any], Any], items: Sequence[Any], parallel_from: int = 2, workers: int | None = None
) -> list[Any]:
    """`[function(item) for item in items]`, made by `workers` processes (one per core by
    default); in this process alone when there are fewer than `parallel_from` items, too few
    to pay for starting the others."""
    workers = min(workers or os.cpu_count() or 1, len(items))
    if workers <= 1 or len(items) < parallel_from or not CAN_FORK:
        return [function(item) for item in items]
    context = multiprocessing.get_context("fork")
    claimed = context.Value("q", 0)  # the first item no process has taken yet
    chunk = max(1, len(items) // (workers * CHUNKS_PER_WORKER))
    global _WORK
    _WORK = (function, items, claimed, chunk)
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=context) as pool:
            children = [pool.submit(_take_chunks) for _ in range(1, workers)]
            try:
                made = [*_take_chunks(), *(made for child in children for made in child.result())]
            except BaseException:
                _claim_all(claimed, len(items))  # the others stop after their current chunk
                raise
    finally:
        _WORK = None
    results: list[Any] = [None] * len(items)
    for start, chunk_results in made:
        results[start : start + len(chunk_results)] = chunk_results
    return results


def _take_chunks() -> list[tuple[int, list[Any]]]:
    """(first index, results) of each chunk this process claimed, until none is left."""
    function, items, claimed, chunk = _WORK
    made = []
    while (start := _claim(claimed, chunk)) < len(items):
        made.append((start, [function(item) for item in items[start : start + chunk]]))
    return made


def _claim(claimed: Any, chunk: int) -> int:
    with claimed.get_lock():
        start = claimed.value
        claimed.value = start + chunk
    return start


def _claim_all(claimed: Any, count: int) -> None:
    with claimed.get_lock():
        claimed.value = count
