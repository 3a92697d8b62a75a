"""A reform computed from the baseline's arrays equals the reform computed from scratch.

``compute_scenarios`` reuses every baseline array a reform cannot change
(``simulation/reuse.py``); these tests compare, array by array, with the same scenarios
computed independently, for every shipped reform and for random parameter changes.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.microsim import build_scenarios
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.reform.catalog import catalogue
from openfisca_indonesia_sosial.simulation import reuse
from openfisca_indonesia_sosial.simulation.build import build_from_population
from openfisca_indonesia_sosial.simulation.engine import compute_scenarios
from openfisca_indonesia_sosial.synthetic.io import generate
from openfisca_indonesia_sosial.system import baseline

YEARS = (2019, 2021, 2025)


@functools.cache
def population(year: int, families: int = 800):
    individu, keluarga = generate(year, 1000, seed=7)  # the generator's smallest size
    keluarga = keluarga.iloc[:families]
    individu = individu[individu["id_keluarga"].isin(keluarga["id_keluarga"])]
    validated, report = validate_tables(individu, keluarga, year=year)
    assert report.ok
    return validated


def assert_same(fast, slow, label):
    for key in slow.amount:
        np.testing.assert_array_equal(fast.amount[key], slow.amount[key], err_msg=label + key)
        np.testing.assert_array_equal(fast.eligible[key], slow.eligible[key], err_msg=label + key)
        for name, values in slow.components.get(key, {}).items():
            np.testing.assert_array_equal(fast.components[key][name], values, err_msg=name)


@pytest.mark.parametrize("year", YEARS)
def test_every_shipped_reform_reuses_exactly(year):
    names = [entry.name for entry in catalogue()]
    systems = [s.system for s in build_scenarios(names).values()]
    fast = compute_scenarios(systems, population(year))
    slow = compute_scenarios(systems, population(year), reuse_baseline=False)
    for name, f, s in zip(["baseline", *names], fast, slow, strict=True):
        assert_same(f, s, f"{year} {name} ")
        assert not s.shared  # computed from scratch: nothing shared


def test_a_parametric_reform_shares_the_programs_it_cannot_reach():
    systems = [s.system for s in build_scenarios(["sembako_300rb"]).values()]
    _, reform = compute_scenarios(systems, population(2025))
    assert "sembako" not in reform.shared  # its amount changes
    assert "sembako" in reform.same_eligibility  # but not who is eligible
    assert {"pkh", "pbi_jk", "atensi"} <= reform.shared
    base = compute_scenarios(systems[:1], population(2025))[0]
    assert reform.amount["pkh"] is not None
    np.testing.assert_array_equal(reform.amount["pkh"], base.amount["pkh"])


def test_recorded_dependencies_follow_the_formulas():
    simulation = build_from_population(baseline(), population(2025))
    recorder = reuse.record_dependencies(simulation)
    simulation.calculate("sembako_bantuan", "2025-03")
    reuse.stop_recording(simulation)
    assert "sembako_layak" in recorder.variables["sembako_bantuan"]
    touched = recorder.parameters["sembako_bantuan"]
    assert any(path.startswith("sembako.") for path in touched)
    assert not any(path.startswith("pkh.") for path in touched)


def test_a_reform_that_redefines_an_input_is_built_from_the_population():
    from openfisca_core.reforms import Reform

    base = baseline()

    class hamil_ditulis_ulang(Reform):
        def apply(self):
            variable = type(base.variables["hamil"])
            self.update_variable(type("hamil", (variable,), {"label": variable.label}))

    reform = hamil_ditulis_ulang(base)
    simulation = build_from_population(base, population(2025))
    inputs = {name for table in population(2025).variables.values() for name in table}
    assert "hamil" in inputs
    affected = reuse.affected_variables(reuse.DependencyRecorder(), base, reform)
    assert "hamil" in affected
    assert reuse.derive(simulation, reform, affected, inputs) is None
    fast, slow = (
        compute_scenarios([base, reform], population(2025), reuse_baseline=flag)[1]
        for flag in (True, False)
    )
    assert_same(fast, slow, "input redefined ")


NUMERIC_LEAVES = sorted(
    path
    for path, history in reuse._leaves(baseline().parameters).items()
    if isinstance(history, tuple)
    and history
    and all(isinstance(value, (int, float)) and not isinstance(value, bool) for _, value in history)
    and not path.startswith("kemiskinan")
)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(
    path=st.sampled_from(NUMERIC_LEAVES),
    factor=st.sampled_from([0, 0.5, 2]),
    start=st.sampled_from(["2019-07-01", "2021-01-01", "2025-04-01"]),
)
def test_any_parameter_change_reuses_exactly(path, factor, start):
    from openfisca_core.reforms import Reform

    def modify(parameters):
        node = parameters
        for part in path.split("."):
            node = node.children[part]
        value = node(start)
        if value is None:  # the parameter has ended by then: give it a value again
            value = next(v.value for v in node.values_list if v.value is not None)
        node.update(start=start, value=type(value)(value * factor))
        return parameters

    class changed(Reform):
        def apply(self):
            self.modify_parameters(modify)

    base = baseline()
    reform = changed(base)
    year = int(start[:4])
    small = population(year, 300)
    fast = compute_scenarios([base, reform], small)[1]
    slow = compute_scenarios([base, reform], small, reuse_baseline=False)[1]
    assert_same(fast, slow, f"{path} x{factor} from {start} ")
    assert fast.shared <= {p.key for p in PROGRAMS}
