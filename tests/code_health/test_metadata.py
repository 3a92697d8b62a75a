"""The package obeys its metadata rules, and the checker catches each kind of violation."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from openfisca_core.parameters import ParameterNode
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_indonesia_sosial.code_health import check_parameters, check_variables
from openfisca_indonesia_sosial.entities import entities

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken"
TODAY = datetime.date(2026, 11, 28)


def test_package_parameters_follow_the_convention(tbs):
    assert check_parameters(tbs.parameters) == []


def test_package_variables_follow_the_convention(tbs):
    assert check_variables(tbs) == []


@pytest.fixture(scope="module")
def broken_parameter_problems():
    return check_parameters(ParameterNode("", directory_path=str(BROKEN / "parameters")), TODAY)


@pytest.fixture(scope="module")
def broken_variable_problems():
    system = TaxBenefitSystem(entities)
    system.add_variables_from_directory(str(BROKEN / "variables"))
    return check_variables(system)


@pytest.mark.parametrize(
    "expected",
    [
        "program_rusak.nilai_bulanan: value of 2021-01-01 has no reference with a title",
        "program_rusak.nilai_bulanan: last_checked 2999-01-01 is in the future",
        "program_rusak.nilai_bulanan: money value 150000.5 at 2021-01-01 is not whole rupiah",
        "program_rusak.TanpaMetadata: 'TanpaMetadata' is not ASCII snake_case",
        "program_rusak.TanpaMetadata: missing Indonesian description",
        "program_rusak.TanpaMetadata: missing English documentation",
        "program_rusak.TanpaMetadata: missing metadata.label_en",
        "program_rusak.TanpaMetadata: no unit (on the leaf or an ancestor node)",
        "program_rusak.satuan_asing: unknown unit 'euros'",
        "program_rusak.satuan_asing: metadata.last_checked must be an ISO date, got 'not-a-date'",
        "program_rusak.satuan_asing: value of 2020-01-01 has no reference with a title",
    ],
)
def test_checker_reports_each_broken_parameter(broken_parameter_problems, expected):
    assert expected in broken_parameter_problems


@pytest.mark.parametrize(
    "expected",
    [
        "uang_float: money must be int rupiah, not float",
        "uang_float: numbers [150000] in a formula; make them dated parameters",
        "TanpaLabel: not ASCII snake_case",
        "TanpaLabel: missing Indonesian label",
        "TanpaLabel: needs documentation or a reference",
        "tanpa_rumus: variable without a formula belongs in a masukan/ folder",
        "masukan_berumus: input variable (in masukan/) must not have a formula",
        "masukan_berumus: unknown unit 'furlongs'",
    ],
)
def test_checker_reports_each_broken_variable(broken_variable_problems, expected):
    assert expected in broken_variable_problems


def test_checker_says_nothing_more_than_the_defects(broken_variable_problems):
    # masukan_berumus multiplies by 0, which is allowed: only the listed defects are reported.
    assert len(broken_variable_problems) == 8
