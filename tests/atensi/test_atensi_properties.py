"""Property tests for ATENSI: invariants that hold for every person in every month.

The registry band is restated here from the fact sheet (section 5.1: DTKS membership until
March 2025, DTSEN deciles 1-5 from April 2025), independently of the package's code.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder

from openfisca_indonesia_sosial.system import baseline

MONEY = ["atensi_yapi", "atensi_sembako", "atensi_permakanan", "atensi_bantuan_tunai"]
SERVICES = [
    "atensi_pemenuhan_hidup_layak",
    "atensi_perawatan_sosial",
    "atensi_dukungan_keluarga",
    "atensi_terapi",
    "atensi_pelatihan_vokasional",
    "atensi_bantuan_asistensi_sosial",
    "atensi_dukungan_aksesibilitas",
]
FLAGS = [
    "penyandang_disabilitas",
    "disabilitas_berat",
    "terlantar",
    "berhadapan_dengan_hukum",
    "korban_kekerasan",
    "membutuhkan_perawatan",
    "korban_napza",
    "tuna_sosial",
    "korban_perdagangan_orang",
    "korban_bencana",
    "ppks_lainnya",
    "kebutuhan_dasar_tidak_terpenuhi",
    "tanpa_pengasuh",
    "tinggal_sendiri",
    "membutuhkan_terapi",
    "membutuhkan_alat_bantu",
    "mampu_bekerja",
    "membutuhkan_sembako_atensi",
]
DTSEN_FROM = (2025, 4)
DTSEN_MAX_DECILE = 5
ADULT_AGE = 18

person = st.fixed_dictionaries(
    {
        "umur": st.integers(min_value=0, max_value=100),
        "status_yatim_piatu": st.sampled_from(["bukan", "yatim", "piatu", "yatim_piatu"]),
        **{flag: st.booleans() for flag in FLAGS},
    }
)
family = st.fixed_dictionaries(
    {
        "terdaftar_dtks": st.booleans(),
        "desil_dtsen": st.integers(min_value=0, max_value=10),
        "anggota": st.lists(person, min_size=1, max_size=4),
    }
)
month = st.tuples(st.integers(min_value=2019, max_value=2026), st.integers(1, 12))


def simulate(families, year_month):
    period = f"{year_month[0]}-{year_month[1]:02d}"
    daftar_individu, daftar_keluarga = {}, {}
    for k, fam in enumerate(families):
        ids = []
        for i, inputs in enumerate(fam["anggota"]):
            pid = f"p{k}_{i}"
            daftar_individu[pid] = {name: {period: value} for name, value in inputs.items()}
            ids.append(pid)
        daftar_keluarga[f"k{k}"] = {
            "kepala_keluarga": ids[:1],
            "daftar_anggota_lain": ids[1:],
            "terdaftar_dtks": {period: fam["terdaftar_dtks"]},
            "desil_dtsen": {period: fam["desil_dtsen"]},
        }
    situation = {"daftar_individu": daftar_individu, "daftar_keluarga": daftar_keluarga}
    simulation = SimulationBuilder().build_from_entities(baseline(), situation)
    return simulation, period


def in_band(fam, year_month) -> bool:
    if year_month >= DTSEN_FROM:
        return 1 <= fam["desil_dtsen"] <= DTSEN_MAX_DECILE
    return fam["terdaftar_dtks"]


def per_person(families, values):
    return np.array([values(fam, p) for fam in families for p in fam["anggota"]])


@settings(max_examples=50, deadline=None)
@given(families=st.lists(family, min_size=1, max_size=4), year_month=month)
def test_money_never_negative(families, year_month):
    simulation, period = simulate(families, year_month)
    for name in MONEY:
        assert (simulation.calculate(name, period) >= 0).all(), name


@settings(max_examples=50, deadline=None)
@given(families=st.lists(family, min_size=1, max_size=4), year_month=month)
def test_no_yapi_from_age_18(families, year_month):
    simulation, period = simulate(families, year_month)
    yapi = simulation.calculate("atensi_yapi", period)
    umur = per_person(families, lambda fam, p: p["umur"])
    assert (yapi[umur >= ADULT_AGE] == 0).all()


@settings(max_examples=50, deadline=None)
@given(families=st.lists(family, min_size=1, max_size=4), year_month=month)
def test_outside_registry_band_no_money_and_no_service(families, year_month):
    simulation, period = simulate(families, year_month)
    outside = ~per_person(families, lambda fam, p: in_band(fam, year_month))
    for name in MONEY:
        assert (simulation.calculate(name, period)[outside] == 0).all(), name
    for name in [*SERVICES, "atensi_layak"]:
        assert not simulation.calculate(name, period)[outside].any(), name


@settings(max_examples=50, deadline=None)
@given(families=st.lists(family, min_size=1, max_size=4), year_month=month)
def test_services_and_money_need_eligibility(families, year_month):
    simulation, period = simulate(families, year_month)
    layak = simulation.calculate("atensi_layak", period)
    for name in SERVICES:
        assert not simulation.calculate(name, period)[~layak].any(), name
    assert (simulation.calculate("atensi_bantuan_tunai", period)[~layak] == 0).all()
    total = sum(simulation.calculate(name, period) for name in MONEY[:-1])
    assert (simulation.calculate("atensi_bantuan_tunai", period) == total).all()
