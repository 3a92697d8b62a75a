"""Local pools of the runner: results in argument order, each reported as it finishes, a
task's failure raised in the driver."""

from __future__ import annotations

import os
import time

import pytest

from openfisca_indonesia_sosial.scale.runner import Runner, in_pool_worker


def _slow_square(value: int, pause: float) -> tuple[int, int]:
    time.sleep(pause)
    return value, value * value


def _fails_on(value: int, bad: int) -> int:
    if value == bad:
        raise ValueError(f"block {value} is bad")
    return value


def _pid(_value: int) -> int:
    time.sleep(0.2)
    return os.getpid()


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_results_follow_the_arguments_and_each_is_reported_once(scheduler):
    seen = []
    # the first task is the slowest: a pool finishes it last, the results keep their order
    arguments = [(0, 0.6), (1, 0.0), (2, 0.0), (3, 0.0)]
    with Runner(scheduler, 2) as runner:
        results = runner.map(_slow_square, arguments, seen.append)
    assert results == [(0, 0), (1, 1), (2, 4), (3, 9)]
    assert sorted(seen) == results
    if scheduler != "synchronous":  # reported as they finish, not in argument order
        assert seen[-1] == (0, 0)


@pytest.mark.parametrize("scheduler", ["synchronous", "threads", "processes"])
def test_a_failing_task_raises_its_error_in_the_driver(scheduler):
    with Runner(scheduler, 2) as runner, pytest.raises(ValueError, match="block 3 is bad"):
        runner.map(_fails_on, [(v, 3) for v in range(6)])


def test_a_process_pool_spreads_the_tasks_over_its_workers():
    with Runner("processes", 2) as runner:
        pids = runner.map(_pid, [(v,) for v in range(6)])
    assert len(set(pids)) == 2
    assert os.getpid() not in pids


def test_only_a_local_pools_workers_are_marked_as_such():
    with Runner("processes", 2) as runner:
        assert runner.map(in_pool_worker, [(), (), ()]) == [True, True, True]
    with Runner("threads", 2) as runner:
        assert runner.map(in_pool_worker, [(), ()]) == [False, False]
    assert not in_pool_worker()
