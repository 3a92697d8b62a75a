"""Calendar arithmetic on numpy date arrays, so formulas carry no calendar constants."""

from __future__ import annotations

from datetime import date

import numpy as np

_EPOCH_YEAR = 1970
#: ``tanggal_meninggal`` of a living person: later than any simulated period.
TANPA_TANGGAL_MENINGGAL = date(9999, 12, 31)
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


def urai_tanggal(tanggal: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``(year, month * 100 + day)`` of each date, so that an age on any day is two integer
    operations (see :func:`umur_dari_urai`)."""
    return tahun(tanggal), bulan(tanggal) * 100 + hari(tanggal)


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
