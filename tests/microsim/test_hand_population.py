"""Exact recipients and costs for a population small enough to work out by hand.

Worked from ../shared/rules/indonesia-rules.md for 2024 (DTKS era, quarterly PKH tahap in
January, April, July and October, each a quarter of the annual index):

K1 (weight 100, DTKS): pregnant mother 3,000,000 + SD child 900,000 = 3,900,000 PKH a year;
   Sembako 12 x 200,000 = 2,400,000; BLT Mitigasi Risiko Pangan Jan-Mar 3 x 200,000 = 600,000;
   PBI 2 persons x 12 x 42,000 = 1,008,000.
K2 (weight 50): not in DTKS: nothing.
K3 (weight 200, DTKS): elderly 2,400,000 + SMP grandchild 1,500,000 = 3,900,000 PKH; Sembako
   2,400,000; BLT Mitigasi 600,000; PBI 1,008,000; ATENSI YAPI for the orphan under 18:
   12 x 200,000 = 2,400,000.
"""

from __future__ import annotations

import textwrap

import pytest

from openfisca_indonesia_sosial.microsim import Microsimulation


@pytest.fixture(scope="module")
def result(hand_tables):
    individu, keluarga = hand_tables
    return Microsimulation.from_tables(individu, keluarga, 2024, reforms=["sembako_300rb"]).run()


EXPECTED_BASELINE = {
    "pkh": ("recipient_families", 300, 3_900_000 * 100 + 3_900_000 * 200),
    "sembako": ("recipient_families", 300, 2_400_000 * 300),
    "bantuan_tambahan": ("recipient_families", 300, 600_000 * 300),
    "program_baru": ("recipient_families", 0, 0),
    "pbi_jk": ("recipient_persons", 600, 1_008_000 * 300),
    "atensi": ("recipient_persons", 200, 2_400_000 * 200),
}


@pytest.mark.parametrize("program", sorted(EXPECTED_BASELINE))
def test_baseline_recipients_and_cost(result, program):
    key, recipients, cost = EXPECTED_BASELINE[program]
    figures = result.summary()["scenarios"]["baseline"]["programs"][program]
    # Every family or person paid is paid in every payment month of its program: the average
    # over the payment months, the year's count and the largest month agree.
    assert figures[key] == recipients
    assert figures[f"{key}_year"] == recipients
    assert figures[f"peak_month_{key}"] == recipients
    assert figures["cost_idr"] == cost


def test_reform_changes_only_sembako(result):
    reform = result.summary()["scenarios"]["sembako_300rb"]
    assert reform["programs"]["sembako"]["cost_idr"] == 12 * 300_000 * 300
    assert reform["change"]["programs_cost_idr"] == {
        "pkh": 0,
        "sembako": 12 * 100_000 * 300,
        "bantuan_tambahan": 0,
        "program_baru": 0,
        "pbi_jk": 0,
        "atensi": 0,
    }


def test_poverty_measures_by_hand(result):
    # March 2024 lines: urban 601,871, rural 556,874. Persons: K1 2 x 100, K2 1 x 50, K3 2 x 200.
    urban, rural = 601_871, 556_874
    gap_k1, gap_k3 = (urban - 400_000) / urban, (rural - 500_000) / rural
    base = result.summary()["scenarios"]["baseline"]["poverty"]
    assert base["headcount_rate"] == pytest.approx(600 / 650)
    assert base["poverty_gap_index"] == pytest.approx((200 * gap_k1 + 400 * gap_k3) / 650)
    # Rp 100,000 more a month per family is Rp 50,000 per person: both families stay poor.
    reform = result.summary()["scenarios"]["sembako_300rb"]["poverty"]
    gap_k1_r, gap_k3_r = (urban - 450_000) / urban, (rural - 550_000) / rural
    assert reform["headcount_rate"] == pytest.approx(600 / 650)
    assert reform["poverty_gap_index"] == pytest.approx((200 * gap_k1_r + 400 * gap_k3_r) / 650)


def test_quota_fills_from_the_poorest_registry_rank(hand_tables, tmp_path):
    # A PKH quota of 250 families: K3 (decile 1, weight 200) is admitted; K1 (decile 2,
    # weight 100) would take the total to 300 and is not.
    reform = tmp_path / "kuota_kecil.yaml"
    reform.write_text(
        textwrap.dedent(
            """\
            name: kuota_kecil
            label: Kuota PKH 250 keluarga
            description: A PKH quota small enough to bind in the hand-worked population.
            parameters:
              pkh.kuota:
                2024-01-01: 250
            """
        )
    )
    individu, keluarga = hand_tables
    run = Microsimulation.from_tables(individu, keluarga, 2024, reforms=[str(reform)]).run()
    pkh = run.summary()["scenarios"]["kuota_kecil"]["programs"]["pkh"]
    assert {key: pkh[key] for key in ("recipient_families", "cost_idr")} == {
        "recipient_families": 200,
        "cost_idr": 3_900_000 * 200,
    }
    assert pkh["recipient_families_year"] == pkh["peak_month_recipient_families"] == 200
    # Full entitlement ignores the quota.
    full = Microsimulation.from_tables(
        individu, keluarga, 2024, reforms=[str(reform)], full_entitlement=True
    ).run()
    assert full.summary()["scenarios"]["kuota_kecil"]["programs"]["pkh"]["cost_idr"] == (
        3_900_000 * 300
    )
