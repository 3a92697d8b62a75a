"""The compact forms a partition's entitlements (and its family ids) are stored in give back
the very values."""

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from openfisca_indonesia_sosial.microsim.blocks import _loaded_ids, _stored_ids
from openfisca_indonesia_sosial.microsim.compact import pack, unpack

SHAPES = hnp.array_shapes(min_dims=1, max_dims=2, min_side=0, max_side=40)
INTEGERS = st.sampled_from([np.int8, np.int32, np.int64, np.uint16])


@st.composite
def amounts(draw):
    """Integer arrays of every kind pack meets: flat rates paid to some units (one value per
    row), sparse and dense varied amounts, extremes of the type."""
    dtype = np.dtype(draw(INTEGERS))
    shape = draw(SHAPES)
    info = np.iinfo(dtype)
    values = st.integers(int(info.min), int(info.max))
    kind = draw(st.sampled_from(["flat", "varied"]))
    if kind == "flat" and len(shape) == 2:
        paid = draw(hnp.arrays(bool, shape))
        rate = draw(hnp.arrays(dtype, (shape[0], 1), elements=values))
        return (paid * rate).astype(dtype)
    return draw(hnp.arrays(dtype, shape, elements=st.one_of(st.just(0), values)))


@settings(max_examples=300, deadline=None)
@given(amounts())
def test_integer_arrays_round_trip(array):
    packed = pack(array)
    back = unpack(packed)
    assert back.dtype == array.dtype
    assert back.shape == array.shape
    assert np.array_equal(back, array)


@settings(max_examples=100, deadline=None)
@given(hnp.arrays(bool, SHAPES))
def test_boolean_arrays_round_trip(array):
    back = unpack(pack(array))
    assert back.dtype == bool and np.array_equal(back, array)


def test_each_form_is_chosen_where_it_is_smallest():
    rate = np.array([[42_000], [0], [45_000]], dtype=np.int64)
    flat = (np.arange(30).reshape(3, 10) % 3 != 0) * rate
    assert pack(flat)[0] == "masked"
    varied = flat.copy()
    varied[0, 3] = 1  # a second nonzero value in the first month
    assert pack(varied)[0] == "dense"
    sparse = np.zeros((3, 30), dtype=np.int64)
    sparse[0, 1], sparse[2, 5] = 7, 9
    assert pack(sparse)[0] == "masked"
    sparse[2, 6] = 10
    assert pack(sparse)[0] == "sparse"
    for array in (flat, varied, sparse):
        assert np.array_equal(unpack(pack(array)), array)


@pytest.mark.parametrize(
    "ids",
    [
        pd.Series(["KK001", "KK002", "3201"], dtype="string[pyarrow]"),
        pd.Series(["KK001", "kk-ä", ""], dtype=object),
        pd.Series([3201, 7, 2**62], dtype="int64"),
        pd.Series(["KK001", 7, 2.5], dtype=object),  # no one Arrow type: kept as objects
    ],
    ids=["arrow text", "object text", "integers", "mixed"],
)
def test_a_block_state_gives_back_its_family_ids(ids):
    stored = pickle.loads(pickle.dumps(_stored_ids(ids), protocol=pickle.HIGHEST_PROTOCOL))
    back = pd.Series(_loaded_ids(stored), dtype=object)
    expected = ids.to_numpy(dtype=object)
    assert back.tolist() == expected.tolist()
    assert [type(v) for v in back] == [type(v) for v in expected]
