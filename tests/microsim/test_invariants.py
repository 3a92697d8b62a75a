"""Invariants of the microsimulation on a generated population."""

from __future__ import annotations

import textwrap
from fractions import Fraction

import pytest
from money_reference import total_rupiah

from openfisca_indonesia_sosial.microsim import Microsimulation
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.simulation.parameters import parameter_at
from openfisca_indonesia_sosial.synthetic import generate

YEAR = 2025


def write_reform(tmp_path, name, parameters: str):
    path = tmp_path / f"{name}.yaml"
    body = textwrap.indent(textwrap.dedent(parameters), "  ")
    path.write_text(
        f"name: {name}\nlabel: Uji {name}\ndescription: Test reform {name}.\nparameters:\n{body}"
    )
    return str(path)


@pytest.fixture(scope="module")
def tables():
    return generate(YEAR, 3000, seed=11)


@pytest.fixture(scope="module")
def run(tables, tmp_path_factory):
    tmp = tmp_path_factory.mktemp("reforms")
    same = write_reform(tmp, "sama", "sembako.nilai_bulanan:\n  2025-01-01: 200000\n")
    tight = write_reform(
        tmp,
        "kuota_ketat",
        "pkh.kuota:\n  2025-01-01: 300000\nsembako.kuota.kpm:\n  2025-01-01: 500000\n"
        "pbi_jk.kuota:\n  2025-01-01: 2000000\n",
    )
    individu, keluarga = tables
    return Microsimulation.from_tables(
        individu, keluarga, YEAR, reforms=[same, tight, "sembako_300rb"]
    ).run()


def test_a_reform_identical_to_the_baseline_changes_nothing(run):
    summary = run.summary()["scenarios"]
    assert summary["sama"]["programs"] == summary["baseline"]["programs"]
    assert summary["sama"]["poverty"] == summary["baseline"]["poverty"]
    assert summary["sama"]["change"]["total_cost_idr"] == 0


def test_quotas_are_never_exceeded(run):
    scenario = run.scenarios["kuota_ketat"]
    context = run.context
    for program in PROGRAMS:
        if program.quota is None:
            continue
        weights = (
            context.weights[context.person_family]
            if program.unit == "individu"
            else context.weights
        )
        paid = scenario.delivered.paid[program.key]
        for month in range(12):
            quota = parameter_at(scenario.system, program.quota, f"{YEAR}-{month + 1:02d}-01")
            assert weights[paid[month]].sum() <= quota
        assert paid.any(), f"{program.key}: a binding quota should still pay someone"


def test_total_cost_equals_the_weighted_sum_of_payments(run):
    context = run.context
    for name, scenario in run.scenarios.items():
        for program in PROGRAMS:
            yearly = scenario.delivered.amount[program.key].sum(axis=0)
            weights = (
                context.weights[context.person_family]
                if program.unit == "individu"
                else context.weights
            )
            # exact rational sum (a float sum can be off by one rupiah near a half)
            expected = round(
                sum(
                    Fraction(int(a)) * Fraction(float(w))
                    for a, w in zip(yearly, weights, strict=True)
                    if a
                )
            )
            assert scenario.figures["programs"][program.key]["cost_idr"] == expected
            assert total_rupiah(yearly, weights) == expected
        total = sum(p["cost_idr"] for p in scenario.figures["programs"].values())
        assert scenario.figures["total_cost_idr"] == total, name


def test_poverty_cannot_rise_when_only_benefits_rise(run):
    summary = run.summary()["scenarios"]
    base, richer = summary["baseline"]["poverty"], summary["sembako_300rb"]["poverty"]
    for measure in ("headcount_rate", "poverty_gap_index", "poverty_severity_index"):
        assert richer[measure] <= base[measure]
    assert summary["sembako_300rb"]["change"]["programs_cost_idr"]["sembako"] > 0
    losers = run.tables()["winners_losers"]
    assert (losers[losers["scenario"] == "sembako_300rb"]["share_losing"] == 0).all()
