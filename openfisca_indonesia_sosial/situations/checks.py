"""Every part of a JSON situation checked before openfisca-core reads it.

openfisca-core's SimulationBuilder reports a problem by writing it into a nested dict at the
problem's path with ``dpath``; a path segment made of digits becomes a *list index*, so an
invalid value under the id ``"1234567"`` builds a list of 1,234,567 entries (a 16-digit NIK as
id: gigabytes). Core also evaluates a text given for a number as an expression, reads ``1952``
as a date (days since 1970) and ``true`` as the number 1. So nothing reaches core unchecked:

- the shape: entity plurals, objects where objects belong, ids that are short text;
- the counts, refused before anything is built: persons, families, members of a family,
  variables of one instance, periods of one variable (413 for the first two, named limits);
- the names: known variables of the instance's entity (404 with a bounded did-you-mean);
- the periods: the package's own grammar and supported range (:mod:`.periods`), fitting the
  variable's definition period;
- the values: the JSON type the variable needs, then the same per-variable rules the table
  path applies (:data:`openfisca_indonesia_sosial.data.rules.COLUMN_RULES`: ages 0-120,
  deciles 0-10, NIK format, dates of birth...), so a value /bulk rejects is rejected here with
  the same reason.

Each message names the place (``daftar_individu/ibu/umur/2024-01``) and quotes client text
only through :func:`quote`: short, NIK masked, control characters escaped.
"""

from __future__ import annotations

import datetime
import difflib
import math
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openfisca_core import periods as core_periods
from openfisca_core.indexed_enums import Enum

from openfisca_indonesia_sosial.data.privacy import NIK_LIKE, shown
from openfisca_indonesia_sosial.data.rules import ERROR, RuleContext, value_rules
from openfisca_indonesia_sosial.situations import periods
from openfisca_indonesia_sosial.situations.errors import ApiError

#: Longest id of a person or a family (a Kartu Keluarga number is 16 characters).
MAX_ID_CHARS = 100
#: Longest name looked up at all; a longer one is unknown, with no did-you-mean search.
MAX_NAME_CHARS = 100
#: Longest text value of a variable without its own ``max_length``.
MAX_TEXT_CHARS = 1_000
#: Variables given or asked for one person or family (the system has fewer).
MAX_VARIABLES_PER_INSTANCE = 250
#: Periods given or asked for one variable of one instance (ten years of months).
MAX_PERIODS_PER_VARIABLE = 120
#: Members listed in one family, all roles together (a Kartu Keluarga lists far fewer).
MAX_FAMILY_MEMBERS = 100
#: Characters of client text a message quotes.
QUOTE_CHARS = 40
#: Candidates a did-you-mean search compares a name with.
MAX_SUGGESTION_CANDIDATES = 5_000

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_INT32 = np.iinfo(np.int32)
_FLOAT32_MAX = float(np.finfo(np.float32).max)
_TYPE_NAMES = {
    "bool": "true or false (yes/no)",
    "int": "a whole number within 32 bits",
    "float": "a finite number",
    "date": "an ISO date YYYY-MM-DD",
    "str": "text",
}


def quote(value: object, limit: int = QUOTE_CHARS) -> str:
    """Client text as a message may quote it (:func:`shown`: cut, NIK-like runs masked,
    control characters escaped); JSON containers and huge integers are named, not quoted."""
    if isinstance(value, dict | list | tuple):
        return f"a JSON {'object' if isinstance(value, dict) else 'array'}"
    if isinstance(value, bool) or value is None:
        return "true" if value is True else "false" if value is False else "null"
    if isinstance(value, int) and abs(value) >= 10**limit:
        return f"a {len(str(abs(value)))}-digit number"
    return shown(value, limit)


def where(*parts: object) -> str:
    """``daftar_individu/ibu/umur/2024-01``, each client part quoted."""
    return "/".join(quote(part) for part in parts)


