"""The calendar helpers of the age rules (law/tanggal.py) against numpy's own calendar."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from openfisca_indonesia_sosial.law.tanggal import (
    bulan,
    hari,
    tahun,
    umur_dari_urai,
    umur_pada,
    urai_tanggal,
)


def _numpy_parts(dates):
    """Year, month and day as numpy's datetime64 unit conversions give them."""
    months = dates.astype("datetime64[M]")
    year = dates.astype("datetime64[Y]").astype(np.int64) + 1970
    month = months.astype(np.int64) % 12 + 1
    day = (dates - months).astype(np.int64) + 1
    return year, month, day


def test_every_day_of_eight_centuries_has_numpys_year_month_and_day():
    # every leap rule is crossed: 1700, 1800, 1900, 2100 (no leap day) and 1600, 2000, 2400
    dates = np.arange(
        np.datetime64("1600-01-01"), np.datetime64("2401-01-01"), dtype="datetime64[D]"
    )
    year, month, day = _numpy_parts(dates)
    np.testing.assert_array_equal(tahun(dates), year)
    np.testing.assert_array_equal(bulan(dates), month)
    np.testing.assert_array_equal(hari(dates), day)
    parts = urai_tanggal(dates)
    np.testing.assert_array_equal(parts[0], year)
    np.testing.assert_array_equal(parts[1], month * 100 + day)


def test_known_days():
    dates = np.array(["2024-02-29", "1900-02-28", "1900-03-01", "1969-12-31"], "datetime64[D]")
    assert tahun(dates).tolist() == [2024, 1900, 1900, 1969]
    assert bulan(dates).tolist() == [2, 2, 3, 12]
    assert hari(dates).tolist() == [29, 28, 1, 31]


@given(
    st.lists(st.integers(-800_000, 800_000), min_size=1, max_size=50),
    st.integers(1800, 2200),
    st.integers(1, 12),
    st.integers(1, 28),
)
def test_ages_from_the_parts_are_the_ages_on_the_day(days, year, month, day):
    # any day from about 220 years before 1970 to 220 after, including dates before 1900
    dates = np.array(days, dtype="datetime64[D]")
    np.testing.assert_array_equal(tahun(dates), _numpy_parts(dates)[0])
    expected = umur_pada(dates, year, month, day)
    # completed years: the birthday of this year has passed (or is today)
    y, m, d = _numpy_parts(dates)
    ahead = (m > month) | ((m == month) & (d > day))
    np.testing.assert_array_equal(expected, year - y - ahead)
    np.testing.assert_array_equal(umur_dari_urai(*urai_tanggal(dates), year, month, day), expected)
