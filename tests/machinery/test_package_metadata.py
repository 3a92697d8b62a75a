"""The system reads its package metadata once, and gives what OpenFisca would."""

from __future__ import annotations

from openfisca_core.taxbenefitsystems import TaxBenefitSystem

from openfisca_indonesia_sosial.system import CountryTaxBenefitSystem, baseline


def test_the_metadata_is_openfiscas_own():
    system = baseline()
    assert system.get_package_metadata() == TaxBenefitSystem.get_package_metadata(system)
    assert system.get_package_metadata()["name"] == "openfisca-indonesia-sosial"


def test_a_caller_changing_its_copy_changes_nothing():
    system = baseline()
    mine = system.get_package_metadata()
    mine["location"] = "/elsewhere"
    assert system.get_package_metadata()["location"] != "/elsewhere"


def test_building_a_system_reads_it_once(monkeypatch):
    calls = []
    original = TaxBenefitSystem.get_package_metadata

    def counted(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(TaxBenefitSystem, "get_package_metadata", counted)
    system = CountryTaxBenefitSystem()
    # one read for all the variable files (OpenFisca asks once per file)
    assert len(calls) == 1
    assert len(system.variables) > 100
