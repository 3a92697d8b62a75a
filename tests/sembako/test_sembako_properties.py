"""Property tests for Program Sembako: amounts are never negative, only ever the month's rate
from the fact sheet (section 2.2), and the yearly total is the sum of the months."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from openfisca_core.simulations import SimulationBuilder
from situation_strategies import MONTHS, registry_inputs

from openfisca_indonesia_sosial.system import baseline


def rate(year: int, month: int) -> int:
    """Sembako value per month, written from the fact sheet (not from the parameters)."""
    if (year, month) < (2017, 2):
        return 0
    if year < 2020:
        return 110_000
    if (year, month) < (2020, 3):
        return 150_000
    return 200_000


@st.composite
def families(draw):
    year = draw(st.integers(2015, 2026))
    count = draw(st.integers(1, 4))
    keluarga = {
        f"k{i}": {"kepala_keluarga": f"p{i}", **registry_inputs(draw, year)} for i in range(count)
    }
    situation = {
        "daftar_individu": {f"p{i}": {} for i in range(count)},
        "daftar_keluarga": keluarga,
    }
    return year, situation


@settings(max_examples=50, deadline=None)
@given(families())
def test_sembako_amounts(case):
    year, situation = case
    simulation = SimulationBuilder().build_from_entities(baseline(), situation)
    total = np.zeros(len(situation["daftar_keluarga"]), dtype=np.int64)
    for month in MONTHS:
        period = f"{year}-{month:02d}"
        bantuan = simulation.calculate("sembako_bantuan", period)
        layak = simulation.calculate("sembako_layak", period)
        assert (bantuan >= 0).all()
        assert set(np.unique(bantuan)) <= {0, rate(year, month)}
        assert ((bantuan > 0) == (layak & (rate(year, month) > 0))).all()
        total += bantuan
    assert (simulation.calculate("sembako_bantuan_tahunan", str(year)) == total).all()
