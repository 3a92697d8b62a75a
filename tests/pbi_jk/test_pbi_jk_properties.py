"""Property tests for PBI-JK and the class III state share: never negative, only the month's
rate from the fact sheet (section 3.2), never both for one person, yearly totals equal the
sums of the months."""

from __future__ import annotations

import datetime

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder
from situation_strategies import MONTHS, monthly, registry_inputs

from openfisca_indonesia_sosial.system import baseline

ROLES = ("pasangan", "daftar_anak", "daftar_anggota_lain")


def pbi_rate(year: int, month: int) -> int:
    """State-paid PBI contribution per month, written from the fact sheet."""
    if year < 2014:
        return 0
    if year < 2016:
        return 19_225
    if (year, month) < (2019, 8):
        return 23_000
    return 42_000


def kelas_3_share(year: int, month: int) -> int:
    """State share of the self-paying class III contribution (Perpres 64/2020)."""
    if (year, month) < (2020, 7):
        return 0
    if year < 2021:
        return 16_500
    return 7_000


@st.composite
def families(draw):
    year = draw(st.integers(2013, 2026))
    size = draw(st.integers(1, 5))
    persons = {}
    for i in range(size):
        persons[f"p{i}"] = {
            "tanggal_lahir": {
                "ETERNITY": draw(
                    st.dates(datetime.date(1940, 1, 1), datetime.date(year, 12, 31))
                ).isoformat()
            },
            "jenis_kelamin": {"ETERNITY": draw(st.sampled_from(["laki_laki", "perempuan"]))},
            "tercatat_di_registri": monthly(draw, year, st.booleans()),
            "peserta_pbpu_kelas_3": monthly(draw, year, st.booleans()),
        }
    keluarga = {"kepala_keluarga": "p0", **registry_inputs(draw, year)}
    for i in range(1, size):
        role = draw(st.sampled_from(ROLES))
        if role == "pasangan" and "pasangan" not in keluarga:
            keluarga["pasangan"] = f"p{i}"
        else:
            key = "daftar_anak" if role == "pasangan" else role
            keluarga.setdefault(key, []).append(f"p{i}")
    situation = {"daftar_individu": persons, "daftar_keluarga": {"k0": keluarga}}
    return year, situation


@settings(max_examples=50, deadline=None)
@given(families())
def test_pbi_jk_amounts(case):
    year, situation = case
    simulation = SimulationBuilder().build_from_entities(baseline(), situation)
    size = len(situation["daftar_individu"])
    total = np.zeros(size, dtype=np.int64)
    total_kelas_3 = np.zeros(size, dtype=np.int64)
    for month in MONTHS:
        period = f"{year}-{month:02d}"
        iuran = simulation.calculate("pbi_jk_iuran", period)
        layak = simulation.calculate("pbi_jk_layak", period)
        kelas_3 = simulation.calculate("pbpu_kelas_3_bantuan_iuran", period)
        assert (iuran >= 0).all() and (kelas_3 >= 0).all()
        assert set(np.unique(iuran)) <= {0, pbi_rate(year, month)}
        assert ((iuran > 0) == (layak & (pbi_rate(year, month) > 0))).all()
        assert set(np.unique(kelas_3)) <= {0, kelas_3_share(year, month)}
        assert not ((iuran > 0) & (kelas_3 > 0)).any()
        assert not (layak & (simulation.calculate("umur", period) < 0)).any()
        total += iuran
        total_kelas_3 += kelas_3
    assert (simulation.calculate("pbi_jk_iuran_tahunan", str(year)) == total).all()
    assert (
        simulation.calculate("pbpu_kelas_3_bantuan_iuran_tahunan", str(year)) == total_kelas_3
    ).all()
