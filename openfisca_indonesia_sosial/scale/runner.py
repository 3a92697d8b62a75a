"""Running the tasks of a pass: in this process, on a pool of local threads or processes
(the standard library's executors), or on a dask.distributed cluster (``tcp://host:port``).
Local pools hand out one task at a time and report each as it finishes; dask's local
schedulers added nothing to that but their import (half a second: dask looks for
dask.distributed) and a graph per pass.

Every worker of a pool computes one block at a time on one core, so the BLAS library's own
threads (numpy's matrix products: the replicate sums of pass 2) are held to one per worker
while the pool runs: with OpenBLAS's default of a thread per core, two workers ran four
threads on two cores, and its threads spin while they wait. Pass 2 of a million families took
8.2-8.5 s with them, 4.4-4.8 s without (docs/performance.md, "Round five").
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence

LOCAL = ("synchronous", "threads", "processes")
#: Name of the worker plugin that holds a cluster worker's BLAS library to one thread.
BLAS_PLUGIN = "bansos-one-blas-thread"


def one_blas_thread():
    """Hold this process's BLAS library to one thread; the limiter (its
    ``restore_original_limits()`` undoes it), or None without threadpoolctl."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an install without the microsim extra: nothing to limit
        return None
    return threadpool_limits(limits=1, user_api="blas")


_POOL_WORKER = False


def _start_pool_worker() -> None:
    """Initializer of a local process pool's workers: one BLAS thread, and the mark
    :func:`in_pool_worker` reads."""
    global _POOL_WORKER
    _POOL_WORKER = True
    one_blas_thread()


def in_pool_worker() -> bool:
    """Whether this process is a worker of a local process pool: a process that runs
    nothing but the run's tasks (unlike a cluster worker, which also runs dask's own)."""
    return _POOL_WORKER


def _cluster_plugin():
    from distributed.diagnostics.plugin import WorkerPlugin

    class OneBlasThread(WorkerPlugin):
        """On every worker of the cluster, now and joining later, while the run lasts."""

        name = BLAS_PLUGIN

        def setup(self, worker):
            self.limiter = one_blas_thread()

        def teardown(self, worker):
            if getattr(self, "limiter", None) is not None:
                self.limiter.restore_original_limits()

    return OneBlasThread()


class Runner:
    """Runs lists of independent tasks; one pool for the whole run."""

    def __init__(self, scheduler: str = "synchronous", workers: int | None = None):
        if scheduler not in LOCAL and "://" not in scheduler:
            raise ValueError(
                f"unknown scheduler {scheduler!r}: synchronous, threads, processes or "
                "tcp://HOST:PORT"
            )
        self.scheduler = scheduler
        self.workers = workers
        self._pool = None
        self._client = None
        self._limiter = None

    def __enter__(self) -> Runner:
        if self.scheduler == "threads":
            from concurrent.futures import ThreadPoolExecutor

            self._limiter = one_blas_thread()  # the threads share this process's library
            self._pool = ThreadPoolExecutor(self.workers)
        elif self.scheduler == "processes":
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # fork: workers inherit the tax-benefit systems the driver has already built
            methods = multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if "fork" in methods else None)
            self._pool = ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_start_pool_worker
            )
        elif "://" in self.scheduler:
            from dask.distributed import Client

            self._client = Client(self.scheduler)
            self._client.register_plugin(_cluster_plugin(), name=BLAS_PLUGIN)
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        if self._limiter is not None:
            self._limiter.restore_original_limits()
        if self._client is not None:
            with contextlib.suppress(Exception):  # a cluster already gone keeps nothing
                self._client.unregister_worker_plugin(BLAS_PLUGIN)
            self._client.close()

    @property
    def n_workers(self) -> int:
        if self._client is not None:
            return max(1, len(self._client.scheduler_info().get("workers", {})))
        if self._pool is not None:
            return self._pool._max_workers
        return 1

    def map(
        self, function: Callable, arguments: Sequence[tuple], on_done: Callable | None = None
    ) -> list:
        """``[function(*a) for a in arguments]``, in parallel; ``on_done(result)`` as each
        finishes (in completion order)."""
        if not arguments:
            return []
        if self._client is not None:
            import uuid

            from dask.distributed import as_completed

            run = uuid.uuid4().hex[:12]
            futures = [
                self._client.submit(
                    function, *args, pure=False, key=f"{function.__name__}-{run}-{i}"
                )
                for i, args in enumerate(arguments)
            ]
            index = {future.key: i for i, future in enumerate(futures)}
            results = [None] * len(futures)
            for future in as_completed(futures):
                results[index[future.key]] = future.result()
                if on_done is not None:
                    on_done(results[index[future.key]])
            return results
        if self._pool is not None:
            from concurrent.futures import as_completed

            # one task per submission: a worker takes the next block when it is free (the
            # executor queues one task ahead per worker), so the last blocks end together
            futures = {self._pool.submit(function, *args): i for i, args in enumerate(arguments)}
            results = [None] * len(futures)
            # a failure propagates; the pool's shutdown (__exit__) cancels the queued tasks
            for future in as_completed(futures):
                results[futures[future]] = future.result()
                if on_done is not None:
                    on_done(results[futures[future]])
            return results
        results = []
        for args in arguments:
            results.append(function(*args))
            if on_done is not None:
                on_done(results[-1])
        return results
