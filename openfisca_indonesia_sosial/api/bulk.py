"""Bulk calculation: many families as two tables, through the vectorised path.

Tables enter through the data layer (``data.validate_tables``: typed, checked, rejected
records reported with NIKs masked) and the simulation is built with
``simulation.build.build_from_population`` (whole arrays; linear in size). The JSON
SimulationBuilder is never used here: it is quadratic in the number of entities.

A request names the simulated ``month`` (``YYYY-MM``) and/or ``year`` and the ``variables``
to return; each variable is computed for its own definition period: a MONTH variable for the
month, a YEAR variable for the year, an ETERNITY variable once.
"""

from __future__ import annotations

import io
import json
import math
import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_indonesia_sosial.api.errors import ApiError, engine_errors
from openfisca_indonesia_sosial.api.situation import variable_or_error
from openfisca_indonesia_sosial.data import (
    PopulationError,
    mask_text,
    validate_tables,
)
from openfisca_indonesia_sosial.simulation.build import build_from_population

#: Returned when a request names no variables: each program's eligibility and amount.
DEFAULT_VARIABLES = (
    "pkh_layak",
    "pkh_bantuan",
    "sembako_layak",
    "sembako_bantuan",
    "bantuan_tambahan",
    "pbi_jk_layak",
    "pbi_jk_iuran",
    "atensi_layak",
    "atensi_yapi",
)
TABLES = ("individu", "keluarga")
ID_COLUMNS = {"individu": ["id_individu", "id_keluarga"], "keluarga": ["id_keluarga"]}
MONTH = re.compile(r"^\d{4}-\d{2}$")


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
    raise ApiError(f"{table}.{column}: cells are text, numbers, booleans or null")


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


def records_frame(records: object, table: str, system=None) -> pd.DataFrame:
    """JSON records as a table of text cells (as if read from CSV): the data layer parses.

    Records may be sparse: a variable a record leaves out takes the variable's default value
    (``hamil`` false, ``jenjang_pendidikan`` tidak_sekolah...); an explicit ``null`` is a
    missing value, which the data layer rejects as in a CSV file.
    """
    if not isinstance(records, list) or not records:
        raise ApiError(f"'{table}' must be a non-empty list of records (JSON objects)")
    columns: dict[str, None] = {}
    for record in records:
        if not isinstance(record, dict):
            raise ApiError(f"every '{table}' record must be a JSON object")
        columns.update(dict.fromkeys(record))
    data = {}
    for column in columns:
        default = _default_cell(system, column)
        data[column] = [
            default
            if (value := record.get(column, _ABSENT)) is _ABSENT
            else _cell(value, table, column)
            for record in records
        ]
    return pd.DataFrame(data, dtype="object")


def read_upload(content: bytes, filename: str, table: str) -> pd.DataFrame:
    """An uploaded CSV (UTF-8, header row) or Parquet file."""
    is_parquet = content[:4] == b"PAR1" or filename.lower().endswith(".parquet")
    try:
        if is_parquet:
            return pd.read_parquet(io.BytesIO(content))
        return pd.read_csv(
            io.BytesIO(content),
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8",
        )
    except Exception as error:  # any reader failure is a bad upload
        kind = "Parquet" if is_parquet else "CSV"
        raise ApiError(f"'{table}' is not a readable {kind} file: {type(error).__name__}") from (
            error
        )


def _variables(value: object) -> list[str]:
    if value is None or value == "":
        return list(DEFAULT_VARIABLES)
    if isinstance(value, str):
        value = [part.strip() for part in value.split(",") if part.strip()]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value) or not value:
        raise ApiError("'variables' is a list of variable names (or comma-separated text)")
    return list(dict.fromkeys(value))


def _year_month(year: object, month: object) -> tuple[int, str | None]:
    if month is not None:
        if not isinstance(month, str) or not MONTH.match(month):
            raise ApiError(f"'month' must be written YYYY-MM, got {month!r}")
        try:
            periods.period(month)
        except ValueError as error:
            raise ApiError(f"'month' {month!r} is not a calendar month") from error
    if year is not None:
        try:
            year = int(year)
        except (TypeError, ValueError) as error:
            raise ApiError(f"'year' must be a whole number, got {year!r}") from error
        if isinstance(year, bool) or not 1900 <= year <= 2100:
            raise ApiError(f"'year' must be between 1900 and 2100, got {year!r}")
    if month is None and year is None:
        raise ApiError("give 'month' (YYYY-MM) or 'year' (YYYY)")
    if month is not None and year is not None and int(month[:4]) != year:
        raise ApiError(f"'month' {month} is not in 'year' {year}")
    return (int(month[:4]) if month is not None else year), month


def parse_json(body: object, system=None) -> BulkRequest:
    if not isinstance(body, dict):
        raise ApiError("the request body must be a JSON object with 'individu' and 'keluarga'")
    allowed = {"individu", "keluarga", "year", "month", "variables", "reform"}
    unknown = sorted(set(body) - allowed)
    if unknown:
        raise ApiError(f"unknown key(s) {unknown}; expected {', '.join(sorted(allowed))}")
    year, month = _year_month(body.get("year"), body.get("month"))
    return BulkRequest(
        individu=records_frame(body.get("individu"), "individu", system),
        keluarga=records_frame(body.get("keluarga"), "keluarga", system),
        year=year,
        month=month,
        variables=_variables(body.get("variables")),
        reform=body.get("reform"),
    )


def parse_multipart(form, files) -> BulkRequest:
    """Files individu and keluarga; fields month, year, variables, reform."""
    tables = {}
    for table in TABLES:
        upload = files.get(table)
        if upload is None:
            raise ApiError(f"missing file field '{table}' (CSV or Parquet)")
        tables[table] = read_upload(upload.read(), upload.filename or "", table)
    year, month = _year_month(form.get("year") or None, form.get("month") or None)
    variables = form.getlist("variables")
    variables = ",".join(variables) if variables else None
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
        variables=_variables(variables),
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


def column_values(variable, array) -> np.ndarray | list:
    if variable.value_type is Enum:
        return array.decode_to_str()
    if array.dtype.kind == "S":
        return np.char.decode(array, "utf-8")
    if array.dtype.kind == "M":
        return np.datetime_as_string(array.astype("datetime64[D]"))
    return array


def compute(
    system, request: BulkRequest, max_persons: int | None = None, tax_benefit_system=None
) -> BulkResult:
    """Validate the tables, build the simulation in one go, compute the variables."""
    if max_persons is not None and len(request.individu) > max_persons:
        raise ApiError(
            f"too many persons in one bulk request: {len(request.individu)} > {max_persons}",
            status=413,
        )
    wanted = variable_periods(system, request.variables, request.year, request.month)
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
        raise ApiError(str(error)) from error
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


def result_json(result: BulkResult, reform=None) -> dict:
    rejects = result.rejects.copy()
    for column in ("record_id", "value", "alasan", "reason"):
        if column in rejects:
            rejects[column] = rejects[column].map(lambda v: mask_text(v) if v is not None else v)
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
        "rejected": frame_records(errors),
        "warnings": frame_records(warnings),
    }
