"""Bulk calculation: many families as two tables, through the vectorised path.

Tables enter through the data layer (``data.validate_tables``: typed, checked, rejected
records reported with NIKs masked) and the simulation is built with
``simulation.build.build_from_population`` (whole arrays; linear in size). The JSON
SimulationBuilder is never used here: it is quadratic in the number of entities.

A request names the simulated ``month`` (``YYYY-MM``) and/or ``year`` and the ``variables``
to return; each variable is computed for its own definition period: a MONTH variable for the
month, a YEAR variable for the year, an ETERNITY variable once.

What one request may make the server hold is bounded before any table is built: rows per
table (:class:`BulkLimits`), columns, name and cell lengths, cells per table, the decoded size
of a Parquet file (read from its footer: a few compressed megabytes can describe millions of
rows), the variables asked and the cells of the answer.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_indonesia_sosial.data import PopulationError, validate_tables
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.programs import headline_variables
from openfisca_indonesia_sosial.simulation.build import build_from_population
from openfisca_indonesia_sosial.situations.compute import variable_or_error
from openfisca_indonesia_sosial.situations.errors import ApiError, engine_errors
from openfisca_indonesia_sosial.situations.periods import check_supported

#: Returned when a request names no variables: each program's headline variables per table,
#: from the program registry (a person's PKH component is a calculator's detail, not a
#: registry table's column).
DEFAULT_VARIABLES = tuple(
    name
    for names in headline_variables().values()
    for name in names
    if name not in ("pkh_komponen",)
)
TABLES = ("individu", "keluarga")
ID_COLUMNS = {"individu": ["id_individu", "id_keluarga"], "keluarga": ["id_keluarga"]}
ROW_NOUNS = {"individu": "persons", "keluarga": "families"}
MONTH = re.compile(r"^\d{4}-\d{2}$")
#: A variable or column name: what the package's names look like, and never longer.
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")

# Limits of the machinery, not of the law. The schema has about 75 columns per table plus
# month-suffixed inputs (``hamil_2024_03``), so a thousand columns is already generous.
MAX_COLUMNS = 1_000
MAX_NAME_CHARS = 100
#: Longest cell: ids, dates, codes and numbers are short; a long cell is a mistake or an attack.
MAX_CELL_CHARS = 256
#: Cells of one table (rows x columns), whatever the row limits say.
MAX_TABLE_CELLS = 10_000_000
#: Decoded bytes of one Parquet upload (compression and dictionaries expand it).
MAX_PARQUET_BYTES = 256 * 1024 * 1024
MAX_VARIABLES = 64
#: Rejected records and warnings listed in an answer (their totals are always given).
MAX_LISTED_REJECTS = 1_000
#: Longest data-layer message passed on (it lists every problem of a table's columns).
MAX_MESSAGE_CHARS = 2_000


@dataclass(frozen=True)
class BulkLimits:
    """Rows per table and cells of the answer one request may ask (``None``: unbounded)."""

    persons: int | None = None
    families: int | None = None
    answer_cells: int | None = None

    @classmethod
    def from_config(cls, config) -> BulkLimits:
        return cls(
            persons=config.max_bulk_persons,
            families=config.max_bulk_families,
            answer_cells=config.max_bulk_answer_cells,
        )

    def rows(self, table: str) -> int | None:
        return self.persons if table == "individu" else self.families


@dataclass
class BulkRequest:
    individu: pd.DataFrame
    keluarga: pd.DataFrame
    year: int
    month: str | None
    variables: list[str]
    reform: object = None


@dataclass
class BulkResult:
    keluarga: pd.DataFrame
    individu: pd.DataFrame
    rejects: pd.DataFrame
    year: int
    month: str | None
    periods: dict[str, str]
    counts: dict


# --- bounds -----------------------------------------------------------------------------------


def check_rows(table: str, count: int, limits: BulkLimits | None, *, more: bool = False) -> None:
    """413 when ``table`` has more rows than allowed (``more``: the count is a lower bound)."""
    limit = limits.rows(table) if limits is not None else None
    if limit is not None and count > limit:
        rows = f"more than {limit:,}" if more else f"{count:,}"
        raise ApiError(
            f"too many {ROW_NOUNS[table]} in one bulk request: '{table}' has {rows} rows, "
            f"the limit is {limit:,}; split the tables or run `bansos batch`",
            status=413,
        )


def check_columns(table: str, names) -> None:
    """At most :data:`MAX_COLUMNS` columns, each named by short printable text."""
    names = list(names)
    if len(names) > MAX_COLUMNS:
        raise ApiError(
            f"'{table}' has {len(names):,} columns; at most {MAX_COLUMNS:,} are read",
            status=413,
        )
    for position, name in enumerate(names, start=1):
        text = name if isinstance(name, str) else ""
        if not text.strip() or len(text) > MAX_NAME_CHARS or not text.isprintable():
            raise ApiError(
                f"'{table}' column {position} is not named by printable text of at most "
                f"{MAX_NAME_CHARS} characters: '{shown(name)}'"
            )


def check_cells(table: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_TABLE_CELLS:
        raise ApiError(
            f"'{table}' has {rows:,} rows x {columns:,} columns; at most {MAX_TABLE_CELLS:,} "
            "cells are read per table",
            status=413,
        )


def _long_cell(table: str, column: str, row: int, length: int) -> ApiError:
    return ApiError(
        f"{table} row {row}, column '{shown(column)}': a cell of {length:,} characters; "
        f"cells hold at most {MAX_CELL_CHARS}"
    )


# --- reading the request ----------------------------------------------------------------------


def _cell(value, table: str, column: str):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    raise ApiError(f"{table}.{shown(column)}: cells are text, numbers, booleans or null")


_ABSENT = object()


def _default_cell(system, column: str):
    """Text of a variable's default value, for a key a JSON record leaves out."""
    variable = system.variables.get(column) if system is not None else None
    if variable is None:
        return None
    default = variable.default_value
    if isinstance(default, Enum):
        return default.name
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, int | float | str):
        return _cell(default, "", column)
    return None


