"""Reading an /explain request (or a ``jelaskan`` call) before anything is computed.

The body is checked as /calculate checks its situation (:mod:`..situations.checks`), and
its own fields too: ``month`` one supported month, ``keluarga`` a short id, no unknown keys.
"""

from __future__ import annotations

import re

from openfisca_indonesia_sosial.explain.core import explain_simulation
from openfisca_indonesia_sosial.situations import periods
from openfisca_indonesia_sosial.situations.checks import MAX_ID_CHARS, quote
from openfisca_indonesia_sosial.situations.compute import build_simulation, check_structure
from openfisca_indonesia_sosial.situations.errors import ApiError, engine_errors

MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")
CONTROL = ("situation", "month", "period", "keluarga", "reform")


def check_month(month: object) -> str:
    """``month`` as ``YYYY-MM`` inside the supported range, or a 400 naming the field."""
    if not isinstance(month, str) or not MONTH.fullmatch(month):
        raise ApiError(f"'month' must be written YYYY-MM, got {quote(month)}")
    periods.check_supported(month, field="month")
    return month


def explain_situation(
    system,
    situation: dict,
    month: str,
    keluarga: str | None = None,
    max_persons: int | None = None,
    max_families: int | None = None,
) -> dict:
    """Explanations of every family of ``situation`` (or only ``keluarga``) for ``month``."""
    month = check_month(month)
    if not isinstance(situation, dict):
        raise ApiError("'situation' must be a JSON object with daftar_individu and daftar_keluarga")
    if keluarga is not None and (not isinstance(keluarga, str) or len(keluarga) > MAX_ID_CHARS):
        raise ApiError(f"'keluarga' is the id of a family in the situation, not {quote(keluarga)}")
    persons = check_structure(system, situation, max_persons, max_families, year=int(month[:4]))
    simulation = build_simulation(system, _inputs_only(situation))
    with engine_errors():
        families = explain_simulation(system, simulation, month, keluarga)
    return {"month": month, "families": families, "_persons": persons}


def _inputs_only(situation: dict) -> dict:
    """The situation without requested (null) values: /explain computes what it needs."""
    cleaned = {}
    for plural, instances in situation.items():
        cleaned[plural] = {}
        for instance_id, description in instances.items():
            cleaned[plural][instance_id] = {
                name: (
                    {p: v for p, v in values.items() if v is not None}
                    if isinstance(values, dict)
                    else values
                )
                for name, values in description.items()
            }
    return cleaned


def explain_request(
    system, body: dict, max_persons: int | None = None, max_families: int | None = None
) -> dict:
    """An /explain body: ``situation`` (or the situation keys at top level), ``month``
    (or ``period``), optional ``keluarga`` and ``reform`` (handled by the caller)."""
    if "situation" in body:
        unknown = [key for key in body if key not in CONTROL]
        if unknown:
            listed = ", ".join(f"'{quote(key)}'" for key in unknown[:5])
            raise ApiError(f"unknown key(s) {listed}; expected situation, month, keluarga, reform")
        situation = body["situation"]
    else:
        situation = {k: v for k, v in body.items() if k not in CONTROL}
    month = body.get("month", body.get("period"))
    if month is None:
        raise ApiError("give 'month' (YYYY-MM): explanations are for one month")
    return explain_situation(
        system, situation, month, body.get("keluarga"), max_persons, max_families
    )
