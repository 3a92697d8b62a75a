"""Terms: one split of an array, many exact sums (by group, over masks, of rupiah)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from money_reference import total_rupiah

from openfisca_indonesia_sosial.metrics.exact import (
    SCALE_BITS,
    Terms,
    exact_sums,
    rupiah_money,
    rupiah_sums,
    to_rupiah,
)

ODD = np.array([0.0, -0.0, 5e-324, -5e-324, 2.2e-308, 1.7e308, -1.7e308, 1e-300, 3.5, -2.25])
values = hnp.arrays(
    np.float64,
    st.integers(0, 50),
    elements=st.one_of(
        st.floats(-1e300, 1e300, allow_nan=False),
        st.sampled_from(ODD.tolist()),
    ),
)


def _exact(array) -> int:
    total = sum((Fraction(float(v)) for v in array), Fraction(0)) * (1 << SCALE_BITS)
    assert total.denominator == 1
    return int(total)


@settings(max_examples=80, deadline=None)
@given(values, st.data())
def test_grouped_masked_and_row_sums_are_exact(array, data):
    n = array.size
    groups = np.array(data.draw(st.lists(st.integers(0, 3), min_size=n, max_size=n)), np.int64)
    rows = data.draw(
        st.lists(st.lists(st.booleans(), min_size=n, max_size=n), min_size=1, max_size=5)
    )
    masks = np.array(rows, dtype=bool).reshape(len(rows), n)
    terms = Terms(array)
    assert terms.sums(groups, 4) == [_exact(array[groups == g]) for g in range(4)]
    assert terms.where(masks[0]).sums(groups, 4) == [
        _exact(array[masks[0] & (groups == g)]) for g in range(4)
    ]
    by_row, union = terms.each(masks)
    assert by_row == [_exact(array[mask]) for mask in masks]
    assert union == _exact(array[masks.any(axis=0)])


def test_more_rows_than_patterns_hold():
    rng = np.random.default_rng(5)
    array = rng.normal(size=300)
    masks = rng.random((20, 300)) < 0.3
    rows, union = Terms(array).each(masks)
    assert rows == [_exact(array[mask]) for mask in masks]
    assert union == _exact(array[masks.any(axis=0)])


def test_values_at_positions_of_a_longer_array():
    terms = Terms([2.5, 0.0, -1.0], positions=np.array([4, 1, 7]), size=8)
    assert terms.sums(np.arange(8) % 2, 2) == [_exact([2.5]), _exact([-1.0])]
    assert terms.each(np.arange(8)[np.newaxis] >= 4)[0] == [_exact([2.5, -1.0])]


def test_rupiah_money_groups_whole_parts_and_fractions():
    rng = np.random.default_rng(9)
    amounts = np.where(rng.random(2_000) < 0.3, rng.integers(1, 5_000_000, 2_000), 0)
    weights = rng.random(2_000) * 900
    groups = rng.integers(0, 3, 2_000)
    sums = rupiah_money(amounts, weights).sums(np.tile(groups, 2), 3)
    assert sums == rupiah_sums(amounts, weights, groups, 3)
    for g in range(3):
        part = groups == g
        assert to_rupiah(sums[g]) == total_rupiah(amounts[part], weights[part])
    with pytest.raises(ValueError, match="whole rupiah"):
        rupiah_money(np.array([1.5, 0.0]), np.ones(2))
    with pytest.raises(ValueError, match="non-negative"):
        rupiah_money(np.array([0, 7]), np.array([-1.0, 1.0]))  # an unpaid unit's weight too


def test_non_finite_values_are_refused():
    for bad in ([1.0, np.nan], [np.inf], [0.0, -np.inf]):
        with pytest.raises(ValueError, match="finite"):
            exact_sums(bad)
