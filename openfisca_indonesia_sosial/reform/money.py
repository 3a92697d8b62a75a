"""Whether a reform keeps every per-family and per-person amount inside 32-bit integers.

OpenFisca ``int`` variables are int32: an amount above Rp 2,147,483,647 wraps to a negative
one (a Sembako of Rp 2,147,483,648 a month reads as -2,147,483,648) or to 0 (2**63), and the
national totals built on it are silently wrong. :mod:`~openfisca_indonesia_sosial.reform.values`
bounds each rupiah value; a value within that bound can still overflow where the formulas
multiply or add amounts: PKH adds one component per member and the monthly amount of every
member who is a victim of serious human-rights violations, over a family of up to
:data:`FAMILY` members (the caps on components may be lifted by a reform); ATENSI pays a daily
amount for every day of the month.

So every reform is checked against the largest yearly total each int32 money variable could
reach: for each year in which any value it reads changes (law or reform) and the year after,
the twelve months are added with every amount at its reformed value, every family of the
largest accepted size and every member qualifying. A reform that could exceed
:data:`INT32_MAX` is refused, naming its first change that the total reads. The bound is an
upper bound (no rounding down, every program at once), so it never lets a wrap through; with the
law's values the largest total (PKH, Rp 1.4 billion a year for 100 victims) is two thirds of it.

Every rupiah parameter of the package is read by one of :data:`TOTALS` or listed in
:data:`NOT_SUMMED`; one that is neither (a rule added later) is held to the strictest bound: paid
to every member of the largest family every month.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction

from openfisca_indonesia_sosial.law.tanggal import NAMA_BULAN
from openfisca_indonesia_sosial.law.units import MONEY_UNIT
from openfisca_indonesia_sosial.reform.values import INT32_MAX, MONTHS_PER_YEAR
from openfisca_indonesia_sosial.situations.checks import MAX_FAMILY_MEMBERS

#: Members of the largest family the package accepts (each may count for PKH).
FAMILY = MAX_FAMILY_MEMBERS
#: Rupiah parameters that are never paid or added: thresholds compared with an income (in
#: float64) and the rounding step of PKH amounts.
NOT_SUMMED = ("kemiskinan.garis_kemiskinan.", "pkh.pembayaran.pembulatan")


class Values:
    """Parameter values as the reformed system has them, without building it."""

    def __init__(self, leaves: dict, changes: Iterable[tuple[str, str, object]]) -> None:
        self.leaves = leaves
        self.changes: dict[str, list[tuple[str, object]]] = {}
        for path, date, value in changes:
            self.changes.setdefault(path, []).append((date, value))
        for dated in self.changes.values():
            dated.sort(key=lambda item: item[0])

    def __call__(self, path: str, day: str):
        dated = self.changes.get(path)
        if dated and dated[0][0] <= day:
            value = [value for date, value in dated if date <= day][-1]
        else:
            leaf = self.leaves.get(path)
            at = [v for v in leaf.values_list if v.instant_str <= day] if leaf else []
            value = max(at, key=lambda v: v.instant_str).value if at else None
        return 0 if value is None or isinstance(value, bool) else value

    def under(self, prefix: str, day: str) -> list:
        return [self(path, day) for path in self.leaves if path.startswith(prefix)] or [0]

    def dates(self, paths: Iterable[str]) -> set[str]:
        found = set()
        for path in paths:
            leaf = self.leaves.get(path)
            if leaf is not None:
                found.update(v.instant_str for v in leaf.values_list)
            found.update(date for date, _ in self.changes.get(path, ()))
        return found


@dataclass(frozen=True)
class Total:
    """An int32 money variable holding a yearly total, and its largest amount in a month."""

    variable: str
    who: str
    reads: tuple[str, ...]  # parameter paths, or prefixes ending with "."
    month: Callable[[Values, str, int], Fraction | int]


def _pkh(v: Values, day: str, month: int):
    covered = v(f"pkh.pembayaran.bulan_tercakup.{NAMA_BULAN[month - 1]}", day)
    share = Fraction(covered, max(v("pkh.pembayaran.bulan_per_tahun", day), 1))
    fixed = 0
    if month == v("pkh.bantuan_tetap.bulan_pembayaran", day):
        fixed = max(v("pkh.bantuan_tetap.akses", day), v("pkh.bantuan_tetap.reguler", day))
    return (
        v("pkh.bantuan_flat_tahunan", day) * share
        + FAMILY * max(v.under("pkh.indeks.", day)) * share
        + fixed
        + FAMILY * v("pkh.korban_pelanggaran_ham_berat.bantuan_bulanan", day)
    )


def _atensi(v: Values, day: str, month: int):
    days = (datetime.date.fromisoformat(day) + datetime.timedelta(days=31)).replace(day=1)
    days = (days - datetime.date.fromisoformat(day)).days
    return (
        v("atensi.yapi.bantuan_bulanan", day)
        + v("atensi.sembako.bantuan_tahunan", day) // MONTHS_PER_YEAR
        + max(v.under("atensi.permakanan.harian_", day)) * days
    )


TOTALS = (
    Total(
        "pkh_bantuan_tahunan",
        f"a family of {FAMILY} members",
        (
            "pkh.pembayaran.bulan_tercakup.",
            "pkh.pembayaran.bulan_per_tahun",
            "pkh.bantuan_tetap.",
            "pkh.bantuan_flat_tahunan",
            "pkh.indeks.",
            "pkh.korban_pelanggaran_ham_berat.bantuan_bulanan",
        ),
        _pkh,
    ),
    Total(
        "sembako_bantuan_tahunan",
        "a family",
        ("sembako.nilai_bulanan",),
        lambda v, day, month: v("sembako.nilai_bulanan", day),
    ),
    Total(
        "bantuan_tambahan_tahunan",
        "a family",
        ("bantuan_tambahan.",),
        lambda v, day, month: sum(
            v(path, day)
            for path in v.leaves
            if path.startswith("bantuan_tambahan.") and path.endswith(".nilai_bulanan")
        ),
    ),
    Total(
        "pbi_jk_iuran_tahunan",
        "a person",
        ("pbi_jk.iuran_bulanan",),
        lambda v, day, month: v("pbi_jk.iuran_bulanan", day),
    ),
    Total(
        "pbpu_kelas_3_bantuan_iuran_tahunan",
        "a person",
        ("pbi_jk.pbpu_kelas_3.bantuan_iuran_pemerintah",),
        lambda v, day, month: v("pbi_jk.pbpu_kelas_3.bantuan_iuran_pemerintah", day),
    ),
    Total(
        "atensi_bantuan_tunai_tahunan",
        "a person",
        ("atensi.yapi.bantuan_bulanan", "atensi.sembako.bantuan_tahunan", "atensi.permakanan."),
        _atensi,
    ),
)


def _reads(prefixes: Iterable[str], path: str) -> bool:
    return any(path == p or (p.endswith(".") and path.startswith(p)) for p in prefixes)


def unclassified(units: dict[str, str | None]) -> list[str]:
    """Rupiah parameters no total reads and not listed as never summed."""
    return [
        path
        for path, unit in units.items()
        if unit == MONEY_UNIT
        and not _reads(NOT_SUMMED, path)
        and not any(_reads(total.reads, path) for total in TOTALS)
    ]


def _years(dates: set[str]) -> list[int]:
    years = {int(date[:4]) for date in dates}
    return sorted(years | {year + 1 for year in years})


def overflow(leaves: dict, units: dict, changes) -> tuple[str, str] | None:
    """The first change (path, message) that lets a yearly total exceed int32, or None."""
    changes = list(changes)
    values = Values(leaves, changes)
    for path, _, value in changes:
        if path in unclassified(units) and isinstance(value, int):
            largest = value * FAMILY * MONTHS_PER_YEAR
            if largest > INT32_MAX:
                return path, (
                    f"a rupiah amount paid to each of {FAMILY} members every month could reach "
                    f"Rp {largest:,} a year, more than the Rp {INT32_MAX:,} an amount can hold"
                )
    for total in TOTALS:
        changed = [path for path, _, _ in changes if _reads(total.reads, path)]
        if not changed:
            continue
        paths = [path for path in leaves if _reads(total.reads, path)]
        for year in _years(values.dates(paths)):
            amount = sum(
                total.month(values, f"{year:04d}-{month:02d}-01", month)
                for month in range(1, MONTHS_PER_YEAR + 1)
            )
            if amount > INT32_MAX:
                return changed[0], (
                    f"with this reform {total.variable} could reach Rp {int(amount):,} in "
                    f"{year} for {total.who}, more than the Rp {INT32_MAX:,} an amount can "
                    f"hold (32-bit integers); choose smaller amounts"
                )
    return None
