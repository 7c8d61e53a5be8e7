"""`map_forked`: a function over many items, split over forked processes."""

from __future__ import annotations

import multiprocessing
import os
import time

import pytest

from generator.forked import map_forked


def test_results_come_back_in_the_order_of_the_items():
    items = list(range(101))
    assert map_forked(lambda n: n * n, items, workers=3) == [n * n for n in items]


def test_the_items_are_shared_between_this_process_and_forked_ones():
    here = os.getpid()
    forked_one_made_an_item = multiprocessing.get_context("fork").Event()

    def whose(_: int) -> int:
        if os.getpid() != here:
            forked_one_made_an_item.set()
        else:  # wait, so that this process cannot take every item before the other starts
            forked_one_made_an_item.wait(timeout=10)
        return os.getpid()

    pids = map_forked(whose, list(range(64)), workers=2)
    assert here in pids and len(set(pids)) == 2


def test_a_process_slower_on_its_items_takes_fewer_of_them():
    here = os.getpid()

    def slow_here(_: int) -> int:
        if os.getpid() == here:
            time.sleep(0.002)
        return os.getpid()

    pids = map_forked(slow_here, list(range(400)), workers=2)
    assert pids.count(here) < len(pids) / 2  # fixed shares would have given it half


def test_the_function_may_close_over_state_that_does_not_pickle():
    templates = {"render": lambda n: f"<p>{n}</p>"}  # a lambda: pickle refuses it
    assert map_forked(lambda n: templates["render"](n), [1, 2, 3], workers=2) == [
        "<p>1</p>",
        "<p>2</p>",
        "<p>3</p>",
    ]


def test_a_failure_in_a_forked_process_reaches_the_caller():
    here = os.getpid()
    forked_one_failed = multiprocessing.get_context("fork").Event()

    def fail_if_forked(n: int) -> int:
        if os.getpid() != here:
            forked_one_failed.set()
            raise ValueError(f"item {n} failed in a forked process")
        forked_one_failed.wait(timeout=10)  # leave the other process items to take
        return n

    with pytest.raises(ValueError, match="failed in a forked process"):
        map_forked(fail_if_forked, list(range(8)), workers=2)


def test_one_worker_or_one_item_runs_here():
    assert map_forked(lambda _: os.getpid(), [1, 2], workers=1) == [os.getpid()] * 2
    assert map_forked(lambda _: os.getpid(), [1], workers=4) == [os.getpid()]
    assert map_forked(lambda n: n, [], workers=4) == []


def test_where_processes_cannot_fork_everything_runs_here(monkeypatch):
    monkeypatch.setattr("generator.forked.CAN_FORK", False)
    assert map_forked(lambda _: os.getpid(), list(range(10)), workers=2) == [os.getpid()] * 10
