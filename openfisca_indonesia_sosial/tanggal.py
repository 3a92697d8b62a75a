"""Calendar arithmetic on numpy date arrays, so formulas carry no calendar constants."""

from __future__ import annotations

import numpy as np

_EPOCH_YEAR = 1970
_MONTHS_PER_YEAR = 12


def tahun(tanggal: np.ndarray) -> np.ndarray:
    """Calendar year of each date."""
    return tanggal.astype("datetime64[Y]").astype(np.int64) + _EPOCH_YEAR


def bulan(tanggal: np.ndarray) -> np.ndarray:
    """Month of the year (1-12) of each date."""
    return tanggal.astype("datetime64[M]").astype(np.int64) % _MONTHS_PER_YEAR + 1


def hari(tanggal: np.ndarray) -> np.ndarray:
    """Day of the month (1-31) of each date."""
    return (tanggal - tanggal.astype("datetime64[M]")).astype(np.int64) + 1


def umur_pada(tanggal_lahir: np.ndarray, year: int, month: int, day: int) -> np.ndarray:
    """Completed years of age on the given day (negative before birth)."""
    birthday_ahead = (bulan(tanggal_lahir) > month) | (
        (bulan(tanggal_lahir) == month) & (hari(tanggal_lahir) > day)
    )
    return year - tahun(tanggal_lahir) - birthday_ahead