def _column_cells(records: list, table: str, column: str, default) -> list:
    cells = []
    for row, record in enumerate(records, start=1):
        value = record.get(column, _ABSENT)
        cell = default if value is _ABSENT else _cell(value, table, column)
        if cell is not None and len(cell) > MAX_CELL_CHARS:
            raise _long_cell(table, column, row, len(cell))
        cells.append(cell)
    return cells


def records_frame(
    records: object, table: str, system=None, limits: BulkLimits | None = None
) -> pd.DataFrame:
    """JSON records as a table of text cells (as if read from CSV): the data layer parses.

    Records may be sparse: a variable a record leaves out takes the variable's default value
    (``hamil`` false, ``jenjang_pendidikan`` tidak_sekolah...); an explicit ``null`` is a
    missing value, which the data layer rejects as in a CSV file. Rows, columns and cells are
    counted before the table is built: sparse records would otherwise be filled in full.
    """
    if not isinstance(records, list) or not records:
        raise ApiError(f"'{table}' must be a non-empty list of records (JSON objects)")
    check_rows(table, len(records), limits)
    columns: dict[str, None] = {}
    for record in records:
        if not isinstance(record, dict):
            raise ApiError(f"every '{table}' record must be a JSON object")
        columns.update(dict.fromkeys(record))
        if len(columns) > MAX_COLUMNS:
            check_columns(table, columns)
    check_columns(table, columns)
    check_cells(table, len(records), len(columns))
    data = {
        column: _column_cells(records, table, column, _default_cell(system, column))
        for column in columns
    }
    return pd.DataFrame(data, dtype="object")


def _upload_error(table: str, kind: str, error: Exception) -> ApiError:
    # The reader's message may quote the file's bytes: name the error type only.
    return ApiError(f"'{table}' is not a readable {kind} file: {type(error).__name__}")


def _string_bytes(chunk) -> tuple[int, int]:
    """(decoded bytes, longest cell) of one text column chunk read as a dictionary."""
    import pyarrow.compute as pc

    lengths = pc.binary_length(chunk.dictionary)
    if len(lengths) == 0:
        return 0, 0
    return int(pc.sum(pc.take(lengths, chunk.indices)).as_py() or 0), int(pc.max(lengths).as_py())


