"""A second implementation as a correctness test: the hand-written numpy kernel of the 2024
rules (benchmarks/reference_kernel.py, written from the fact sheet, not from the package's
formulas) must give the package's full-entitlement amounts to the rupiah: national totals on a
generated population, and family by family on hand-made edge cases."""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from openfisca_indonesia_sosial import hitung_tabel
from openfisca_indonesia_sosial.data import load_population
from openfisca_indonesia_sosial.microsim import Microsimulation
from openfisca_indonesia_sosial.synthetic import write

KERNEL_PATH = Path(__file__).resolve().parents[2] / "benchmarks" / "reference_kernel.py"
YEARLY = {
    "pkh": "pkh_bantuan_tahunan",
    "sembako": "sembako_bantuan_tahunan",
    "pbi_jk": "pbi_jk_iuran_tahunan",
}


@pytest.fixture(scope="module")
def kernel():
    spec = importlib.util.spec_from_file_location("reference_kernel", KERNEL_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kernel_totals_equal_package_full_entitlement(tmp_path, kernel):
    folder = write(tmp_path / "pop", 2024, 20_000, seed=7)
    totals = kernel.compute(folder)
    population, report = load_population(folder, year=2024)
    assert report.ok  # the kernel rejects nothing: the same records on both sides
    run = Microsimulation(population, full_entitlement=True, replicates=0).run()
    programs = run.summary()["scenarios"]["baseline"]["programs"]
    for name in YEARLY:
        assert totals[name]["cost_idr"] > 0
        assert totals[name]["cost_idr"] == programs[name]["cost_idr"], name


D = date
# (family id, in DTKS, members as (role, date of birth, inputs other than the defaults))
HAND_FAMILIES = [
    # four elderly and a pupil at SD: SD comes before the elderly (fact sheet 1.4), the pupil
    # takes a slot and one elderly drops out: 4 x (225,000 + 3 x 600,000)
    (1, True, [("kepala_keluarga", D(1950, 1, 1), {}), ("pasangan", D(1952, 1, 1), {}),
               ("anggota_lain", D(1940, 1, 1), {}), ("anggota_lain", D(1941, 1, 1), {}),
               ("anak", D(2015, 1, 1), {"jenjang_pendidikan": "sd"})]),
    # not in DTKS: nothing
    (2, False, [("kepala_keluarga", D(1950, 1, 1), {})]),
    # a baby born on 10 March: early childhood from the April tahap, PBI from April
    (3, True, [("kepala_keluarga", D(1995, 5, 5), {}), ("anak", D(2024, 3, 10), {})]),
    # twins as 2nd and 3rd child: only the 2nd child counts as early childhood
    (4, True, [("kepala_keluarga", D(1985, 1, 1), {}), ("pasangan", D(1987, 1, 1), {}),
               ("anak", D(2016, 2, 2), {"jenjang_pendidikan": "sd"}),
               ("anak", D(2020, 5, 5), {}), ("anak", D(2020, 5, 5), {})]),
    # a pregnant daughter (pregnancy order 1) and an elderly head
    (5, True, [("kepala_keluarga", D(1960, 1, 1), {}),
               ("anggota_lain", D(2000, 1, 1), {"hamil": True})]),
    # three toddler grandchildren: two early-childhood components
    (6, True, [("kepala_keluarga", D(1958, 1, 1), {}), ("anggota_lain", D(2019, 1, 1), {}),
               ("anggota_lain", D(2020, 1, 1), {}), ("anggota_lain", D(2021, 1, 1), {})]),
    # a third pregnancy: not counted
    (7, True, [("kepala_keluarga", D(1988, 1, 1), {}),
               ("pasangan", D(1990, 1, 1), {"hamil": True}),
               ("anak", D(2015, 1, 1), {}), ("anak", D(2018, 6, 1), {})]),
    # post-partum: the March baby is the current pregnancy until the window has passed
    (8, True, [("kepala_keluarga", D(1988, 1, 1), {}),
               ("pasangan", D(1992, 1, 1), {"hamil": True}),
               ("anak", D(2016, 1, 1), {}), ("anak", D(2024, 3, 20), {})]),
    # elderly from the tahap of the month whose first day he is 60 on
    (9, True, [("kepala_keluarga", D(1964, 7, 1), {})]),
    (10, True, [("kepala_keluarga", D(1964, 7, 2), {})]),
    # age 6 at SD (early childhood is higher), SMA at 22 (too old) and at 21
    (11, True, [("kepala_keluarga", D(1980, 1, 1), {}),
                ("anak", D(2017, 9, 1), {"jenjang_pendidikan": "sd"}),
                ("anak", D(2002, 6, 1), {"jenjang_pendidikan": "sma"}),
                ("anak", D(2003, 6, 1), {"jenjang_pendidikan": "sma"})]),
    # five severely disabled (one pregnant, one elderly): cap of 4 fills before pregnancy
    (12, True, [("kepala_keluarga", D(1950, 1, 1), {"disabilitas_berat": True}),
                ("pasangan", D(1990, 1, 1), {"hamil": True, "disabilitas_berat": True}),
                ("anggota_lain", D(1970, 1, 1), {"disabilitas_berat": True}),
                ("anggota_lain", D(1971, 1, 1), {"disabilitas_berat": True}),
                ("anggota_lain", D(1972, 1, 1), {"disabilitas_berat": True})]),
    # five pupils: three children counted, lower levels first, older first within a level
    (13, True, [("kepala_keluarga", D(1980, 1, 1), {}),
                ("anak", D(2008, 1, 1), {"jenjang_pendidikan": "sma"}),
                ("anak", D(2010, 1, 1), {"jenjang_pendidikan": "smp"}),
                ("anak", D(2013, 1, 1), {"jenjang_pendidikan": "sd"}),
                ("anak", D(2014, 1, 1), {"jenjang_pendidikan": "sd"}),
                ("anak", D(2007, 1, 1), {"jenjang_pendidikan": "sma"})]),
    # a toddler after two adult siblings: third child, no component
    (14, True, [("kepala_keluarga", D(1970, 1, 1), {}), ("anak", D(2000, 1, 1), {}),
                ("anak", D(2002, 1, 1), {}), ("anak", D(2020, 1, 1), {})]),
    # a grandchild turning 18 in March leaves the grandchildren; the younger ones move up
    (15, True, [("kepala_keluarga", D(1990, 1, 1), {}), ("anak", D(2018, 2, 28), {}),
                ("anggota_lain", D(2006, 3, 15), {}), ("anggota_lain", D(2019, 3, 1), {}),
                ("anggota_lain", D(2020, 3, 1), {})]),
    # turning 7 around the new year; PAUD is no school level of PKH
    (16, True, [("kepala_keluarga", D(1990, 1, 1), {}), ("anak", D(2017, 12, 31), {}),
                ("anak", D(2018, 1, 1), {}),
                ("anak", D(2017, 10, 1), {"jenjang_pendidikan": "paud"})]),
    # a pregnant head with an `anak` older than herself (not her child) and a baby of December
    (17, True, [("kepala_keluarga", D(2000, 1, 1), {"hamil": True}),
                ("anak", D(1999, 1, 1), {}), ("anak", D(2023, 12, 1), {})]),
]  # fmt: skip
# A member flagged severely disabled for the year, but born on 1 August 2024: before birth he
# is no family member (fact sheet 1.3 counts persons); the kernel pays early childhood in the
# October tahap only (750,000), the package also pays disability in January, April and July.
UNBORN_DISABLED = [
    (18, True, [("kepala_keluarga", D(1980, 1, 1), {}),
                ("anak", D(2024, 8, 1), {"disabilitas_berat": True})]),
]  # fmt: skip


def _tables(families):
    persons, keluarga = [], []
    for family, dtks, members in families:
        keluarga.append({"id_keluarga": family, "bobot": 1.0, "terdaftar_dtks": dtks})
        for n, (role, born, inputs) in enumerate(members):
            persons.append(
                {
                    "id_individu": family * 100 + n,
                    "id_keluarga": family,
                    "peran": role,
                    "tanggal_lahir": born,
                    "jenis_kelamin": "perempuan",
                    "hamil": False,
                    "jenjang_pendidikan": "tidak_sekolah",
                    "disabilitas_berat": False,
                    **inputs,
                }
            )
    return persons, keluarga


def _compare(tmp_path, kernel, families):
    persons, keluarga = _tables(families)
    pq.write_table(pa.Table.from_pylist(persons), tmp_path / "individu.parquet")
    pq.write_table(pa.Table.from_pylist(keluarga), tmp_path / "keluarga.parquet")
    ours = kernel.family_amounts(tmp_path)
    records = [{**p, "tanggal_lahir": p["tanggal_lahir"].isoformat()} for p in persons]
    theirs, individu, rejects = hitung_tabel(
        records, keluarga, year=2024, variables=[*YEARLY.values()]
    )
    assert rejects.empty
    pbi = individu.groupby("id_keluarga")["pbi_jk_iuran_tahunan"].sum()
    theirs = theirs.set_index("id_keluarga")
    mine = {
        f["id_keluarga"]: tuple(int(ours[name][row]) for name in YEARLY)
        for row, f in enumerate(keluarga)
    }
    package = {
        f["id_keluarga"]: (
            int(theirs.loc[str(f["id_keluarga"]), YEARLY["pkh"]]),
            int(theirs.loc[str(f["id_keluarga"]), YEARLY["sembako"]]),
            int(pbi.get(str(f["id_keluarga"]), 0)),
        )
        for f in keluarga
    }
    return mine, package


def test_kernel_equals_package_on_hand_families(tmp_path, kernel):
    mine, package = _compare(tmp_path, kernel, HAND_FAMILIES)
    assert mine == package
    # and both equal what the fact sheet gives by hand (1.2.2, 1.2.3, 1.4, 2.2, 3.2)
    assert mine[1] == (4 * (225_000 + 3 * 600_000), 12 * 200_000, 5 * 12 * 42_000)
    assert mine[2] == (0, 0, 0)
    assert mine[3] == (3 * 750_000, 12 * 200_000, (12 + 9) * 42_000)
    assert mine[4][0] == 4 * (225_000 + 750_000)
    assert mine[6][0] == 4 * (600_000 + 2 * 750_000)
    assert mine[8][0] == 750_000 + 2 * 750_000 + 750_000 + 750_000
    assert mine[9][0] == 2 * 600_000 and mine[10][0] == 600_000
    assert mine[12][0] == 4 * 4 * 600_000
    assert mine[13][0] == 4 * (2 * 225_000 + 375_000)


def test_unborn_member_is_no_pkh_component(tmp_path, kernel):
    mine, package = _compare(tmp_path, kernel, UNBORN_DISABLED)
    assert mine[18][0] == 750_000
    assert package == mine
