"""The unit vocabulary, declared once.

Every parameter leaf and every variable with a unit names one of these keys. Labels are
used by the documentation site and the explanations (Indonesian first, English beside).
"""

from __future__ import annotations

UNITS: dict[str, tuple[str, str]] = {
    "currency-IDR": ("rupiah", "rupiah"),
    "year": ("tahun", "years"),
    "month": ("bulan", "months"),
    "day": ("hari", "days"),
    "month-of-year": ("bulan ke- (1 = Januari)", "month of the year (1 = January)"),
    "decile": ("desil DTSEN (1 = termiskin)", "DTSEN decile (1 = poorest)"),
    "percent": ("persen", "percent"),
    "/1": ("rasio", "ratio"),
    "persons": ("jiwa", "persons"),
    "families": ("keluarga", "families"),
    "members": ("anggota keluarga", "family members"),
    "kg": ("kilogram", "kilograms"),
    "rank": ("urutan prioritas (1 = pertama)", "priority rank (1 = first)"),
    "bool": ("ya/tidak", "yes/no"),
}

#: Money is integer rupiah everywhere: OpenFisca floats are float32, which cannot hold every
#: rupiah above 16,777,216; national totals are summed in 64 bits (metrics/exact.py).
MONEY_UNIT = "currency-IDR"
