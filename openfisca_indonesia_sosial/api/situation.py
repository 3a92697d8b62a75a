"""Situations in OpenFisca's JSON format: checks, calculation and trace.

The functions here serve /calculate, /trace, /explain and the embedding API alike. Every
client mistake becomes an :class:`ApiError` with a readable message *before* the engine
runs, so the engine's own ValueErrors (a MONTH variable asked for a year, an unparsable
period) never surface as server errors:

- the body must be a JSON object whose keys are entity plurals (``daftar_individu``,
  ``daftar_keluarga``) or the control key ``reform``;
- at most ``max_persons`` persons;
- every requested variable (value ``null``) must exist (404, as in openfisca-core) and its
  period must fit the variable's definition period (400).
"""

from __future__ import annotations

import copy
import datetime
import difflib
import math

import numpy as np
from openfisca_core import periods
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_core.indexed_enums import Enum
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_indonesia_sosial.api.errors import (
    ApiError,
    engine_errors,
    flatten_situation_error,
)

CONTROL_KEYS = ("reform",)
PERIOD_UNITS = {
    periods.DateUnit.MONTH: "month",
    periods.DateUnit.YEAR: "year",
    periods.DateUnit.DAY: "day",
    periods.DateUnit.WEEK: "week",
    periods.DateUnit.WEEKDAY: "weekday",
    periods.DateUnit.ETERNITY: "eternity",
}
PERIOD_EXAMPLES = {"month": "2024-01", "year": "2024", "day": "2024-01-01"}


def split_body(body: object) -> tuple[dict, object]:
    """The situation and the reform spec of a /calculate or /trace body."""
    if not isinstance(body, dict):
        raise ApiError(
            "the request body must be a JSON object with daftar_individu and daftar_keluarga"
        )
    situation = {key: value for key, value in body.items() if key not in CONTROL_KEYS}
    return situation, body.get("reform")


def check_structure(system, situation: dict, max_persons: int | None) -> int:
    """Entity keys known and persons within the limit; returns the number of persons."""
    plurals = {entity.plural for entity in system.entities}
    unknown = sorted(str(key) for key in situation if key not in plurals)
    if unknown:
        raise ApiError(
            f"unknown key(s) {unknown} in the situation; expected "
            f"{', '.join(sorted(plurals))} (and optionally 'reform')"
        )
    person_plural = next(entity.plural for entity in system.entities if entity.is_person)
    persons = situation.get(person_plural)
    if not isinstance(persons, dict) or not persons:
        raise ApiError(f"the situation needs a non-empty '{person_plural}' object")
    for plural, instances in situation.items():
        if not isinstance(instances, dict):
            raise ApiError(f"'{plural}' must be an object mapping ids to descriptions")
    if max_persons is not None and len(persons) > max_persons:
        raise ApiError(
            f"too many persons in one situation: {len(persons)} > {max_persons}; "
            "send large populations to /bulk",
            status=413,
        )
    check_boolean_inputs(system, situation)
    return len(persons)


def check_boolean_inputs(system, situation: dict) -> None:
    """Yes/no inputs must be JSON true/false: OpenFisca reads any text as true ("false"!)."""
    for plural, instances in situation.items():
        for instance_id, description in instances.items():
            if not isinstance(description, dict):
                continue
            for name, values in description.items():
                variable = system.variables.get(name)
                if variable is None or variable.value_type is not bool:
                    continue
                if not isinstance(values, dict):
                    continue
                for period_text, value in values.items():
                    if value is None or isinstance(value, bool) or value in (0, 1):
                        continue
                    raise ApiError(
                        f"{plural}/{instance_id}/{name}/{period_text}: '{name}' is yes/no; "
                        f"give true or false, not {value!r}"
                    )


def variable_or_error(system, name: str):
    variable = system.variables.get(name)
    if variable is None:
        close = difflib.get_close_matches(str(name), list(system.variables), n=1)
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        raise ApiError(f"unknown variable '{name}'{hint}", status=404)
    return variable


def check_period(variable, period_text: object) -> periods.Period:
    """The period, if it fits ``variable``'s definition period; otherwise a 400."""
    unit = PERIOD_UNITS.get(variable.definition_period, str(variable.definition_period))
    try:
        period = periods.period(str(period_text))
    except (ValueError, TypeError, AttributeError) as error:
        raise ApiError(
            f"'{period_text}' is not a period for '{variable.name}'; a {unit} variable takes "
            f"a period like '{PERIOD_EXAMPLES.get(unit, 'ETERNITY')}'"
        ) from error
    if unit == "eternity":
        return period
    if period.unit == periods.DateUnit.ETERNITY or (
        PERIOD_UNITS.get(period.unit) != unit or period.size != 1
    ):
        raise ApiError(
            f"'{variable.name}' is defined per {unit}: ask it for one {unit} "
            f"(e.g. '{PERIOD_EXAMPLES.get(unit, '')}'), not for '{period_text}'"
        )
    return period


