"""An independent, hand-written numpy computation of the 2024 rules of PKH, Program Sembako
and PBI-JK over a population folder (``individu.parquet``, ``keluarga.parquet``).

    python benchmarks/reference_kernel.py DIR      # prints the full-entitlement totals

It is written from the rules fact sheet (``indonesia-rules.md``) and the public contract,
not from the package's formulas, so that its totals are a second implementation to compare
with ``bansos simulate --year 2024 --full-entitlement`` (benchmarks/reference_check.py) and a
speed reference for the package. Where the fact sheet leaves a question open it follows the
reading the package documents (docs/programs/*.md); each such line says so.

Scope: full entitlement (no quota, no take-up) for the twelve months of 2024, inputs constant
over the year, as ``bansos population generate`` writes them. Inputs it does not model (month
columns, conditions, registry flags per person, deaths) are refused, never ignored.
"""

from __future__ import annotations

import math
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

YEAR = 2024

# Amounts and rules of 2024; the fact-sheet line each value comes from is beside it.
RULES = {
    # 1.2.2 "From 2019: amounts per component (annual index)", column 2020-04-01 ->
    # (latest seen: 2026); the same table every year from 2021 (Q6).
    "pkh_annual_index": {
        "anak_usia_dini": 3_000_000,  # "Anak usia dini 0-6 (balita/apras)"
        "sd": 900_000,  # "Anak SD/MI"
        "smp": 1_500_000,  # "Anak SMP/MTs"
        "sma": 2_000_000,  # "Anak SMA/MA"
        "disabilitas_berat": 2_400_000,  # "Penyandang disabilitas berat"
        "lanjut_usia": 2_400_000,  # "Lanjut usia"
        "ibu_hamil": 3_000_000,  # "Ibu hamil / nifas"
    },
    # 1.4 "Priority order when more than 4 people qualify": balita -> SD -> SMP -> SMA ->
    # disability -> elderly -> pregnancy (the listing order of pkh_annual_index above).
    "pkh_priority": (
        "anak_usia_dini",
        "sd",
        "smp",
        "sma",
        "disabilitas_berat",
        "lanjut_usia",
        "ibu_hamil",
    ),
    # 1.2.3 "2021 -> 2026: quarterly tahap paid in January, April, July and October; 1/4 of
    # the annual index per tahap".
    "pkh_tahap_months": (1, 4, 7, 10),
    "pkh_months_per_tahap": 3,
    # Rounding of a payment down to 1,000 rupiah from 2020-04 (the package's reading, from the
    # 166,000 monthly SMA amount of 1.2.2 "COVID monthly amounts"); quarters are exact anyway.
    "pkh_rounding": 1_000,
    # 1.4 counting rules
    "pkh_cap_family": 4,  # "Maximum components counted per family"
    "pkh_cap_children": 3,  # "Maximum children counted (early childhood + SD + SMP + SMA)"
    "pkh_cap_disabilitas": 4,  # "Maximum severe-disability members"
    "pkh_cap_lansia": 4,  # "Maximum elderly members"
    # "Early-childhood (balita) component counted up to the ... child: 2nd child"
    "pkh_max_birth_order_aud": 2,
    "pkh_max_pregnancy_order": 2,  # "Pregnancy counted up to the 2nd pregnancy"
    # 1.3 eligibility components
    "pkh_aud_max_age": 6,  # "Health component: ... child aged 0-6"
    "pkh_school_min_age": 6,  # "Education: out-of-school catch-up: child aged 6-21" (applied to
    "pkh_school_max_age": 21,  # every school level: the package's documented reading)
    "pkh_lansia_min_age": 60,  # "Social-welfare component: elderly, minimum age: 60"
    # Package's readings (docs/programs/pkh.md section 3): the post-partum window that splits
    # the current pregnancy from earlier ones (the fact sheet gives no length), and the age
    # under which an anggota_lain is read as a grandchild (registri.batas_umur_anak).
    "masa_nifas_days": 42,
    "cucu_max_age_exclusive": 18,
    # 2.2 "200,000 | 2020-03-01 | still 200,000 in 2026" per KPM per month
    "sembako_monthly": 200_000,
    # 3.2 "42,000 | 2019-08-01 | no change known (still 42,000 in 2026)" per member per month
    "pbi_monthly": 42_000,
}
# Registry in 2024 (1.3 "DTKS up to Q1 2025", 2.4 "in DTKS (to Q1 2025)", 3.3 "Data basis
# before 2025: DTKS"): every program reads the family's terdaftar_dtks.

