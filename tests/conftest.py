"""Test wiring: YAML rule tests run inside pytest, through openfisca-core's own runner.

YAML files under ``tests/`` are OpenFisca test cases, except those under ``tests/fixtures``
(deliberately broken inputs for other tests).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openfisca_core.tools.test_runner import YamlFile

from openfisca_indonesia_sosial.system import baseline

TESTS_DIR = Path(__file__).parent
FIXTURES_DIR = TESTS_DIR / "fixtures"


def pytest_collect_file(parent, file_path: Path):
    if file_path.suffix not in {".yaml", ".yml"}:
        return None
    if FIXTURES_DIR in file_path.parents:
        return None
    return YamlFile.from_parent(parent, path=file_path, tax_benefit_system=baseline(), options={})


@pytest.fixture(scope="session")
def tbs():
    """The shared baseline CountryTaxBenefitSystem."""
    return baseline()
