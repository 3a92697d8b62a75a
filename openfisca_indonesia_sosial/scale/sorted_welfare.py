"""Each scenario's welfare over the whole registry, sorted on disk, for the Gini coefficient.

The Gini coefficient and its replicates need every family in welfare order: a global sort.
Pass 2 writes each block's per-family welfare (one column per scenario), person weights and
replicate keys as a Parquet file in the run's work folder (:func:`write_block`), next to its
small exact sums. For the merge, each scenario is one task on the run's workers
(:func:`scenario_gini`: on a cluster the scenarios are sorted side by side on different
machines, and the driver holds no sort): it sorts those files with DuckDB, embedded, within a
memory limit beyond which it spills to the work folder, and streams the sorted rows back in
pieces, so no process's memory grows with the registry.

The order is the one a single sort in memory gives (``np.argsort(kind="stable")`` of the
blocks' welfare laid end to end): by welfare, then by block, then by row in the block
(DuckDB orders ``-0.0`` with ``0.0`` and NaN last, as numpy does). Over that stream, in one
pass, run the Gini's totals (:class:`~openfisca_indonesia_sosial.metrics.poverty.GiniTotals`)
and every replicate's sums (:class:`~openfisca_indonesia_sosial.metrics.replicates.ReplicateGini`,
the replicate weights drawn again from each family's key); the sorted welfare and weights go
to a scratch file that the trapezoids read back in a second pass. Each piece is the size
the in-memory functions step by, and every sum is taken in the same order, so the figures
are the single-shot run's bit for bit.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from openfisca_indonesia_sosial.metrics.poverty import GINI_CHUNK, GiniArea, GiniTotals
from openfisca_indonesia_sosial.metrics.replicates import CHUNK, ReplicateGini
from openfisca_indonesia_sosial.scale.duplicates import MEMORY_LIMIT, connect
from openfisca_indonesia_sosial.scale.store import atomic_parquet
from openfisca_indonesia_sosial.simulation.allocator import give_back_freed_memory

#: Suffix of a block's welfare file in the run's ``pass2`` work folder.
SUFFIX = ".welfare.parquet"
#: Rows per piece streamed from the sort: a whole number of the replicate sums' steps.
PIECE = GINI_CHUNK
_BLOCK, _WEIGHT, _KEY = "block", "person_weight", "replicate_key"
_WELFARE = "welfare:"

assert PIECE % CHUNK == 0, "a piece must end where a replicate step ends"


def write_block(path: Path, partial, index: int) -> None:
    """The welfare file of block ``index`` from its pass-2 ``Partial``."""
    import pyarrow as pa

    n = partial.person_weights.shape[0]
    columns = {
        _BLOCK: pa.array(np.full(n, index, dtype=np.int32)),
        _WEIGHT: pa.array(np.asarray(partial.person_weights, dtype=np.float64)),
    }
    if partial.replicate_keys is not None:
        columns[_KEY] = pa.array(np.asarray(partial.replicate_keys, dtype=np.uint64))
    for name, welfare in partial.welfare.items():
        columns[_WELFARE + name] = pa.array(np.asarray(welfare, dtype=np.float64))
    atomic_parquet(path, pa.table(columns))


def _identifier(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def scenario_gini(
    files: list[Path], name: str, replicates: int, scratch: Path, memory_limit: str = MEMORY_LIMIT
) -> tuple[float, np.ndarray | None]:
    """A task: scenario ``name``'s ``(Gini, replicate Ginis or None)`` (``replicates``
    replicate coefficients) over the blocks' welfare ``files`` (population order), sorted by
    DuckDB in this process, which spills to ``scratch`` (deleted afterwards)."""
    # a worker keeps its blocks' freed pages (simulation.allocator): hand them back before
    # the sort takes its own memory
    give_back_freed_memory()
    scratch = Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    run = _Run(files, replicates, scratch, memory_limit)
    try:
        return run.figures(name)
    finally:
        run.close()
        shutil.rmtree(scratch, ignore_errors=True)


class _Run:
    """The blocks' welfare files, a DuckDB connection over them and a scratch folder (one
    scenario's task)."""

    def __init__(self, files: list[Path], replicates: int, scratch: Path, memory_limit: str):
        import pyarrow.parquet as pq

        self.files = [str(f) for f in files]
        self.replicates = replicates
        self.scratch = scratch
        self.families = sum(pq.ParquetFile(f).metadata.num_rows for f in self.files)
        self.con = connect(scratch / "spill", memory_limit)

    def _rows(self, name: str) -> Iterator[tuple[np.ndarray, ...]]:
        """``(welfare, person weights[, replicate keys])`` in welfare order, in pieces of
        :data:`PIECE` rows (the last shorter)."""
        welfare = _identifier(_WELFARE + name)
        columns = f"{welfare}, {_WEIGHT}" + (f", {_KEY}" if self.replicates else "")
        files = "[" + ", ".join(_literal(f) for f in self.files) + "]"
        query = (
            f"SELECT {columns} FROM read_parquet({files}, file_row_number = true) "
            f"ORDER BY {welfare}, {_BLOCK}::BIGINT * 4294967296 + file_row_number"
        )
        reader = self.con.sql(query).to_arrow_reader(PIECE)
        yield from _pieces(reader)

    def figures(self, name: str) -> tuple[float, np.ndarray | None]:
        """``(Gini, replicate Ginis or None)`` of scenario ``name``."""
        totals = GiniTotals(self.families)
        replicate = ReplicateGini(self.replicates) if self.replicates else None
        spill = self.scratch / "sorted.f64"
        try:
            with open(spill, "wb") as out:
                for piece in self._rows(name):
                    welfare, weights = piece[0], piece[1]
                    totals.add(welfare, weights)
                    if replicate is not None:
                        for start in range(0, weights.shape[0], CHUNK):
                            part = slice(start, start + CHUNK)
                            draws = replicate.draws(piece[2][part])
                            replicate.add(welfare[part], weights[part], draws)
                    np.stack([welfare, weights]).tofile(out)
            area = GiniArea(totals)
            with open(spill, "rb") as sorted_rows:
                while True:
                    pair = np.fromfile(sorted_rows, dtype=np.float64, count=2 * PIECE)
                    if not pair.size:
                        break
                    pair = pair.reshape(2, -1)
                    area.add(pair[0], pair[1])
        finally:
            spill.unlink(missing_ok=True)
        return area.gini(), None if replicate is None else replicate.result()

    def close(self) -> None:
        self.con.close()


def _pieces(reader) -> Iterator[tuple[np.ndarray, ...]]:
    """The reader's record batches as numpy columns, cut again into :data:`PIECE` rows."""
    held: list = []
    count = 0
    for batch in reader:
        if not batch.num_rows:
            continue
        held.append([column.to_numpy(zero_copy_only=False) for column in batch.columns])
        count += batch.num_rows
        while count >= PIECE:
            columns = [np.concatenate(parts) for parts in zip(*held, strict=True)]
            yield tuple(column[:PIECE] for column in columns)
            rest = [column[PIECE:] for column in columns]
            count -= PIECE
            held = [rest] if count else []
    if count:
        yield tuple(np.concatenate(parts) for parts in zip(*held, strict=True))