SCHOOL_LEVELS = ("sd", "smp", "sma")
CHILD_COMPONENTS = ("anak_usia_dini", "sd", "smp", "sma")
PERSON_COLUMNS = {
    "id_individu",
    "id_keluarga",
    "peran",
    "tanggal_lahir",
    "jenis_kelamin",
    "nik",
    "hamil",
    "jenjang_pendidikan",
    "disabilitas_berat",
    "status_yatim_piatu",
}
FAMILY_COLUMNS = {
    "id_keluarga",
    "bobot",
    "provinsi",
    "perkotaan",
    "pengeluaran_per_kapita",
    "terdaftar_dtks",
    "desil_dtsen",
}
_DATE_OFFSET = 1 << 16  # days since 1970 made positive for births from 1791 on


def _check_columns(path: Path, allowed: set[str], required: set[str]) -> list[str]:
    names = pq.ParquetFile(path).schema_arrow.names
    unknown = sorted(set(names) - allowed)
    if unknown:
        raise ValueError(f"{path.name}: column(s) {unknown} are outside the kernel's scope")
    missing = sorted(required - set(names))
    if missing:
        raise ValueError(f"{path.name}: missing column(s) {missing}")
    return names


def _numpy(column: pa.ChunkedArray) -> np.ndarray:
    return column.combine_chunks().to_numpy(zero_copy_only=False)


def load(folder: str | Path) -> dict[str, np.ndarray]:
    """The arrays the rules read, persons restricted to families in DTKS (the only ones any of
    the three programs pays in 2024)."""
    folder = Path(folder)
    person_path, family_path = folder / "individu.parquet", folder / "keluarga.parquet"
    family_names = _check_columns(family_path, FAMILY_COLUMNS, {"id_keluarga", "terdaftar_dtks"})
    _check_columns(
        person_path,
        PERSON_COLUMNS,
        {"id_keluarga", "peran", "tanggal_lahir", "hamil", "jenjang_pendidikan"}
        | {"disabilitas_berat"},
    )
    wanted = ["id_keluarga", "terdaftar_dtks"] + (["bobot"] if "bobot" in family_names else [])
    families = pq.ParquetFile(family_path).read(columns=wanted)
    persons = pq.ParquetFile(person_path).read(
        columns=[
            "id_keluarga",
            "peran",
            "tanggal_lahir",
            "hamil",
            "jenjang_pendidikan",
            "disabilitas_berat",
        ],
    )
    family_of = pc.index_in(persons["id_keluarga"], value_set=families["id_keluarga"])
    if family_of.null_count:
        raise ValueError("individu.parquet: id_keluarga not in keluarga.parquet")
    family_of = _numpy(family_of).astype(np.int64)
    n_families = families.num_rows
    weights = (
        _numpy(families["bobot"]).astype(np.float64)
        if "bobot" in families.column_names
        else np.ones(n_families)
    )
    dtks = _numpy(families["terdaftar_dtks"]).astype(bool)
    keep = np.flatnonzero(dtks[family_of])
    take = pa.array(keep)
    level = persons["jenjang_pendidikan"].take(take)
    peran = persons["peran"].take(take)
    arrays = {
        "weights": weights,
        "dtks": dtks,
        "family": family_of[keep],
        "birth": _numpy(persons["tanggal_lahir"].take(take).cast(pa.int32())).astype(np.int64),
        "hamil": _numpy(persons["hamil"].take(take)).astype(bool),
        "disabilitas_berat": _numpy(persons["disabilitas_berat"].take(take)).astype(bool),
        "anak": _numpy(pc.equal(peran, "anak")).astype(bool),
        "anggota_lain": _numpy(pc.equal(peran, "anggota_lain")).astype(bool),
        "head_or_spouse": _numpy(
            pc.is_in(peran, value_set=pa.array(["kepala_keluarga", "pasangan"]))
        ).astype(bool),
    }
    for name in SCHOOL_LEVELS:
        arrays[name] = _numpy(pc.equal(level, name)).astype(bool)
    return arrays


def _first_day(month: int) -> int:
    return int(np.datetime64(f"{YEAR}-{month:02d}-01", "D").astype(np.int64))


