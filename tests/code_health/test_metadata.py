"""The package obeys its metadata rules, and the checker catches each kind of violation."""

from __future__ import annotations

import datetime
import shutil
from pathlib import Path

import pytest
from openfisca_core.parameters import ParameterNode
from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_indonesia_sosial.law.code_health import (
    check_parameters,
    check_variables,
    iter_leaves,
    leaves_without_own_unit,
)
from openfisca_indonesia_sosial.law.entities import entities

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken"
#: The broken parameter files end in ``.yaml.broken`` so that ``openfisca test tests`` (which
#: collects every ``*.yaml`` under the path) does not try to run them as test cases.
BROKEN_SUFFIX = ".broken"
TODAY = datetime.date(2026, 11, 28)


def test_package_parameters_follow_the_convention(tbs):
    assert check_parameters(tbs.parameters) == []


def test_package_variables_follow_the_convention(tbs):
    assert check_variables(tbs) == []


@pytest.fixture(scope="module")
def broken_parameter_problems(tmp_path_factory):
    folder = tmp_path_factory.mktemp("broken") / "parameters"
    source = BROKEN / "parameters"
    for path in source.rglob(f"*.yaml{BROKEN_SUFFIX}"):
        target = folder / path.relative_to(source).with_suffix("")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    assert list(folder.rglob("*.yaml")), "no broken parameter fixtures found"
    return check_parameters(ParameterNode("", directory_path=str(folder)), TODAY)


def test_broken_fixtures_are_not_collected_as_openfisca_tests():
    # `openfisca test tests` collects every *.yaml and *.yml below tests/.
    assert not [*BROKEN.rglob("*.yaml"), *BROKEN.rglob("*.yml")]


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


# --- units on every leaf, where users read them -------------------------------------------------


def test_every_leaf_exposes_its_own_unit(tbs):
    # openfisca-core does not pass a node's metadata down: a unit declared on an index.yaml
    # would be missing from `leaf.metadata` and from the Web API's /parameter.
    assert leaves_without_own_unit(tbs.parameters) == []
    assert all(leaf.metadata["unit"] for leaf, _ in iter_leaves(tbs.parameters))
    assert tbs.parameters.pkh.indeks.ibu_hamil.metadata["unit"] == "currency-IDR"
    assert tbs.parameters.pkh.indeks.ibu_hamil.metadata["period"] == "year"
    assert tbs.parameters.atensi.yapi.bantuan_bulanan.metadata["unit"] == "currency-IDR"
    assert tbs.parameters.pkh.pembayaran.bulan_tercakup.januari.metadata["unit"] == "month"


def test_web_api_parameter_shows_each_leaf_unit(tbs):
    from openfisca_web_api.loader.parameters import build_api_parameter

    package = {"location": "", "repository_url": "", "version": ""}
    for leaf, _ in iter_leaves(tbs.parameters):
        served = build_api_parameter(leaf, package)
        assert served["metadata"]["unit"], leaf.name


def _tree(tmp_path, files: dict[str, str]) -> ParameterNode:
    for relative, text in files.items():
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return ParameterNode("", directory_path=str(tmp_path))


LEAF = """description: Nilai
documentation: English.
metadata:
  label_en: Value
{unit}  last_checked: "2026-11-28"
  reference:
    2020-01-01:
      - title: Peraturan contoh
{entry}values:
  2020-01-01: 1
"""


def test_checker_reports_a_unit_declared_only_on_a_node(tmp_path):
    node = "description: Simpul\nmetadata:\n  label_en: Node\n  unit: year\n"
    problems = check_parameters(
        _tree(
            tmp_path, {"grup/index.yaml": node, "grup/nilai.yaml": LEAF.format(unit="", entry="")}
        ),
        TODAY,
    )
    assert "grup: metadata.unit on a node is not passed to its leaves; write it on each leaf" in (
        problems
    )
    assert (
        "grup.nilai: metadata.unit only on an ancestor node; write it on the leaf"
        " (openfisca-core does not pass node metadata down)"
    ) in problems


def test_checker_accepts_a_leaf_with_its_own_unit_and_a_later_value_check(tmp_path):
    entry = '        last_checked: "2026-11-28"\n'
    leaf = LEAF.format(unit="  unit: year\n", entry=entry)
    assert check_parameters(_tree(tmp_path, {"grup/nilai.yaml": leaf}), TODAY) == []


@pytest.mark.parametrize(
    ("checked", "expected"),
    [
        (
            "2999-01-01",
            "grup.nilai: reference of 2020-01-01: last_checked 2999-01-01 is in the future",
        ),
        (
            "2026-01-01",
            "grup.nilai: reference of 2020-01-01: last_checked 2026-01-01 is older than the leaf's"
            " last_checked 2026-11-28 (a value check only records a later check)",
        ),
        (
            "soon",
            "grup.nilai: reference of 2020-01-01: last_checked must be an ISO date, got 'soon'",
        ),
    ],
)
def test_checker_reports_a_bad_value_check_date(tmp_path, checked, expected):
    leaf = LEAF.format(unit="  unit: year\n", entry=f'        last_checked: "{checked}"\n')
    assert check_parameters(_tree(tmp_path, {"grup/nilai.yaml": leaf}), TODAY) == [expected]
