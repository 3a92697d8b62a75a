"""Every family's amount exact to the rupiah, every national total exact."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from money_reference import total_rupiah
from openfisca_core.simulation_builder import SimulationBuilder

TEN_MILLION = 10_000_000
THREE_MILLION = 3_000_000


def test_ten_million_payments_of_three_million_sum_exactly():
    payments = np.full(TEN_MILLION, THREE_MILLION, dtype=np.int32)
    assert total_rupiah(payments) == 30_000_000_000_000
    # The float32 paths this package avoids: the total is not even representable (off by
    # Rp 532,480 with pairwise summation), and a running float32 sum is off by trillions.
    as_float32 = payments.astype(np.float32)
    assert int(np.sum(as_float32, dtype=np.float32)) != 30_000_000_000_000
    running = np.cumsum(as_float32, dtype=np.float32)[-1]
    assert abs(int(running) - 30_000_000_000_000) > 100_000_000


def test_weighted_total_with_whole_weights_is_exact():
    payments = np.full(TEN_MILLION, THREE_MILLION, dtype=np.int32)
    weights = np.full(TEN_MILLION, 9.0)
    assert total_rupiah(payments, weights) == 270_000_000_000_000


def test_weighted_total_with_fractional_weights_rounds_to_the_rupiah():
    # 3 families of Rp 1,000,001 with weights 0.5, 1.25 and 2.25: 4 x 1,000,001.
    assert total_rupiah([1_000_001] * 3, [0.5, 1.25, 2.25]) == 4_000_004


def test_money_variable_stores_a_large_amount_exactly(tbs):
    situation = {
        "daftar_individu": {"a": {}},
        "daftar_keluarga": {
            "k": {"kepala_keluarga": "a", "pengeluaran_per_kapita": {"2024-01": 123_456_789}}
        },
    }
    simulation = SimulationBuilder().build_from_entities(tbs, situation)
    assert int(simulation.calculate("pengeluaran_per_kapita", "2024-01")[0]) == 123_456_789
    assert int(np.float32(123_456_789)) == 123_456_792  # what a float variable would keep


def test_fractional_amounts_are_refused():
    with pytest.raises(ValueError, match="whole rupiah"):
        total_rupiah(np.array([1.5, 2.0]))


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 2_000_000_000), st.integers(0, 50_000)), min_size=1, max_size=50
    )
)
def test_integer_weighted_total_equals_python_integer_arithmetic(rows):
    amounts = [a for a, _ in rows]
    weights = [w for _, w in rows]
    assert total_rupiah(amounts, weights) == sum(a * w for a, w in rows)
