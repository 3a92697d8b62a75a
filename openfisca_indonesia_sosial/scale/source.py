"""Splitting a population folder into partitions of whole families, and reading one.

A partition is a contiguous range of ``keluarga`` rows and the matching contiguous range of
``individu`` rows, so the concatenation of the partitions, in order, is the population in its
file order: the order a single-shot run sees. Planning streams only the ``id_keluarga``
columns (:mod:`.grouping`) to check that the persons are grouped by family in ``keluarga``
order, as ``bansos population generate`` writes them, and to count the members of each
family. A folder that is not so grouped (or is CSV) is first rewritten, grouped, as Parquet
in the run's work folder (this copy is read into memory once). A copy never holds a clear NIK
(:mod:`.pseudonym`), and a finished run deletes it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.data.errors import PopulationReadError
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.data.reading import (
    PATH_CHARS,
    enum_columns,
    find_table,
    read_table,
    streamed_parquet,
)
from openfisca_indonesia_sosial.scale.grouping import ID_KELUARGA, family_sizes
from openfisca_indonesia_sosial.scale.limits import BLOCK_FAMILIES
from openfisca_indonesia_sosial.scale.pseudonym import NIK, pseudonymise
from openfisca_indonesia_sosial.scale.store import atomic_parquet, parquet_options


@dataclass(frozen=True)
class Partition:
    index: int
    family_start: int
    family_stop: int
    person_start: int
    person_stop: int

    @property
    def name(self) -> str:
        return f"part-{self.index:05d}"

    @property
    def families(self) -> int:
        return self.family_stop - self.family_start


@dataclass(frozen=True)
class Source:
    """A population folder as two Parquet files grouped by family."""

    individu: str
    keluarga: str
    families: int
    persons: int


def table_files(folder: str | Path) -> dict[str, Path]:
    """The ``individu`` and ``keluarga`` files of a population folder."""
    folder = Path(folder)
    if not folder.is_dir():
        raise PopulationReadError(f"{folder}: bukan folder populasi / not a population folder")
    return {name: find_table(folder, name) for name in ("individu", "keluarga")}


#: Bytes read at a time when counting the lines of a CSV table.
_COUNT_CHUNK = 1 << 22


def family_count(folder: str | Path) -> int | None:
    """The number of ``keluarga`` rows of a population folder, read cheaply (a Parquet
    footer, or the lines of a CSV file less its header); None when the folder cannot be
    read so (the run that follows reports why)."""
    try:
        path = table_files(folder)["keluarga"]
        if path.suffix == ".parquet":
            return pq.ParquetFile(path).metadata.num_rows
        lines, last = 0, b"\n"
        with path.open("rb") as handle:
            while chunk := handle.read(_COUNT_CHUNK):
                lines += chunk.count(b"\n")
                last = chunk[-1:]
        return max(0, lines + (last != b"\n") - 1)
    except Exception:  # any unreadable folder: the run itself names the problem
        return None


def columns(path: str | Path) -> list[str]:
    """Column names of a prepared (Parquet) table, as the data layer reads them."""
    names = pq.ParquetFile(path).schema_arrow.names
    return [str(name).strip().lstrip("\ufeff") for name in names]


def prepare(folder: str | Path, workdir: Path) -> tuple[Source, np.ndarray]:
    """The partitionable form of a population folder and each family's member count."""
    files = table_files(folder)
    individu, keluarga = files["individu"], files["keluarga"]
    if individu.suffix == ".parquet" and keluarga.suffix == ".parquet":
        for path in (individu, keluarga):
            _check_parquet(path)
        sizes = family_sizes(individu, keluarga)
        if sizes is not None:
            individu, keluarga = (
                _small_row_groups(path, workdir / "input" / f"{name}.parquet")
                for name, path in (("individu", individu), ("keluarga", keluarga))
            )
            persons = int(sizes.sum(dtype=np.int64))
            return Source(str(individu), str(keluarga), sizes.size, persons), sizes
    return _regroup(individu, keluarga, workdir / "input")


def _check_parquet(path: Path) -> None:
    """A readable Parquet file, or a one-line error naming it (no bytes of it echoed)."""
    try:
        pq.ParquetFile(path).metadata  # noqa: B018 - reads and checks the footer
    except Exception:
        raise PopulationReadError(
            f"{shown(path, PATH_CHARS)}: bukan file Parquet yang utuh / not a complete Parquet "
            "file (truncated, or another kind of file)"
        ) from None


