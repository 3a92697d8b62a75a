"""Reading a population folder: ``individu`` and ``keluarga`` tables, Parquet or CSV.

Each table is ``<name>.parquet`` or ``<name>.csv`` (both at once is ambiguous and refused).
CSV files are UTF-8 with a header row; every cell is read as text (so codes such as
``provinsi`` keep their leading zeros) and only an empty cell is missing. Parquet columns keep
their types; the parsers accept both (see parsing.py).
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.data.errors import PopulationReadError
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.data.schema import TABLES

SUFFIXES = (".parquet", ".csv")
#: Bytes read to tell a binary file from text before parsing it as CSV.
_SNIFF_BYTES = 8192
#: Starts of common binary formats (PNG, ZIP/XLSX, PDF, Parquet, gzip) given a .csv name.
_BINARY_MAGIC = (b"\x89PNG", b"PK\x03\x04", b"%PDF", b"PAR1", b"\x1f\x8b")
_CSV_SHAPE = re.compile(r"Expected \d+ columns?, got \d+")
_REASON_CHARS = 160
#: Longest header row read before parsing (pyarrow's block size: a longer line cannot parse).
_MAX_HEADER_BYTES = 1 << 20
#: Longest file path a message quotes (longer than a value: the file name is at its end).
PATH_CHARS = 400


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
    """Read one table file; any failure becomes a one-line :class:`PopulationReadError` that
    names the file and never quotes its bytes (a binary file would write them to the
    terminal)."""
    try:
        if path.suffix == ".csv":
            _refuse_binary(path)
            frame = _read_csv_text(path)
        else:
            frame = _read_parquet(path)
    except PopulationReadError:
        raise
    except Exception as error:
        raise PopulationReadError(
            f"{shown(path, PATH_CHARS)}: tidak dapat dibaca / cannot be read "
            f"({_reason(path, error)})"
        ) from None
    frame.columns = [str(column).strip().lstrip("\ufeff") for column in frame.columns]
    return frame


def _read_csv_text(path: Path) -> pd.DataFrame:
    """Every column as text, only an empty cell missing, duplicate names kept (and refused by
    the schema check rather than renamed ``a.1``).

    Arrow's reader runs on one thread: its threaded reader can leave a worker running after a
    parse error and abort the process at exit (apache/arrow#38676), turning a refused file into
    a crash. One thread reads 300 MB in about a second, so nothing is lost at registry sizes.
    """
    with open(path, encoding="utf-8-sig", newline="") as handle:
        header = handle.readline(_MAX_HEADER_BYTES + 1)
    if len(header) > _MAX_HEADER_BYTES:
        raise ValueError("straddling header row")
    names = next(csv.reader([header]), [])
    table = pa_csv.read_csv(
        path,
        read_options=pa_csv.ReadOptions(use_threads=False),
        convert_options=pa_csv.ConvertOptions(
            column_types={name: pa.string() for name in names},
            null_values=[""],
            strings_can_be_null=True,
        ),
    )
    return table.to_pandas().astype("str")


def _refuse_binary(path: Path) -> None:
    with open(path, "rb") as handle:
        head = handle.read(_SNIFF_BYTES)
    if b"\0" in head or head.startswith(_BINARY_MAGIC):
        raise PopulationReadError(
            f"{shown(path, PATH_CHARS)}: bukan file CSV teks / not a CSV text file (binary content)"
        )


def _reason(path: Path, error: Exception) -> str:
    """Why a file could not be read, without the file's content."""
    if isinstance(error, UnicodeDecodeError):
        return f"not UTF-8 text: byte {error.start:,} is invalid"
    if path.suffix != ".csv":
        return "not a complete Parquet file (truncated, or another kind of file)"
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    if "straddl" in text:  # pyarrow's block: one cell or line longer than it
        return "a line or cell is too long to be a registry record (over 1 MB)"
    match = _CSV_SHAPE.search(text)
    if match:  # pyarrow quotes the offending row after this: leave it out
        return f"CSV parse error: {match.group(0)}"
    return shown(f"{type(error).__name__}: {text}", _REASON_CHARS)


def streamed_parquet(path) -> pq.ParquetFile:
    """A Parquet file to read a batch or a row group at a time, without pre-buffering: with
    it, Arrow's reader keeps every row group's pre-read column chunks until it is closed (810
    MB for the two id columns of 95 million families), so memory would grow with the file
    instead of the batch."""
    return pq.ParquetFile(path, pre_buffer=False)


def _read_parquet(path: Path) -> pd.DataFrame:
    """Read a Parquet file; date columns (date32/date64) come back as ``datetime64[s]``."""
    table = pq.read_table(path)
    for index, column in enumerate(table.schema):
        if pa.types.is_date(column.type):
            table = table.set_column(
                index, column.name, table.column(index).cast(pa.timestamp("s"))
            )
    return table.to_pandas()


def enum_columns(table: str, names: list[str]) -> list[str]:
    """The columns of ``table`` (as named in a file) that hold Enum item names: ``peran`` and
    the Enum variables, month columns included. A Parquet reader asks for them as Arrow
    dictionaries, so each distinct name is decoded and matched once, not once per row. None
    are listed when the columns do not resolve: validation then names the problem."""
    from openfisca_indonesia_sosial.data.errors import PopulationSchemaError
    from openfisca_indonesia_sosial.data.schema import build_schema, resolve_columns

    clean = {str(name).strip().lstrip("\ufeff"): name for name in names}
    if len(clean) != len(names):
        return []
    try:
        specs, _ = resolve_columns(table, list(clean), build_schema(), None)
    except PopulationSchemaError:
        return []
    return [clean[spec.column] for spec in specs if spec.kind == "enum"]


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
