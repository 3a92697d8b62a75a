"""The value of one reform change: its type and its range, from the parameter's unit.

Every value a reform gives (file or inline) passes :func:`check_value` before it reaches the
parameter tree. What is accepted:

- ``true``/``false`` for a switch, and only there;
- a whole number for a unit counted in whole units (rupiah, persons, families, members,
  years, months, days, deciles, ranks, kilograms), within :data:`UNIT_BOUNDS`;
- a finite number for a rate (``/1`` between 0 and 1, ``percent`` between 0 and 100);
- ``null`` (the parameter ends from that date).

Never a text, a list, a mapping other than ``{value: ..., unit: ...}``, ``.nan``, ``.inf``, or
an integer no formula can hold. The bounds are limits of the machinery, not of the law: the
package computes in 32-bit integers (OpenFisca ``int`` variables), so a rupiah amount above
:data:`MAX_MONEY` could not be paid for 12 months into a yearly total without wrapping around
(``Rp 2,147,483,648`` a month would read as ``-2,147,483,648``); a reform's effect on the
per-family sums is checked further by :mod:`openfisca_indonesia_sosial.reform.money`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping

import numpy as np
from openfisca_core.parameters import Parameter

from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.law.units import MONEY_UNIT, UNITS
from openfisca_indonesia_sosial.situations.checks import MAX_FAMILY_MEMBERS

#: Largest value an OpenFisca ``int`` variable holds (int32).
INT32_MAX = int(np.iinfo(np.int32).max)
#: Months of a year, each of which may pay a monthly amount into one yearly total.
MONTHS_PER_YEAR = 12
#: Largest rupiah amount of one parameter: paid every month, its yearly total still fits int32.
MAX_MONEY = INT32_MAX // MONTHS_PER_YEAR
#: Largest count of persons or families (a national quota): over three times the population.
MAX_HEADCOUNT = 1_000_000_000

#: Smallest and largest value of each unit counted in whole units.
UNIT_BOUNDS: dict[str, tuple[int, int]] = {
    MONEY_UNIT: (0, MAX_MONEY),
    "persons": (0, MAX_HEADCOUNT),
    "families": (0, MAX_HEADCOUNT),
    # a cap on members counted in one family: above the largest family it has no effect
    "members": (0, MAX_FAMILY_MEMBERS),
    "year": (0, 150),
    # months covered by one payment, months of a year
    "month": (0, MONTHS_PER_YEAR),
    "day": (0, 366),
    "decile": (0, 10),
    "month-of-year": (1, 12),
    "rank": (1, 100),
    # kilograms of rice per family and month
    "kg": (0, 1_000),
}
#: Units whose values are whole numbers (kept for callers that only need the units).
WHOLE_UNITS = {unit: low for unit, (low, _) in UNIT_BOUNDS.items()}
#: Units of decimal values and their range.
RANGES = {"/1": (0, 1), "percent": (0, 100)}
#: Parameters a formula divides by: 0 would make every amount 0 instead of failing.
DIVISORS = ("pkh.pembayaran.bulan_per_tahun", "pkh.pembayaran.pembulatan")

NUMBER_IN_TEXT = re.compile(r"^\s*(rp\.?)?\s*[\d.,\s]+\s*$", re.IGNORECASE)
SCIENTIFIC = re.compile(r"^\s*[-+]?\d+(\.\d*)?[eE][-+]?\d+\s*$")


def unit_words(unit: str | None) -> str:
    if unit is None:
        return "no unit"
    return f"{unit} ({UNITS[unit][1]})" if unit in UNITS else unit


def _number(value) -> str:
    """A number as a message shows it: digits grouped, huge integers abbreviated."""
    if isinstance(value, int) and not isinstance(value, bool):
        if abs(value) >= 10**30:
            return f"an integer of {len(str(abs(value)))} digits"
        return f"{value:,}"
    return shown(repr(value), 40)


def _text_hint(value: str) -> str:
    if NUMBER_IN_TEXT.match(value):
        digits = re.sub(r"\D", "", value)[:40]
        return f" (write the number without 'Rp', dots or commas: {digits})"
    if SCIENTIFIC.match(value):
        return " (YAML reads 1e30 as text; write every digit, e.g. 300000)"
    return ""


def _kind(value) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return shown(repr(value), 40)


def check_value(
    leaf: Parameter, unit: str | None, value, fail: Callable[[str], Exception], path: str = ""
):
    """The value to store, or raise ``fail(message)``. ``value`` may be ``{value:, unit:}``."""
    if isinstance(value, Mapping):
        extra = set(value) - {"value", "unit"}
        if "value" not in value or extra:
            raise fail("write a value alone, or as {value: ..., unit: ...}")
        given_unit = value.get("unit")
        if given_unit is not None and given_unit != unit:
            raise fail(
                f"the parameter is in {unit_words(unit)}, the reform gives "
                f"{shown(repr(given_unit), 40)}"
                + (" (write a rate as a fraction: 10% is 0.1)" if unit == "/1" else "")
            )
        value = value["value"]
    if value is None:
        return None
    current = next((v.value for v in reversed(leaf.values_list) if v.value is not None), None)
    if unit == "bool" or isinstance(current, bool):
        if not isinstance(value, bool):
            raise fail(f"expected true or false, got {_kind(value)}")
        return value
    if isinstance(value, bool):
        raise fail(f"expected a number, got {value!r}")
    if isinstance(value, str):
        raise fail(f"expected a number, got the text {shown(repr(value), 40)}{_text_hint(value)}")
    if not isinstance(value, int | float):
        raise fail(f"expected a number, got {_kind(value)}")
    if isinstance(value, float) and not math.isfinite(value):
        raise fail(f"expected a finite number, got {value!r}")
    whole = unit in UNIT_BOUNDS or (unit is None and isinstance(current, int))
    if whole and isinstance(value, float):
        what = "rupiah amounts" if unit == MONEY_UNIT else f"values in {unit_words(unit)}"
        hint = ""
        if abs(value) < 1e15 and (value.is_integer() or round(value * 1000) == value * 1000):
            hint = (
                f"; in YAML {value!r} is a decimal number: write whole numbers without a "
                f"thousands separator (Rp300.000 is 300000)"
            )
        raise fail(f"{what} are whole numbers, got {value!r}{hint}")
    if unit in UNIT_BOUNDS:
        low, high = UNIT_BOUNDS[unit]
        if path in DIVISORS:
            low = max(low, 1)
        if value < low:
            raise fail(f"a value in {unit_words(unit)} cannot be below {low}, got {_number(value)}")
        if value > high:
            raise fail(
                f"a value in {unit_words(unit)} is between {low:,} and {high:,}, got "
                f"{_number(value)}{_why(unit)}"
            )
    elif unit in RANGES:
        low, high = RANGES[unit]
        if not low <= value <= high:
            hint = " (write a rate as a fraction: 10% is 0.1)" if unit == "/1" else ""
            raise fail(
                f"a value in {unit_words(unit)} is between {low} and {high}, got "
                f"{_number(value)}{hint}"
            )
    elif isinstance(value, int) and abs(value) > INT32_MAX:
        raise fail(f"at most {INT32_MAX:,} in absolute value, got {_number(value)}")
    elif isinstance(value, float) and abs(value) > float(np.finfo(np.float32).max):
        raise fail(f"too large for a decimal parameter, got {_number(value)}")
    return value


def _why(unit: str) -> str:
    if unit == MONEY_UNIT:
        return (
            f" (amounts are held in 32-bit integers: {MONTHS_PER_YEAR} months of it must stay "
            f"below Rp {INT32_MAX:,})"
        )
    if unit == "members":
        return " (the largest family the package accepts)"
    return ""
