"""Seconds of each stage of one block of a partitioned run (pass 1 and pass 2).

    python benchmarks/block_profile.py --population /tmp/pop1m --year 2024
    python benchmarks/block_profile.py --population DIR --reform sembako_300rb --repeat 3
    python benchmarks/block_profile.py --population DIR --profile stats.prof   # cProfile
    OPENBLAS_NUM_THREADS=1 python benchmarks/block_profile.py --population DIR --keep-memory

For figures like a run's, pass ``--keep-memory`` (a run's workers keep freed memory between
blocks; without it every block maps and faults its memory in anew, which nearly doubled
OpenFisca's measured time in round nine: 0.45 against 0.26 CPU s per block) and hold BLAS
to one thread, as a run's workers do.

The block is the first partition of the population cut into blocks of ``--families``
families (100,000 by default, the size a national run uses). Stages: read (the partition's
Parquet row groups), validate, compute (every scenario's twelve months, OpenFisca), pack
(pass 1's state and queue), global (the global step over this block alone), deliver (pass 2:
cut-offs, take-up, exact sums). Prints one line per stage and repetition and the median of
each stage over the repetitions. Never asserted in tests: the figures go into
docs/performance.md.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
import time
from pathlib import Path


class Stages:
    """Wall and CPU seconds of named stages (CPU time is steadier on a shared machine)."""

    def __init__(self) -> None:
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._start = (0.0, 0.0)

    def start(self) -> None:
        self._start = (time.perf_counter(), time.process_time())

    def count(self, before) -> None:
        """Page faults and system seconds of the whole block (first touches of memory)."""
        after = resource.getrusage(resource.RUSAGE_SELF)
        self.faults = after.ru_minflt - before.ru_minflt
        self.system = after.ru_stime - before.ru_stime

    def stop(self, name: str) -> None:
        self.wall[name] = time.perf_counter() - self._start[0]
        self.cpu[name] = time.process_time() - self._start[1]


def one_block(args) -> Stages:
    from openfisca_indonesia_sosial.data import validate_tables
    from openfisca_indonesia_sosial.microsim import blocks
    from openfisca_indonesia_sosial.microsim.pipeline import named_scenarios
    from openfisca_indonesia_sosial.scale import source as scale_source

    named = named_scenarios(tuple(args.reform))
    stages = Stages()
    before = resource.getrusage(resource.RUSAGE_SELF)
    with tempfile.TemporaryDirectory() as work:
        prepared, sizes = scale_source.prepare(args.population, Path(work))
        partitions = max(1, -(-prepared.families // args.families))
        partition = scale_source.plan(prepared, sizes, partitions)[0]
        stages.families = partition.families
        stages.start()
        individu, keluarga = scale_source.read_partition(prepared, partition)
        stages.stop("read")

        stages.start()
        population, _report = validate_tables(individu, keluarga, year=args.year)
        stages.stop("validate")
        del individu, keluarga

        # pass 1 is split in two: the engine (OpenFisca, every scenario's twelve months) and
        # the rest of entitle_block (delivery context, packing the state and the queue)
        original = blocks.compute_scenarios
        inner = Stages()

        def timed(*a, **k):
            inner.start()
            out = original(*a, **k)
            inner.stop("compute")
            return out

        blocks.compute_scenarios = timed
        try:
            stages.start()
            state, queue = blocks.entitle_block(population, named)
            stages.stop("pack")
        finally:
            blocks.compute_scenarios = original
        for clock in ("wall", "cpu"):
            spent = getattr(inner, clock)["compute"]
            getattr(stages, clock)["compute"] = spent
            getattr(stages, clock)["pack"] -= spent
        del population

        from openfisca_indonesia_sosial.scale import global_step as external

        stages.start()
        queue_file = Path(work) / "block.queue.parquet"
        external.write_queue(queue_file, queue, 0)
        plan = external.global_plan(
            args.year, named, [queue_file], [0], Path(work) / "global", args.full_entitlement
        )
        stages.stop("global")

        stages.start()
        blocks.deliver_block(
            args.year, named, state, plan.block(0), args.full_entitlement, args.replicates
        )
        stages.stop("deliver")
    stages.count(before)
    return stages


def release(keep: bool) -> None:
    """What a worker does between blocks: collect, and give the memory back to the system
    unless it keeps it (``simulation.allocator``)."""
    import ctypes
    import gc

    gc.collect()
    if not keep:
        ctypes.CDLL("libc.so.6").malloc_trim(0)


def main() -> None:
    from openfisca_indonesia_sosial.metrics.defaults import DEFAULT_REPLICATES

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--population", required=True, help="a population folder")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--families", type=int, default=100_000, help="families per block")
    parser.add_argument("--reform", action="append", default=[], help="a reform (repeatable)")
    parser.add_argument("--full-entitlement", action="store_true")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--profile", help="write cProfile stats of the last repetition here")
    parser.add_argument(
        "--replicates", type=int, default=DEFAULT_REPLICATES, help="replicate weights (0: none)"
    )
    parser.add_argument(
        "--keep-memory",
        action="store_true",
        help="keep freed memory between blocks (simulation.allocator) instead of malloc_trim",
    )
    args = parser.parse_args()
    if args.keep_memory:
        from openfisca_indonesia_sosial.simulation.allocator import keep_freed_memory

        keep_freed_memory()

    names = ("read", "validate", "compute", "pack", "global", "deliver")
    runs = []
    for index in range(args.repeat + 1):  # the first block warms up (imports, systems)
        release(args.keep_memory)
        if args.profile and index == args.repeat:
            import cProfile

            profiler = cProfile.Profile()
            stages = profiler.runcall(one_block, args)
            profiler.dump_stats(args.profile)
        else:
            stages = one_block(args)
        if index == 0:
            continue
        runs.append(stages)
        for clock in ("wall", "cpu"):
            times = getattr(stages, clock)
            line = "  ".join(f"{n} {times.get(n, 0.0):6.3f}" for n in names)
            total = sum(times.get(n, 0.0) for n in names)
            print(
                f"run {index} {clock:4s}: {stages.families:,} families  {line}  "
                f"total {total:6.3f} s"
            )
        print(f"run {index}: {stages.faults:,} page faults, {stages.system:.3f} s system")
    for clock in ("wall", "cpu"):
        medians = {n: statistics.median(getattr(r, clock).get(n, 0.0) for r in runs) for n in names}
        line = "  ".join(f"{n} {medians[n]:6.3f}" for n in names)
        print(f"median {clock:4s}: {line}  total {sum(medians.values()):6.3f} s")


if __name__ == "__main__":
    main()