def _small_row_groups(path: Path, copy: Path) -> Path:
    """``path``, or a copy with row groups of ``ROW_GROUP_ROWS`` when its groups are
    larger: a partition reads the whole row groups that hold its rows, so with groups of a
    million rows every block of 50,000 families would decode twenty times its size. The
    copy is streamed (one batch in memory) and kept in the run's work folder, so a resumed
    run reuses it."""
    from openfisca_indonesia_sosial.synthetic.io import ROW_GROUP_ROWS

    metadata = pq.ParquetFile(path).metadata
    largest = max(
        (metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)), default=0
    )
    if largest <= 2 * ROW_GROUP_ROWS:
        return path
    if copy.is_file() and pq.ParquetFile(copy).metadata.num_rows == metadata.num_rows:
        return copy
    copy.parent.mkdir(parents=True, exist_ok=True)
    partial = copy.with_name(f".{copy.name}.partial")
    source = streamed_parquet(path)
    schema = source.schema_arrow
    nik = schema.get_field_index(NIK)
    pseudonyms = None
    if nik >= 0:
        raw = pq.read_table(path, columns=[NIK]).column(0).to_pandas()
        pseudonyms = pa.array(pseudonymise(raw).to_numpy(dtype=object), type=pa.string())
        schema = schema.set(nik, pa.field(NIK, pa.string()))
    start = 0
    with pq.ParquetWriter(partial, schema, **parquet_options(schema)) as writer:
        for batch in source.iter_batches(batch_size=ROW_GROUP_ROWS):
            if pseudonyms is not None:
                arrays = batch.columns
                arrays[nik] = pseudonyms.slice(start, batch.num_rows)
                batch = pa.RecordBatch.from_arrays(arrays, schema=schema)
            start += batch.num_rows
            writer.write_batch(batch, row_group_size=ROW_GROUP_ROWS)
    partial.replace(copy)
    return copy


def _regroup(individu: Path, keluarga: Path, out: Path) -> tuple[Source, np.ndarray]:
    """Rewrite the tables grouped by family (keluarga order, file order within a family);
    persons without a listed family go last, so validation still reports them."""
    persons, families = read_table(individu), read_table(keluarga)
    # a family id listed twice (rejected as id_ganda) keeps its persons with its first row
    keys = families[ID_KELUARGA].astype(str)
    first = ~keys.duplicated().to_numpy()
    found = pd.Index(keys[first]).get_indexer(persons[ID_KELUARGA].astype(str))
    position = np.where(found < 0, len(families), np.flatnonzero(first)[found.clip(0)])
    order = np.argsort(position, kind="stable")
    persons = persons.iloc[order].reset_index(drop=True)
    if NIK in persons.columns:
        persons[NIK] = pseudonymise(persons[NIK])
    targets = {}
    for name, frame in (("individu", persons), ("keluarga", families)):
        path = out / f"{name}.parquet"
        atomic_parquet(path, pa.Table.from_pandas(frame, preserve_index=False))
        targets[name] = path
    sizes = np.bincount(position, minlength=len(families) + 1)
    # A family without members or persons without a family: one partition boundary rule
    # below keeps such rows with their neighbours, and validation rejects them.
    return (
        Source(str(targets["individu"]), str(targets["keluarga"]), len(families), len(persons)),
        sizes,
    )


