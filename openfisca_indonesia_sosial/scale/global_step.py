"""The global step of a partitioned run, over the queue files on disk, in bounded memory.

Pass 1 writes each block's queue as a Parquet file (:func:`write_queue`; its columns are
described in :mod:`openfisca_indonesia_sosial.microsim.global_step`). The driver hands the
sorts to DuckDB, an embedded analytical engine that spills to the run's work folder beyond
:data:`MEMORY_LIMIT`, and walks the sorted rows in batches of :data:`BATCH` with numpy:

1. **Registry order** (sort key, then population order, as the single-shot run's stable
   sort): written once as ``registry.parquet`` with the columns the quota walks need; a
   row's number in that file is its registry rank.
2. **Expenditure order** (then population order), read from the registry file with its row
   numbers: the running sum of person weights gives each family's share numerator for the
   expenditure deciles and percentiles, and at the end the total weight.
3. **Quota cut-offs**: for every scenario, quota program and month, a
   :class:`~openfisca_indonesia_sosial.delivery.quota.CutoffWalk` fed the registry file in
   order, several walks per read of the file; a program first in line for another
   (PKH for Sembako) is walked first, and its payments are recomputed batch by batch from
   its cut-offs when the other's line is walked.
4. **Plan file** ``plan.parquet``: each family's registry rank and share numerator sorted by
   block and family, which pass 2 reads per block.

Every running sum is the one ``np.cumsum`` of the in-memory computation over the same
sequence, continued from batch to batch, so the cut-offs, deciles and percentiles are bit for
bit those of the single-shot run. The driver holds batches, the cut-offs and one entry per
block: nothing per family. On a ``tcp://`` cluster the driver runs this over the shared work
folder the workers wrote.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import numpy as np

from openfisca_indonesia_sosial.delivery.quota import (
    QUEUE_CHUNK,
    CutoffWalk,
    apply_cutoff,
    reusable_programs,
)
from openfisca_indonesia_sosial.microsim.global_step import (
    DRAW,
    INDEX,
    KEY,
    PART,
    RANK,
    SHARE,
    SIZE,
    SPENDING,
    WEIGHT,
    GlobalPlan,
    program_columns,
)
from openfisca_indonesia_sosial.microsim.pipeline import quota_programs, require_families
from openfisca_indonesia_sosial.simulation.engine import MONTHS
from openfisca_indonesia_sosial.simulation.parameters import parameter_at

#: DuckDB's memory for the sorts (beyond it, they spill to the work folder).
MEMORY_LIMIT = "1GB"
#: DuckDB threads (the workers are idle during the global step).
THREADS = 2
#: Rows per batch streamed to numpy.
BATCH = QUEUE_CHUNK
#: Rows per row group of the plan file (pass 2 of a block reads the groups holding it).
PLAN_ROW_GROUP = 1 << 16


def write_queue(path: Path, queue: dict, part: int) -> None:
    """A block's queue (:func:`~openfisca_indonesia_sosial.microsim.blocks.entitle_block`)
    as a Parquet file, written atomically."""
    import pyarrow as pa

    from openfisca_indonesia_sosial.scale.store import atomic_parquet

    n = queue["families"]
    columns = {PART: np.full(n, part, dtype=np.int32), **queue["columns"]}
    atomic_parquet(path, pa.table(columns))


def _quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def global_plan(
    year: int, named, files: list[Path], parts: list[int], folder: Path, full_entitlement: bool
) -> GlobalPlan:
    """The global plan from the queue ``files`` of the blocks ``parts`` (population order),
    with its work files in ``folder`` (the plan file stays there for pass 2)."""
    import duckdb
    import pyarrow.parquet as pq

    if list(parts) != sorted(parts):
        raise ValueError("queue files must be given in population order")
    sizes = [pq.read_metadata(f).num_rows for f in files]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    require_families(int(offsets[-1]))
    present = set().union(*(pq.read_schema(f).names for f in files))
    folder = Path(folder)
    shutil.rmtree(folder, ignore_errors=True)  # a step stopped part way starts again
    folder.mkdir(parents=True)
    connection = duckdb.connect(
        config={
            "memory_limit": MEMORY_LIMIT,
            "threads": THREADS,
            "temp_directory": str(folder / "spill"),
            # kept on: without it, a sorted result of many batches is written out of order
            "preserve_insertion_order": True,
        }
    )
    try:
        connection.execute("SET enable_progress_bar = false")  # no bars on the run's terminal
        sources = ", ".join(_literal(f) for f in files)
        connection.execute(
            f"CREATE VIEW queue AS SELECT * FROM read_parquet([{sources}], union_by_name = true)"
        )
        rank_type = "INTEGER" if offsets[-1] < np.iinfo(np.int32).max else "BIGINT"
        cutoffs: dict = {}
        reused: dict = {}
        if full_entitlement:
            ordered, rank = "queue", None
        else:
            registry = folder / "registry.parquet"
            reused = _reused(year, named, present)
            needed = _needed(named, reused)
            selected = [column for s, p in needed for column in _resolved(s, p, present)]
            payload = ", ".join([PART, INDEX, SPENDING, WEIGHT, SIZE, DRAW, *selected])
            connection.execute(
                f"COPY (SELECT {payload} FROM queue ORDER BY {KEY}, {PART}, {INDEX}) "
                f"TO {_literal(registry)} (FORMAT parquet, ROW_GROUP_SIZE {BATCH})"
            )
            ordered = f"read_parquet({_literal(registry)}, file_row_number = true)"
            rank = f"CAST(file_row_number AS {rank_type}) AS {RANK}"
        shares = folder / "shares.parquet"
        total = _share_numerators(connection, ordered, rank, shares)
        if not full_entitlement:
            cutoffs = _cutoffs(year, named, registry, reused)
            registry.unlink()
        plan = folder / "plan.parquet"
        partial = folder / ".plan.parquet.partial"
        columns = ", ".join([PART, INDEX, *([RANK] if rank else []), SHARE])
        connection.execute(
            f"COPY (SELECT {columns} FROM read_parquet({_literal(shares)}) "
            f"ORDER BY {PART}, {INDEX}) "
            f"TO {_literal(partial)} (FORMAT parquet, ROW_GROUP_SIZE {PLAN_ROW_GROUP})"
        )
        os.replace(partial, plan)
        shares.unlink()
    finally:
        connection.close()
        shutil.rmtree(folder / "spill", ignore_errors=True)
    names = [name for name, _, _ in named]
    return GlobalPlan(
        path=str(plan),
        parts=list(parts),
        offsets=offsets,
        cutoffs={names[s]: by_program for s, by_program in cutoffs.items()},
        reused={names[s]: programs for s, programs in reused.items()},
        total_weight=total,
    )


def _share_numerators(connection, ordered: str, rank: str | None, path: Path) -> float:
    """Walk the families in expenditure order; write ``(part, idx, rank, numerator)`` to
    ``path`` and return the total person weight. The numerator is the cumulative person
    weight less half the family's own, as in ``weighted_quantile_groups``."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from openfisca_indonesia_sosial.scale.store import parquet_options

    columns = ", ".join([PART, INDEX, *([rank] if rank else []), WEIGHT, SIZE])
    reader = connection.sql(
        f"SELECT {columns} FROM {ordered} ORDER BY {SPENDING}, {PART}, {INDEX}"
    ).to_arrow_reader(BATCH)
    total = 0.0
    writer = None
    try:
        for batch in reader:
            if not batch.num_rows:
                continue
            person_weight = batch[WEIGHT].to_numpy() * batch[SIZE].to_numpy()
            running = np.cumsum(np.concatenate([[total], person_weight]))[1:]
            total = running[-1]
            out = {PART: batch[PART], INDEX: batch[INDEX]}
            if rank:
                out[RANK] = batch[RANK]
            out[SHARE] = pa.array(running - 0.5 * person_weight)
            table = pa.table(out)
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema, **parquet_options(table.schema))
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()
    return float(total)


