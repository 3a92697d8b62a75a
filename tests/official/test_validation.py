"""The validation against official figures: the committed table, its freshness, its checks,
the command and the generated page."""

from __future__ import annotations

import json
from types import SimpleNamespace

import numpy as np
import pytest
from typer.testing import CliRunner

from openfisca_indonesia_sosial.docs_gen import validation as page
from openfisca_indonesia_sosial.official.checks import KNOWN_GAPS, Tolerance, assess
from openfisca_indonesia_sosial.official.figures import load_figures
from openfisca_indonesia_sosial.official.simulated import SimulatedYear

#: The cheapest year to recompute: no top-up, the fewest figures.
FRESH_YEAR = 2019


@pytest.fixture(scope="module")
def committed() -> dict:
    return page.load()


def test_every_year_is_in_the_committed_table(committed):
    assert committed["years"] == list(range(2019, 2027))
    assert {row["year"] for row in committed["rows"]} == set(range(2019, 2027))


def test_each_checked_figure_stays_within_its_tolerance(committed):
    """Every row re-assessed with the checks as they are now, from the committed values."""
    keys = ("year", "program", "period", "measure", "unit", "simulated", "official", "ratio")
    outside = []
    for row in committed["rows"]:
        verdict = assess({key: row[key] for key in keys})
        assert verdict["why"], row
        if verdict["status"] != "informational" and not verdict["within"]:
            outside.append(f"{row['program']} {row['period']} {row['measure']}: {verdict}")
    assert not outside, "\n".join(outside)


def test_official_values_are_those_of_figures_yaml(committed):
    published = {(f.program, f.period, f.measure, f.value) for f in load_figures()}
    for row in committed["rows"] + committed["not_compared"]:
        assert (row["program"], row["period"], row["measure"], row["official"]) in published


def test_every_sourced_figure_of_a_simulated_year_is_compared_or_explained(committed):
    shown = len(committed["rows"]) + len(committed["not_compared"])
    assert shown == len(load_figures())
    assert all(row["reason"] for row in committed["not_compared"])


def test_committed_table_matches_a_fresh_run(committed):
    """The committed file cannot go stale silently: one year recomputed now."""
    from openfisca_indonesia_sosial.official.compare import validation_table

    fresh = validation_table([FRESH_YEAR])
    old = [row for row in committed["rows"] if row["year"] == FRESH_YEAR]
    assert len(fresh["rows"]) == len(old)
    for new, kept in zip(fresh["rows"], old, strict=True):
        where = f"{kept['program']} {kept['period']} {kept['measure']}"
        assert new["simulated"] == pytest.approx(kept["simulated"], rel=1e-9), (
            f"{where}: validation.json is stale; run tests/official/regenerate_validation.py"
        )
        assert new["status"] == kept["status"], where


def test_calibrated_pkh_round_is_the_quota_times_the_delivery_rate(committed):
    """Hand computation: quota 10,000,000 KPM (pkh.kuota) x 0.984 (2019 take-up rate)."""
    row = next(
        r
        for r in committed["rows"]
        if (r["program"], r["period"]) == ("pkh", "2019") and r["measure"] == "kpm"
    )
    assert row["status"] == "calibration"
    assert row["simulated"] == pytest.approx(10_000_000 * 0.984, rel=0.005)


def test_el_nino_realisation_is_the_calibrated_share_of_the_budget(committed):
    """Hand computation: 18.8 m KPM x Rp 400,000 x 0.904 = Rp 6.80 T."""
    row = next(
        r
        for r in committed["rows"]
        if r["program"] == "blt_el_nino_2023" and r["measure"] == "budget_idr"
    )
    assert row["simulated"] == pytest.approx(18_800_000 * 400_000 * 0.904, rel=0.01)


def _row(ratio, measure="kpm", period="2023", program="pkh"):
    return {
        "year": 2023,
        "program": program,
        "period": period,
        "measure": measure,
        "unit": "families",
        "simulated": ratio * 1000,
        "official": 1000,
        "ratio": ratio,
    }


@pytest.mark.parametrize(
    ("ratio", "within"), [(0.97, True), (1.03, True), (0.969, False), (1.031, False)]
)
def test_a_round_is_checked_within_three_percent(ratio, within):
    assert assess(_row(ratio))["within"] is within


