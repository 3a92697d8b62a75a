"""What the current rules pay to each record of a registry, for the money at stake.

The audit computes every family's and person's entitlement for the audited month (or the sum
over the year's months), partition by partition, like ``bansos batch``
(:mod:`openfisca_indonesia_sosial.scale.batch`), with one difference: records are identified
by their row, not by their ids, and the NIK column is left out. A duplicate is thus computed
as what the rules pay it, not rejected, which is what the money at stake must count. A record
rejected for another reason (a bad value) is paid nothing here, as in a batch.

Each partition writes ``money/{individu,keluarga}/part-NNNNN.parquet``: the row number in the
prepared file and, per program of that unit, its amount in rupiah (int64).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from openfisca_indonesia_sosial.registry.findings import DECEASED
from openfisca_indonesia_sosial.scale.batch import _system, _variables
from openfisca_indonesia_sosial.scale.source import Partition, Source, read_partition
from openfisca_indonesia_sosial.scale.store import atomic_parquet

#: Columns the money computation never gives the rules: identity (the NIK), and the death
#: date: the money at stake of a death is what a registry that has not recorded it pays (the
#: rules pay nothing after a recorded death; the audit reads the date itself).
_LEFT_OUT = ("nik", DECEASED)


@dataclass(frozen=True)
class MoneySpec:
    workdir: str
    year: int
    month: int | None
    sizes: str  # .npy of each family's member count, in the prepared file's order


def programs() -> list[tuple[str, str]]:
    """``(unit, program)`` of every program, in the registry's order."""
    return [(unit, key) for unit in ("keluarga", "individu") for key, _, _ in _variables(unit)]


def compute_money(spec: MoneySpec, source: Source, partition: Partition) -> int:
    """Amounts of one partition's rows (skipped when written: a resumed audit)."""
    from openfisca_indonesia_sosial.data import validate_tables
    from openfisca_indonesia_sosial.simulation.build import build_from_population

    out = Path(spec.workdir) / "money"
    if (out / "keluarga" / f"{partition.name}.parquet").is_file():
        return partition.index
    system = _system(None)
    individu, keluarga = read_partition(source, partition)
    drop = [c for c in _LEFT_OUT if c in individu]
    individu = individu.drop(columns=drop)
    family_rows = np.arange(partition.family_start, partition.family_stop)
    person_rows = np.arange(partition.person_start, partition.person_stop)
    sizes = np.load(spec.sizes, mmap_mode="r")[partition.family_start : partition.family_stop]
    # positional ids: each keluarga row is its own family, with the run of persons the
    # planning gave it (persons without a listed family keep no family and are rejected)
    member_of = np.repeat(family_rows, np.asarray(sizes, dtype=np.int64))
    member_of = np.concatenate([member_of, np.full(len(person_rows) - len(member_of), -1)])
    keluarga["id_keluarga"] = pd.Series(family_rows).map("k{}".format)
    individu["id_keluarga"] = pd.Series(member_of).map("k{}".format).where(member_of >= 0)
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
    """Views ``money_keluarga`` and ``money_individu`` over the written amounts."""
    for unit in ("keluarga", "individu"):
        pattern = str(Path(workdir) / "money" / unit / "*.parquet").replace("'", "''")
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