class _Persons:
    """The DTKS persons sorted by family, then date of birth (eldest first), then file order;
    after the birth order, only those who may hold a PKH component in the year."""

    def __init__(self, a: dict[str, np.ndarray]):
        order = np.argsort((a["family"] << 17) | (a["birth"] + _DATE_OFFSET), kind="stable")
        self.family = a["family"][order]
        self.birth = a["birth"][order]
        for name in ("hamil", "disabilitas_berat", "anak", "anggota_lain", "head_or_spouse"):
            setattr(self, name, a[name][order])
        self.level = {name: a[name][order] for name in SCHOOL_LEVELS}
        # index of each family's first row, per row
        starts = np.flatnonzero(np.r_[True, self.family[1:] != self.family[:-1]])
        self.first_row = np.repeat(starts, np.diff(np.r_[starts, self.family.size]))
        days = self.birth.astype("datetime64[D]")
        months = days.astype("datetime64[M]")
        self.birth_year = days.astype("datetime64[Y]").astype(np.int64) + 1970
        self.birth_month = months.astype(np.int64) % 12 + 1
        self.birth_day = (days - months).astype(np.int64) + 1
        # birth order among the family's `anak` (eldest = 1)
        self.anak_rank = self.rank(self.anak) + 1
        # the family's `anak` by (family, date of birth), for the pregnancy order
        self.anak_key = (self.family[self.anak] << 17) | (self.birth[self.anak] + _DATE_OFFSET)
        # From here on only the members who may hold a component in some month of the year
        # (or rank among grandchildren): the young, the old, the pregnant, the disabled. The
        # birth order among `anak` was taken over all of them above.
        young = self.birth_year >= YEAR - RULES["pkh_school_max_age"] - 1
        old = self.birth_year <= YEAR - RULES["pkh_lansia_min_age"]
        keep = np.flatnonzero(young | old | self.hamil | self.disabilitas_berat)
        for name in [
            "family",
            "birth",
            "hamil",
            "disabilitas_berat",
            "anak",
            "anggota_lain",
            "head_or_spouse",
            "birth_year",
            "birth_month",
            "birth_day",
            "anak_rank",
        ]:
            setattr(self, name, getattr(self, name)[keep])
        self.level = {name: level[keep] for name, level in self.level.items()}
        starts = np.flatnonzero(np.r_[True, self.family[1:] != self.family[:-1]])
        self.first_row = np.repeat(starts, np.diff(np.r_[starts, self.family.size]))

    def rank(self, mask: np.ndarray) -> np.ndarray:
        running = np.cumsum(mask, dtype=np.int64)
        before = running - mask
        return before - before[self.first_row]

    def age(self, month: int) -> np.ndarray:
        """Completed years on the first day of ``month`` (negative before birth)."""
        not_yet = (month < self.birth_month) | ((month == self.birth_month) & (self.birth_day > 1))
        return YEAR - self.birth_year - not_yet


def pkh_tahap(p: _Persons, month: int) -> np.ndarray:
    """Each person's PKH amount in the tahap paid in ``month`` (0 for no counted component)."""
    r = RULES
    day = _first_day(month)
    born = p.birth <= day
    age = p.age(month)
    # birth order: `anak` among themselves, grandchildren (anggota_lain under 18) among
    # themselves, anyone else 1 (docs/programs/pkh.md section 3, the package's reading)
    cucu = p.anggota_lain & (age < r["cucu_max_age_exclusive"])
    birth_order = np.where(p.anak, p.anak_rank, np.where(cucu, p.rank(cucu) + 1, 1))
    # pregnancy order of a pregnant head or spouse: 1 + her `anak` born after her and before
    # the post-partum window; any other pregnant member 1
    pregnancy_order = np.ones(p.family.size, dtype=np.int64)
    mothers = np.flatnonzero(p.hamil & p.head_or_spouse)
    if mothers.size:
        key = p.family[mothers] << 17
        window = day - r["masa_nifas_days"] + _DATE_OFFSET
        earlier = np.searchsorted(p.anak_key, key | window, side="left")
        after_her = np.searchsorted(p.anak_key, key | (p.birth[mothers] + _DATE_OFFSET), "right")
        pregnancy_order[mothers] += np.maximum(earlier - after_her, 0)
    school_age = (age >= r["pkh_school_min_age"]) & (age <= r["pkh_school_max_age"])
    qualifies = {
        "anak_usia_dini": born
        & (age <= r["pkh_aud_max_age"])
        & (birth_order <= r["pkh_max_birth_order_aud"]),
        "disabilitas_berat": born & p.disabilitas_berat,
        "lanjut_usia": born & (age >= r["pkh_lansia_min_age"]),
        "ibu_hamil": born & p.hamil & (pregnancy_order <= r["pkh_max_pregnancy_order"]),
    }
    for name in SCHOOL_LEVELS:
        qualifies[name] = born & p.level[name] & school_age
    # one component per person: the highest annual index, ties to the better priority (1.4)
    index, priority = r["pkh_annual_index"], r["pkh_priority"]
    by_value = sorted(priority, key=lambda c: (-index[c], priority.index(c)))
    component = np.full(p.family.size, -1, dtype=np.int8)
    for name in by_value:
        component[(component < 0) & qualifies[name]] = priority.index(name)
    # the caps, member by member in priority order, eldest first within a component
    caps = {name: r["pkh_cap_children"] for name in CHILD_COMPONENTS}
    caps["disabilitas_berat"] = r["pkh_cap_disabilitas"]
    caps["lanjut_usia"] = r["pkh_cap_lansia"]
    group_used = {"anak": 0, "disabilitas_berat": 0, "lanjut_usia": 0, "ibu_hamil": 0}
    family_used = np.zeros(p.family.size, dtype=np.int64)  # passers so far, per row's family
    amount = np.zeros(p.family.size, dtype=np.int64)
    share = r["pkh_months_per_tahap"]
    for rank, name in enumerate(priority):
        group = "anak" if name in CHILD_COMPONENTS else name
        candidate = component == rank
        if not candidate.any():
            continue
        in_group = group_used[group] + p.rank(candidate)
        passes = candidate
        if name in caps:
            passes = candidate & (in_group < caps[name])
        counted = passes & (family_used + p.rank(passes) < r["pkh_cap_family"])
        quarter = index[name] * share // 12 // r["pkh_rounding"] * r["pkh_rounding"]
        amount[counted] = quarter
        # later components see this one's members in the group and family counts
        group_used[group] = group_used[group] + _family_total(p, candidate)
        family_used = family_used + _family_total(p, passes)
    return amount