def _reused(year: int, named, present: set[str]) -> dict:
    """Scenario number -> quota programs whose cut-offs are the baseline's: no block queued
    an eligibility of its own for them, and delivery is the same
    (:func:`~openfisca_indonesia_sosial.delivery.quota.reusable_programs`)."""
    _, _, base_system = named[0]
    reused = {}
    for s, (_name, _label, system) in enumerate(named[1:], start=1):
        same = {
            p.key for p in quota_programs() if not any(c in present for c in program_columns(s, p))
        }
        reused[s] = reusable_programs(year, base_system, system, same)
    return reused


def _needed(named, reused: dict) -> list[tuple[int, object]]:
    """``(scenario, program)`` pairs whose eligibility the walks read: every program not
    reused, and the programs ahead of them in line."""
    programs = {p.key: p for p in quota_programs()}
    needed = []
    for s in range(len(named)):
        keys = [k for k in programs if k not in reused.get(s, ())]
        while keys:
            key = keys.pop()
            if (s, programs[key]) not in needed:
                needed.append((s, programs[key]))
                if programs[key].priority_after:
                    keys.append(programs[key].priority_after)
    return needed


def _resolved(s: int, program, present: set[str]) -> list[str]:
    """SQL of a scenario's eligibility columns of one program: its own where a block queued
    them, the baseline's elsewhere (blocks that share the baseline's eligibility)."""
    out = []
    for own, base in zip(program_columns(s, program), program_columns(0, program), strict=True):
        source = _quoted(base)
        if s and own in present:
            source = f"COALESCE({_quoted(own)}, {_quoted(base)})"
        out.append(f"{source} AS {_quoted(own)}")
    return out


