"""`map_forked`: one function over many items, split over forked processes.

For work whose inputs are closures over big in-memory state (templates, records): forking
hands it to each worker as it is, where a process pool would have to pickle it. This
process takes every `workers`-th item, the forked children the others (interleaved, so
each gets a share of the costly ones); the results come back in the items' order and must
pickle.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

CAN_FORK = "fork" in multiprocessing.get_all_start_methods()  # not on Windows: one process there
_WORK: tuple[Callable[[Any], Any], Sequence[Any], int] | None = None  # what the children take


def map_forked(
    function: Callable[[Any], Any], items: Sequence[Any], parallel_from: int = 2, workers: int | None = None
) -> list[Any]:
    """`[function(item) for item in items]`, made by `workers` processes (one per core by
    default); in this process alone when there are fewer than `parallel_from` items, too few
    to pay for starting the others."""
    workers = min(workers or os.cpu_count() or 1, len(items))
    if workers <= 1 or len(items) < parallel_from or not CAN_FORK:
        return [function(item) for item in items]
    global _WORK
    _WORK = (function, items, workers)
    try:
        with ProcessPoolExecutor(workers - 1, mp_context=multiprocessing.get_context("fork")) as pool:
            children = [pool.submit(_share, share) for share in range(1, workers)]
            shares = [_share(0), *(child.result() for child in children)]
    finally:
        _WORK = None
    results: list[Any] = [None] * len(items)
    for share, made in enumerate(shares):
        results[share::workers] = made
    return results


def _share(share: int) -> list[Any]:
    function, items, workers = _WORK
    return [function(item) for item in items[share::workers]]
