"""The NIK shape test (exactly 16 ASCII digits) against the regular expression it replaces."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
from hypothesis import given
from hypothesis import strategies as st

from openfisca_indonesia_sosial.data.parsing import nik_shaped

# digits of other scripts, full-width digits, signs, spaces, newlines: all must fail
_ALPHABET = st.sampled_from(list("0123456789") + list("٠١٢٣٤٥٦٧٨٩０１२ +-.e\n\t x\u00a0"))
_TEXTS = st.one_of(
    st.text(_ALPHABET, min_size=6, max_size=18),
    st.text(min_size=0, max_size=20),
    st.from_regex(r"\A[0-9]{16}\Z"),
    st.none(),
)


@given(st.lists(_TEXTS, max_size=40))
def test_nik_shape_is_the_regular_expression(texts):
    values = pa.array(texts, type=pa.string())
    expected = pc.match_substring_regex(values, r"^[0-9]{16}$")
    assert nik_shaped(values).to_pylist() == expected.to_pylist()


def test_known_shapes():
    values = pa.array(
        [
            "3201011501900001",
            "320101150190000",
            "32010115019000011",
            "３201011501900001",
            "3201011501900001\n",
            "",
            None,
            "320101150190000x",
            "١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦",
            "١٢٣٤٥٦٧٨",  # 16 bytes
        ],
        type=pa.string(),
    )
    assert nik_shaped(values).to_pylist() == [
        True,
        False,
        False,
        False,
        False,
        False,
        None,
        False,
        False,
        False,
    ]
