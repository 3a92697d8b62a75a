"""The shortcut that skips pandera on a block where every precomputed check passes
(``data.columns.all_pass``): it may only skip when pandera would report nothing."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pandera.pandas as pa
import pytest
from hypothesis import HealthCheck, given, settings
from population_defects import YEAR, defective_population

from openfisca_indonesia_sosial.data import validate_tables, validation
from openfisca_indonesia_sosial.data.columns import all_pass, precomputed_check


def _schema(results, nullable=True, **column_options):
    checks = [precomputed_check(lambda r=r: np.array(r), f"c{i}") for i, r in enumerate(results)]
    return pa.DataFrameSchema(
        {"x": pa.Column(nullable=nullable, checks=checks, name="x", **column_options)}
    )


def test_passes_when_every_check_passes():
    frame = pd.DataFrame({"x": [1, 2, 3]})
    assert all_pass(_schema([[True, True, True], [True, True, True]]), frame)


@pytest.mark.parametrize(
    "results",
    [[[True, False, True]], [[True, True, True], [False, True, True]]],
)
def test_one_failing_row_stops_the_shortcut(results):
    assert not all_pass(_schema(results), pd.DataFrame({"x": [1, 2, 3]}))


def test_an_empty_cell_in_a_required_column_stops_the_shortcut():
    frame = pd.DataFrame({"x": [1, None, 3]}, dtype="object")
    assert not all_pass(_schema([[True, True, True]], nullable=False), frame)
    assert all_pass(_schema([[True, True, True]], nullable=True), frame)


def test_checks_it_does_not_evaluate_go_to_pandera():
    frame = pd.DataFrame({"x": [1, 1, 3]})
    plain = pa.DataFrameSchema({"x": pa.Column(checks=[pa.Check.ge(0)], name="x")})
    assert not all_pass(plain, frame)  # not precomputed
    assert not all_pass(_schema([[True] * 3], unique=True), frame)
    assert not all_pass(_schema([[True] * 3], dtype="int64"), frame)
    missing = pa.DataFrameSchema({"y": pa.Column(name="y")})
    assert not all_pass(missing, frame)


def test_the_result_is_computed_once_and_shared_with_pandera():
    calls = []

    def result():
        calls.append(1)
        return np.array([True, False])

    schema = pa.DataFrameSchema({"x": pa.Column(checks=[precomputed_check(result, "c")])})
    frame = pd.DataFrame({"x": [1, 2]})
    assert not all_pass(schema, frame)
    with pytest.raises(pa.errors.SchemaErrors) as raised:
        schema.validate(frame, lazy=True)
    assert raised.value.failure_cases["index"].tolist() == [1]
    assert len(calls) == 1


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(defective_population())
def test_same_report_with_and_without_the_shortcut(tables):
    individu, keluarga = tables
    _, fast = validate_tables(individu, keluarga, year=YEAR)
    original = validation.all_pass
    validation.all_pass = lambda _schema, _frame: False
    try:
        _, slow = validate_tables(individu, keluarga, year=YEAR)
    finally:
        validation.all_pass = original
    pd.testing.assert_frame_equal(fast.rejects, slow.rejects)
    assert fast.counts == slow.counts
