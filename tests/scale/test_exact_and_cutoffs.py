"""Building blocks of exact partitioned runs: exact sums, quota cut-offs, family ranks."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from money_reference import total_rupiah

from openfisca_indonesia_sosial.delivery.quota import (
    _select_by_quota,
    apply_cutoff,
    quota_cutoff,
    registry_rank,
)
from openfisca_indonesia_sosial.metrics.exact import (
    SCALE_BITS,
    exact_sum,
    exact_sums,
    rupiah_sums,
    to_float,
    to_rupiah,
)

floats = st.floats(min_value=-1e300, max_value=1e300, allow_nan=False, width=64)


@settings(max_examples=60, deadline=None)
@given(st.lists(floats, max_size=60), st.randoms())
def test_exact_sum_is_exact_and_order_independent(values, rnd):
    total = exact_sum(values)
    assert Fraction(total, 1 << SCALE_BITS) == sum((Fraction(v) for v in values), Fraction(0))
    assert to_float(total) == math.fsum(values)
    shuffled = list(values)
    rnd.shuffle(shuffled)
    half = len(shuffled) // 2
    assert exact_sum(shuffled[:half]) + exact_sum(shuffled[half:]) == total


def test_grouped_sums_and_rupiah():
    rng = np.random.default_rng(3)
    values = rng.random(10_000) * 1e6
    groups = rng.integers(0, 5, values.size)
    sums = exact_sums(values, groups, 5)
    for g in range(5):
        assert to_float(sums[g]) == math.fsum(values[groups == g])
    amounts = rng.integers(0, 5_000_000, 10_000)
    weights = rng.random(10_000) * 900
    assert to_rupiah(rupiah_sums(amounts, weights)[0]) == total_rupiah(amounts, weights)
    assert [to_rupiah(x) for x in (exact_sum([2.5]), exact_sum([3.5]), exact_sum([-0.5]))] == [
        2,
        4,
        0,
    ]


@settings(max_examples=150, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 40), elements=st.sampled_from([0.0, 0.5, 1.0, 2.5, 7.0])),
    st.data(),
)
def test_cutoff_admits_exactly_the_quota_selection(weights, data):
    n = weights.size
    eligible = np.array(data.draw(st.lists(st.booleans(), min_size=n, max_size=n)))
    first = data.draw(st.one_of(st.none(), st.lists(st.booleans(), min_size=n, max_size=n)))
    first = None if first is None else np.array(first)
    order = np.array(data.draw(st.permutations(range(n))), dtype=np.int64)
    quota = data.draw(st.floats(0, 60))
    expected = _select_by_quota(order, weights, eligible, quota, first)
    rank = registry_rank(order)
    cutoff = quota_cutoff(order, weights, eligible, quota, first)
    # walked in steps of any size, the queue gives the same cut-off
    chunk = data.draw(st.integers(1, n + 1))
    assert quota_cutoff(order, weights, eligible, quota, first, rank, chunk=chunk) == cutoff
    assert (apply_cutoff(rank, eligible, cutoff, first) == expected).all()
    # any block of families gets its share of the same answer
    cut = data.draw(st.integers(0, n))
    for part in (slice(0, cut), slice(cut, n)):
        sub_first = None if first is None else first[part]
        got = apply_cutoff(rank[part], eligible[part], cutoff, sub_first)
        assert (got == expected[part]).all()
