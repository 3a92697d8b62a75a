"""What the current rules pay to the records a cleansing would remove: the money at stake.

Only the families that hold a removed record are computed: the removed family rows, and the
family row of every removed person (with all its members, since a family's entitlement
depends on them all). Findings are rare, so this is a small part of the registry; the rest
need not be computed, and the figures are those of computing every row, because an
entitlement before quotas and take-up depends on its own family only.

1. :func:`needed_families` lists those family rows (numbers in the prepared file);
2. :func:`extract` copies their rows into a compact pair of Parquet files in the audit's work
   folder, reading only the row groups that hold them, one at a time, without the NIK and the
   death date (``_LEFT_OUT``), each row carrying its row number in the prepared file (``_r``);
3. :func:`compute_money` computes blocks of those families on the run's scheduler, like
   ``bansos batch`` (:mod:`openfisca_indonesia_sosial.scale.batch`), with one difference:
   records are identified by their row, not by their ids, so a duplicate is computed as what
   the rules pay it, not rejected. A record rejected for another reason (a bad value) is paid
   nothing, as in a batch. Each block writes ``money/{individu,keluarga}/part-NNNNN.parquet``:
   the row number and, per program of that unit, its amount in rupiah (int64);
4. :func:`money_at_stake` sums, in DuckDB, the amounts of the removed rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.data.reading import streamed_parquet
from openfisca_indonesia_sosial.registry.findings import DECEASED
from openfisca_indonesia_sosial.scale.batch import _system, _variables
from openfisca_indonesia_sosial.scale.source import (
    Partition,
    Source,
    families_of,
    persons_before,
    read_partition,
)
from openfisca_indonesia_sosial.scale.store import atomic_parquet, parquet_options

#: Columns the money computation never gives the rules: identity (the NIK), and the death
#: date: the money at stake of a death is what a registry that has not recorded it pays (the
#: rules pay nothing after a recorded death; the audit reads the date itself).
_LEFT_OUT = ("nik", DECEASED)
#: The column of the compact files that holds each row's number in the prepared file.
ROW = "_r"


@dataclass(frozen=True)
class MoneySpec:
    workdir: str
    year: int
    month: int | None
    sizes: str  # .npy of each compact family's member count, in the compact file's order


def programs() -> list[tuple[str, str]]:
    """``(unit, program)`` of every program, in the registry's order."""
    return [(unit, key) for unit in ("keluarga", "individu") for key, _, _ in _variables(unit)]


def needed_families(
    sizes: np.ndarray, n_families: int, removed_persons: np.ndarray, removed_families: np.ndarray
) -> np.ndarray:
    """Sorted family rows holding a removed record; a person after the last family's members
    (a person without a listed family, rejected and paid nothing) needs none. The running
    member count is taken a step of families at a time: no array of eight bytes per family."""
    members = sizes[:n_families]
    of_persons = families_of(members, removed_persons)
    of_persons = of_persons[of_persons < n_families]
    return np.unique(np.concatenate([of_persons, np.asarray(removed_families, dtype=np.int64)]))


def member_rows(sizes: np.ndarray, families: np.ndarray) -> np.ndarray:
    """Person rows of the given families (each family's run in the prepared file)."""
    families = np.asarray(families, dtype=np.int64)
    starts = persons_before(sizes, families)
    counts = np.asarray(sizes[families], dtype=np.int64)
    if not counts.sum():
        return np.empty(0, dtype=np.int64)
    offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
    return np.repeat(starts, counts) + offsets


def extract(path: str, rows: np.ndarray, out: Path) -> Path:
    """Copy ``rows`` (sorted) of the Parquet file ``path`` to ``out``, with their row numbers
    (``_r``) and without the ``_LEFT_OUT`` columns; one row group in memory at a time."""
    file = streamed_parquet(path)
    keep = [name for name in file.schema_arrow.names if name not in _LEFT_OUT]
    schema = pa.schema([file.schema_arrow.field(name) for name in keep])
    schema = schema.append(pa.field(ROW, pa.int64()))
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.partial")
    start = 0
    with pq.ParquetWriter(partial, schema, **parquet_options(schema)) as writer:
        for group in range(file.num_row_groups):
            stop = start + file.metadata.row_group(group).num_rows
            inside = rows[np.searchsorted(rows, start) : np.searchsorted(rows, stop)]
            if inside.size:
                table = file.read_row_group(group, columns=keep).take(pa.array(inside - start))
                table = table.append_column(ROW, pa.array(inside, type=pa.int64()))
                writer.write_table(table.cast(schema))
            start = stop
        if not rows.size:
            writer.write_table(schema.empty_table())
    partial.replace(out)
    return out


