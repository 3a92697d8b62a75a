"""The months in which each program pays in a year, read from the rules, not from the data.

The headline recipients of a program are the average, over these months, of the units paid
more than Rp 0 in the month: the way the ministry reports KPM per payment round. A month is a
payment month when the program's own schedule or amount parameter pays something in it:

- PKH: a tahap month, ``pkh.pembayaran.bulan_tercakup.<month>`` above 0 (2020 also has its
  monthly payments of April-June);
- Program Sembako: ``sembako.nilai_bulanan`` above 0 (the programme starts in February 2017);
- the top-ups (``bantuan_tambahan``): a month in which any of their monthly amounts
  (``bantuan_tambahan.<top-up>.nilai_bulanan``) is above 0;
- PBI-JK: ``pbi_jk.iuran_bulanan`` above 0;
- ATENSI: ``atensi.berlaku`` (ATENSI in force);
- a program without a schedule in the law (a structural reform's new program): every month.

Each scenario reads its own system, so a reform that moves a schedule moves its months.
"""

from __future__ import annotations

from openfisca_indonesia_sosial.law.tanggal import NAMA_BULAN
from openfisca_indonesia_sosial.programs import BY_KEY
from openfisca_indonesia_sosial.simulation.parameters import parameter_at

MONTHS = tuple(range(1, 13))


def _positive(system, path: str, instant: str) -> bool:
    value = parameter_at(system, path, instant)
    return value is not None and float(value) > 0


def _pkh(system, instant: str, month: int) -> bool:
    return _positive(system, f"pkh.pembayaran.bulan_tercakup.{NAMA_BULAN[month - 1]}", instant)


def _top_ups(system, instant: str, _month: int) -> bool:
    return any(
        _positive(system, f"bantuan_tambahan.{name}.nilai_bulanan", instant)
        for name, _ in BY_KEY["bantuan_tambahan"].components
    )


SCHEDULES = {
    "pkh": _pkh,
    "sembako": lambda system, instant, _m: _positive(system, "sembako.nilai_bulanan", instant),
    "bantuan_tambahan": _top_ups,
    "pbi_jk": lambda system, instant, _m: _positive(system, "pbi_jk.iuran_bulanan", instant),
    "atensi": lambda system, instant, _m: bool(parameter_at(system, "atensi.berlaku", instant)),
}


def payment_months(system, program_key: str, year: int) -> tuple[int, ...]:
    """The months (1-12) of ``year`` in which ``program_key`` pays under ``system``'s rules."""
    schedule = SCHEDULES.get(program_key)
    if schedule is None:
        return MONTHS
    return tuple(m for m in MONTHS if schedule(system, f"{year}-{m:02d}-01", m))
