"""PKH payment schedule: invariants of the dated parameters and the Q2 reform file."""

from __future__ import annotations

from functools import reduce
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from openfisca_core.reforms import Reform
from openfisca_core.simulations import SimulationBuilder

from openfisca_indonesia_sosial.law.tanggal import NAMA_BULAN as BULAN
from openfisca_indonesia_sosial.system import baseline

REFORM_FILE = Path(__file__).parents[2] / "reforms" / "pkh_bulanan_2020_sampai_desember.yaml"
YEARS = range(2017, 2027)


def schedule(parameters, year: int) -> list[int]:
    """Months of the annual amount paid in each month of ``year``, January first."""
    return [
        parameters(f"{year}-{month:02d}-01").pkh.pembayaran.bulan_tercakup[name]
        for month, name in enumerate(BULAN, start=1)
    ]


class ParametricReform(Reform):
    """Applies a parametric reform file: each dated value holds from its date onward."""

    name = "parametric reform file"
    data: ClassVar[dict] = {}

    def apply(self):
        def modify(parameters):
            for path, values in self.data["parameters"].items():
                leaf = reduce(getattr, path.split("."), parameters)
                for start in sorted(values, key=str):
                    leaf.update(start=str(start), value=values[start])
            return parameters

        self.modify_parameters(modifier_function=modify)


@pytest.fixture(scope="module")
def reform_data() -> dict:
    return yaml.safe_load(REFORM_FILE.read_text())


@pytest.fixture(scope="module")
def reform_system(reform_data):
    return type("PkhBulanan2020", (ParametricReform,), {"data": reform_data})(baseline())


@pytest.mark.parametrize("year", YEARS)
def test_each_year_pays_twelve_months(year):
    assert sum(schedule(baseline().parameters, year)) == 12


def test_baseline_schedules_by_period():
    parameters = baseline().parameters
    assert schedule(parameters, 2017) == [0, 3, 0, 0, 3, 0, 0, 3, 0, 0, 3, 0]
    assert schedule(parameters, 2018) == [0, 3, 0, 0, 3, 0, 0, 3, 0, 0, 3, 0]
    assert schedule(parameters, 2019) == [3, 0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0]
    assert schedule(parameters, 2020) == [3, 0, 0, 1, 1, 1, 3, 0, 0, 3, 0, 0]
    for year in range(2021, 2027):
        assert schedule(parameters, year) == [3, 0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0]


def test_reform_file_names_existing_leaves(reform_data):
    parameters = baseline().parameters
    assert reform_data["name"] == REFORM_FILE.stem
    assert reform_data["label"] and reform_data["description"]
    for path in reform_data["parameters"]:
        reduce(getattr, path.split("."), parameters)  # raises if the leaf does not exist


@pytest.mark.parametrize("year", YEARS)
def test_reform_still_pays_twelve_months(reform_system, year):
    assert sum(schedule(reform_system.parameters, year)) == 12


def test_reform_pays_monthly_until_december_2020(reform_system):
    parameters = reform_system.parameters
    assert schedule(parameters, 2020) == [3, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    assert schedule(parameters, 2019) == [3, 0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0]
    assert schedule(parameters, 2021) == [3, 0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0]


def _sma_family_2020(system) -> int:
    situation = {
        "daftar_individu": {
            "ibu": {"tanggal_lahir": {"ETERNITY": "1980-01-01"}},
            "pelajar": {
                "tanggal_lahir": {"ETERNITY": "2004-08-01"},
                "jenjang_pendidikan": {"2020": "sma"},
            },
        },
        "daftar_keluarga": {
            "k": {
                "kepala_keluarga": ["ibu"],
                "daftar_anak": ["pelajar"],
                "terdaftar_dtks": {"2020": True},
            }
        },
    }
    simulation = SimulationBuilder().build_from_entities(system, situation)
    return int(simulation.calculate("pkh_bantuan_tahunan", "2020")[0])


def test_reform_changes_the_2020_sma_total(reform_system):
    # Baseline: 500,000 (January) + 3 x 166,000 + 2 x 500,000 = 1,998,000.
    assert _sma_family_2020(baseline()) == 1_998_000
    # Reform: 500,000 (January) + 9 x 166,000 (April-December) = 1,994,000.
    assert _sma_family_2020(reform_system) == 1_994_000


def test_reform_through_the_package_loader():
    """The same file through the package's reform loader (bansos --reform)."""
    reform_files = pytest.importorskip("openfisca_indonesia_sosial.reform.files")
    loaded = reform_files.load_reform(REFORM_FILE.stem, baseline())
    assert loaded.name == "pkh_bulanan_2020_sampai_desember"
    assert schedule(loaded.system.parameters, 2020) == [3, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    assert schedule(loaded.system.parameters, 2021) == [3, 0, 0, 3, 0, 0, 3, 0, 0, 3, 0, 0]
    assert _sma_family_2020(loaded.system) == 1_994_000
