"""The global step's plan as pass 2 reads it, and the columns of a block's queue.

Pass 1 writes each block's *queue* as a table of one row per family (:func:`queue_columns`):
the block-local index, the registry sort key, weight, counted members, per-capita
expenditure, take-up draw and, per scenario and quota program, who is eligible (a 12-bit
month mask for family programs, eligible members per month for person programs). The global
step (:mod:`openfisca_indonesia_sosial.scale.global_step`) sorts those tables on disk and
writes one *plan file*: for every family, in block order, its registry rank and the numerator
of its expenditure quantile share. Pass 2 of a block reads only its own rows
(:class:`BlockPlan`), so no process holds an array over the whole population.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from openfisca_indonesia_sosial.simulation.engine import MONTHS

#: Columns every queue has (then the eligibility columns).
PART, INDEX, KEY, WEIGHT, SIZE, SPENDING, DRAW = (
    "part",
    "idx",
    "key",
    "weight",
    "family_size",
    "expenditure",
    "draw",
)
#: Columns of the plan file.
RANK, SHARE = "rank", "share_numerator"


def eligible_column(scenario: int, program: str) -> str:
    """Month mask (bit m: month m eligible) of a family program in scenario number
    ``scenario`` (0: the baseline)."""
    return f"e{scenario}_{program}"


def members_column(scenario: int, program: str, m_index: int) -> str:
    """Eligible members of each family, one month, of a person program."""
    return f"n{scenario}_{program}_{m_index:02d}"


def program_columns(scenario: int, program) -> list[str]:
    if program.unit == "individu":
        return [members_column(scenario, program.key, m) for m in range(len(MONTHS))]
    return [eligible_column(scenario, program.key)]


def month_mask(eligible: np.ndarray) -> np.ndarray:
    """``(months, families)`` booleans as one 16-bit mask per family."""
    bits = np.arange(eligible.shape[0], dtype=np.uint16)[:, None]
    return np.bitwise_or.reduce(eligible.astype(np.uint16) << bits, axis=0).astype(np.uint16)


def count_type(largest: int):
    """Integer type of member counts: 16 bits (the same in every block) unless a family is
    larger."""
    return np.uint16 if largest <= np.iinfo(np.uint16).max else np.uint32


def quantile_groups(numerator: np.ndarray, total: float, groups: int) -> np.ndarray:
    """Group 1..groups of each unit from its share numerator (cumulative weight up to it, less
    half its own) and the total weight: the very operations of
    :func:`openfisca_indonesia_sosial.metrics.poverty.weighted_quantile_groups`, split where
    the global step's streamed cumulative sum ends."""
    share = numerator / total
    return np.minimum((share * groups).astype(np.int64) + 1, groups).astype(np.int8)


@dataclass
class BlockPlan:
    """The global plan as one block sees it (family order of the block): the cut-offs, and
    its families' registry ranks and expenditure shares read from the plan file when first
    asked for (a task sent to a worker carries a path, not arrays)."""

    cutoffs: dict  # scenario -> program -> [12 x (class, rank)]
    reused: dict  # scenario -> quota programs whose cut-offs are the baseline's
    path: str
    part: int
    families: int
    total_weight: float
    _rows: dict | None = field(default=None, repr=False, compare=False)

    def _read(self) -> dict:
        if self._rows is None:
            self._rows = read_block_rows(self.path, self.part, self.families)
        return self._rows

    @property
    def rank(self) -> np.ndarray | None:
        """Registry rank of each family (None in full-entitlement mode: no quota)."""
        return self._read().get(RANK)

    @property
    def deciles(self) -> np.ndarray:
        return quantile_groups(self._read()[SHARE], self.total_weight, 10)

    @property
    def percentile(self) -> np.ndarray:
        return quantile_groups(self._read()[SHARE], self.total_weight, 100)


@dataclass
class GlobalPlan:
    """What pass 2 needs from the whole population: small values in memory, the per-family
    ones in the plan file."""

    path: str
    parts: list[int]  # partition number of each block, in population order
    offsets: np.ndarray  # first global family index of each block
    cutoffs: dict
    reused: dict
    total_weight: float  # person weight of the population, summed in expenditure order

    def block(self, index: int) -> BlockPlan:
        """What pass 2 of block ``index`` (in population order) needs."""
        families = int(self.offsets[index + 1] - self.offsets[index])
        return BlockPlan(
            self.cutoffs, self.reused, self.path, self.parts[index], families, self.total_weight
        )


def read_block_rows(path: str, part: int, families: int) -> dict:
    """One block's rows of the plan file (sorted by block, then family): only the row groups
    whose statistics may hold the block are read."""
    import pyarrow.compute as pc

    from openfisca_indonesia_sosial.data.reading import streamed_parquet

    handle = streamed_parquet(path)
    meta = handle.metadata
    column = handle.schema_arrow.get_field_index(PART)
    groups = []
    for g in range(meta.num_row_groups):
        stats = meta.row_group(g).column(column).statistics
        if stats is None or not stats.has_min_max or stats.min <= part <= stats.max:
            groups.append(g)
    names = [n for n in (RANK, SHARE) if n in handle.schema_arrow.names]
    table = handle.read_row_groups(groups, columns=[PART, INDEX, *names])
    table = table.filter(pc.equal(table[PART], part))
    index = table[INDEX].to_numpy()
    if table.num_rows != families or not np.array_equal(np.sort(index), np.arange(families)):
        raise RuntimeError(
            f"plan file {path}: {table.num_rows} rows for partition {part}, "
            f"expected one per family of its {families}"
        )
    rows = {}
    for name in names:  # in family order whatever the order of the rows
        values = table[name].to_numpy()
        rows[name] = np.empty_like(values)
        rows[name][index] = values
    return rows
