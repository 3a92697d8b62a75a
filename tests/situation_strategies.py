"""Hypothesis pieces shared by the property tests that build OpenFisca situations: a value
for each month of a year, and a family's registry inputs (DTKS listing, DTSEN decile)."""

from __future__ import annotations

from hypothesis import strategies as st

MONTHS = range(1, 13)


def month_periods(year: int) -> list[str]:
    return [f"{year}-{month:02d}" for month in MONTHS]


def monthly(draw, year: int, values) -> dict[str, object]:
    """``{'YYYY-MM': value}`` for the twelve months, each value drawn from ``values``."""
    drawn = draw(st.lists(values, min_size=12, max_size=12))
    return dict(zip(month_periods(year), drawn, strict=True))


def registry_inputs(draw, year: int) -> dict[str, dict]:
    """A family's registry inputs month by month: listed in DTKS or not, DTSEN decile 0-10."""
    return {
        "terdaftar_dtks": monthly(draw, year, st.booleans()),
        "desil_dtsen": monthly(draw, year, st.integers(0, 10)),
    }