def suggestion(name: str, candidates) -> str:
    """`` (did you mean 'x'?)`` for a short name, or nothing: the search is bounded."""
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
        return ""
    names = [c for c in candidates if isinstance(c, str)][:MAX_SUGGESTION_CANDIDATES]
    close = difflib.get_close_matches(name, names, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def unknown_variable(system, name: object) -> ApiError:
    hint = suggestion(name, system.variables) if isinstance(name, str) else ""
    return ApiError(f"unknown variable '{quote(name)}'{hint}", status=404)


@dataclass
class Checked:
    """What a checked situation holds: counts and the requested computations."""

    persons: int
    families: int
    requests: list[tuple[str, str, str, str]] = field(default_factory=list)


@dataclass
class _Values:
    """The given values of one variable, gathered for its vectorised rules."""

    paths: list[tuple] = field(default_factory=list)
    values: list[object] = field(default_factory=list)


def check_situation(
    system,
    situation: object,
    *,
    max_persons: int | None = None,
    max_families: int | None = None,
    year: int | None = None,
) -> Checked:
    """Check ``situation`` whole (see the module docstring); the first problem is an ApiError.

    ``year`` is the year date rules count from (born by its end, at most 120 on its first
    day); by default the latest year asked for, else the last supported year.
    """
    if not isinstance(situation, dict):
        raise ApiError(
            "the situation must be a JSON object with daftar_individu and daftar_keluarga"
        )
    entities = {entity.plural: entity for entity in system.entities}
    unknown = [key for key in situation if key not in entities]
    if unknown:
        listed = ", ".join(f"'{quote(key)}'" for key in unknown[:5])
        more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
        raise ApiError(
            f"unknown key(s) {listed}{more} in the situation; expected "
            f"{', '.join(sorted(entities))} (and optionally 'reform')"
        )
    person_entity = next(entity for entity in system.entities if entity.is_person)
    persons = situation.get(person_entity.plural)
    if not isinstance(persons, dict) or not persons:
        raise ApiError(f"the situation needs a non-empty '{person_entity.plural}' object")
    for plural, instances in situation.items():
        if not isinstance(instances, dict):
            raise ApiError(f"'{plural}' must be an object mapping ids to descriptions")
    _check_counts(situation, person_entity, entities, max_persons, max_families)
    for plural, instances in situation.items():
        for instance_id, description in instances.items():
            _check_id(plural, instance_id)
            if not isinstance(description, dict):
                raise ApiError(
                    f"{where(plural, instance_id)}: a description is an object of variables "
                    f"(and roles), not {quote(description)}"
                )
    for plural, entity in entities.items():
        if not entity.is_person and plural in situation:
            _check_roles(entity, situation[plural], persons)
    gathered: dict[str, _Values] = {}
    requests: list[tuple[str, str, str, str]] = []
    for plural, instances in situation.items():
        entity = entities[plural]
        roles = _role_keys(entity)
        for instance_id, description in instances.items():
            names = [name for name in description if name not in roles]
            if len(names) > MAX_VARIABLES_PER_INSTANCE:
                raise ApiError(
                    f"{where(plural, instance_id)}: {len(names)} variables; at most "
                    f"{MAX_VARIABLES_PER_INSTANCE} per {entity.key}",
                    status=413,
                )
            for name in names:
                _check_variable(system, entity, plural, instance_id, name, description[name])
                for period_text, value in description[name].items():
                    if value is None:
                        requests.append((plural, instance_id, name, period_text))
                    else:
                        values = gathered.setdefault(name, _Values())
                        values.paths.append((plural, instance_id, name, period_text))
                        values.values.append(value)
    if year is None:
        asked = [int(p[:4]) for *_, p in requests if p[:4].isdigit()]
        year = max(asked) if asked else periods.supported().last_year
    for name, values in gathered.items():
        _check_rules(system.variables[name], values, year)
    groups = sum(len(v) for k, v in situation.items() if not entities[k].is_person)
    return Checked(persons=len(persons), families=groups, requests=requests)


def _check_counts(situation, person_entity, entities, max_persons, max_families) -> None:
    persons = len(situation[person_entity.plural])
    if max_persons is not None and persons > max_persons:
        raise ApiError(
            f"too many persons in one situation: {persons} > {max_persons}; "
            "send large populations to /bulk",
            status=413,
        )
    for plural, instances in situation.items():
        if entities[plural].is_person or max_families is None:
            continue
        if len(instances) > max_families:
            raise ApiError(
                f"too many {plural} in one situation: {len(instances)} > {max_families}; "
                "send large populations to /bulk",
                status=413,
            )


def _check_id(plural: str, instance_id: object) -> None:
    if not isinstance(instance_id, str) or not instance_id:
        raise ApiError(f"{plural}: an id is non-empty text, not {quote(instance_id)}")
    if len(instance_id) > MAX_ID_CHARS:
        raise ApiError(
            f"{plural}: id '{quote(instance_id)}' is longer than {MAX_ID_CHARS} characters"
        )
    if _CONTROL.search(instance_id):
        raise ApiError(f"{plural}: id '{quote(instance_id)}' holds control characters")
    if NIK_LIKE.search(instance_id):
        # Ids come back in every answer and log line; a NIK used as an id would travel in clear.
        raise ApiError(
            f"{plural}: id '{quote(instance_id)}' holds a run of 12 or more digits, like a NIK; "
            "use a record number as the id and give the NIK in the 'nik' variable"
        )


def _role_keys(entity) -> dict[str, object]:
    return {role.plural or role.key: role for role in getattr(entity, "roles", None) or ()}


def _check_roles(entity, instances: dict, persons: dict) -> None:
    """Members: known persons, each once per group entity, within the role's maximum."""
    roles = _role_keys(entity)
    # ``anak`` for ``daftar_anak``: a role named by its key is read as a variable by core.
    singular = {role.key: key for key, role in roles.items() if role.key != key}
    placed: dict[str, str] = {}
    for instance_id, description in instances.items():
        members = 0
        for key, listed in description.items():
            if key in singular:
                raise ApiError(
                    f"{where(entity.plural, instance_id, key)}: '{key}' is a role; list its "
                    f"members under '{singular[key]}'"
                )
            role = roles.get(key)
            if role is None:
                continue
            ids = [listed] if isinstance(listed, str | int) else listed
            if not isinstance(ids, list) or not all(
                isinstance(i, str | int) and not isinstance(i, bool) for i in ids
            ):
                raise ApiError(
                    f"{where(entity.plural, instance_id, key)}: members are person ids (text) "
                    f"or a list of them, not {quote(listed)}"
                )
            members += len(ids)
            if members > MAX_FAMILY_MEMBERS:
                raise ApiError(
                    f"{where(entity.plural, instance_id)}: more than {MAX_FAMILY_MEMBERS} "
                    f"members listed in one {entity.key}",
                    status=413,
                )
            if role.max is not None and len(ids) > role.max:
                raise ApiError(
                    f"{where(entity.plural, instance_id, key)}: at most {role.max} "
                    f"{key} in a {entity.key}, {len(ids)} given"
                )
            for person in map(str, ids):
                if person not in persons:
                    raise ApiError(
                        f"{where(entity.plural, instance_id, key)}: '{quote(person)}' is not "
                        "a person of the situation"
                    )
                if person in placed:
                    raise ApiError(
                        f"{where(entity.plural, instance_id, key)}: '{quote(person)}' is "
                        f"already a member of '{quote(placed[person])}'; a person belongs to "
                        f"one {entity.key}"
                    )
                placed[person] = instance_id


def _check_variable(system, entity, plural, instance_id, name, values) -> None:
    """A known variable of this entity, given as ``{period: value}`` with fitting periods."""
    if not isinstance(name, str) or len(name) > MAX_NAME_CHARS:
        raise unknown_variable(system, name)
    variable = system.variables.get(name)
    if variable is None:
        raise unknown_variable(system, name)
    if variable.entity.key != entity.key:
        raise ApiError(
            f"{where(plural, instance_id, name)}: '{name}' is a variable of "
            f"{variable.entity.plural}, not of {plural}"
        )
    if not isinstance(values, dict):
        raise ApiError(
            f"{where(plural, instance_id, name)}: give values per period, e.g. "
            f'{{"2024-01": ...}} (ETERNITY for a variable that never changes), not '
            f"{quote(values)}"
        )
    if len(values) > MAX_PERIODS_PER_VARIABLE:
        raise ApiError(
            f"{where(plural, instance_id, name)}: {len(values)} periods; at most "
            f"{MAX_PERIODS_PER_VARIABLE} per variable",
            status=413,
        )
    for period_text, value in values.items():

        def place(period_text=period_text) -> str:
            return where(plural, instance_id, name, period_text)

        if value is None:
            check_request_period(variable, period_text, field=place)
        else:
            _check_input_period(variable, period_text, field=place)
            _check_type(variable, value, place)


PERIOD_EXAMPLES = {"month": "2024-01", "year": "2024", "day": "2024-01-01", "eternity": "ETERNITY"}


def _unit(unit) -> str:
    return str(getattr(unit, "value", unit))


def _text(field) -> str:
    return field() if callable(field) else field


def check_request_period(variable, period_text: object, *, field) -> core_periods.Period:
    """A period to compute ``variable`` for: one unit of its definition period, supported.

    ``field`` names the place in messages (a callable is called only for a message).
    """
    unit = _unit(variable.definition_period)
    period = periods.checked(period_text, field=field)
    if unit == "eternity":
        return period
    if _unit(period.unit) != unit or period.size != 1:
        raise ApiError(
            f"{_text(field)}: '{variable.name}' is defined per {unit}: ask it for one {unit} "
            f"(e.g. '{PERIOD_EXAMPLES.get(unit, '')}'), not for '{quote(period_text)}'"
        )
    return period


def _check_input_period(variable, period_text: object, *, field) -> None:
    """A period a value is given for: core spreads a year over months only with set_input."""
    unit = _unit(variable.definition_period)
    period = periods.checked(period_text, field=field, inputs=True)
    given = _unit(period.unit)
    if unit == "eternity" or (given == unit and period.size == 1):
        return
    if given == "eternity":
        raise ApiError(f"{_text(field)}: '{variable.name}' changes by {unit}; give it per {unit}")
    spreadable = variable.set_input is not None and (
        given == unit or (unit == "month" and given == "year")
    )
    if not spreadable:
        raise ApiError(
            f"{_text(field)}: '{variable.name}' is given per {unit} (e.g. "
            f"'{PERIOD_EXAMPLES.get(unit, '')}'), not for '{quote(period_text)}'"
        )


def _kind(variable) -> str:
    value_type = variable.value_type
    if value_type is Enum or (isinstance(value_type, type) and issubclass(value_type, Enum)):
        return "enum"
    return {bool: "bool", int: "int", float: "float", str: "str", datetime.date: "date"}.get(
        value_type, "str"
    )


def _check_type(variable, value: object, place) -> None:
    kind = _kind(variable)
    if kind == "enum":
        items = [item.name for item in variable.possible_values]
        if not (isinstance(value, str) and value in items):
            raise ApiError(
                f"{_text(place)}: unknown value {_given(value)} for '{variable.name}'; one of: "
                f"{', '.join(items)}"
            )
        return
    problem = _type_problem(variable, kind, value)
    if problem:
        raise ApiError(f"{_text(place)}: '{variable.name}' takes {_TYPE_NAMES[kind]}{problem}")


def _given(value: object) -> str:
    """A client value in a message: text in quotes, anything else as JSON would show it."""
    return f"'{quote(value)}'" if isinstance(value, str) else quote(value)


def _type_problem(variable, kind: str, value: object) -> str | None:
    """How ``value`` misses the JSON type ``kind`` (appended to the type), or None."""
    if kind == "bool":
        if isinstance(value, bool) or (isinstance(value, int | float) and value in (0, 1)):
            return None
        return f", not {_given(value)}"
    if kind in ("int", "float"):
        if isinstance(value, bool) or not isinstance(value, int | float):
            note = " (a number is not text)" if isinstance(value, str) else ""
            return f", not {_given(value)}{note}"
        if isinstance(value, float) and not math.isfinite(value):
            return "; the number given is too large to store"
        if kind == "int":
            if isinstance(value, float) and not value.is_integer():
                return f", not {_given(value)}"
            if not _INT32.min <= value <= _INT32.max:
                return f"; {_given(value)} is outside the 32-bit range"
        elif abs(value) > _FLOAT32_MAX:
            return f"; {_given(value)} is too large to store"
        return None
    if kind == "date":
        if not isinstance(value, str) or not _ISO_DATE.fullmatch(value):
            return f", not {_given(value)}"
        try:
            datetime.date.fromisoformat(value)
        except ValueError:
            return f"; {_given(value)} is not a date of the calendar"
        return None
    if not isinstance(value, str):
        return f", not {_given(value)}"
    limit = getattr(variable, "max_length", None) or MAX_TEXT_CHARS
    if len(value) > limit:
        return f"; the text given is longer than {limit} characters"
    return None


def _check_rules(variable, values: _Values, year: int) -> None:
    """The table path's rules of this variable, on all its given values at once."""
    kind = _kind(variable)
    rules = [rule for rule in value_rules(variable.name) if rule.severity == ERROR]
    if not rules:
        return
    series = _parsed(kind, values.values)
    context = RuleContext(year=year)
    for rule in rules:
        passed = np.asarray(rule.test(series, context), dtype=bool) | series.isna().to_numpy()
        failed = np.flatnonzero(~passed)
        if len(failed):
            first = int(failed[0])
            given = _given(values.values[first])
            raise ApiError(f"{where(*values.paths[first])}: {rule.messages()[1]}, got {given}")


def _parsed(kind: str, values: list) -> pd.Series:
    """Type-checked JSON values as the table path's parsed column of that kind."""
    if kind == "date":
        return pd.Series(np.array(values, dtype="datetime64[s]"))
    if kind in ("int", "float"):
        return pd.Series(values, dtype="float64")
    if kind == "bool":
        return pd.Series([bool(v) for v in values], dtype="boolean")
    return pd.Series(values, dtype="object").astype("str")
