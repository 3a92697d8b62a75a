"""Duplicate ids and NIKs across the whole registry, whatever the partitioning.

A partition's validation sees only its own rows, so an id or a NIK that appears in two
partitions (a double registration in two districts) would pass in each. Before the partitions
run, one query over the prepared Parquet files (:mod:`.source`) finds every row whose key is
shared with another row anywhere in the registry; each partition's validation is then told
which of its rows are so duplicated (``validate_tables(known_duplicates=...)``), and rejects
them with the codes and reasons of a single-shot run (``id_ganda``, ``nik_ganda``).

The engine is DuckDB, embedded: a ``GROUP BY key HAVING count(*) > 1`` over the Parquet
files, in parallel, within a memory limit beyond which it spills its hash tables to a folder
of the run. The key is never a clear NIK on that disk: the query groups on a keyed MD5
(128 bits; the key is random, held in memory for the query only), so what may spill is a
pseudonym, and two different values collide with a probability below 10^-20 even for a
national registry. Integer ids are grouped as they are (as the registry audit groups them):
they are ids, not NIKs (an id that looks like a NIK is rejected), and hashing them was a
third of the query's time. A key is compared as the data layer compares it (:func:`key_sql`): text
as it is, integers as their decimal text, whole floats as integers, other types never.

The answer is, per key, the sorted row numbers of the duplicated rows (``.npy`` files in the
run's work folder, memory-mapped by each partition): rows, not values, so no NIK travels to
the workers.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.scale.source import Partition, Source
from openfisca_indonesia_sosial.scale.store import atomic_write_bytes

#: The keys checked across the whole registry: (table, column).
KEYS = (("individu", "id_individu"), ("individu", "nik"), ("keluarga", "id_keluarga"))
#: Columns grouped by a keyed hash whatever their type, so they never reach the spill folder
#: in clear (other integer columns are grouped as they are).
PSEUDONYMISED = frozenset({"nik"})
#: Memory DuckDB may use before it spills to the run's work folder: with two local workers
#: of about 0.8 GB each (scale.limits), the query keeps the machine within its budget.
MEMORY_LIMIT = os.environ.get("BANSOS_DUCKDB_MEMORY", "1GB")
_FOLDER = "duplicates"
_DONE = "done.json"


@dataclass(frozen=True)
class DuplicateRows:
    """Where the duplicated rows of a registry are kept (a folder of the run)."""

    folder: str

    def _path(self, table: str, column: str) -> Path:
        return Path(self.folder) / f"{table}.{column}.npy"

    def rows(self, table: str, column: str) -> np.ndarray:
        """Sorted row numbers (in the prepared file) of the rows whose key is duplicated."""
        path = self._path(table, column)
        if not path.is_file():
            return np.empty(0, dtype=np.int64)
        return np.load(path, mmap_mode="r")

    def masks(self, partition: Partition) -> dict[str, dict[str, np.ndarray]]:
        """``{table: {column: mask}}`` over the rows of ``partition``, for validation."""
        ranges = {
            "individu": (partition.person_start, partition.person_stop),
            "keluarga": (partition.family_start, partition.family_stop),
        }
        result: dict[str, dict[str, np.ndarray]] = {}
        for table, column in KEYS:
            start, stop = ranges[table]
            rows = self.rows(table, column)
            inside = rows[np.searchsorted(rows, start) : np.searchsorted(rows, stop)]
            mask = np.zeros(stop - start, dtype=bool)
            mask[np.asarray(inside, dtype=np.int64) - start] = True
            result.setdefault(table, {})[column] = mask
        return result

    def counts(self) -> dict[str, int]:
        return json.loads((Path(self.folder) / _DONE).read_text(encoding="utf-8"))["rows"]


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def native(*kinds) -> bool:
    """Whether keys of these types compare as they are: integers on both sides compare as
    their decimal texts do (the data layer's rule), at a fraction of the cost of hashing."""
    return all(kind is not None and pa.types.is_integer(kind) for kind in kinds)


def key_sql(column: str, kind: pa.DataType) -> str:
    """The column as text the way ``data.parsing.parse_str`` reads it (NULL: never a key)."""
    q = quoted(column)
    if pa.types.is_dictionary(kind):
        kind = kind.value_type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return q
    if pa.types.is_integer(kind):
        return f"CAST({q} AS VARCHAR)"
    if pa.types.is_floating(kind):
        return (
            f"CASE WHEN isfinite({q}) AND {q} = floor({q}) "
            f"THEN CAST(TRY_CAST({q} AS BIGINT) AS VARCHAR) END"
        )
    return "NULL"


def connect(spill: Path, memory_limit: str = MEMORY_LIMIT):
    """A DuckDB connection bounded in memory, spilling to ``spill`` (created)."""
    import duckdb

    spill.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(config={"memory_limit": memory_limit, "temp_directory": str(spill)})
    con.execute(f"SET threads = {max(1, os.cpu_count() or 1)}")
    con.execute("SET preserve_insertion_order = false")
    return con


def key_view(con, path: str, column: str, name: str, salt: str) -> bool:
    """Create view ``name(r, h)``: file row number and keyed hash of ``column`` of the Parquet
    file ``path`` (rows with a key only); False when the file has no such column."""
    schema = pq.ParquetFile(path).schema_arrow
    index = schema.get_field_index(column)
    if index < 0:
        return False
    kind = schema.field(index).type
    literal = "'" + path.replace("'", "''") + "'"
    if column not in PSEUDONYMISED and native(kind):
        # an integer id is grouped as it is, as the registry audit does: hashing 285 million
        # ids would take a minute
        hashed, key = "k", quoted(column)
    else:
        hashed, key = f"md5_number('{salt}' || k)", key_sql(column, kind)
    con.execute(
        f"CREATE OR REPLACE TEMP VIEW {name} AS "
        f"SELECT file_row_number AS r, {hashed} AS h FROM ("
        f"SELECT file_row_number, {key} AS k FROM read_parquet({literal}, file_row_number=true)"
        ") WHERE k IS NOT NULL"
    )
    return True


def find_duplicates(source: Source, workdir: Path, memory_limit: str = MEMORY_LIMIT):
    """Find the duplicated rows of every key (see the module docstring); reused when a
    resumed run has already found them. Returns the :class:`DuplicateRows` and the seconds
    the query took (0 when reused)."""
    folder = Path(workdir) / _FOLDER
    found = DuplicateRows(str(folder))
    if (folder / _DONE).is_file():
        return found, 0.0
    started = time.perf_counter()
    salt = secrets.token_hex(16)  # the hash key: never written anywhere
    files = {"individu": source.individu, "keluarga": source.keluarga}
    con = connect(folder / "spill", memory_limit)
    counts = {}
    try:
        for table, column in KEYS:
            if not key_view(con, files[table], column, "k", salt):
                continue
            rows = _duplicated_rows(con)
            counts[f"{table}.{column}"] = int(rows.size)
            atomic_write_bytes(found._path(table, column), _npy_bytes(rows))
    finally:
        con.close()
    atomic_write_bytes(folder / _DONE, json.dumps({"rows": counts}).encode("utf-8"))
    return found, time.perf_counter() - started


def _duplicated_rows(con) -> np.ndarray:
    """Sorted row numbers of view ``k`` whose hash another row shares. The shared hashes are
    found first; the rows are looked up only when there are any (a second scan of the file
    and, for NIKs, a second hash of each: half the query, spared in a registry without
    duplicates)."""
    con.execute("CREATE OR REPLACE TEMP TABLE d AS SELECT h FROM k GROUP BY h HAVING count(*) > 1")
    try:
        if not con.execute("SELECT count(*) FROM d").fetchone()[0]:
            return np.empty(0, dtype=np.int64)
        rows = con.execute("SELECT r FROM k SEMI JOIN d ON k.h = d.h ORDER BY r").fetchnumpy()
        return np.asarray(rows["r"], dtype=np.int64)
    finally:
        con.execute("DROP TABLE d")


def _npy_bytes(rows: np.ndarray) -> bytes:
    import io

    buffer = io.BytesIO()
    np.save(buffer, rows, allow_pickle=False)
    return buffer.getvalue()


def for_partition(workdir: str | Path, partition: Partition) -> dict | None:
    """The masks of ``partition`` when its run has found the duplicates, else None (the
    partition is then checked on its own rows, as before)."""
    folder = Path(workdir) / _FOLDER
    if not (folder / _DONE).is_file():
        return None
    return DuplicateRows(str(folder)).masks(partition)
