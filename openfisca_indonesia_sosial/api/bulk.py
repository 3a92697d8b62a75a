"""Bulk calculation: many families as two tables, through the vectorised path.

Tables enter through the data layer (``data.validate_tables``: typed, checked, rejected
records reported with NIKs masked) and the simulation is built with
``simulation.build.build_from_population`` (whole arrays; linear in size). The JSON
SimulationBuilder is never used here: it is quadratic in the number of entities.

A request names the simulated ``month`` (``YYYY-MM``) and/or ``year`` and the ``variables``
to return; each variable is computed for its own definition period: a MONTH variable for the
month, a YEAR variable for the year, an ETERNITY variable once.

The request is bounded before any table is built (:mod:`.bulk_limits`), read by
:mod:`.bulk_read` and :mod:`.bulk_request`; the answer is JSON (below) or one columnar table,
Parquet or Arrow IPC, chosen by the ``Accept`` header (:mod:`.bulk_columnar`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openfisca_core import periods
from openfisca_core.indexed_enums import Enum

from openfisca_indonesia_sosial.api.bulk_limits import (  # noqa: F401 (the module's names)
    ID_COLUMNS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_LISTED_REJECTS,
    MAX_MESSAGE_CHARS,
    MAX_NAME_CHARS,
    MAX_PARQUET_BYTES,
    MAX_TABLE_CELLS,
    MAX_VARIABLES,
    MONTH,
    NAME,
    ROW_NOUNS,
    TABLES,
    BulkLimits,
    check_cells,
    check_columns,
    check_rows,
)
from openfisca_indonesia_sosial.api.bulk_read import (  # noqa: F401
    read_arrow,
    read_csv,
    read_parquet,
    read_upload,
    records_frame,
)
from openfisca_indonesia_sosial.api.bulk_request import (  # noqa: F401
    DEFAULT_VARIABLES,
    BulkRequest,
    parse_json,
    parse_multipart,
)

# the embedding API's names for the two field parsers
from openfisca_indonesia_sosial.api.bulk_request import variables_field as _variables  # noqa: F401
from openfisca_indonesia_sosial.api.bulk_request import year_month as _year_month  # noqa: F401
from openfisca_indonesia_sosial.data import PopulationError, validate_tables
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.simulation.build import build_from_population
from openfisca_indonesia_sosial.situations.compute import variable_or_error
from openfisca_indonesia_sosial.situations.errors import ApiError, engine_errors


@dataclass
class BulkResult:
    """What a request computed: ids and values per table, as arrays (frames on demand)."""

    ids: dict[str, dict[str, object]]
    values: dict[str, dict[str, np.ndarray]]
    variables: dict[str, object]
    rejects: pd.DataFrame
    year: int
    month: str | None
    periods: dict[str, str]
    counts: dict
    #: Family row of each accepted person (joins family values onto persons).
    family_index: np.ndarray | None = None
    _frames: dict[str, pd.DataFrame] = field(default_factory=dict, repr=False)

    def frame(self, table: str) -> pd.DataFrame:
        """``table``'s ids and variables, values as JSON shows them (enum names, ISO dates)."""
        if table not in self._frames:
            data = {
                name: pd.Series(ids).astype(str).reset_index(drop=True)
                for name, ids in self.ids[table].items()
            }
            frame = pd.DataFrame(data)
            for name, array in self.values[table].items():
                empty = not len(array)  # no accepted family: nothing was computed
                frame[name] = array if empty else column_values(self.variables[name], array)
            self._frames[table] = frame
        return self._frames[table]

    @property
    def keluarga(self) -> pd.DataFrame:
        return self.frame("keluarga")

    @property
    def individu(self) -> pd.DataFrame:
        return self.frame("individu")


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


def answer_columns(system, request: BulkRequest, wanted) -> dict[str, int]:
    """Columns of each answered table: its ids, its variables and, for a columnar person
    table, the family variables joined onto each person."""
    columns = {table: len(ID_COLUMNS[table]) for table in TABLES}
    for name in wanted:
        columns[system.variables[name].entity.key] += 1
    if request.table is not None:
        joined = columns["keluarga"] - 1 if request.table == "individu" else 0
        return {request.table: columns[request.table] + joined}
    return columns


