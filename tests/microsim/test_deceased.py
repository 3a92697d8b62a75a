"""Deaths in a microsimulation (tanggal_meninggal), worked out by hand for 2024 (DTKS era, full
entitlement: no quota or take-up draw intervenes; PBI-JK 42,000 a person-month, Sembako 200,000
a family-month).

F (weight 10): the head died on 15 June 2024, the spouse lives: PBI-JK 6 + 12 person-months,
   Sembako all year (a member lives); 2 persons.
G (weight 5): its only member died on 3 March 2023, before the year: a cleansing finding (a
   warning), paid nothing in 2024 and counted in no person figure: 0 persons.
H (weight 1): nobody died: 2 persons, PBI-JK 24 person-months, Sembako all year.
"""

from __future__ import annotations

import pandas as pd
import pytest

from openfisca_indonesia_sosial.microsim import Microsimulation

YEAR = 2024


def _person(pid, family, role, born, sex, died=None):
    return {
        "id_individu": pid,
        "id_keluarga": family,
        "peran": role,
        "tanggal_lahir": born,
        "jenis_kelamin": sex,
        "tanggal_meninggal": died,
    }


def _family(fid, weight):
    return {
        "id_keluarga": fid,
        "bobot": weight,
        "provinsi": "33",
        "perkotaan": True,
        "pengeluaran_per_kapita": 400_000,
        "terdaftar_dtks": True,
        "desil_dtsen": 2,
    }


@pytest.fixture(scope="module")
def simulation():
    individu = pd.DataFrame(
        [
            _person("f_kepala", "F", "kepala_keluarga", "1960-01-01", "laki_laki", "2024-06-15"),
            _person("f_istri", "F", "pasangan", "1962-01-01", "perempuan"),
            _person("g_kepala", "G", "kepala_keluarga", "1940-01-01", "perempuan", "2023-03-03"),
            _person("h_kepala", "H", "kepala_keluarga", "1970-01-01", "laki_laki"),
            _person("h_istri", "H", "pasangan", "1972-01-01", "perempuan"),
        ]
    )
    keluarga = pd.DataFrame([_family("F", 10.0), _family("G", 5.0), _family("H", 1.0)])
    return Microsimulation.from_tables(
        individu, keluarga, YEAR, full_entitlement=True, replicates=0
    )


def test_a_death_before_the_year_is_a_warning_not_a_rejection(simulation):
    report = simulation.validation
    assert report.ok
    warnings = report.rejects[report.rejects["code"] == "meninggal_sebelum_periode"]
    assert list(warnings["record_id"]) == ["g_kepala"]
    assert set(warnings["severity"]) == {"warning"}


def test_the_dead_are_paid_until_their_month_and_counted_in_no_person_figure(simulation):
    summary = simulation.run().summary()
    programs = summary["scenarios"]["baseline"]["programs"]
    # F: (6 + 12) x 42,000 x 10; H: 24 x 42,000 x 1
    assert programs["pbi_jk"]["cost_idr"] == 18 * 42_000 * 10 + 24 * 42_000
    # F and H all year; G none (its only member died before the year)
    assert programs["sembako"]["cost_idr"] == 12 * 200_000 * (10 + 1)
    # persons: F 2 x 10, G 0, H 2 x 1 (the dead of 2023 is not a member any more)
    assert summary["population"]["persons"] == pytest.approx(22.0)
    assert summary["population"]["families"] == pytest.approx(16.0)