def auto_partitions(families: int, workers: int | None) -> int:
    """Partitions for a run that did not choose: blocks of at most ``BLOCK_FAMILIES``
    families, and at least two blocks per worker so that every worker has work."""
    return max(2 * (workers or 1), -(-families // BLOCK_FAMILIES), 1)


#: Families per step of the running member count in :func:`plan` (its int64 temporaries).
PLAN_STEP = 1 << 20


def plan(source: Source, sizes: np.ndarray, partitions: int) -> list[Partition]:
    """``partitions`` contiguous blocks of whole families with about equal numbers of
    persons (the cost of a block is proportional to its persons). The running count of
    persons is taken :data:`PLAN_STEP` families at a time, so planning a national registry
    holds no array of eight bytes per family."""
    n_families = source.families
    partitions = max(1, min(int(partitions), max(n_families, 1)))
    members = sizes[:n_families]
    total = int(members.sum(dtype=np.int64))
    targets = np.array([total * k / partitions for k in range(1, partitions)], dtype=np.float64)
    # each cut: one past the first family whose running count reaches its target
    found = _first_reaching(members, targets) + 1
    cuts = [0]
    for k, cut in enumerate(found.tolist(), start=1):
        cuts.append(min(max(cut, cuts[-1] + 1), n_families - (partitions - k)))
    cuts.append(n_families)
    person_end = dict(zip(cuts, persons_before(members, np.array(cuts)).tolist(), strict=True))
    result = []
    for index in range(partitions):
        a, b = cuts[index], cuts[index + 1]
        p_stop = person_end[b]
        if index == partitions - 1:
            p_stop = source.persons  # persons without a listed family (regrouped last)
        result.append(Partition(index, a, b, person_end[a], p_stop))
    return result


def running_persons(members: np.ndarray):
    """``(first family, running person count)`` of each step of :data:`PLAN_STEP` families:
    the persons up to and including each family, in int64, a step at a time."""
    carry = 0
    for start in range(0, members.shape[0], PLAN_STEP):
        running = np.cumsum(members[start : start + PLAN_STEP], dtype=np.int64)
        running += carry
        yield start, running
        carry = int(running[-1])


def _first_reaching(members: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """For each of the increasing ``targets``, the first family whose running member count
    is at least the target (the count is compared as float64, exact below 2**53)."""
    found = np.zeros(targets.shape[0], dtype=np.int64)
    done = 0
    for start, running in running_persons(members):
        if done == targets.shape[0]:
            break
        reached = int(np.searchsorted(targets, running[-1], side="right"))
        found[done:reached] = start + np.searchsorted(running, targets[done:reached], "left")
        done = reached
    found[done:] = members.shape[0]  # past the end (no cut is placed there)
    return found


def persons_before(members: np.ndarray, families: np.ndarray) -> np.ndarray:
    """The persons of the families before each position ``families`` (0 to the number of
    families, any order): where each family's members start."""
    families = np.asarray(families, dtype=np.int64)
    out = np.zeros(families.shape[0], dtype=np.int64)
    for start, running in running_persons(members):
        inside = (families > start) & (families <= start + running.shape[0])
        out[inside] = running[families[inside] - start - 1]
    return out


def families_of(members: np.ndarray, persons: np.ndarray) -> np.ndarray:
    """The family (position) of each person row ``persons`` (any order) when the persons are
    grouped by family in order; ``len(members)`` for a person after the last family's
    members (one without a listed family)."""
    persons = np.asarray(persons, dtype=np.int64)
    out = np.full(persons.shape[0], members.shape[0], dtype=np.int64)
    before = 0
    for start, running in running_persons(members):
        inside = (persons >= before) & (persons < running[-1])
        out[inside] = start + np.searchsorted(running, persons[inside], side="right")
        before = int(running[-1])
    return out


def _read_rows(path: str, start: int, stop: int, table: str) -> pd.DataFrame:
    """Rows [start, stop) of a Parquet file, reading only the row groups that hold them;
    dates as ``datetime64[s]`` like the data layer's reader, Enum columns as categoricals
    (Arrow dictionaries: each distinct item name is decoded once, not once per row)."""
    names = pq.ParquetFile(path).schema_arrow.names
    file = pq.ParquetFile(path, read_dictionary=enum_columns(table, names))
    offsets = np.concatenate(
        [[0], np.cumsum([file.metadata.row_group(i).num_rows for i in range(file.num_row_groups)])]
    )
    groups = [i for i in range(file.num_row_groups) if offsets[i] < stop and offsets[i + 1] > start]
    if not groups:
        table = file.schema_arrow.empty_table()
    else:
        table = file.read_row_groups(groups).slice(start - offsets[groups[0]], stop - start)
    for index, column in enumerate(table.schema):
        if pa.types.is_date(column.type):
            table = table.set_column(
                index, column.name, table.column(index).cast(pa.timestamp("s"))
            )
    frame = table.to_pandas()
    frame.columns = [str(column).strip().lstrip("\ufeff") for column in frame.columns]
    return frame


def read_partition(source: Source, partition: Partition) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(individu, keluarga)`` frames of one partition, as read from the files."""
    individu = _read_rows(
        source.individu, partition.person_start, partition.person_stop, "individu"
    )
    keluarga = _read_rows(
        source.keluarga, partition.family_start, partition.family_stop, "keluarga"
    )
    return individu, keluarga
