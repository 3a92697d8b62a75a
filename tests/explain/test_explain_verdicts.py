"""Explanations read the verdict variables: change a rule by a reform, the explanation follows.

Nothing under ``explain/`` is edited between the baseline and the reformed answers below; the
sentences change only because the formulas, their verdicts and the parameters they read do.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest
from openfisca_core.periods import MONTH
from openfisca_core.reforms import Reform
from openfisca_core.variables import Variable

from openfisca_indonesia_sosial.examples import EXAMPLES
from openfisca_indonesia_sosial.explain import explain_situation
from openfisca_indonesia_sosial.law.entities import Individu
from openfisca_indonesia_sosial.law.enums import PKH_GRUP_BATAS, KomponenPKH
from openfisca_indonesia_sosial.reform.files import load_reform_from_mapping
from openfisca_indonesia_sosial.situations.compute import build_simulation

EXAMPLE = {example.name: example for example in EXAMPLES}


def _reformed(tbs, parameters: dict):
    data = {
        "name": "uji_penjelasan",
        "label": "Uji penjelasan",
        "description": "A rule changed for an explanation test.",
        "parameters": parameters,
    }
    return load_reform_from_mapping(data, tbs, source="test").system


def _pkh(system, situation: dict, month: str) -> dict:
    family = explain_situation(system, copy.deepcopy(situation), month)["families"][0]
    return family["programs"]["pkh"]


def _member(pkh: dict, who: str) -> dict:
    return next(m for m in pkh["members"] if m["individu"] == who)


def _school_family(children: int, year: int = 2025) -> dict:
    """A poor family (DTKS, DTSEN decile 3) whose ``children`` go to school in ``year``."""
    persons = {"kepala": {"tanggal_lahir": {"ETERNITY": "1980-01-01"}}}
    for number in range(children):
        persons[f"anak_{number}"] = {
            "tanggal_lahir": {"ETERNITY": f"{2006 + number}-02-01"},
            "jenjang_pendidikan": {str(year): "sd" if number else "smp"},
        }
    family = {
        "kepala_keluarga": "kepala",
        "daftar_anak": [p for p in persons if p != "kepala"],
        "desil_dtsen": {str(year): 3},
        "terdaftar_dtks": {str(year): True},
    }
    return {"daftar_individu": persons, "daftar_keluarga": {"K": family}}


def test_raising_the_elderly_age_changes_the_verdict_and_the_reason(tbs):
    situation = EXAMPLE["keluarga_pkh_2024"].situation()
    before = _member(_pkh(tbs, situation, "2024-01"), "nenek_sri")
    assert before["komponen"] == "lanjut_usia"
    elderly = next(c for c in before["checks"] if c["komponen"] == "lanjut_usia")
    assert elderly["held"] and "≥ 60" in elderly["en"] and "≥ 60" in elderly["id"]
    assert "pkh.umur.lanjut_usia_minimum" in elderly["parameters"]

    system = _reformed(tbs, {"pkh.umur.lanjut_usia_minimum": {"2024-01-01": 75}})
    pkh = _pkh(system, situation, "2024-01")
    after = _member(pkh, "nenek_sri")
    assert after["komponen"] == "tidak_ada" and after["bantuan"] == 0
    assert not any(c["komponen"] == "lanjut_usia" for c in after["checks"])
    assert "aged 71, under the elderly age of 75" in after["en"]
    assert "umur 71 di bawah umur lanjut usia 75" in after["id"]
    assert pkh["parameters"]["pkh.umur.lanjut_usia_minimum"]["value"] == 75


def test_a_changed_cap_names_the_cap_that_now_stops_the_member(tbs):
    situation = _school_family(5)
    base = _pkh(tbs, situation, "2025-07")
    dropped = [m for m in base["members"] if m["terpotong_batas"]]
    assert [m["batas"]["cap"] for m in dropped] == ["pkh.batas.anak", "pkh.batas.anak"]
    # the group's members are the law's own list (law.enums), not a copy
    assert "early childhood, primary school, lower secondary school" in dropped[0]["en"]
    assert len(PKH_GRUP_BATAS["anak"]) == 4

    system = _reformed(tbs, {"pkh.batas.anak": {"2025-01-01": 5}})
    after = _pkh(system, situation, "2025-07")
    dropped = [m for m in after["members"] if m["terpotong_batas"]]
    assert len(dropped) == 1
    assert dropped[0]["batas"] == {
        "cap": "pkh.batas.komponen_per_keluarga",
        "value": 4,
        "id": "batas 4 komponen per keluarga (pkh.batas.komponen_per_keluarga) sudah penuh",
        "en": "the family cap of 4 components (pkh.batas.komponen_per_keluarga) was full",
    }


def test_a_pregnancy_limit_raised_by_reform_lifts_the_reason(tbs):
    situation = EXAMPLE["keluarga_pkh_2024"].situation()
    siti = _member(_pkh(tbs, situation, "2024-01"), "ibu_siti")
    assert "pregnancy no. 3 is beyond the limit of 2" in siti["en"]

    system = _reformed(tbs, {"pkh.batas.urutan_kehamilan": {"2024-01-01": 3}})
    siti = _member(_pkh(system, situation, "2024-01"), "ibu_siti")
    pregnancy = next(c for c in siti["checks"] if c["komponen"] == "ibu_hamil")
    assert pregnancy["held"] and siti["komponen"] == "ibu_hamil"
    assert "beyond the limit" not in siti["en"]


def test_dapodik_reason_appears_only_while_the_rule_requires_it(tbs):
    situation = _school_family(1)
    situation["daftar_individu"]["anak_0"]["terdaftar_dapodik"] = {"2025": False}
    pupil = _member(_pkh(tbs, situation, "2025-07"), "anak_0")
    school = next(c for c in pupil["checks"] if c["komponen"] == "smp")
    assert not school["held"] and "not active in Dapodik" in school["en"]
    assert "pkh.syarat.wajib_dapodik" in school["parameters"]

    system = _reformed(tbs, {"pkh.syarat.wajib_dapodik": {"2025-01-01": False}})
    pupil = _member(_pkh(system, situation, "2025-07"), "anak_0")
    school = next(c for c in pupil["checks"] if c["komponen"] == "smp")
    assert school["held"] and pupil["komponen"] == "smp"
    assert "Dapodik" not in pupil["en"]


def test_the_registry_sentence_follows_the_switch_date(tbs):
    situation = _school_family(1)
    situation["daftar_keluarga"]["K"]["desil_dtsen"] = {"2025": 6}
    pkh = _pkh(tbs, situation, "2025-07")
    registry = next(c for c in pkh["conditions"] if c["key"] == "registri")
    assert not registry["held"] and pkh["eligible"] is False
    assert registry["values"] == {"desil_dtsen": 6, "registri.desil_maksimum.pkh": 4}
    assert "above the maximum decile 4" in registry["en"]

    # the switch to DTSEN moved to a later date: July 2025 is read from DTKS again
    system = _reformed(tbs, {"registri.pakai_dtsen": {"2025-04-01": False}})
    pkh = _pkh(system, situation, "2025-07")
    registry = next(c for c in pkh["conditions"] if c["key"] == "registri")
    assert registry["held"] and pkh["eligible"] is True
    assert registry["values"] == {"terdaftar_dtks": True}
    assert "registered in DTKS, the registry in use in July 2025" in registry["en"]


def test_the_duty_not_met_is_read_from_the_duty_verdicts(tbs):
    situation = _school_family(1)
    situation["daftar_individu"]["anak_0"]["kehadiran_sekolah_persen"] = {"2025": 70}
    pupil = _member(_pkh(tbs, situation, "2025-07"), "anak_0")
    assert pupil["patuh"] is False
    # 70 % all year: the July payment is cut for April, May and June (the window since the
    # April payment), each under the 85 % minimum
    assert (
        "not paid this month: attendance below the minimum in 3 month(s) since the" in (pupil["en"])
    )
    assert "kehadiran di bawah minimum selama 3 bulan sejak pembayaran sebelumnya" in pupil["id"]


@pytest.mark.parametrize("month", ["2018-06", "2024-01", "2025-07"])
def test_every_check_is_the_value_of_its_verdict_variable(tbs, month):
    """The explanation reports what the formulas decided, member by member."""
    year = int(month[:4])
    situation = _school_family(6, year)
    if year == 2024:
        situation = EXAMPLE["keluarga_pkh_2024"].situation()
    pkh = _pkh(tbs, situation, month)
    simulation = build_simulation(tbs, copy.deepcopy(situation))
    ids = [str(i) for i in simulation.persons.ids]
    cap = np.asarray(simulation.calculate("pkh_batas_penghalang", month).decode_to_str())
    for member in pkh["members"]:
        index = ids.index(member["individu"])
        for check in member["checks"]:
            verdict = simulation.calculate(f"pkh_memenuhi_{check['komponen']}", month)
            assert check["held"] == bool(verdict[index])
        if member["terpotong_batas"]:
            assert member["batas"]["cap"] == f"pkh.batas.{cap[index]}"
    names = {c["komponen"] for m in pkh["members"] for c in m["checks"]}
    assert names <= {item.name for item in KomponenPKH}


class pkh_memenuhi_smp(Variable):
    value_type = bool
    entity = Individu
    definition_period = MONTH
    label = "Anggota memenuhi komponen PKH anak SMP (tanpa syarat Dapodik)"
    reference = "Test reform: the SMP component without the Dapodik condition"

    def formula_2017_01_01(individu, period, parameters):  # noqa: N805
        jenjang = individu("jenjang_pendidikan", period)
        return (jenjang == jenjang.possible_values.smp) & individu("pkh_umur_sekolah", period)


class TanpaDapodikSmp(Reform):
    name = "tanpa_dapodik_smp"

    def apply(self):
        self.update_variable(pkh_memenuhi_smp)


def test_a_formula_changed_by_a_structural_reform_is_what_the_explanation_reads(tbs):
    """A copy of the rule inside the explanation would still blame Dapodik here."""
    situation = _school_family(1)
    situation["daftar_individu"]["anak_0"]["terdaftar_dapodik"] = {"2025": False}
    pupil = _member(_pkh(TanpaDapodikSmp(tbs), situation, "2025-07"), "anak_0")
    school = next(c for c in pupil["checks"] if c["komponen"] == "smp")
    assert school["held"] and pupil["komponen"] == "smp"
    assert "Dapodik" not in pupil["en"] and "pkh.syarat.wajib_dapodik" not in school["parameters"]


def _card_with_a_death(grandmother_died: str, head_died: str | None = None) -> dict:
    head = {"tanggal_lahir": {"ETERNITY": "1985-01-01"}}
    if head_died:
        head["tanggal_meninggal"] = {"ETERNITY": head_died}
    return {
        "daftar_individu": {
            "kepala": head,
            "nenek": {
                "tanggal_lahir": {"ETERNITY": "1940-01-01"},
                "tanggal_meninggal": {"ETERNITY": grandmother_died},
            },
        },
        "daftar_keluarga": {
            "k": {
                "kepala_keluarga": ["kepala"],
                "daftar_anggota_lain": ["nenek"],
                "terdaftar_dtks": {"2024-04": True},
            }
        },
    }


def test_a_member_who_died_is_explained_by_the_death_not_by_a_rule(tbs):
    # died 20 March 2024: an 84-year-old is not "under the elderly age" in April, she is dead
    pkh = _pkh(tbs, _card_with_a_death("2024-03-20"), "2024-04")
    nenek = _member(pkh, "nenek")
    assert "died on 2024-03-20; no longer counted from the following month" in nenek["en"]
    assert "elderly" not in nenek["en"]
    assert "meninggal 2024-03-20" in nenek["id"]


def test_a_card_whose_members_all_died_leaves_the_registry(tbs):
    pkh = _pkh(tbs, _card_with_a_death("2024-01-05", head_died="2024-02-10"), "2024-04")
    registry = next(c for c in pkh["conditions"] if c["key"] == "registri")
    assert not registry["held"] and pkh["eligible"] is False
    assert "No member of the family is alive any more" in registry["en"]


def test_the_early_childhood_limit_is_told_in_the_reading_in_force(tbs):
    """Three toddlers: under the birth-order reading the third is child no. 3; under the
    count reading (shipped alternative) the family already has two older toddlers."""
    situation = {
        "daftar_individu": {
            "ibu": {"tanggal_lahir": {"ETERNITY": "1990-01-01"}},
            **{f"balita_{n}": {"tanggal_lahir": {"ETERNITY": f"202{n}-06-01"}} for n in (1, 2, 3)},
        },
        "daftar_keluarga": {
            "k": {
                "kepala_keluarga": ["ibu"],
                "daftar_anak": ["balita_1", "balita_2", "balita_3"],
                "terdaftar_dtks": {"2024-04": True},
            }
        },
    }
    third = _member(_pkh(tbs, situation, "2024-04"), "balita_3")
    assert "child no. 3 is beyond the limit of child no. 2" in third["en"]
    system = _reformed(tbs, {"pkh.batas.anak_usia_dini_menurut_jumlah": {"2019-01-01": True}})
    third = _member(_pkh(system, situation, "2024-04"), "balita_3")
    assert "already has 2 older early-childhood members" in third["en"], third["en"]
    assert "{" not in third["en"] and "{" not in third["id"]
