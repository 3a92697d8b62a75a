"""Situations in OpenFisca's JSON format: checks, calculation and trace.

The functions here serve /calculate, /trace, /explain and the embedding API alike. Every
client mistake becomes an :class:`ApiError` with a readable, size-bounded message *before*
the engine runs (:mod:`.checks`: shape, counts, ids, names, periods, values), so
neither the engine's own errors nor its error machinery ever see client text:

- the body must be a JSON object whose keys are entity plurals (``daftar_individu``,
  ``daftar_keluarga``) or the control key ``reform``;
- at most ``max_persons`` persons and ``max_families`` families;
- every requested variable (value ``null``) must exist (404, as in openfisca-core), its
  period must fit the variable's definition period and lie in the supported range (400);
- every given value must have the variable's type and pass its rules (as in /bulk).

openfisca-core then builds the simulation from a copy whose ids are replaced by short
neutral tokens (``p0``, ``g0``): whatever a client names a person, core's error path never
sees that name (it turns a path segment of digits into a list that long).
"""

from __future__ import annotations

import copy
import datetime
import math
import re

import numpy as np
from openfisca_core.errors import PeriodMismatchError, SituationParsingError
from openfisca_core.indexed_enums import Enum
from openfisca_core.periods import DateUnit
from openfisca_core.simulation_builder import SimulationBuilder

from openfisca_indonesia_sosial.data.privacy import PERSONAL_VARIABLES, mask_nik
from openfisca_indonesia_sosial.situations import periods
from openfisca_indonesia_sosial.situations.checks import (
    MAX_NAME_CHARS,
    check_request_period,
    check_situation,
    quote,
    unknown_variable,
    where,
)
from openfisca_indonesia_sosial.situations.errors import (
    ApiError,
    engine_errors,
    flatten_situation_error,
)

CONTROL_KEYS = ("reform",)
#: Variables one ``variables`` list (``hitung``) may name.
MAX_REQUESTED_VARIABLES = 100
_TOKEN = re.compile(r"\b[pg]\d+\b")


def split_body(body: object) -> tuple[dict, object]:
    """The situation and the reform spec of a /calculate or /trace body."""
    if not isinstance(body, dict):
        raise ApiError(
            "the request body must be a JSON object with daftar_individu and daftar_keluarga"
        )
    situation = {key: value for key, value in body.items() if key not in CONTROL_KEYS}
    return situation, body.get("reform")


def check_structure(
    system,
    situation: dict,
    max_persons: int | None,
    max_families: int | None = None,
    *,
    year: int | None = None,
) -> int:
    """The whole situation checked (see :mod:`.checks`); returns the persons count.

    ``max_persons`` / ``max_families`` (None: no limit) are refused with a 413 before
    anything is built; ``year`` is the year date-of-birth rules count from (default: the
    latest year asked for).
    """
    checked = check_situation(
        system, situation, max_persons=max_persons, max_families=max_families, year=year
    )
    return checked.persons


def variable_or_error(system, name: str):
    """The variable ``name``, or a 404 quoting a bounded name with a bounded did-you-mean."""
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
        raise unknown_variable(system, name)
    variable = system.variables.get(name)
    if variable is None:
        raise unknown_variable(system, name)
    return variable


def requested_computations(system, situation: dict) -> list[tuple[str, str, str, str]]:
    """``(plural, id, variable, period)`` for every ``null`` value, each checked."""
    requests = []
    for plural, instances in situation.items():
        if not isinstance(instances, dict):
            continue
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
                    check_request_period(
                        variable,
                        period_text,
                        field=lambda p=(plural, instance_id, name, period_text): where(*p),
                    )
                    requests.append((plural, str(instance_id), name, str(period_text)))
    return requests


