"""Property tests for the Sembako/PKH add-ons: never negative, zero outside the months the
fact sheet gives (section 2.3), the monthly total is the sum of the add-ons and the yearly
totals are the sums of the months."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder
from situation_strategies import MONTHS, monthly, registry_inputs

from openfisca_indonesia_sosial.system import baseline

#: Months of each add-on and its monthly amount, written from the fact sheet.
WINDOWS = {
    "sembako_ppkm_2021": ({(2021, 7), (2021, 8)}, 200_000),
    "blt_bbm_2022": ({(2022, 9), (2022, 10), (2022, 11), (2022, 12)}, 150_000),
    "blt_el_nino_2023": ({(2023, 11), (2023, 12)}, 200_000),
    "blt_mitigasi_risiko_pangan_2024": ({(2024, 1), (2024, 2), (2024, 3)}, 200_000),
    "penebalan_sembako_2025": ({(2025, 6), (2025, 7)}, 200_000),
    "blts_kesra_2025": ({(2025, 10), (2025, 11), (2025, 12)}, 300_000),
}
RICE_MONTHS = {(2025, 6), (2025, 7), (2025, 10)}
RICE_KG = 10


@st.composite
def families(draw):
    year = draw(st.integers(2019, 2026))
    count = draw(st.integers(1, 4))
    keluarga = {
        f"k{i}": {
            "kepala_keluarga": f"p{i}",
            **registry_inputs(draw, year),
            "pkh_layak": monthly(draw, year, st.booleans()),
        }
        for i in range(count)
    }
    situation = {
        "daftar_individu": {f"p{i}": {} for i in range(count)},
        "daftar_keluarga": keluarga,
    }
    return year, situation


@settings(max_examples=50, deadline=None)
@given(families())
def test_add_ons(case):
    year, situation = case
    simulation = SimulationBuilder().build_from_entities(baseline(), situation)
    size = len(situation["daftar_keluarga"])
    total = np.zeros(size, dtype=np.int64)
    rice_total = np.zeros(size, dtype=np.int64)
    for month in MONTHS:
        period = f"{year}-{month:02d}"
        month_sum = np.zeros(size, dtype=np.int64)
        for name, (window, amount) in WINDOWS.items():
            value = simulation.calculate(name, period)
            layak = simulation.calculate(f"{name}_layak", period)
            assert (value >= 0).all()
            if (year, month) in window:
                assert set(np.unique(value)) <= {0, amount}
                assert ((value > 0) == layak).all()
            else:
                assert (value == 0).all(), (name, period)
                assert not layak.any(), (name, period)
            month_sum += value
        tambahan = simulation.calculate("bantuan_tambahan", period)
        assert (tambahan == month_sum).all()
        rice = simulation.calculate("bantuan_beras_kg", period)
        expected_rice = RICE_KG if (year, month) in RICE_MONTHS else 0
        assert set(np.unique(rice)) <= {0, expected_rice}
        total += tambahan
        rice_total += rice
    assert (simulation.calculate("bantuan_tambahan_tahunan", str(year)) == total).all()
    assert (simulation.calculate("bantuan_beras_kg_tahunan", str(year)) == rice_total).all()
