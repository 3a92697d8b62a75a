"""Counts of PKH members by component, and gaps that apply to one of two disagreeing values."""

from __future__ import annotations

import numpy as np
from test_validation import _fake_result

from openfisca_indonesia_sosial.law.enums import KomponenPKH
from openfisca_indonesia_sosial.official.checks import assess, known_gap
from openfisca_indonesia_sosial.official.simulated import SimulatedYear

LANSIA = KomponenPKH.lanjut_usia.index
DISAB = KomponenPKH.disabilitas_berat.index


def _components() -> np.ndarray:
    """Members 0-1 in family 0 (weight 1), 2-5 in family 1 (weight 2), 6-10 in family 2
    (weight 3). Every month: member 1 elderly, member 3 elderly, member 4 disabled, members 7
    and 8 elderly."""
    codes = np.zeros((12, 11), dtype=np.int8)
    codes[:, [1, 3, 7, 8]] = LANSIA
    codes[:, 4] = DISAB
    return codes


def test_component_holders_count_members_of_paid_families_only():
    simulated = SimulatedYear(_fake_result(), _components())
    # January: families 0 and 1 paid. Elderly: member 1 (weight 1) + member 3 (weight 2) = 3
    assert simulated.component_holders("lanjut_usia", 1).value == 3.0
    # April: only family 2 paid: members 7 and 8, weight 3 each = 6
    assert simulated.component_holders("lanjut_usia", 4).value == 6.0
    # average over the tahap months January, April, July, October: (3 + 6 + 6 + 0) / 4
    assert simulated.component_holders("lanjut_usia").value == 3.75
    # disabled member 4 of family 1 counts in January only: (2 + 0 + 0 + 0) / 4
    assert simulated.component_holders("disabilitas_berat").value == 0.5


def test_component_holders_need_the_components():
    assert SimulatedYear(_fake_result()).component_holders("lanjut_usia") is None


def test_a_gap_for_one_of_two_disagreeing_values_names_that_value():
    key = ("pkh_lanjut_usia", "2019", "persons")
    assert known_gap(key, 1_100_000).high == 3.6
    assert known_gap(key, 2_000_000).high == 2.0
    assert known_gap(key, 1_500_000) is None


def test_the_disability_count_is_a_population_target_with_its_parameter():
    row = {
        "year": 2021,
        "program": "pkh_disabilitas_berat",
        "period": "2021-01",
        "measure": "persons",
        "simulated": 120_000,
        "official": 109_524,
        "ratio": 120_000 / 109_524,
    }
    out = assess(row)
    assert out["status"] == "population target"
    assert out["calibrates"] == "synthetic.targets.PKH_DISABILITY_SHARE"
    assert out["tolerance"] == {"kind": "ratio", "low": 0.85, "high": 1.15}
    assert out["within"] is True
    assert assess({**row, "simulated": 130_000, "ratio": 130_000 / 109_524})["within"] is False
