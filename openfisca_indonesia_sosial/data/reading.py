"""Reading a population folder: ``individu`` and ``keluarga`` tables, Parquet or CSV.

Each table is ``<name>.parquet`` or ``<name>.csv`` (both at once is ambiguous and refused).
CSV files are UTF-8 with a header row; every cell is read as text (so codes such as
``provinsi`` keep their leading zeros) and only an empty cell is missing. Parquet columns keep
their types; the parsers accept both (see parsing.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.data.errors import PopulationReadError
from openfisca_indonesia_sosial.data.schema import TABLES

SUFFIXES = (".parquet", ".csv")


@dataclass(frozen=True)
class RawTables:
    """The two tables as read, untyped (CSV) or as stored (Parquet)."""

    individu: pd.DataFrame
    keluarga: pd.DataFrame
    source: str
    formats: dict[str, str]


def find_table(folder: Path, table: str) -> Path:
    candidates = [folder / f"{table}{suffix}" for suffix in SUFFIXES]
    found = [path for path in candidates if path.is_file()]
    if not found:
        raise PopulationReadError(
            f"{folder}: tidak ada {table}.parquet atau {table}.csv / neither {table}.parquet "
            f"nor {table}.csv found"
        )
    if len(found) > 1:
        raise PopulationReadError(
            f"{folder}: {table}.parquet dan {table}.csv keduanya ada; pilih satu / both "
            f"{table}.parquet and {table}.csv exist: keep one"
        )
    return found[0]


def read_table(path: Path) -> pd.DataFrame:
    """Read one table file; any failure becomes a :class:`PopulationReadError`."""
    try:
        if path.suffix == ".csv":
            frame = pd.read_csv(
                path,
                dtype="str",
                keep_default_na=False,
                na_values=[""],
                encoding="utf-8",
                engine="pyarrow",
            )
        else:
            frame = _read_parquet(path)
    except Exception as error:
        raise PopulationReadError(
            f"{path}: tidak dapat dibaca / cannot be read ({type(error).__name__}: "
            f"{str(error)[:300]})"
        ) from None
    frame.columns = [str(column).strip().lstrip("\ufeff") for column in frame.columns]
    return frame


def _read_parquet(path: Path) -> pd.DataFrame:
    """Read a Parquet file; date columns (date32/date64) come back as ``datetime64[s]``."""
    table = pq.read_table(path)
    for index, column in enumerate(table.schema):
        if pa.types.is_date(column.type):
            table = table.set_column(
                index, column.name, table.column(index).cast(pa.timestamp("s"))
            )
    return table.to_pandas()


def read_tables(path: str | Path) -> RawTables:
    """Read ``individu`` and ``keluarga`` from a population folder."""
    folder = Path(path)
    if not folder.is_dir():
        raise PopulationReadError(f"{folder}: bukan folder populasi / not a population folder")
    frames, formats = {}, {}
    for table in TABLES:
        file = find_table(folder, table)
        frames[table] = read_table(file)
        formats[table] = file.suffix.lstrip(".")
    return RawTables(frames["individu"], frames["keluarga"], str(folder), formats)