def check_answer(system, request: BulkRequest, wanted, limits: BulkLimits | None) -> None:
    """413 when the answer would hold more cells than allowed (counted before computing)."""
    if limits is None or limits.answer_cells is None:
        return
    columns = answer_columns(system, request, wanted)
    cells = sum(len(getattr(request, table)) * count for table, count in columns.items())
    if cells > limits.answer_cells:
        raise ApiError(
            f"the answer would hold {cells:,} cells; at most {limits.answer_cells:,} are sent: "
            "ask fewer variables or send fewer rows",
            status=413,
        )


def _answered_variables(system, request: BulkRequest) -> list[str]:
    """The variables of a columnar answer: a family table carries family variables only."""
    if request.table != "keluarga":
        return request.variables
    names = request.variables
    if not request.named:
        return [n for n in names if system.variables[n].entity.key == "keluarga"]
    for name in names:
        variable = variable_or_error(system, name)
        if variable.entity.key != "keluarga":
            raise ApiError(
                f"'variables': '{name}' is a person variable; a 'keluarga' table holds family "
                "variables (ask table=individu for person variables)"
            )
    return names


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
    request.variables = _answered_variables(system, request)
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
    request.individu = request.keluarga = None  # the raw tables are not needed any more
    ids = {
        table: {name: getattr(population, table)[name] for name in ID_COLUMNS[table]}
        for table in TABLES
    }
    values: dict[str, dict[str, np.ndarray]] = {table: {} for table in TABLES}
    variables = {name: system.variables[name] for name in wanted}
    family_index = None
    if len(population.keluarga):
        simulation = build_from_population(system, population)
        family_index = population.family_index()
        with engine_errors():
            for name, period_text in wanted.items():
                array = simulation.calculate(name, period_text)
                values[variables[name].entity.key][name] = array
    else:
        for name, variable in variables.items():
            values[variable.entity.key][name] = np.array([], dtype=object)
    return BulkResult(
        ids=ids,
        values=values,
        variables=variables,
        rejects=report.rejects.reset_index(drop=True),
        year=request.year,
        month=request.month,
        periods=wanted,
        counts={table: vars(count) for table, count in report.counts.items()},
        family_index=family_index,
    )


# --- the JSON answer --------------------------------------------------------------------------


def _json_column(series: pd.Series) -> list:
    """A column as plain Python values, non-finite numbers and missing cells as None."""
    array = series.to_numpy()
    if array.dtype.kind == "f":
        return [value if math.isfinite(value) else None for value in array.tolist()]
    if array.dtype.kind in "biu":
        return array.tolist()
    plain = series.astype(object)
    return plain.where(series.notna(), None).tolist()


def frame_records(frame: pd.DataFrame) -> list[dict]:
    """Records with NaN/Infinity as null and numpy scalars as plain Python values (built
    column by column: pandas' own ``to_dict`` boxes every cell and is several times slower)."""
    if frame.empty:
        return []
    names = [str(name) for name in frame.columns]
    columns = [_json_column(frame[name]) for name in frame.columns]
    return [dict(zip(names, row, strict=True)) for row in zip(*columns, strict=True)]


#: Rejects columns that quote client data (ids, values) or messages built from it.
_QUOTING = {"record_id": 80, "value": 80, "alasan": 300, "reason": 300}


def listed_rejects(rejects: pd.DataFrame) -> list[dict]:
    """The first :data:`MAX_LISTED_REJECTS` rows, client text shown short and NIKs masked."""
    listed = rejects.head(MAX_LISTED_REJECTS).copy()
    for column, limit in _QUOTING.items():
        if column in listed:
            listed[column] = listed[column].map(
                lambda v, limit=limit: shown(v, limit) if v is not None else v
            )
    return frame_records(listed)


def report_json(result: BulkResult, reform=None) -> dict:
    """Everything of the answer but the result tables: periods, counts, rejects, warnings."""
    rejects = result.rejects
    errors = rejects[rejects["severity"] == "error"] if len(rejects) else rejects
    warnings = rejects[rejects["severity"] == "warning"] if len(rejects) else rejects
    return {
        "year": result.year,
        "month": result.month,
        "reform": reform,
        "periods": result.periods,
        "counts": result.counts,
        "rejected": listed_rejects(errors),
        "warnings": listed_rejects(warnings),
        "rejected_total": len(errors),
        "warnings_total": len(warnings),
    }


def result_json(result: BulkResult, reform=None) -> dict:
    report = report_json(result, reform)
    head = {key: report[key] for key in ("year", "month", "reform", "periods", "counts")}
    tail = {key: value for key, value in report.items() if key not in head}
    return {
        **head,
        "keluarga": frame_records(result.keluarga),
        "individu": frame_records(result.individu),
        **tail,
    }
