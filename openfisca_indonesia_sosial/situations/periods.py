"""The periods the calculator answers for: one definition for every request path.

The range is read from the parameter tree, not written by hand:

- it starts with the first year in which every *regular* program (one with a national quota:
  PKH, Sembako, PBI-JK) has rules. Before it the package would answer 0 for PKH or Sembako,
  which is not "no benefit" but "not modelled": a client asking 2010 gets a 400, not a zero;
- it ends :data:`HORIZON_YEARS` after the last year any rule carries a dated value. Values carry
  forward (the 2026 amounts hold until the law changes), so a short horizon is useful for
  planning; far beyond it the answer would be a guess presented as the law.

Input values (``"hamil": {"2016": true}``) may also lie up to :data:`INPUT_HISTORY_YEARS` before
the range, since a formula may look back; computations must lie inside it. Period text is
parsed here, with its own bounded grammar, before openfisca-core sees it: core raises a
ValueError for ``9999-12`` (its end is in year 10000) and accepts forms nobody sends.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from openfisca_core import periods

from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.situations.errors import ApiError

#: Years after the last dated rule value for which the carried-forward rules are still answered.
HORIZON_YEARS = 4
#: Years before the supported range that an input value (not a computation) may be given for.
INPUT_HISTORY_YEARS = 10
#: Longest period text read at all (``month:2024-01:12`` is 16 characters).
MAX_PERIOD_CHARS = 32
#: Largest ``:size`` of a ``unit:start:size`` period (ten years of months).
MAX_PERIOD_SIZE = 120

_PERIOD = re.compile(
    r"(?:(?P<unit>month|year|day):)?"
    r"(?P<year>\d{4})(?:-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?"
    r"(?::(?P<size>\d{1,3}))?"
)
_ETERNITY = "eternity"
#: Core computes a period's end and neighbours with ``datetime``: stay far from year 9999.
_CORE_LAST_YEAR = 9000


@dataclass(frozen=True)
class Supported:
    """The first and last year of the periods the calculator answers for."""

    first_year: int
    last_year: int
    #: The last year with a dated rule value (the horizon is counted from it).
    last_rule_year: int

    @property
    def first_input_year(self) -> int:
        return self.first_year - INPUT_HISTORY_YEARS

    def describe(self, unit: str = "month", *, inputs: bool = False) -> str:
        """``2017-01 to 2030-12`` (``2017 to 2030`` for years, days for days)."""
        first = self.first_input_year if inputs else self.first_year
        if unit == "year":
            return f"{first} to {self.last_year}"
        if unit == "day":
            return f"{first}-01-01 to {self.last_year}-12-31"
        return f"{first}-01 to {self.last_year}-12"

    def contains(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


def _dated_values(node):
    """Every ``(instant_str, value)`` of a parameter node, scales included."""
    values_list = getattr(node, "values_list", None)
    if values_list is not None:
        yield from ((value.instant_str, value.value) for value in values_list)
        return
    for child in getattr(node, "children", {}).values():
        yield from _dated_values(child)
    for bracket in getattr(node, "brackets", ()):
        for key in ("threshold", "amount", "rate", "average_rate", "base"):
            child = getattr(bracket, key, None)
            if child is not None:
                yield from _dated_values(child)


def supported_from(parameters) -> Supported:
    """The supported range of a parameter tree (see the module docstring)."""
    from openfisca_indonesia_sosial.programs import PROGRAMS

    program_starts = []
    for program in PROGRAMS:
        if program.quota is None or program.key not in parameters.children:
            continue
        dates = [instant for instant, _value in _dated_values(parameters.children[program.key])]
        if dates:
            program_starts.append(int(min(dates)[:4]))
    every = [int(instant[:4]) for instant, _value in _dated_values(parameters)]
    first = max(program_starts) if program_starts else min(every)
    last_rule = max(every)
    return Supported(
        first_year=first, last_year=last_rule + HORIZON_YEARS, last_rule_year=last_rule
    )


@lru_cache(maxsize=1)
def supported() -> Supported:
    """The range of the baseline law (a reform changes values, not the range)."""
    from openfisca_indonesia_sosial.system import baseline

    return supported_from(baseline().parameters)


def __getattr__(name: str):
    # ``from ...periods import SUPPORTED`` without building the system at import time.
    if name == "SUPPORTED":
        return supported()
    raise AttributeError(name)


def _unit_name(period: periods.Period) -> str:
    return str(getattr(period.unit, "value", period.unit))


def parse(text: object, *, field: str) -> periods.Period:
    """A period from client text, or a 400 naming ``field``; never core's own errors.

    Accepted: ``2024``, ``2024-01``, ``2024-01-15``, ``ETERNITY`` and core's
    ``month:2024-01[:size]``-style forms with a size up to :data:`MAX_PERIOD_SIZE`.
    """
    if isinstance(text, periods.Period):
        return text
    if not isinstance(text, str) or len(text) > MAX_PERIOD_CHARS:
        raise ApiError(f"{field}: {shown(text)} is not a period; give e.g. '2024-01' or '2024'")
    if text.strip().lower() == _ETERNITY:
        return periods.period(periods.ETERNITY)
    match = _PERIOD.fullmatch(text)
    if match is None:
        raise ApiError(f"{field}: '{shown(text)}' is not a period; give e.g. '2024-01' or '2024'")
    year = int(match["year"])
    size = int(match["size"] or 1)
    if size < 1 or size > MAX_PERIOD_SIZE:
        raise ApiError(
            f"{field}: '{shown(text)}' spans {size} units; at most {MAX_PERIOD_SIZE} are read"
        )
    unit = match["unit"] or ("day" if match["day"] else "month" if match["month"] else "year")
    # Refuse far-off years before core computes the period's end (a ValueError past 9999).
    _check_year(year, year, text, field=field, first=1, last=_CORE_LAST_YEAR, unit=unit)
    try:
        if match["month"]:
            datetime.date(year, int(match["month"]), int(match["day"] or 1))
        return periods.period(text)
    except (ValueError, TypeError, ArithmeticError) as error:
        raise ApiError(
            f"{field}: '{shown(text)}' is not a period; give e.g. '2024-01' or '2024'"
        ) from error


def _check_year(
    start: int, stop: int, text, *, field: str, first: int, last: int, unit: str, inputs=False
) -> None:
    if first <= start and stop <= last:
        return
    range_ = supported().describe(unit, inputs=inputs)
    prefix = "" if field == unit else f"{field}: "
    kind = f"{unit} " if unit else ""
    raise ApiError(f"{prefix}{kind}'{shown(text)}' is outside the supported range {range_}")


def check_supported(period, *, field: str, inputs: bool = False) -> periods.Period:
    """The period if the calculator answers for it; otherwise a 400 naming ``field``.

    ``period`` is a :class:`Period` or its text. ``inputs=True`` allows the
    :data:`INPUT_HISTORY_YEARS` before the range (a value given, not a value asked).
    ETERNITY is always inside.
    """
    parsed = parse(period, field=field)
    unit = _unit_name(parsed)
    if unit == _ETERNITY:
        return parsed
    bounds = supported()
    first = bounds.first_input_year if inputs else bounds.first_year
    start = parsed.start.year
    try:
        stop = parsed.stop.year
    except (ValueError, OverflowError):
        stop = bounds.last_year + 1
    last = bounds.last_year
    _check_year(start, stop, period, field=field, first=first, last=last, unit=unit, inputs=inputs)
    return parsed


@lru_cache(maxsize=4096)
def _accepted(text: str, inputs: bool) -> periods.Period | None:
    try:
        return check_supported(text, field="", inputs=inputs)
    except ApiError:
        return None


def checked(text: object, *, field, inputs: bool = False) -> periods.Period:
    """:func:`check_supported` for many values: accepted texts are remembered, and ``field``
    may be a callable, built only when the period is refused."""
    if isinstance(text, str) and len(text) <= MAX_PERIOD_CHARS:
        period = _accepted(text, inputs)
        if period is not None:
            return period
    return check_supported(text, field=field() if callable(field) else field, inputs=inputs)