def _family_total(p: _Persons, mask: np.ndarray) -> np.ndarray:
    """Per row, the number of rows of ``mask`` in its family."""
    totals = np.bincount(p.family[mask], minlength=int(p.family.max()) + 1)
    return totals[p.family]


def _months_born(birth: np.ndarray) -> np.ndarray:
    """Months of the year whose first day is on or after the birth date."""
    first_days = np.array([_first_day(m) for m in range(1, 13)])
    return 12 - np.searchsorted(first_days, birth, side="left")


def weighted_rupiah(amounts: np.ndarray, weights: np.ndarray) -> int:
    """sum(amounts x weights) to the rupiah: whole rupiah times the integer part of each weight
    in int64, the fractional parts summed without loss of precision (fsum), then rounded."""
    amounts = amounts.astype(np.int64)
    whole = np.floor(weights)
    exact = int((amounts * whole.astype(np.int64)).sum(dtype=np.int64))
    rest = math.fsum((amounts.astype(np.float64) * (weights - whole)).tolist())
    return exact + round(rest)


def family_amounts(folder: str | Path) -> dict[str, np.ndarray]:
    """Each family's full-entitlement amounts of 2024 (rows of keluarga.parquet), its weight,
    and per person (DTKS families only) the PBI-JK amount and the person's family row."""
    a = load(folder)
    n_families = a["dtks"].size
    p = _Persons(a)
    pkh_person = sum(pkh_tahap(p, m) for m in RULES["pkh_tahap_months"])
    pbi_person = _months_born(a["birth"]) * RULES["pbi_monthly"]
    return {
        "weights": a["weights"],
        "pkh": np.bincount(p.family, weights=pkh_person, minlength=n_families).astype(np.int64),
        "sembako": np.where(a["dtks"], 12 * RULES["sembako_monthly"], 0).astype(np.int64),
        "pbi_jk": np.bincount(a["family"], weights=pbi_person, minlength=n_families).astype(
            np.int64
        ),
        "pbi_jk_person": pbi_person,
        "person_family": a["family"],
    }


def compute(folder: str | Path) -> dict[str, dict[str, int | float]]:
    """Full-entitlement totals of 2024: cost in rupiah and the weighted units paid in the year."""
    f = family_amounts(folder)
    weights = f["weights"]
    person_weights = weights[f["person_family"]]
    pbi_person = f["pbi_jk_person"]
    return {
        "pkh": {
            "cost_idr": weighted_rupiah(f["pkh"], weights),
            "recipient_families_year": float(weights[f["pkh"] > 0].sum()),
        },
        "sembako": {
            "cost_idr": weighted_rupiah(f["sembako"], weights),
            "recipient_families_year": float(weights[f["sembako"] > 0].sum()),
        },
        "pbi_jk": {
            "cost_idr": weighted_rupiah(pbi_person, person_weights),
            "recipient_persons_year": float(person_weights[pbi_person > 0].sum()),
        },
    }


def main() -> None:
    if len(sys.argv) != 2:
        sys.exit("usage: python benchmarks/reference_kernel.py POPULATION_DIR")
    start = time.perf_counter()
    totals = compute(sys.argv[1])
    seconds = time.perf_counter() - start
    for program, figures in totals.items():
        print(f"{program:8s} cost_idr {figures['cost_idr']:>22,d}")
    print(f"kernel: {seconds:.2f} s (reading Parquet included)")


if __name__ == "__main__":
    main()
