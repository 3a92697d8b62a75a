"""The two passes of a partitioned run as tasks of its runner: read, compute, store.

The steps themselves are the pipeline's (:mod:`openfisca_indonesia_sosial.microsim.blocks`);
here each task reads its partition or the files of the pass before, calls them and writes its
own files atomically, so a task whose file exists is skipped when a run resumes. Pass 1
(:func:`entitle`) writes each block's state and its queue (a Parquet file, then a small
marker naming its counts); :func:`global_step` sorts and walks the queues on disk
(:mod:`.global_step`); pass 2 (:func:`deliver_block`) writes each block's exact sums and, with
``--output``, one Parquet file of per-family results.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from openfisca_indonesia_sosial.metrics.replicates import DEFAULT_REPLICATES, DEFAULT_SEED
from openfisca_indonesia_sosial.microsim import blocks
from openfisca_indonesia_sosial.microsim.global_step import BlockPlan, GlobalPlan
from openfisca_indonesia_sosial.microsim.pipeline import named_scenarios
from openfisca_indonesia_sosial.scale import global_step as external
from openfisca_indonesia_sosial.scale import sorted_welfare
from openfisca_indonesia_sosial.scale.duplicates import for_partition
from openfisca_indonesia_sosial.scale.runner import in_pool_worker
from openfisca_indonesia_sosial.scale.source import Partition, Source, read_partition
from openfisca_indonesia_sosial.scale.store import atomic_parquet, atomic_pickle, load_pickle
from openfisca_indonesia_sosial.simulation.allocator import (
    give_back_freed_memory,
    keep_freed_memory,
    keeps_freed_memory,
)

#: A block's queue (the global step's input) and its marker (counts; written last).
QUEUE, MARKER = ".queue.parquet", ".queue.pkl"


@dataclass(frozen=True)
class RunSpec:
    """What a partitioned run computes (a resumed run is guarded by :mod:`.resume`)."""

    population: str
    year: int
    reforms: tuple[str, ...]
    full_entitlement: bool
    partitions: int
    workdir: str
    output: str | None = None
    strict: bool = False
    replicates: int = DEFAULT_REPLICATES
    replicate_seed: int = DEFAULT_SEED

    def path(self, stage: str, partition: Partition, suffix: str = ".pkl") -> Path:
        return Path(self.workdir) / stage / f"{partition.name}{suffix}"


def scenarios(reforms: tuple[str, ...]):
    """``[(name, label, system)]``, baseline first; cached per process (systems are costly)."""
    return named_scenarios(reforms)


def release_memory() -> None:
    """Free a block's objects. A worker tuned by :func:`keep_freed_memory` keeps the freed
    pages for its next block (mapping and zeroing them again cost a quarter of a block's time);
    any other process gives them back to the system, as it would otherwise keep the heap's
    high-water mark (glibc keeps freed arenas)."""
    import gc

    if keeps_freed_memory():
        gc.collect()
        if in_pool_worker():
            # what survives a block in a process that runs nothing else (modules imported
            # during the first block, the worker's caches) lives as long as the process:
            # frozen, later collections skip it. A collection after a block took 25-34 ms,
            # 12-14 of them for the 77,000 objects the first block leaves, now 1.3 ms.
            gc.freeze()
        return
    give_back_freed_memory()


def entitle(spec: RunSpec, source: Source, partition: Partition) -> dict:
    """Pass 1 for one partition (skipped when its files exist: a resumed run)."""
    marker = spec.path("pass1", partition, MARKER)
    # done if pass 2 can run or has run: a finished run deletes the block states, so a lost
    # pass 2 file means computing the block again
    state = spec.path("pass1", partition).is_file() or spec.path("pass2", partition).is_file()
    if marker.is_file() and spec.path("pass1", partition, QUEUE).is_file() and state:
        return {"partition": partition.index, "computed": False}
    from openfisca_indonesia_sosial.data import validate_tables

    keep_freed_memory()  # blocks follow one another in this worker: reuse their pages
    start = time.perf_counter()
    individu, keluarga = read_partition(source, partition)
    population, report = validate_tables(
        individu,
        keluarga,
        year=spec.year,
        strict=spec.strict,
        source=f"{partition.name} of {spec.population}",
        known_duplicates=for_partition(spec.workdir, partition),
    )
    if spec.output and not report.ok:
        rejects_dir = Path(spec.output) / "rejects"
        rejects_dir.mkdir(parents=True, exist_ok=True)
        report.write_rejects(rejects_dir / f"{partition.name}.csv")
    del individu, keluarga
    state, queue = blocks.entitle_block(population, scenarios(spec.reforms))
    atomic_pickle(spec.path("pass1", partition), state)
    external.write_queue(spec.path("pass1", partition, QUEUE), queue, partition.index)
    summary = {
        "families": queue["families"],
        "persons": queue["persons"],
        "rejected": {table: counts.rejected for table, counts in report.counts.items()},
    }
    atomic_pickle(marker, summary)  # written last: its presence marks the partition done
    del state, queue, population
    release_memory()
    return {
        "partition": partition.index,
        "computed": True,
        "seconds": time.perf_counter() - start,
    }


def global_step(spec: RunSpec, partitions: list[Partition]) -> tuple[GlobalPlan, dict]:
    """The global plan from every partition's queue file (its per-family part written in the
    work folder), and the rejected rows per table."""
    rejected: dict = {}
    for p in partitions:
        for table, count in load_pickle(spec.path("pass1", p, MARKER))["rejected"].items():
            rejected[table] = rejected.get(table, 0) + count
    plan = external.global_plan(
        spec.year,
        scenarios(spec.reforms),
        [spec.path("pass1", p, QUEUE) for p in partitions],
        [p.index for p in partitions],
        Path(spec.workdir) / "global",
        spec.full_entitlement,
    )
    return plan, rejected


def deliver_block(spec: RunSpec, partition: Partition, plan: BlockPlan) -> dict:
    """Pass 2 for one partition (skipped when its file exists: a resumed run)."""
    out_path = spec.path("pass2", partition)
    if out_path.is_file():
        return {"partition": partition.index, "computed": False}
    start = time.perf_counter()
    state = load_pickle(spec.path("pass1", partition))
    delivered, partial, context = blocks.deliver_block(
        spec.year,
        scenarios(spec.reforms),
        state,
        plan,
        spec.full_entitlement,
        spec.replicates,
        spec.replicate_seed,
    )
    if spec.output:
        atomic_parquet(
            Path(spec.output) / "keluarga" / f"{partition.name}.parquet",
            blocks.family_results(context.family_ids, delivered, context, partial),
        )
    # the welfare file first: the sums' file marks the block done
    sorted_welfare.write_block(
        spec.path("pass2", partition, sorted_welfare.SUFFIX), partial, partition.index
    )
    atomic_pickle(out_path, blocks.block_sums(partial))
    del state, delivered, partial, context
    release_memory()
    return {
        "partition": partition.index,
        "computed": True,
        "seconds": time.perf_counter() - start,
    }
