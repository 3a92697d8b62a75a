"""Calendar arithmetic on numpy date arrays, so formulas carry no calendar constants."""

from __future__ import annotations

from datetime import date

import numpy as np

#: ``tanggal_meninggal`` of a living person: later than any simulated period.
TANPA_TANGGAL_MENINGGAL = date(9999, 12, 31)
_MONTHS_PER_YEAR = 12


# The proleptic Gregorian calendar in whole days (H. Hinnant, "chrono-compatible low-level
# date algorithms", civil_from_days). Days are counted from 1 March of year 0, so a leap day
# is the last day of its year and of its 400-year era, and from March every five months
# have 153 days.
_DAYS_0000_03_01_TO_EPOCH = 719_468
_DAYS_PER_ERA = 146_097  # 400 years
_DAYS_PER_4_YEARS = 1_460  # 4 x 365: minus one day each 4 years for the leap day
_DAYS_PER_100_YEARS = 36_524
_YEARS_PER_ERA = 400
_DAYS_PER_YEAR = 365
_DAYS_PER_5_MONTHS = 153  # March to July, or August to December
_MARCH = 3


def _tahun_bulan_hari(tanggal: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Year, month (1-12) and day (1-31) of each date, in integer arithmetic: the values of
    numpy's ``datetime64[Y]``/``[M]`` conversions (tested day by day), at about a third of
    their cost (12 instead of 34 ms per 300,000 dates). Dates are whole days
    (``datetime64[D]``), never NaT (validated inputs)."""
    z = tanggal.astype("datetime64[D]").astype(np.int64) + _DAYS_0000_03_01_TO_EPOCH
    era = z // _DAYS_PER_ERA  # floor division: dates before year 0 work too
    day_of_era = z - era * _DAYS_PER_ERA
    year_of_era = (
        day_of_era
        - day_of_era // _DAYS_PER_4_YEARS
        + day_of_era // _DAYS_PER_100_YEARS
        - day_of_era // (_DAYS_PER_ERA - 1)
    ) // _DAYS_PER_YEAR
    day_of_year = day_of_era - (
        _DAYS_PER_YEAR * year_of_era + year_of_era // 4 - year_of_era // 100
    )
    month_from_march = (5 * day_of_year + 2) // _DAYS_PER_5_MONTHS
    day = day_of_year - (_DAYS_PER_5_MONTHS * month_from_march + 2) // 5 + 1
    month = month_from_march + np.where(
        month_from_march < _MONTHS_PER_YEAR - 2, _MARCH, _MARCH - _MONTHS_PER_YEAR
    )
    year = year_of_era + era * _YEARS_PER_ERA + (month < _MARCH)
    return year, month, day


def tahun(tanggal: np.ndarray) -> np.ndarray:
    """Calendar year of each date."""
    return _tahun_bulan_hari(tanggal)[0]


def bulan(tanggal: np.ndarray) -> np.ndarray:
    """Month of the year (1-12) of each date."""
    return _tahun_bulan_hari(tanggal)[1]


def hari(tanggal: np.ndarray) -> np.ndarray:
    """Day of the month (1-31) of each date."""
    return _tahun_bulan_hari(tanggal)[2]


def umur_pada(tanggal_lahir: np.ndarray, year: int, month: int, day: int) -> np.ndarray:
    """Completed years of age on the given day (negative before birth)."""
    born_year, born_month, born_day = _tahun_bulan_hari(tanggal_lahir)
    birthday_ahead = (born_month > month) | ((born_month == month) & (born_day > day))
    return year - born_year - birthday_ahead


def urai_tanggal(tanggal: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(year, month * 100 + day)`` of each date, so that an age on any day is two integer
    operations (see :func:`umur_dari_urai`)."""
    year, month, day = _tahun_bulan_hari(tanggal)
    return year, month * 100 + day


def umur_dari_urai(
    tahun_lahir: np.ndarray, bulan_hari_lahir: np.ndarray, year: int, month: int, day: int
) -> np.ndarray:
    """:func:`umur_pada` from :func:`urai_tanggal`'s parts: identical results."""
    return year - tahun_lahir - (bulan_hari_lahir > month * 100 + day)


def tanggal_lahir_terurai(individu, period) -> tuple[np.ndarray, np.ndarray]:
    """:func:`urai_tanggal` of ``tanggal_lahir`` (ETERNITY), computed once per simulation
    and kept on the population instead of being recomputed every month."""
    tanggal_lahir = individu("tanggal_lahir", period)
    cached = getattr(individu, "bansos_tanggal_lahir", None)
    if cached is not None and cached[0] is tanggal_lahir:
        return cached[1]
    parts = urai_tanggal(tanggal_lahir)
    individu.bansos_tanggal_lahir = (tanggal_lahir, parts)
    return parts


#: Indonesian names of the calendar months, January first (parameter keys such as
#: ``pkh.pembayaran.bulan_tercakup.januari``).
NAMA_BULAN = (
    "januari",
    "februari",
    "maret",
    "april",
    "mei",
    "juni",
    "juli",
    "agustus",
    "september",
    "oktober",
    "november",
    "desember",
)