def compact_source(
    source: Source, sizes: np.ndarray, families: np.ndarray, workdir: Path
) -> tuple[Source, np.ndarray]:
    """The needed families and their members as a compact :class:`Source`, and its sizes."""
    folder = workdir / "money" / "input"
    persons = member_rows(sizes, families)
    individu = extract(source.individu, persons, folder / "individu.parquet")
    keluarga = extract(source.keluarga, families, folder / "keluarga.parquet")
    compact_sizes = np.asarray(sizes[families], dtype=np.int64)
    return Source(str(individu), str(keluarga), len(families), len(persons)), compact_sizes


def compute_money(spec: MoneySpec, source: Source, partition: Partition) -> int:
    """Amounts of one block of the compact source (skipped when written: a resumed audit)."""
    from openfisca_indonesia_sosial.data import validate_tables
    from openfisca_indonesia_sosial.simulation.build import build_from_population

    out = Path(spec.workdir) / "money"
    if (out / "keluarga" / f"{partition.name}.parquet").is_file():
        return partition.index
    system = _system(None)
    individu, keluarga = read_partition(source, partition)
    family_rows = keluarga.pop(ROW).to_numpy(dtype=np.int64)
    person_rows = individu.pop(ROW).to_numpy(dtype=np.int64)
    sizes = np.load(spec.sizes, mmap_mode="r")[partition.family_start : partition.family_stop]
    # positional ids: each keluarga row is its own family, with the run of persons the
    # planning gave it
    member_of = np.repeat(family_rows, np.asarray(sizes, dtype=np.int64))
    keluarga["id_keluarga"] = pd.Series(family_rows).map("k{}".format)
    individu["id_keluarga"] = pd.Series(member_of).map("k{}".format)
    individu["id_individu"] = pd.Series(person_rows).map("i{}".format)
    population, _report = validate_tables(individu, keluarga, year=spec.year)
    simulation = build_from_population(system, population)
    for unit, frame, column in (
        ("keluarga", population.keluarga, "id_keluarga"),
        ("individu", population.individu, "id_individu"),
    ):
        columns = {"r": frame[column].astype(str).str[1:].astype("int64").to_numpy()}
        for key, _eligibility, amount in _variables(unit):
            if spec.month is None:
                value = simulation.calculate_add(amount, str(spec.year))
            else:
                value = simulation.calculate(amount, f"{spec.year}-{spec.month:02d}")
            columns[key] = np.asarray(value).astype(np.int64)
        table = pa.Table.from_pandas(pd.DataFrame(columns), preserve_index=False)
        atomic_parquet(out / unit / f"{partition.name}.parquet", table)
    return partition.index


def money_views(con, workdir: str) -> None:
    """Views ``money_keluarga`` and ``money_individu`` over the written amounts (empty when
    no family was computed)."""
    for unit in ("keluarga", "individu"):
        folder = Path(workdir) / "money" / unit
        if not any(folder.glob("*.parquet")):
            columns = ", ".join(
                ["NULL::BIGINT AS r"] + [f"NULL::BIGINT AS {p}" for u, p in programs() if u == unit]
            )
            con.execute(f"CREATE OR REPLACE TEMP VIEW money_{unit} AS SELECT {columns} WHERE false")
            continue
        pattern = str(folder / "*.parquet").replace("'", "''")
        con.execute(
            f"CREATE OR REPLACE TEMP VIEW money_{unit} AS SELECT * FROM read_parquet('{pattern}')"
        )


def money_at_stake(con) -> dict[str, int]:
    """``{program: rupiah, "total": rupiah}`` paid to the removed rows (int64 sums)."""
    result: dict[str, int] = {}
    for unit, program in programs():
        removed = "removed_families" if unit == "keluarga" else "removed_persons"
        (value,) = con.execute(
            f"SELECT coalesce(sum(m.{program})::BIGINT, 0) FROM money_{unit} m "
            f"SEMI JOIN {removed} x ON m.r = x.r"
        ).fetchone()
        result[program] = int(value)
    result["total"] = int(sum(result.values()))
    return result
