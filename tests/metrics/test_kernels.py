"""The compiled replicate loops give the bits of their numpy twins, the Gini sums are the
sequential sums their definition says (a plain Python loop, written here), and the compiled
hashes of text ids are pandas' own."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from openfisca_indonesia_sosial.delivery import hashing
from openfisca_indonesia_sosial.metrics import kernels
from openfisca_indonesia_sosial.metrics.replicates import _TABLE, _THRESHOLDS

numba = pytest.importorskip("numba")  # the microsim install brings it


def _loops():
    loops = kernels.compiled()
    assert loops is not None, "numba is installed: the compiled loops must be used"
    return loops


def _both_draws(keys, first, replicates):
    twin = np.empty((replicates, keys.shape[0]), dtype=np.uint8)
    loop = np.empty_like(twin)
    kernels.draw_numpy(keys, first, _TABLE, _THRESHOLDS, twin)
    _loops()[0](keys, np.int64(first), _TABLE, _THRESHOLDS, loop)
    return twin, loop


@pytest.mark.parametrize("first", [0, 1, 37, 99])
def test_the_compiled_draws_are_the_numpy_draws(first):
    keys = np.random.default_rng(first).integers(0, 2**64, 20_000, dtype=np.uint64)
    keys[:3] = [0, 2**64 - 1, 2**63]
    twin, loop = _both_draws(keys, first, 60)
    assert np.array_equal(twin, loop)
    # about one draw in 8,000 falls in a bucket the table cannot decide: both paths were taken
    with np.errstate(over="ignore"):
        counters = np.arange(first + 1, first + 61, dtype=np.uint64)[:, None] * np.uint64(
            kernels.GOLDEN
        )
        hashed = kernels.mix(keys[None, :] + counters)
    high = (hashed >> np.uint64(64 - kernels.TABLE_BITS)).astype(np.intp)
    assert (_TABLE[high] == kernels.UNDECIDED).sum() > 20
    # and the draws are Poisson(1): mean and variance near 1 over 1.2 million draws
    assert abs(loop.mean() - 1) < 0.01 and abs(loop.var() - 1) < 0.01


def _python_sums(r, weights, welfare, start):
    """The definition, one float at a time: sequential sums from -0.0."""
    out = []
    for b in range(r.shape[0]):
        local = ws = wxw = total_w = -0.0
        for i in range(r.shape[1]):
            w = float(r[b, i]) * float(weights[i])
            xw = w * float(welfare[i])
            local += xw
            ws += w * (local + float(start[b]))
            wxw += w * xw
            total_w += w
        out.append((total_w, local + float(start[b]), ws, wxw))
    return out


def _accumulators(replicates, start):
    return [np.full(replicates, 2.0), np.array(start, dtype=np.float64),
            np.full(replicates, 5.0), np.full(replicates, 7.0)]  # fmt: skip


def _twin(r, weights, welfare, sums):
    work = [np.empty(r.shape) for _ in range(3)]
    kernels.gini_numpy(r, weights, welfare, *sums, lambda i: work[i])


finite = st.floats(min_value=-1e12, max_value=1e12, allow_nan=False, width=64)


@settings(max_examples=60, deadline=None)
@given(
    data=st.data(),
    replicates=st.integers(1, 6),
    width=st.integers(1, 40),
)
def test_the_compiled_gini_sums_are_the_twin_and_the_definition(data, replicates, width):
    r = data.draw(hnp.arrays(np.uint8, (replicates, width), elements=st.integers(0, 12)))
    weights = data.draw(hnp.arrays(np.float64, width, elements=st.floats(0, 1e6, allow_nan=False)))
    welfare = data.draw(hnp.arrays(np.float64, width, elements=finite))
    start = data.draw(hnp.arrays(np.float64, replicates, elements=finite))
    loop, twin = _accumulators(replicates, start), _accumulators(replicates, start)
    _loops()[1](r, weights, welfare, *loop)
    _twin(r, weights, welfare, twin)
    for mine, theirs in zip(loop, twin, strict=True):
        assert np.array_equal(mine, theirs)
        assert np.array_equal(np.signbit(mine), np.signbit(theirs))
    for b, (total_w, running, ws, wxw) in enumerate(_python_sums(r, weights, welfare, start)):
        assert loop[0][b] == 2.0 + total_w
        assert loop[1][b] == running
        assert loop[2][b] == 5.0 + ws
        assert loop[3][b] == 7.0 + wxw


def test_a_zero_welfare_keeps_its_sign_in_both():
    r = np.ones((1, 2), dtype=np.uint8)
    weights, welfare = np.array([1.0, 1.0]), np.array([-0.0, -0.0])
    loop, twin = _accumulators(1, [-0.0]), _accumulators(1, [-0.0])
    _loops()[1](r, weights, welfare, *loop)
    _twin(r, weights, welfare, twin)
    assert np.signbit(loop[1][0]) and np.signbit(twin[1][0])  # -0.0 + -0.0 stays -0.0


def test_without_numba_the_twins_run(monkeypatch):
    monkeypatch.setenv("BANSOS_NUMBA", "0")
    assert hashing.jit.__wrapped__() is None
    monkeypatch.setenv("BANSOS_NUMBA", "1")
    assert hashing.jit.__wrapped__() is not None


def test_an_empty_piece_changes_nothing():
    sums = _accumulators(3, [1.0, 2.0, 3.0])
    kernels.add_gini_sums(
        np.empty((3, 0), dtype=np.uint8), np.empty(0), np.empty(0), *sums, lambda i: None
    )
    assert [s.tolist() for s in sums] == [[2.0] * 3, [1.0, 2.0, 3.0], [5.0] * 3, [7.0] * 3]


@settings(max_examples=80, deadline=None)
@given(
    ids=st.lists(st.text(max_size=40), min_size=1, max_size=60),
    key=st.text(alphabet="0123456789abcdef", min_size=16, max_size=16),
    start=st.integers(0, 5),
)
def test_text_hashes_are_pandas_hashes(ids, key, start):
    """Every length around the 8-byte words, any Unicode, and an Arrow array that starts
    inside its buffers (a slice): the compiled SipHash gives pandas' integers."""
    assert hashing._compiled_siphash() is not None
    series = pd.Series(ids, dtype="str").iloc[min(start, len(ids) - 1) :]
    expected = pd.util.hash_array(series.to_numpy(dtype=object), hash_key=key, categorize=False)
    assert np.array_equal(hashing.hash_text(series, key), expected)
    objects = pd.Series(series.to_numpy(dtype=object), dtype=object)
    assert np.array_equal(hashing.hash_text(objects, key), expected)


def test_text_hashes_without_numba_are_pandas_itself(monkeypatch):
    ids = pd.Series(["KK1", "kk-ä", ""], dtype="str")
    expected = pd.util.hash_array(ids.to_numpy(dtype=object), hash_key="k" * 16, categorize=False)
    monkeypatch.setattr(hashing, "_compiled_siphash", lambda: None)
    assert np.array_equal(hashing.hash_text(ids, "k" * 16), expected)
