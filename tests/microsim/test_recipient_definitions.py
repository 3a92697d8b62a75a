"""Recipients counted three ways on a hand-made 2024 population (DTKS era, full entitlement so
neither quotas nor take-up draws intervene), each figure worked out by hand from the rules:

PKH pays in its tahap months January, April, July and October (a tahap pays the components
present in that month); Program Sembako and PBI-JK pay every month; the BLT Mitigasi Risiko
Pangan top-up pays January-March to Sembako families.

A (weight 100, DTKS): pregnant all year and a primary-school child: PKH in all four tahap.
B (weight 40, DTKS): pregnant only from November: eligible for PKH in November and December,
   but its first payment falls in the January tahap of the next year: no PKH in 2024.
C (weight 60, DTKS): pregnant January-May: PKH in the January and April tahap only.
D (weight 20): not in DTKS: nothing.
E (weight 80): in DTKS from July only (no PKH component): Sembako and PBI-JK July-December.

PKH by tahap: January and April 100 + 60, July and October 100: the average over the four
payment months is (160 + 160 + 100 + 100) / 4 = 130 KK; paid at least once: 160 KK; largest
month 160 KK. The count of families eligible in any month (the old headline) would be 200.
Sembako: January-June 100 + 40 + 60 = 200 KK, July-December 280 KK: average 240, year 280,
peak 280. Top-up: 200 KK in each of January-March: 200, 200, 200.
"""

from __future__ import annotations

import pandas as pd
import pytest

from openfisca_indonesia_sosial.microsim import Microsimulation

YEAR = 2024
MONTHS = range(1, 13)


def _person(pid, family, role, born, sex, pregnant_months=(), school="tidak_sekolah"):
    row = {
        "id_individu": pid,
        "id_keluarga": family,
        "peran": role,
        "tanggal_lahir": born,
        "jenis_kelamin": sex,
        "hamil": False,
        "jenjang_pendidikan": school,
        "status_yatim_piatu": "bukan",
    }
    for month in MONTHS:
        row[f"hamil_{YEAR}_{month:02d}"] = month in pregnant_months
    return row


def _family(fid, weight, dtks_months, province="33", urban=True, spending=400_000, decile=2):
    row = {
        "id_keluarga": fid,
        "bobot": weight,
        "provinsi": province,
        "perkotaan": urban,
        "pengeluaran_per_kapita": spending,
        "terdaftar_dtks": False,
        "desil_dtsen": decile,
    }
    for month in MONTHS:
        row[f"terdaftar_dtks_{YEAR}_{month:02d}"] = month in dtks_months
    return row


def late_population():
    year_round = set(MONTHS)
    individu = pd.DataFrame(
        [
            _person("a_ibu", "A", "kepala_keluarga", "1990-01-01", "perempuan", year_round),
            _person("a_anak", "A", "anak", "2016-03-10", "laki_laki", school="sd"),
            _person("b_ibu", "B", "kepala_keluarga", "1995-05-05", "perempuan", {11, 12}),
            _person("c_ibu", "C", "kepala_keluarga", "1993-02-02", "perempuan", {1, 2, 3, 4, 5}),
            _person("d_bapak", "D", "kepala_keluarga", "1980-02-02", "laki_laki"),
            _person("e_bapak", "E", "kepala_keluarga", "1975-07-07", "laki_laki"),
        ]
    )
    keluarga = pd.DataFrame(
        [
            _family("A", 100.0, year_round),
            _family("B", 40.0, year_round, province="53", urban=False),
            _family("C", 60.0, year_round),
            _family("D", 20.0, (), spending=3_000_000, decile=9),
            _family("E", 80.0, set(range(7, 13)), province="53", urban=False),
        ]
    )
    return individu, keluarga


@pytest.fixture(scope="module")
def result():
    individu, keluarga = late_population()
    simulation = Microsimulation.from_tables(individu, keluarga, YEAR, full_entitlement=True)
    assert simulation.validation.ok
    return simulation.run()


def _programs(result):
    return result.summary()["scenarios"]["baseline"]["programs"]


def test_pkh_average_over_tahap_months_year_and_peak(result):
    pkh = _programs(result)["pkh"]
    assert pkh["payment_months"] == [1, 4, 7, 10]
    assert pkh["recipient_families"] == pytest.approx(130.0)
    assert pkh["recipient_families_year"] == pytest.approx(160.0)
    assert pkh["peak_month_recipient_families"] == pytest.approx(160.0)


def test_family_enrolled_late_is_no_recipient_of_the_year(result):
    # B is eligible in November and December, yet paid nothing in 2024.
    delivered = result.scenarios["baseline"].delivered
    b = list(result.context.family_ids).index("B")
    assert delivered.paid["pkh"][10:, b].all()
    assert delivered.amount["pkh"][:, b].sum() == 0
    by_province = result.tables()["by_province"]
    row = by_province[(by_province.program == "pkh") & (by_province.provinsi == "53")].iloc[0]
    assert row.recipients_year == 0.0
    assert row.recipients == 0.0
    assert row.sample_families == 2
    assert row.sample_recipients == 0


def test_sembako_every_month_and_top_up_months(result):
    programs = _programs(result)
    sembako = programs["sembako"]
    assert sembako["payment_months"] == list(MONTHS)
    assert sembako["recipient_families"] == pytest.approx(240.0)
    assert sembako["recipient_families_year"] == pytest.approx(280.0)
    assert sembako["peak_month_recipient_families"] == pytest.approx(280.0)
    top_up = programs["bantuan_tambahan"]
    assert top_up["payment_months"] == [1, 2, 3]
    assert top_up["recipient_families"] == pytest.approx(200.0)
    assert top_up["recipient_families_year"] == pytest.approx(200.0)


def test_breakdowns_use_the_same_definitions(result):
    tables = result.tables()
    province = tables["by_province"]
    pkh = province[province.program == "pkh"].set_index("provinsi")
    # province 33: A (4 tahap) and C (2 tahap): (4 x 100 + 2 x 60) / 4 = 130
    assert pkh.loc["33", "recipients"] == pytest.approx(130.0)
    assert pkh.loc["33", "recipients_year"] == pytest.approx(160.0)
    assert pkh.loc["33", "recipient_unit"] == "KK"
    sembako = province[province.program == "sembako"].set_index("provinsi")
    # province 53: B all year (40), E July-December (80): (12 x 40 + 6 x 80) / 12 = 80
    assert sembako.loc["53", "recipients"] == pytest.approx(80.0)
    assert sembako.loc["53", "recipients_year"] == pytest.approx(120.0)
    programs = tables["programs"].set_index(["scenario", "program"])
    assert programs.loc[("baseline", "pkh"), "recipients"] == pytest.approx(130.0)
    assert programs.loc[("baseline", "pbi_jk"), "recipient_unit"] == "jiwa"
    for table in ("by_registry_decile", "by_expenditure_decile", "by_area"):
        frame = tables[table]
        total = frame[(frame.scenario == "baseline") & (frame.program == "pkh")].recipients.sum()
        assert total == pytest.approx(130.0)


def test_targeting_counts_paid_family_months(result):
    targeting = result.tables()["targeting"].set_index(["scenario", "program"])
    row = targeting.loc[("baseline", "pkh")]
    assert row.recipients == pytest.approx(130.0)
    assert row.recipient_unit == "KK"
