"""Pinned national impacts of every shipped reform on the default population.

Each shipped reform's effect (reform minus baseline: cost change per program, recipients,
poverty) is pinned in pinned_impacts.yaml with tolerances, after PolicyEngine-UK's
reforms_config.yaml: a change of law, of a reform, of the population or of the delivery rules
that moves a reform's effect fails here, and the pins are regenerated deliberately with
tests/reforms/regenerate_pins.py, the diff of the YAML file showing reviewers what moved.

The baseline is computed once for the module, and all reforms in one Microsimulation call
(reforms inactive in the pinned year are not simulated: their effect is exactly zero).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from openfisca_indonesia_sosial.reform.files import shipped_reform_paths

PINS_PATH = Path(__file__).with_name("pinned_impacts.yaml")
PINS = yaml.safe_load(PINS_PATH.read_text(encoding="utf-8"))
SHIPPED = [path.stem for path in shipped_reform_paths()]


def leaves(tree, prefix=()):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from leaves(value, (*prefix, key))
    else:
        yield prefix, tree


def allowed_gap(key: str, pinned, tolerance: dict) -> float:
    """The largest accepted |computed - pinned| for a figure named ``key``."""
    if key.startswith(("cost", "total_cost", "entitled_cost")):
        absolute, relative = tolerance["cost_absolute_idr"], tolerance["cost_relative"]
    elif key.startswith(("recipient", "peak_month_recipient", "entitled_")):
        absolute, relative = tolerance["recipients_absolute"], tolerance["recipients_relative"]
    else:  # poverty and inequality measures, rates in [0, 1]
        absolute, relative = tolerance["poverty_absolute"], 0.0
    return max(absolute, relative * abs(pinned))


def compare(pinned: dict, computed: dict, tolerance: dict, where: str) -> list[str]:
    found = dict(leaves(computed))
    problems = []
    for path, value in leaves(pinned):
        if path[-1] in ("tolerance", "note") or (path and path[0] in ("tolerance", "note")):
            continue
        label = f"{where}.{'.'.join(map(str, path))}"
        if path not in found:
            problems.append(f"{label}: pinned {value!r}, not computed")
            continue
        actual = found[path]
        if isinstance(value, bool | list) or isinstance(actual, bool | list):
            if value != actual:  # flags and lists (a program's payment months): exact
                problems.append(f"{label}: pinned {value!r}, computed {actual!r}")
            continue
        gap = abs(float(actual) - float(value))
        if gap > allowed_gap(str(path[-1]), value, tolerance):
            problems.append(f"{label}: pinned {value!r}, computed {actual!r} (off by {gap:.6g})")
    for path in found:
        if path not in dict(leaves(pinned)):
            problems.append(f"{where}.{'.'.join(map(str, path))}: computed but not pinned")
    return problems


# --- fast checks of the pins file --------------------------------------------------------


def test_pins_cover_every_shipped_reform_and_nothing_else():
    assert sorted(PINS["reforms"]) == sorted(SHIPPED), (
        "regenerate the pins: python tests/reforms/regenerate_pins.py"
    )


def test_pins_file_is_well_formed():
    assert PINS["year"] in range(2014, 2100)
    tolerance = PINS["tolerance"]
    assert set(tolerance) == {
        "cost_relative",
        "cost_absolute_idr",
        "recipients_relative",
        "recipients_absolute",
        "poverty_absolute",
    }
    for name, figures in PINS["reforms"].items():
        assert isinstance(figures["active"], bool), name
        assert set(figures["programs"]) >= {"pkh", "sembako", "pbi_jk", "atensi"}, name
        if not figures["active"]:
            assert figures["total_cost_change_idr"] == 0, name
    assert "DO NOT EDIT THE FIGURES BY HAND" in PINS_PATH.read_text(encoding="utf-8")


def test_tolerances_compare_as_documented():
    tolerance = {
        "cost_relative": 0.01,
        "cost_absolute_idr": 10,
        "recipients_relative": 0.0,
        "recipients_absolute": 5,
        "poverty_absolute": 0.001,
    }
    pinned = {"cost_change_idr": 1000, "recipient_families_change": 100.0, "gini_change": 0.0}
    assert compare(pinned, pinned, tolerance, "x") == []
    ok = {"cost_change_idr": 1010, "recipient_families_change": 104.0, "gini_change": 0.0009}
    assert compare(pinned, ok, tolerance, "x") == []
    off = {"cost_change_idr": 1011, "recipient_families_change": 106.0, "gini_change": 0.002}
    assert len(compare(pinned, off, tolerance, "x")) == 3


# --- the pinned figures, one microsimulation for the module ------------------------------


@pytest.fixture(scope="module")
def computed():
    """Baseline and every shipped reform over the default population, computed once."""
    from openfisca_indonesia_sosial.data import validate_tables
    from openfisca_indonesia_sosial.microsim.breakdown import reform_impacts
    from openfisca_indonesia_sosial.synthetic import default_population

    year = PINS["year"]
    individu, keluarga = default_population(year)
    population, _ = validate_tables(individu, keluarga, year=year, source="default population")
    assert len(keluarga) == PINS["population"]["sample_families"]
    return reform_impacts(population, SHIPPED)


@pytest.mark.slow
def test_baseline_figures(computed):
    baseline = computed["scenarios"]["baseline"]
    figures = {
        "total_cost_idr": baseline["total_cost_idr"],
        "programs": baseline["programs"],
        "poverty": {key: value for key, value in baseline["poverty"].items()},
    }
    problems = compare(PINS["baseline"], figures, PINS["tolerance"], "baseline")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
@pytest.mark.parametrize("name", SHIPPED)
def test_reform_impact(computed, name):
    pinned = PINS["reforms"][name]
    tolerance = {**PINS["tolerance"], **pinned.get("tolerance", {})}
    problems = compare(pinned, computed["impacts"][name], tolerance, name)
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_inactive_reforms_are_exactly_zero(computed):
    for name, figures in computed["impacts"].items():
        if not figures["active"]:
            assert figures["total_cost_change_idr"] == 0, name
            assert all(v["cost_change_idr"] == 0 for v in figures["programs"].values()), name
