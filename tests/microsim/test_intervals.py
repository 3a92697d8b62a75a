"""The 95 % intervals of a run: present, paired for reform differences, reproducible, and
absent when turned off (``replicates=0``, ``bansos simulate --replicates 0``)."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.metrics.replicates import family_keys, multipliers
from openfisca_indonesia_sosial.microsim import Microsimulation
from openfisca_indonesia_sosial.synthetic import generate, write

YEAR = 2025


@pytest.fixture(scope="module")
def population():
    individu, keluarga = generate(YEAR, 3000, seed=3)
    population, _ = validate_tables(individu, keluarga, year=YEAR)
    return population


@pytest.fixture(scope="module")
def summary(population):
    return Microsimulation(population, reforms=["sembako_300rb"]).run().summary()


def _width(interval):
    return interval[1] - interval[0]


def test_every_headline_figure_has_an_interval_around_it(summary):
    base = summary["scenarios"]["baseline"]
    for key, figures in base["programs"].items():
        unit = "recipient_persons" if "recipient_persons" in figures else "recipient_families"
        for field in (unit, f"{unit}_year", f"peak_month_{unit}", "cost_idr"):
            low, high = figures[f"{field}_ci95"]
            assert low <= figures[field] <= high, (key, field)
    for field in ("headcount_rate", "poverty_gap_index", "poverty_severity_index", "gini"):
        low, high = base["poverty"][f"{field}_ci95"]
        assert 0.0 <= low < base["poverty"][field] < high <= 1.0, field
    assert summary["uncertainty"]["replicates"] == 100


def test_reform_difference_is_paired(summary):
    base = summary["scenarios"]["baseline"]
    reform = summary["scenarios"]["sembako_300rb"]
    difference = reform["difference"]
    # reform minus baseline, exactly
    assert difference["programs"]["sembako"]["cost_idr"] == (
        reform["programs"]["sembako"]["cost_idr"] - base["programs"]["sembako"]["cost_idr"]
    )
    assert difference["poverty"]["headcount_rate"] == pytest.approx(
        reform["poverty"]["headcount_rate"] - base["poverty"]["headcount_rate"]
    )
    # the same families on both sides: the difference is far tighter than either level
    assert _width(difference["poverty"]["headcount_rate_ci95"]) < 0.5 * _width(
        base["poverty"]["headcount_rate_ci95"]
    )
    assert _width(difference["total_cost_idr_ci95"]) < 0.5 * _width(reform["total_cost_idr_ci95"])
    # an unchanged program differs by exactly nothing in every replicate
    assert difference["programs"]["pkh"]["cost_idr"] == 0
    assert difference["programs"]["pkh"]["cost_idr_ci95"] == [0, 0]
    # Rp 100,000 more a month lowers poverty beyond sampling noise
    assert difference["poverty"]["headcount_rate_ci95"][1] < 0


def test_breakdown_tables_carry_intervals_and_sample_counts(population):
    tables = Microsimulation(population).run().tables()
    province = tables["by_province"]
    assert (province.recipients_ci95_low <= province.recipients).all()
    assert (province.recipients <= province.recipients_ci95_high).all()
    baseline = province[(province.scenario == "baseline") & (province.program == "pkh")]
    assert baseline.sample_families.sum() == 3000
    assert (baseline.sample_recipients <= baseline.sample_families).all()
    for name in ("targeting", "poverty_by_province", "by_expenditure_decile", "programs"):
        assert any(column.endswith("_ci95_low") for column in tables[name].columns), name


def test_draws_depend_on_the_family_and_seed_only(population):
    ids = population.keluarga["id_keluarga"]
    keys = family_keys(ids)
    drawn = multipliers(keys, 50)
    some = np.arange(0, len(ids), 7)
    # a family's draws do not depend on the other families of its block
    assert np.array_equal(multipliers(keys[some], 50), drawn[:, some])
    assert abs(drawn.mean() - 1.0) < 0.02 and abs(drawn.var() - 1.0) < 0.03  # Poisson(1)
    assert not np.array_equal(multipliers(family_keys(ids, seed=1), 50), drawn)


def test_turned_off(population):
    summary = Microsimulation(population, reforms=["sembako_300rb"], replicates=0).run().summary()
    assert summary["uncertainty"] == {"replicates": 0}
    text = json.dumps([summary["scenarios"], summary["tables"]])
    assert "_ci95" not in text
    assert "difference" in summary["scenarios"]["sembako_300rb"]
    with pytest.raises(ValueError, match="replicates"):
        Microsimulation(population, replicates=1)


def test_command_line_option(tmp_path):
    from openfisca_indonesia_sosial.cli import app

    folder = tmp_path / "pop"
    write(folder, YEAR, 1000, seed=5)
    runner = CliRunner()
    bad = runner.invoke(app, ["simulate", "--population", str(folder), "--replicates", "1"])
    assert bad.exit_code == 2
    assert "--replicates" in bad.output and "Traceback" not in bad.output
    out = tmp_path / "out.json"
    csv = tmp_path / "csv"
    args = ["simulate", "--population", str(folder), "--json", str(out), "--csv", str(csv)]
    ok = runner.invoke(app, [*args, "--replicates", "0"])
    assert ok.exit_code == 0, ok.output
    assert "_ci95" not in json.dumps(json.loads(out.read_text(encoding="utf-8"))["scenarios"])
    ok = runner.invoke(app, [*args, "--replicates", "20"])
    assert ok.exit_code == 0, ok.output
    written = json.loads(out.read_text(encoding="utf-8"))
    assert written["uncertainty"]["replicates"] == 20
    assert "recipient_families_ci95" in written["scenarios"]["baseline"]["programs"]["pkh"]
    assert (csv / "definitions.csv").is_file()
    header = (csv / "by_province.csv").read_text(encoding="utf-8").splitlines()[0]
    assert "recipient_unit" in header and "sample_families" in header