def read_parquet(content: bytes, table: str, limits: BulkLimits | None = None) -> pd.DataFrame:
    """A Parquet upload, refused from its footer when it holds too many rows or bytes.

    Text columns are read as dictionaries first, so a short file repeating one huge value
    is measured before it is expanded row by row.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(content))
        meta = parquet.metadata
        schema = parquet.schema_arrow
    except Exception as error:  # any footer problem is a bad upload
        raise _upload_error(table, "Parquet", error) from error
    check_rows(table, meta.num_rows, limits)
    check_columns(table, schema.names)
    check_cells(table, meta.num_rows, len(schema.names))
    stored = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    if stored > MAX_PARQUET_BYTES:
        raise ApiError(
            f"'{table}' holds {stored:,} bytes once decompressed; at most "
            f"{MAX_PARQUET_BYTES:,} are read",
            status=413,
        )
    text_columns = []
    for field in schema:
        kind = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
        if pa.types.is_nested(kind):
            raise ApiError(f"'{table}' column '{shown(field.name)}' is nested; give flat columns")
        if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind):
            text_columns.append(field.name)
    try:
        parquet = pq.ParquetFile(io.BytesIO(content), read_dictionary=text_columns)
        arrow = parquet.read()
    except Exception as error:
        raise _upload_error(table, "Parquet", error) from error
    decoded = 0
    for name in text_columns:
        for chunk in arrow.column(name).chunks:
            size, longest = _string_bytes(chunk)
            decoded += size
            if longest > MAX_CELL_CHARS:
                raise ApiError(
                    f"{table} column '{shown(name)}': a cell of {longest:,} bytes; cells hold "
                    f"at most {MAX_CELL_CHARS}"
                )
    if decoded > MAX_PARQUET_BYTES:
        raise ApiError(
            f"'{table}' text expands to {decoded:,} bytes; at most {MAX_PARQUET_BYTES:,} are read",
            status=413,
        )
    try:
        for name in text_columns:
            index = arrow.schema.get_field_index(name)
            plain = arrow.column(name).cast(arrow.schema.field(name).type.value_type)
            arrow = arrow.set_column(index, name, plain)
        return arrow.to_pandas()
    except Exception as error:
        raise _upload_error(table, "Parquet", error) from error


def read_csv(content: bytes, table: str, limits: BulkLimits | None = None) -> pd.DataFrame:
    """A CSV upload (UTF-8, header row), read no further than the row limit allows."""
    end = content.find(b"\n")
    header = content if end < 0 else content[:end]
    if len(header) > MAX_COLUMNS * (MAX_NAME_CHARS + 3):
        raise ApiError(f"'{table}' has a header row of {len(header):,} bytes", status=413)
    try:
        names = next(csv.reader([header.decode("utf-8-sig").rstrip("\r")]), [])
    except (UnicodeDecodeError, csv.Error) as error:
        raise _upload_error(table, "CSV", error) from error
    check_columns(table, names)
    limit = limits.rows(table) if limits is not None else None
    rows = MAX_TABLE_CELLS // max(1, len(names))
    rows = min(rows, limit) if limit is not None else rows
    try:
        frame = pd.read_csv(
            io.BytesIO(content),
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8",
            nrows=rows + 1,
        )
    except Exception as error:  # any reader failure is a bad upload
        raise _upload_error(table, "CSV", error) from error
    check_rows(table, len(frame), limits, more=True)
    check_columns(table, frame.columns)
    check_cells(table, len(frame), len(frame.columns))
    for column in frame.columns:
        lengths = frame[column].str.len()
        if len(lengths) and lengths.max() > MAX_CELL_CHARS:
            row = int(lengths.to_numpy().argmax()) + 1
            raise _long_cell(table, column, row, int(lengths.max()))
    return frame


def read_upload(
    content: bytes, filename: str, table: str, limits: BulkLimits | None = None
) -> pd.DataFrame:
    """An uploaded CSV (UTF-8, header row) or Parquet file, bounded as described above."""
    if content[:4] == b"PAR1" or filename.lower().endswith(".parquet"):
        return read_parquet(content, table, limits)
    return read_csv(content, table, limits)


def _variables(value: object) -> list[str]:
    if value is None or value == "":
        return list(DEFAULT_VARIABLES)
    if isinstance(value, str):
        if len(value) > MAX_VARIABLES * (MAX_NAME_CHARS + 2):
            raise ApiError(f"'variables' is {len(value):,} characters long; name fewer")
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        raise ApiError("'variables' is a list of variable names (or comma-separated text)")
    names = list(dict.fromkeys(value))
    if len(names) > MAX_VARIABLES:
        raise ApiError(f"'variables' names {len(names):,} variables; at most {MAX_VARIABLES}")
    for name in names:
        if not NAME.match(name):
            raise ApiError(f"'variables': '{shown(name)}' is not a variable name", status=404)
    return names


def _year_month(year: object, month: object) -> tuple[int, str | None]:
    if month is not None:
        if not isinstance(month, str) or not MONTH.match(month):
            raise ApiError(f"'month' must be written YYYY-MM, got '{shown(month)}'")
        check_supported(month, field="month")
    if year is not None:
        try:
            if isinstance(year, bool) or (isinstance(year, float) and not year.is_integer()):
                raise TypeError(year)
            year = int(year)
        except (TypeError, ValueError, OverflowError) as error:
            raise ApiError(f"'year' must be a whole number, got '{shown(year)}'") from error
        check_supported(str(year), field="year")
    if month is None and year is None:
        raise ApiError("give 'month' (YYYY-MM) or 'year' (YYYY)")
    if month is not None and year is not None and int(month[:4]) != year:
        raise ApiError(f"'month' {month} is not in 'year' {year}")
    return (int(month[:4]) if month is not None else year), month


def parse_json(body: object, system=None, limits: BulkLimits | None = None) -> BulkRequest:
    if not isinstance(body, dict):
        raise ApiError("the request body must be a JSON object with 'individu' and 'keluarga'")
    allowed = {"individu", "keluarga", "year", "month", "variables", "reform"}
    unknown = sorted(set(body) - allowed)
    if unknown:
        listed = ", ".join(shown(key, 40) for key in unknown[:5])
        raise ApiError(f"unknown key(s) {listed}; expected {', '.join(sorted(allowed))}")
    year, month = _year_month(body.get("year"), body.get("month"))
    variables = _variables(body.get("variables"))
    return BulkRequest(
        individu=records_frame(body.get("individu"), "individu", system, limits),
        keluarga=records_frame(body.get("keluarga"), "keluarga", system, limits),
        year=year,
        month=month,
        variables=variables,
        reform=body.get("reform"),
    )


def parse_multipart(form, files, limits: BulkLimits | None = None) -> BulkRequest:
    """Files individu and keluarga; fields month, year, variables, reform."""
    year, month = _year_month(form.get("year") or None, form.get("month") or None)
    variables = form.getlist("variables")
    variables = _variables(",".join(variables) if variables else None)
    tables = {}
    for table in TABLES:
        upload = files.get(table)
        if upload is None:
            raise ApiError(f"missing file field '{table}' (CSV or Parquet)")
        tables[table] = read_upload(upload.read(), upload.filename or "", table, limits)
    reform = form.get("reform") or None
    if reform is not None and reform.lstrip().startswith("{"):
        try:
            reform = json.loads(reform)
        except json.JSONDecodeError as error:
            raise ApiError(f"'reform' is neither a reform name nor JSON: {error.msg}") from error
    return BulkRequest(
        individu=tables["individu"],
        keluarga=tables["keluarga"],
        year=year,
        month=month,
        variables=variables,
        reform=reform,
    )


# --- computing --------------------------------------------------------------------------------


def variable_periods(system, names, year: int, month: str | None) -> dict[str, str]:
    """The period each variable is computed for; 400 when a MONTH variable lacks a month."""
    result = {}
    for name in names:
        variable = variable_or_error(system, name)
        if variable.entity.key not in TABLES:
            raise ApiError(f"'{name}' belongs to no table of the bulk format")
        unit = variable.definition_period
        if unit == periods.DateUnit.ETERNITY:
            result[name] = "ETERNITY"
        elif unit == periods.DateUnit.YEAR:
            result[name] = str(year)
        elif unit == periods.DateUnit.MONTH:
            if month is None:
                raise ApiError(f"'{name}' is a monthly variable: give 'month' (YYYY-MM)")
            result[name] = month
        else:
            raise ApiError(f"'{name}' is defined per {unit}; the bulk endpoint serves months/years")
    return result


def check_answer(system, request: BulkRequest, wanted, limits: BulkLimits | None) -> None:
    """413 when the answer would hold more cells than allowed (counted before computing)."""
    if limits is None or limits.answer_cells is None:
        return
    columns = {table: len(ID_COLUMNS[table]) for table in TABLES}
    for name in wanted:
        columns[system.variables[name].entity.key] += 1
    cells = (
        len(request.individu) * columns["individu"] + len(request.keluarga) * columns["keluarga"]
    )
    if cells > limits.answer_cells:
        raise ApiError(
            f"the answer would hold {cells:,} cells; at most {limits.answer_cells:,} are sent: "
            "ask fewer variables or send fewer rows",
            status=413,
        )


def column_values(variable, array) -> np.ndarray | list:
    if variable.value_type is Enum:
        return array.decode_to_str()
    if array.dtype.kind == "S":
        return np.char.decode(array, "utf-8")
    if array.dtype.kind == "M":
        return np.datetime_as_string(array.astype("datetime64[D]"))
    return array


def compute(
    system, request: BulkRequest, tax_benefit_system=None, limits: BulkLimits | None = None
) -> BulkResult:
    """Validate the tables, build the simulation in one go, compute the variables."""
    for table in TABLES:
        check_rows(table, len(getattr(request, table)), limits)
    wanted = variable_periods(system, request.variables, request.year, request.month)
    check_answer(system, request, wanted, limits)
    try:
        population, report = validate_tables(
            request.individu,
            request.keluarga,
            year=request.year,
            tax_benefit_system=tax_benefit_system,
            source="api",
            format="records",
        )
    except PopulationError as error:
        raise ApiError(shown(str(error), MAX_MESSAGE_CHARS)) from error
    frames = {
        "individu": population.individu[ID_COLUMNS["individu"]].astype(str).copy(),
        "keluarga": population.keluarga[ID_COLUMNS["keluarga"]].astype(str).copy(),
    }
    if len(population.keluarga):
        simulation = build_from_population(system, population)
        with engine_errors():
            for name, period_text in wanted.items():
                variable = system.variables[name]
                array = simulation.calculate(name, period_text)
                frames[variable.entity.key][name] = column_values(variable, array)
    else:
        for name in wanted:
            frames[system.variables[name].entity.key][name] = pd.Series(dtype="object")
    counts = {table: vars(count) for table, count in report.counts.items()}
    return BulkResult(
        keluarga=frames["keluarga"].reset_index(drop=True),
        individu=frames["individu"].reset_index(drop=True),
        rejects=report.rejects.reset_index(drop=True),
        year=request.year,
        month=request.month,
        periods=wanted,
        counts=counts,
    )


def frame_records(frame: pd.DataFrame) -> list[dict]:
    """Records with NaN/Infinity as null and numpy scalars as plain Python values."""
    if frame.empty:
        return []
    clean = frame.copy()
    for column in clean.columns:
        if clean[column].dtype.kind == "f":
            values = clean[column].to_numpy(dtype=float)
            clean[column] = pd.Series(
                np.where(np.isfinite(values), values, np.nan), index=clean.index
            )
    clean = clean.astype(object).where(clean.notna(), None)
    return clean.to_dict(orient="records")


#: Rejects columns that quote client data (ids, values) or messages built from it.
_QUOTING = {"record_id": 80, "value": 80, "alasan": 300, "reason": 300}


def _listed(rejects: pd.DataFrame) -> list[dict]:
    """The first :data:`MAX_LISTED_REJECTS` rows, client text shown short and NIKs masked."""
    listed = rejects.head(MAX_LISTED_REJECTS).copy()
    for column, limit in _QUOTING.items():
        if column in listed:
            listed[column] = listed[column].map(
                lambda v, limit=limit: shown(v, limit) if v is not None else v
            )
    return frame_records(listed)


def result_json(result: BulkResult, reform=None) -> dict:
    rejects = result.rejects
    errors = rejects[rejects["severity"] == "error"] if len(rejects) else rejects
    warnings = rejects[rejects["severity"] == "warning"] if len(rejects) else rejects
    return {
        "year": result.year,
        "month": result.month,
        "reform": reform,
        "periods": result.periods,
        "counts": result.counts,
        "keluarga": frame_records(result.keluarga),
        "individu": frame_records(result.individu),
        "rejected": _listed(errors),
        "warnings": _listed(warnings),
        "rejected_total": len(errors),
        "warnings_total": len(warnings),
    }
