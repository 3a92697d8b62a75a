"""Test wiring: YAML rule tests run inside pytest, through openfisca-core's own runner.

YAML files under ``tests/`` are OpenFisca test cases, except those under ``tests/fixtures``
(deliberately broken inputs for other tests).
"""

from __future__ import annotations

import shutil
import subprocess
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


CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


@pytest.fixture(scope="session")
def chromium():
    """Run headless Chromium: ``chromium(args, profile_dir)`` returns the completed process.

    Browser tests never skip: ``python3 dev.py test`` installs Chromium when it is missing.
    """
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    assert executable, "headless Chromium is required (python3 dev.py test installs it)"

    def run(args, profile: Path, timeout: int = 120) -> subprocess.CompletedProcess:
        return subprocess.run(
            [executable, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
        )

    return run
