"""Batch eligibility: every family's and person's entitlement for one month, for a registry.

``bansos batch DIR --year Y --month M --output OUT`` splits the registry into partitions of
whole families (:mod:`.source`), validates and computes each one (in this process, on local
workers or on a dask cluster) and writes, per partition:

* ``OUT/keluarga/part-NNNNN.parquet``: ``id_keluarga`` and, for each family program,
  ``<program>_layak`` and ``<program>_idr`` (entitlement and amount for the month, before any
  quota or take-up: who is entitled, not who is paid);
* ``OUT/individu/part-NNNNN.parquet``: ``id_individu``, ``id_keluarga`` and the person
  programs' ``<program>_layak`` / ``<program>_idr``;
* ``OUT/rejects/part-NNNNN.parquet``: every rejected record with its reasons (``row`` is the
  row number in the input file), NIKs masked.

An id or a NIK shared by rows of different partitions is rejected in each, as in a
single-shot run: the duplicates are found across the whole registry first
(:mod:`.duplicates`). Every input row is either computed or rejected: ``OUT/manifest.json``
lists each partition's rows in, computed and rejected, and the check
``rows_in == computed + rejected`` holds for both tables. Files are written atomically; a
stopped batch resumes from its completed partitions.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.scale import resume
from openfisca_indonesia_sosial.scale.duplicates import find_duplicates, for_partition
from openfisca_indonesia_sosial.scale.runner import Runner
from openfisca_indonesia_sosial.scale.source import (
    Partition,
    Source,
    auto_partitions,
    plan,
    prepare,
    read_partition,
    table_files,
)
from openfisca_indonesia_sosial.scale.store import (
    atomic_parquet,
    atomic_pickle,
    load_pickle,
    write_manifest,
)


@dataclass(frozen=True)
class BatchSpec:
    registry: str
    year: int
    month: int
    output: str
    partitions: int
    reform: str | None = None


def _system(reform: str | None):
    from openfisca_indonesia_sosial.system import baseline

    if reform is None:
        return baseline()
    from openfisca_indonesia_sosial.reform.files import load_reform

    return load_reform(reform, baseline()).system


def _variables(unit: str) -> list[tuple[str, str | None, str]]:
    """``(program, eligibility variable, amount variable)`` of the programs paying ``unit``."""
    return [(p.key, p.eligibility, p.amount) for p in PROGRAMS if p.unit == unit]


def _id_column(ids: pd.Series) -> pa.Array:
    """An id column as Arrow text, as the data layer parsed it (large strings, as written by
    earlier versions)."""
    if not pd.api.types.is_string_dtype(ids.dtype) or pd.api.types.is_object_dtype(ids.dtype):
        ids = ids.astype(str)
    array = pa.array(ids, from_pandas=True)
    if isinstance(array, pa.ChunkedArray):
        array = array.combine_chunks()
    return array.cast(pa.large_string())


def compute_partition(spec: BatchSpec, source: Source, partition: Partition) -> dict:
    """Validate and compute one partition; skipped when its record exists (resume)."""
    out = Path(spec.output)
    done = out / "_work" / f"{partition.name}.pkl"
    if done.is_file():
        return load_pickle(done) | {"computed": False}
    from openfisca_indonesia_sosial.data import validate_tables
    from openfisca_indonesia_sosial.data.privacy import mask_text_series
    from openfisca_indonesia_sosial.simulation.build import build_from_population

    start = time.perf_counter()
    individu, keluarga = read_partition(source, partition)
    population, report = validate_tables(
        individu,
        keluarga,
        year=spec.year,
        source=f"{partition.name} of {spec.registry}",
        known_duplicates=for_partition(out / "_work", partition),
    )
    del individu, keluarga
    period = f"{spec.year}-{spec.month:02d}"
    simulation = build_from_population(_system(spec.reform), population)
    tables = {}
    for unit, frame, ids in (
        ("keluarga", population.keluarga, ["id_keluarga"]),
        ("individu", population.individu, ["id_individu", "id_keluarga"]),
    ):
        # Arrow columns built from the arrays: a pandas frame in between turned every id
        # into a Python string and back (a third of the partition's output time)
        columns = {name: _id_column(frame[name]) for name in ids}
        for key, eligibility, amount in _variables(unit):
            value = np.asarray(simulation.calculate(amount, period)).astype(np.int64)
            if eligibility is not None:
                layak = np.asarray(simulation.calculate(eligibility, period), dtype=bool)
            else:
                layak = value > 0
            columns[f"{key}_layak"] = pa.array(layak)
            columns[f"{key}_idr"] = pa.array(value)
        tables[unit] = pa.table(columns)
    rejects = report.rejects.copy()
    offsets = {"individu": partition.person_start, "keluarga": partition.family_start}
    rejects["row"] = rejects["row"] + rejects["table"].map(offsets).fillna(0).astype("int64")
    for column in ("record_id", "value", "alasan", "reason"):
        rejects[column] = mask_text_series(rejects[column])
    for unit, table in tables.items():
        atomic_parquet(out / unit / f"{partition.name}.parquet", table)
    atomic_parquet(
        out / "rejects" / f"{partition.name}.parquet",
        pa.Table.from_pandas(rejects.reset_index(drop=True), preserve_index=False),
    )
    record = {
        "partition": partition.index,
        "name": partition.name,
        "counts": {
            table: {
                "rows_in": counts.rows_in,
                "computed": counts.accepted,
                "rejected": counts.rejected,
            }
            for table, counts in report.counts.items()
        },
        "seconds": round(time.perf_counter() - start, 3),
    }
    atomic_pickle(done, record)  # written last: the partition is complete
    return record | {"computed": True}


def run_batch(
    registry,
    *,
    year: int,
    month: int,
    output,
    partitions: int | None = None,
    scheduler: str = "synchronous",
    workers: int | None = None,
    reform: str | None = None,
    progress=None,
    restart: bool = False,
) -> dict:
    """Run a batch (see the module docstring); returns the manifest. ``partitions``: None
    for blocks of at most ``source.BLOCK_FAMILIES`` families (two per worker at least).
    A folder holding a batch of other inputs, options or law is refused (:mod:`.resume`)
    unless ``restart``, which discards that batch first."""
    files = table_files(registry)
    identity = resume.identity(
        files, {"year": year, "month": month}, [reform] if reform is not None else []
    )
    out = resume.prepare_output(output, registry)
    held = resume.claim(out, "batch", identity, restart)
    source, sizes = prepare(registry, out / "_work")
    find_duplicates(source, out / "_work")  # across partitions: the single-shot rejects
    if partitions is None:
        partitions = held["batch"]["partitions"] if held else None
        partitions = partitions or auto_partitions(source.families, workers)
    blocks = plan(source, sizes, partitions)
    del sizes  # nothing per family stays on the driver
    if held and held["batch"]["partitions"] != len(blocks):
        raise resume.ScaleError(
            f"{out} berisi batch dengan {held['batch']['partitions']} partisi / holds this batch "
            f"in {held['batch']['partitions']} partitions; resume with --partitions "
            f"{held['batch']['partitions']}, or use --restart"
        )
    spec = BatchSpec(str(Path(registry).resolve()), year, month, str(out), len(blocks), reform)
    described = asdict(spec) | {"identity": identity}
    write_manifest(out, {"batch": described, "complete": False})
    _system(reform)  # built before the pool forks
    records = []

    def done(record):
        records.append(record)
        if progress is not None:
            progress(len(records), len(blocks))

    started = time.perf_counter()
    with Runner(scheduler, workers) as runner:
        runner.map(compute_partition, [(spec, source, b) for b in blocks], done)
    records.sort(key=lambda r: r["partition"])
    totals = {}
    for record in records:
        for table, counts in record["counts"].items():
            total = totals.setdefault(table, {"rows_in": 0, "computed": 0, "rejected": 0})
            for key, value in counts.items():
                total[key] += value
    for table, total in totals.items():
        if total["rows_in"] != total["computed"] + total["rejected"]:
            raise RuntimeError(f"{table}: rows do not reconcile: {total}")
    resume.drop_input_copy(out / "_work")
    manifest = {
        "batch": described,
        "complete": True,
        "totals": totals,
        "partitions": [{key: r[key] for key in ("name", "counts", "seconds")} for r in records],
        "recomputed": [r["name"] for r in records if r.get("computed")],
        "seconds": round(time.perf_counter() - started, 2),
    }
    write_manifest(out, manifest)
    return manifest
