"""Python embedding API: the Web API's calculations without HTTP.

Three functions, the same rules, checks and reform format as the Web API::

    from openfisca_indonesia_sosial import hitung, hitung_tabel, jelaskan

    hasil = hitung(situasi, variables=["pkh_bantuan", "sembako_bantuan"], period="2024-01")
    hasil["daftar_keluarga"]["keluarga_1"]["pkh_bantuan"]["2024-01"]      # 1575000

    keluarga, individu, ditolak = hitung_tabel(
        individu_df, keluarga_df, year=2024, month="2024-01",
        variables=["pkh_bantuan", "pbi_jk_iuran"], reform="sembako_300rb")

    penjelasan = jelaskan(situasi, month="2024-01")        # as POST /explain
    print(penjelasan["families"][0]["text"]["en"])

Mistakes raise :class:`~openfisca_indonesia_sosial.situations.errors.ApiError` (a ``ValueError``)
with the message and HTTP status the API would answer. Reformed systems are cached by
content, as in the API.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from openfisca_indonesia_sosial.situations import compute as _situation
from openfisca_indonesia_sosial.situations import periods as _periods
from openfisca_indonesia_sosial.situations.errors import ApiError

if TYPE_CHECKING:
    import pandas as pd

    from openfisca_indonesia_sosial.api.reforms import ReformCache

_LOCK = threading.Lock()
_CACHE: dict[int, ReformCache] = {}


def _system(reform):
    from openfisca_indonesia_sosial.system import baseline

    base = baseline()
    if reform is None:
        return base
    # Imported here: a calculation without a reform needs none of the reform machinery.
    from openfisca_indonesia_sosial.api.reforms import ReformCache

    with _LOCK:
        cache = _CACHE.setdefault(id(base), ReformCache(base))
    return cache.resolve(reform).system


def hitung(
    situasi: dict,
    variables: list[str] | tuple[str, ...] | None = None,
    period: str | int | None = None,
    reform: str | dict | None = None,
) -> dict:
    """Compute a situation in OpenFisca's JSON format; returns a new, filled situation.

    ``situasi``    ``{"daftar_individu": {...}, "daftar_keluarga": {...}}``; values set to
                   ``None`` are computed (as with POST /calculate).
    ``variables``  names to compute for every person or family of their entity, at
                   ``period`` (a MONTH variable needs a month ``"2024-01"``; a YEAR variable
                   given a month is computed for its year).
    ``period``     ``"YYYY-MM"`` or ``"YYYY"``; required with ``variables``.
    ``reform``     a shipped reform name or ``{"name": ..., "parameters": {...}}``.
    """
    if not isinstance(situasi, dict):
        raise ApiError("situasi must be a dict with daftar_individu and daftar_keluarga")
    system = _system(reform)
    situation = {k: v for k, v in situasi.items() if k != "reform"}
    if variables:
        if period is None:
            raise ApiError("give period (e.g. '2024-01') with variables")
        if isinstance(period, int) and not isinstance(period, bool):
            period = str(period)
        asked = str(_periods.check_supported(period, field="period"))
        year = int(asked[:4]) if asked[:4].isdigit() else None
        _situation.check_structure(system, situation, None, year=year)
        situation = _situation.with_requests(system, situation, variables, period)
    else:
        _situation.check_structure(system, situation, None)
    requests = _situation.requested_computations(system, situation)
    if not requests:
        raise ApiError("nothing to compute: give variables and period, or set values to None")
    return _situation.calculate(system, situation, requests)


def hitung_tabel(
    individu: pd.DataFrame | list[dict],
    keluarga: pd.DataFrame | list[dict],
    year: int | None = None,
    month: str | None = None,
    variables: list[str] | tuple[str, ...] | None = None,
    reform: str | dict | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Compute many families given as the two population tables (vectorised).

    ``individu`` and ``keluarga`` are DataFrames in the population-table format (every cell
    filled: an empty cell is a missing value and rejects the record, as in a CSV file) or
    lists of records as in POST /bulk (a key a record leaves out takes the default value).

    Returns ``(keluarga, individu, rejects)``: one row per accepted family
    (``id_keluarga`` + the keluarga variables), one per accepted person (``id_individu``,
    ``id_keluarga`` + the individu variables), and the data layer's rejects table (one row per
    problem, NIK masked; ``severity`` error = record rejected, warning = kept). ``variables``
    defaults to each program's eligibility and amount; each is computed for its definition
    period (``month`` for monthly variables, ``year`` for yearly ones).
    """
    # The table path (data layer, pandera) is imported only by the callers that use it.
    import pandas as pd

    from openfisca_indonesia_sosial.api import bulk as _bulk

    if month is not None and year is None:
        year = int(str(month)[:4])
    year, month = _bulk._year_month(year, month)
    system = _system(reform)
    tables = {}
    for table, value in (("individu", individu), ("keluarga", keluarga)):
        if isinstance(value, pd.DataFrame):
            tables[table] = value
        else:  # JSON-like records, as in POST /bulk: absent keys take the defaults
            tables[table] = _bulk.records_frame(value, table, system)
    request = _bulk.BulkRequest(
        individu=tables["individu"],
        keluarga=tables["keluarga"],
        year=year,
        month=month,
        variables=_bulk._variables(list(variables) if variables is not None else None),
        reform=reform,
    )
    result = _bulk.compute(system, request)
    return result.keluarga, result.individu, result.rejects


def jelaskan(
    situasi: dict,
    month: str,
    keluarga: str | None = None,
    reform: str | dict | None = None,
) -> dict:
    """Explain each program's result for the families of ``situasi`` in ``month``.

    The same answer as POST /explain: ``{"month", "families": [{"keluarga", "programs",
    "text": {"id", "en"}}]}``.
    """
    from openfisca_indonesia_sosial.explain import explain_situation

    answer = explain_situation(_system(reform), situasi, month, keluarga)
    answer.pop("_persons", None)
    return answer


__all__ = ["ApiError", "hitung", "hitung_tabel", "jelaskan"]