def test_a_known_gap_is_guarded_by_its_own_band():
    gap = next(g for g in KNOWN_GAPS if g.program == "blt_bbm_2022" and "kpm" in g.measures)
    inside = assess(_row(0.9, program="blt_bbm_2022", period="2022"))
    assert inside["status"] == "known gap" and inside["within"] and inside["cause"]
    outside = assess(_row(gap.high + 0.05, program="blt_bbm_2022", period="2022"))
    assert not outside["within"]


def test_difference_tolerance_reads_the_difference():
    tolerance = Tolerance("difference", -0.015, 0.015, "")
    assert tolerance.holds({"difference": 0.01, "ratio": 9})
    assert not tolerance.holds({"difference": 0.02, "ratio": 1})


def _fake_result():
    """Three families (weights 1, 2, 3; 2, 4 and 5 members) under the 2023 rules, whose PKH
    tahap months are January, April, July and October: PKH paid to the first two families in
    January, to the third in April and July, to nobody in October."""
    from openfisca_indonesia_sosial.system import baseline

    amount = np.zeros((12, 3), dtype=np.int64)
    amount[0] = [100, 100, 0]
    amount[3] = [0, 0, 100]
    amount[6] = [0, 0, 100]
    top = np.zeros((12, 3), dtype=np.int64)
    delivered = SimpleNamespace(
        paid={"pkh": amount > 0, "bantuan_tambahan": top > 0},
        amount={"pkh": amount, "bantuan_tambahan": top},
    )
    scenario = SimpleNamespace(
        delivered=delivered,
        entitlements=SimpleNamespace(components={"bantuan_tambahan": {"x": top}}),
        figures={"poverty": {}},
        system=baseline(),
    )
    context = SimpleNamespace(
        weights=np.array([1.0, 2.0, 3.0]),
        family_size=np.array([2, 4, 5]),
        members=np.array([2, 4, 5]),
        person_family=np.array([0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2]),
    )
    return SimpleNamespace(year=2023, scenarios={"baseline": scenario}, totals={}, context=context)


def test_recipients_are_averaged_over_the_payment_months():
    simulated = SimulatedYear(_fake_result())
    # the payment months come from the rules (the tahap months), not from the payments
    assert simulated.payment_months("pkh") == [0, 3, 6, 9]
    # January: weights 1 + 2 = 3; April 3; July 3; October 0. Average 9 / 4.
    assert simulated.recipients("pkh").value == 2.25
    # persons: January 1x2 + 2x4 = 10, April 3x5 = 15, July 15, October 0: average 40 / 4
    assert simulated.persons_in_families("pkh").value == 10.0
    # cost: 100 x 1 + 100 x 2 + 100 x 3 + 100 x 3; to March only the January round
    assert simulated.cost("pkh").value == 900
    assert simulated.cost("pkh", through=3).value == 300


def test_cli_refuses_a_year_outside_the_figures_in_one_line():
    from openfisca_indonesia_sosial.cli import app

    result = CliRunner().invoke(app, ["validation", "--year", "2031"])
    assert result.exit_code == 2
    assert "2031" in result.output and "2019-2026" in result.output
    assert "Traceback" not in result.output


def test_cli_refuses_a_json_path_in_a_missing_folder(tmp_path):
    from openfisca_indonesia_sosial.cli import app

    target = tmp_path / "missing" / "out.json"
    result = CliRunner().invoke(app, ["validation", "--year", "2023", "--json", str(target)])
    assert result.exit_code == 2
    assert "missing" in result.output


def test_generated_page_shows_every_year_the_chart_and_the_causes(committed):
    text = page.render(committed)
    assert text.startswith("# Validasi / *Validation*")
    for year in committed["years"]:
        assert f"### {year}" in text
    assert text.count("<svg") == len(page.PANELS)
    assert "GAGAL" not in text
    for gap in KNOWN_GAPS:
        assert gap.cause[:40] in text


def test_generated_page_marks_a_failing_row():
    data = json.loads(page.DATA.read_text(encoding="utf-8"))
    data["rows"][0]["within"] = False
    assert "GAGAL" in page.render(data)