def requested_computations(system, situation: dict) -> list[tuple[str, str, str, str]]:
    """``(plural, id, variable, period)`` for every ``null`` value, each checked."""
    requests = []
    for plural, instances in situation.items():
        for instance_id, description in instances.items():
            if not isinstance(description, dict):
                continue
            for name, values in description.items():
                if not isinstance(values, dict):
                    continue
                for period_text, value in values.items():
                    if value is not None:
                        continue
                    variable = variable_or_error(system, name)
                    check_period(variable, period_text)
                    requests.append((plural, str(instance_id), name, str(period_text)))
    return requests


def build_simulation(system, situation: dict):
    """SimulationBuilder on a copy of ``situation``; parsing problems become 4xx."""
    try:
        return SimulationBuilder().build_from_entities(system, copy.deepcopy(situation))
    except (SituationParsingError, PeriodMismatchError) as error:
        lines = flatten_situation_error(error.error)
        status = error.code if isinstance(error.code, int) and 400 <= error.code < 500 else 400
        raise ApiError("; ".join(lines), status=status, details=error.error) from error
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
        raise ApiError(f"the situation could not be read: {type(error).__name__}: {error}") from (
            error
        )


def json_value(variable, array: np.ndarray, index: int):
    """One computed value as plain JSON (enum item name, ISO date, finite number or null)."""
    if variable.value_type is Enum:
        return _enum_name(array, index)
    value = array[index]
    if isinstance(value, bytes | np.bytes_):
        return value.decode("utf-8", errors="replace")
    if variable.value_type is bool:
        return bool(value)
    if variable.value_type is int:
        return int(value)
    if variable.value_type is float:
        number = float(value)
        return number if math.isfinite(number) else None
    if variable.value_type is datetime.date:
        return str(np.datetime64(value, "D"))
    return str(value)


def _enum_name(array, index: int) -> str:
    return array.decode()[index].name


def calculate(system, situation: dict, requests=None) -> dict:
    """The situation with every ``null`` replaced by its computed value (a new dict)."""
    if requests is None:
        requests = requested_computations(system, situation)
    simulation = build_simulation(system, situation)
    result = copy.deepcopy(situation)
    with engine_errors():
        for plural, instance_id, name, period_text in requests:
            variable = system.variables[name]
            array = simulation.calculate(name, period_text)
            population = simulation.get_population(plural)
            index = population.get_index(instance_id)
            result[plural][instance_id][name][period_text] = json_value(variable, array, index)
    return result


def trace(system, situation: dict, requests=None) -> dict:
    """OpenFisca's /trace answer: the flat trace of every requested computation."""
    if requests is None:
        requests = requested_computations(system, situation)
    simulation = build_simulation(system, situation)
    simulation.trace = True
    requested = []
    with engine_errors():
        for _plural, _instance_id, name, period_text in requests:
            requested.append(f"{name}<{period_text}>")
            simulation.calculate(name, period_text)
    return {
        "trace": simulation.tracer.get_serialized_flat_trace(),
        "entitiesDescription": simulation.describe_entities(),
        "requestedCalculations": requested,
    }


def with_requests(system, situation: dict, variables, period) -> dict:
    """A copy of ``situation`` asking ``variables`` at ``period`` for every instance.

    A YEAR variable given a month is asked for that month's year and an ETERNITY variable
    for ETERNITY; a MONTH variable given a year is a 400 (ask for a month).
    """
    result = copy.deepcopy(situation)
    by_entity = {entity.key: entity.plural for entity in system.entities}
    for name in variables:
        variable = variable_or_error(system, name)
        period_text = str(period)
        if variable.definition_period == periods.DateUnit.YEAR and len(period_text) == 7:
            period_text = period_text[:4]
        if variable.definition_period == periods.DateUnit.ETERNITY:
            period_text = "ETERNITY"
        check_period(variable, period_text)
        plural = by_entity[variable.entity.key]
        instances = result.setdefault(plural, {})
        for description in instances.values():
            if isinstance(description, dict):
                values = description.setdefault(name, {})
                if isinstance(values, dict):
                    values.setdefault(period_text, None)
    return result
