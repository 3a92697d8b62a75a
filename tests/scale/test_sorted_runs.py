"""The driver's global sorts from the blocks' sorted runs equal one stable sort."""

from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from openfisca_indonesia_sosial.microsim.blocks import local_order, stable_order


@settings(max_examples=200, deadline=None)
@given(
    hnp.arrays(np.float64, st.integers(1, 80), elements=st.sampled_from([0.0, 1.5, 2.0, 7.25])),
    st.data(),
)
def test_merged_runs_give_the_single_stable_sort(values, data):
    # few distinct values: many ties, which must keep population order
    n = values.size
    cuts = sorted(data.draw(st.lists(st.integers(0, n), max_size=6)))
    offsets = np.array([0, *cuts, n], dtype=np.int64)
    runs = [local_order(values[a:b]) for a, b in itertools.pairwise(offsets)]
    expected = np.argsort(values, kind="stable")
    assert np.array_equal(stable_order(values, runs, offsets), expected)
    # a block without its run (a resumed run from an older version): one plain sort
    runs[0] = None
    assert np.array_equal(stable_order(values, runs, offsets), expected)
