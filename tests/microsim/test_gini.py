"""The Gini's running sums, taken in steps, give the whole-array formula's value bit for bit."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from openfisca_indonesia_sosial.metrics.poverty import gini


def whole_array_gini(welfare, weights):
    """The trapezoid rule on the Lorenz curve over whole arrays (the textbook form)."""
    order = np.argsort(welfare, kind="stable")
    x, w = welfare[order], weights[order]
    cum_w = np.cumsum(w) / w.sum()
    cum_xw = np.cumsum(x * w)
    lorenz = cum_xw / cum_xw[-1]
    previous_w = np.concatenate([[0.0], cum_w[:-1]])
    previous_l = np.concatenate([[0.0], lorenz[:-1]])
    return float(1.0 - 2.0 * ((cum_w - previous_w) * (lorenz + previous_l)).sum() / 2.0)


@st.composite
def populations(draw):
    n = draw(st.integers(1, 300))
    welfare = draw(hnp.arrays(np.float64, n, elements=st.floats(0, 1e9, width=64)))
    weights = draw(hnp.arrays(np.float64, n, elements=st.floats(0.01, 1e4, width=64)))
    welfare[0] = max(welfare[0], 1.0)  # someone has something: the Lorenz curve is defined
    return welfare, weights


@settings(max_examples=200, deadline=None)
@given(populations(), st.integers(1, 64))
def test_stepwise_gini_is_the_whole_array_gini(population, chunk):
    welfare, weights = population
    expected = whole_array_gini(welfare, weights)
    assert gini(welfare, weights, chunk=chunk) == expected
    order = np.argsort(welfare, kind="stable")
    assert gini(welfare, weights, order, chunk=chunk) == expected


def test_known_values():
    equal = np.full(5, 100.0)
    assert gini(equal, np.ones(5)) == whole_array_gini(equal, np.ones(5))
    assert abs(gini(equal, np.ones(5))) < 1e-12
    # one of four persons holds everything: trapezoids give 1 - 1/4
    assert gini(np.array([0.0, 0.0, 0.0, 8.0]), np.ones(4), chunk=3) == 0.75