def _neutral_ids(system, situation: dict) -> tuple[dict, dict[str, dict[str, str]]]:
    """A copy of ``situation`` with neutral ids, and each plural's token -> client id map."""
    entities = {entity.plural: entity for entity in system.entities}
    person_plural = next(e.plural for e in system.entities if e.is_person)
    persons = {client: f"p{index}" for index, client in enumerate(situation.get(person_plural, {}))}
    renamed: dict = {}
    back: dict[str, dict[str, str]] = {person_plural: {v: k for k, v in persons.items()}}
    for plural, instances in situation.items():
        if plural == person_plural:
            renamed[plural] = {persons[k]: copy.deepcopy(v) for k, v in instances.items()}
            continue
        roles = {role.plural or role.key for role in getattr(entities[plural], "roles", ()) or ()}
        tokens = {client: f"g{index}" for index, client in enumerate(instances)}
        back[plural] = {v: k for k, v in tokens.items()}
        renamed[plural] = {}
        for client, description in instances.items():
            copied = {}
            for key, value in description.items():
                if key in roles:
                    members = [value] if isinstance(value, str | int) else value
                    copied[key] = [persons.get(str(member), "?") for member in members]
                else:
                    copied[key] = copy.deepcopy(value)
            renamed[plural][tokens[client]] = copied
    return renamed, back


def _client_text(text: str, back: dict[str, dict[str, str]]) -> str:
    """Core's message with its neutral tokens turned back into (quoted) client ids."""
    names = {token: client for tokens in back.values() for token, client in tokens.items()}
    return _TOKEN.sub(lambda m: quote(names.get(m.group(0), m.group(0))), text)


def build_simulation(system, situation: dict):
    """SimulationBuilder on a neutral-id copy of ``situation``; population ids restored.

    The situation has been checked; a problem core still finds is reported with a bounded
    message (never core's nested error dict, which quotes values and NIKs in full).
    """
    renamed, back = _neutral_ids(system, situation)
    try:
        simulation = SimulationBuilder().build_from_entities(system, renamed)
    except (SituationParsingError, PeriodMismatchError) as error:
        lines = flatten_situation_error(getattr(error, "error", None) or str(error))
        text = "; ".join(_client_text(line, back) for line in lines)
        status = error.code if isinstance(error.code, int) and 400 <= error.code < 500 else 400
        raise ApiError(quote(text, 500), status=status) from error
    except (ValueError, TypeError, KeyError, AttributeError, IndexError, OverflowError) as error:
        detail = _client_text(str(error)[:1000], back)
        raise ApiError(
            f"the situation could not be read: {type(error).__name__}: {quote(detail, 300)}"
        ) from error
    person_plural = next(e.plural for e in system.entities if e.is_person)
    persons = back[person_plural]
    for population in simulation.populations.values():
        tokens = back.get(population.entity.plural, {})
        # A person in no group gets a group of their own, named after the person.
        population.ids = [tokens.get(i) or persons.get(i, i) for i in map(str, population.ids)]
    return simulation


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
    return mask_personal_values(result)


def mask_personal_values(situation: dict) -> dict:
    """The answer with every personal identifier (the NIK) masked, as given or computed.

    /calculate echoes the whole situation; the client sent the NIK, but an answer is logged,
    cached and forwarded by the systems in between, so it never carries one in clear.
    """
    for instances in situation.values():
        for description in instances.values():
            if not isinstance(description, dict):
                continue
            for name in PERSONAL_VARIABLES.intersection(description):
                values = description[name]
                if isinstance(values, dict):
                    description[name] = {
                        period: None if value is None else mask_nik(value)
                        for period, value in values.items()
                    }
    return situation


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
    if isinstance(variables, str):
        variables = [variables]
    if not isinstance(variables, list | tuple) or not variables:
        raise ApiError("variables is a non-empty list of variable names")
    if len(variables) > MAX_REQUESTED_VARIABLES:
        raise ApiError(
            f"{len(variables)} variables requested; at most {MAX_REQUESTED_VARIABLES}",
            status=413,
        )
    if isinstance(period, int) and not isinstance(period, bool):
        period = str(period)
    asked = periods.check_supported(period, field="period")
    result = copy.deepcopy(situation)
    by_entity = {entity.key: entity.plural for entity in system.entities}
    for name in variables:
        variable = variable_or_error(system, name)
        period_text = str(asked)
        if variable.definition_period == DateUnit.YEAR:
            period_text = str(asked.start.year)
        if variable.definition_period == DateUnit.ETERNITY:
            period_text = "ETERNITY"
        check_request_period(variable, period_text, field=f"'{name}' period")
        plural = by_entity[variable.entity.key]
        instances = result.setdefault(plural, {})
        for description in instances.values():
            if isinstance(description, dict):
                values = description.setdefault(name, {})
                if isinstance(values, dict):
                    values.setdefault(period_text, None)
    return result