class _Batch:
    """One batch of the registry file: the queue of every walk, and the payments of the
    programs first in line for another."""

    def __init__(self, table, start: int, named, year: int, cutoffs: dict):
        self.table = table
        self.rank = np.arange(start, start + table.num_rows, dtype=np.int64)
        self.weight = table[WEIGHT].to_numpy()
        self.named, self.year, self.cutoffs = named, year, cutoffs
        self._paid: dict = {}

    def units(self, s: int, program, m_index: int) -> tuple[np.ndarray, np.ndarray]:
        """``(eligible units, unit weight)``: families, or families with eligible members
        weighted by their number."""
        if program.unit == "individu":
            members = self.table[program_columns(s, program)[m_index]].to_numpy()
            return members > 0, self.weight * members
        mask = self.table[program_columns(s, program)[0]].to_numpy()
        return ((mask >> m_index) & 1).astype(bool), self.weight

    def paid(self, s: int, program, m_index: int) -> np.ndarray:
        """Families paid by ``program`` this month (admitted and taking up)."""
        key = (s, program.key, m_index)
        if key not in self._paid:
            units, _ = self.units(s, program, m_index)
            cutoff = self.cutoffs[s][program.key][m_index]
            if cutoff is not None:
                units = apply_cutoff(self.rank, units, cutoff, self.first(s, program, m_index))
            system = self.named[s][2]
            instant = f"{self.year}-{MONTHS[m_index]:02d}-01"
            rate = parameter_at(system, program.take_up, instant)
            draw = self.table[DRAW].to_numpy()
            self._paid[key] = units & (draw < (1.0 if rate is None else float(rate)))
        return self._paid[key]

    def first(self, s: int, program, m_index: int) -> np.ndarray | None:
        if not program.priority_after:
            return None
        programs = {p.key: p for p in quota_programs()}
        return self.paid(s, programs[program.priority_after], m_index)


def _cutoffs(year: int, named, registry: Path, reused: dict) -> dict:
    """Scenario number -> program -> the 12 monthly cut-offs (None: no quota that month)."""
    programs = {p.key: p for p in quota_programs()}
    final: dict = {s: {} for s in range(len(named))}
    pending = [(s, key) for s in range(len(named)) for key in programs]
    while pending:
        ready, before = [], len(pending)
        for s, key in list(pending):
            if key in reused.get(s, ()):
                if key in final[0]:
                    final[s][key] = final[0][key]
                    pending.remove((s, key))
                continue
            ahead = programs[key].priority_after
            if ahead is None or ahead in final[s]:
                ready.append((s, key))
                pending.remove((s, key))
        if len(pending) == before:  # programs are listed after those ahead of them in line
            raise RuntimeError(f"quota lines without a start: {pending}")
        walks = {}
        for s, key in ready:
            program, system = programs[key], named[s][2]
            months = []
            for m_index, month in enumerate(MONTHS):
                quota = parameter_at(system, program.quota, f"{year}-{month:02d}-01")
                months.append(None if quota is None else CutoffWalk(float(quota)))
                if quota is not None:
                    walks[(s, key, m_index)] = months[-1]
            final[s][key] = months
        _walk(year, named, registry, walks, final)
        for s, key in ready:
            final[s][key] = [None if w is None else w.cutoff for w in final[s][key]]
    return final


def _walk(year: int, named, registry: Path, walks: dict, final: dict) -> None:
    """Feed ``walks`` the registry file in order, one line class per read of the file (the
    first-in-line families of every month, then the others), until each walk is done."""
    from openfisca_indonesia_sosial.data.reading import streamed_parquet

    programs = {p.key: p for p in quota_programs()}
    handle = streamed_parquet(registry)
    classes = {w: 2 if programs[w[1]].priority_after else 1 for w in walks}
    active = dict(walks)
    while active:
        needed = {WEIGHT, DRAW}
        for s, key, _ in active:
            program = programs[key]
            while program is not None:
                needed.update(program_columns(s, program))
                program = programs.get(program.priority_after)
        start = 0
        for table in handle.iter_batches(batch_size=BATCH, columns=sorted(needed)):
            batch = _Batch(table, start, named, year, final)
            start += table.num_rows
            for (s, key, m_index), walk in active.items():
                if walk.done:
                    continue
                units, unit_weight = batch.units(s, programs[key], m_index)
                first = batch.first(s, programs[key], m_index)
                if first is not None:
                    units = units & (first if walk.line_class == 0 else ~first)
                walk.feed(batch.rank, unit_weight, units)
            if all(walk.done for walk in active.values()):
                break
        for name, walk in list(active.items()):
            if walk.done or walk.line_class + 1 >= classes[name]:
                del active[name]
            else:
                walk.next_class()
