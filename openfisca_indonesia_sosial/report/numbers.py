"""How figures are written in the reports: units on every count, intervals in brackets.

Numbers follow the English convention the docs use (comma thousands, point decimals).
"""

from __future__ import annotations

MILLION = 1e6
TRILLION = 1e12


def millions(value: float, unit: str | None = None, digits: int = 2) -> str:
    text = f"{value / MILLION:,.{digits}f} jt"
    return f"{text} {unit}" if unit else text


def trillions(value: float, digits: int = 2) -> str:
    return f"Rp {value / TRILLION:,.{digits}f} T"


def signed(value: float, digits: int = 2) -> str:
    # a true zero shows as 0.00, not -0.00
    if round(value, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{value:+,.{digits}f}"


def bracket(low: float, high: float, digits: int = 2, sign: bool = False) -> str:
    fmt = signed if sign else (lambda v, d: f"{v:,.{d}f}")
    return f"[{fmt(low, digits)}; {fmt(high, digits)}]"


def informative(ci95) -> bool:
    """Whether an interval says anything: an exact zero change (the same in both paired
    scenarios) has the interval [0; 0], which is left out."""
    return ci95 is not None and not (ci95[0] == 0 and ci95[1] == 0)


def with_interval(
    value: float,
    ci95: tuple[float, float] | None,
    scale: float = 1.0,
    digits: int = 2,
    sign: bool = False,
    suffix: str = "",
) -> str:
    """``12.34 [12.01; 12.70]`` (the value and its interval, both divided by ``scale``)."""
    text = signed(value / scale, digits) if sign else f"{value / scale:,.{digits}f}"
    text += suffix
    if informative(ci95):
        text += " " + bracket(ci95[0] / scale, ci95[1] / scale, digits, sign)
    return text


def percent(value: float, digits: int = 1) -> str:
    return f"{value * 100:.{digits}f} %"


def points(value: float, digits: int = 2) -> str:
    """A change of a rate, in percentage points."""
    return f"{signed(value * 100, digits)} pp"
