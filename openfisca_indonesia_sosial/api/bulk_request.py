"""The fields of a /bulk request: JSON body or multipart form, checked before any table."""

from __future__ import annotations

import json
from dataclasses import dataclass

import pandas as pd

from openfisca_indonesia_sosial.api.bulk_limits import (
    MAX_NAME_CHARS,
    MAX_VARIABLES,
    MONTH,
    NAME,
    TABLES,
    BulkLimits,
)
from openfisca_indonesia_sosial.api.bulk_read import read_upload, records_frame
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.programs import headline_variables
from openfisca_indonesia_sosial.situations.errors import ApiError
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


@dataclass
class BulkRequest:
    individu: pd.DataFrame
    keluarga: pd.DataFrame
    year: int
    month: str | None
    variables: list[str]
    reform: object = None
    #: The table a columnar answer holds (``keluarga`` or ``individu``); JSON answers hold both.
    table: str | None = None
    #: False when the client named no variables: the defaults of the answered table are used.
    named: bool = True


def variables_field(value: object) -> list[str]:
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


def year_month(year: object, month: object) -> tuple[int, str | None]:
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


def table_field(value: object) -> str | None:
    if value is None or value == "":
        return None
    if value not in TABLES:
        raise ApiError(f"'table' is keluarga or individu, got '{shown(value)}'")
    return value


def parse_json(body: object, system=None, limits: BulkLimits | None = None) -> BulkRequest:
    if not isinstance(body, dict):
        raise ApiError("the request body must be a JSON object with 'individu' and 'keluarga'")
    allowed = {"individu", "keluarga", "year", "month", "variables", "reform", "table"}
    unknown = sorted(set(body) - allowed)
    if unknown:
        listed = ", ".join(shown(key, 40) for key in unknown[:5])
        raise ApiError(f"unknown key(s) {listed}; expected {', '.join(sorted(allowed))}")
    year, month = year_month(body.get("year"), body.get("month"))
    variables = variables_field(body.get("variables"))
    table = table_field(body.get("table"))
    return BulkRequest(
        individu=records_frame(body.get("individu"), "individu", system, limits),
        keluarga=records_frame(body.get("keluarga"), "keluarga", system, limits),
        year=year,
        month=month,
        variables=variables,
        reform=body.get("reform"),
        table=table,
        named=body.get("variables") not in (None, ""),
    )


def parse_multipart(form, files, limits: BulkLimits | None = None) -> BulkRequest:
    """Files individu and keluarga (CSV, Parquet or Arrow IPC); fields month, year,
    variables, reform and table."""
    year, month = year_month(form.get("year") or None, form.get("month") or None)
    named = form.getlist("variables")
    variables = variables_field(",".join(named) if named else None)
    table = table_field(form.get("table") or None)
    tables = {}
    for name in TABLES:
        upload = files.get(name)
        if upload is None:
            raise ApiError(f"missing file field '{name}' (CSV, Parquet or Arrow IPC)")
        tables[name] = read_upload(
            upload.read(), upload.filename or "", name, limits, upload.mimetype
        )
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
        table=table,
        named=bool(named),
    )
