"""The per-provision breakdown of ``POST /simulate`` over HTTP.

Hand-checkable set-up: two provisions on different programs (Sembako's monthly amount, PKH's
SD index). Neither program's payments depend on the other's amount, so each provision's cost
change is the cost change of that provision run alone as a reform of its own, and the two add
up to the whole reform. The single-provision runs come from the same job's main results (the
replicate-weighted run), an independent path from the breakdown's own microsimulation.
"""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

import pytest
import yaml

from openfisca_indonesia_sosial.api import jobs
from openfisca_indonesia_sosial.api.reforms import ReformCache

ROOT = Path(__file__).resolve().parents[2]
SEMBAKO = {"sembako.nilai_bulanan": {"2025-01-01": 300000}}
PKH_SD = {"pkh.indeks.sd": {"2025-01-01": 990000}}
REFORMS = [
    {"name": "sembako_only", "parameters": SEMBAKO},
    {"name": "pkh_sd_only", "parameters": PKH_SD},
    {"name": "both", "parameters": {**SEMBAKO, **PKH_SD}},
    "pkh_indeks_inflasi_2025",
]


def wait(api, job_id: str, timeout: float = 300.0) -> dict:
    deadline = time.time() + timeout
    while time.time() < deadline:
        job = api.get(f"/simulate/{job_id}").json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.3)
    raise AssertionError(f"job {job_id} not finished after {timeout} s")


@pytest.fixture(scope="module")
def job(api) -> dict:
    answer = api.post("/simulate", json={"year": 2025, "reforms": REFORMS})
    assert answer.status_code == 202, answer.text
    done = wait(api, answer.json()["id"])
    assert done["status"] == "done", done.get("error")
    return done


def cost_change(result: dict, scenario: str, program: str) -> int:
    programs = result["scenarios"]
    return (
        programs[scenario]["programs"][program]["cost_idr"]
        - (programs["baseline"]["programs"][program]["cost_idr"])
    )


def test_only_reforms_of_several_provisions_are_broken_down(job):
    assert set(job["breakdown"]) == {"both", "pkh_indeks_inflasi_2025"}
    assert job["breakdown_requested"] is True


def test_each_independent_provision_is_its_own_reform_and_they_add_up(job):
    result, block = job["result"], job["breakdown"]["both"]
    first, second = block["provisions"]
    # the request's order, each provision one parameter with its dated value
    assert (first["step"], first["parameters"]) == (1, SEMBAKO)
    assert (second["step"], second["parameters"]) == (2, PKH_SD)
    sembako_alone = cost_change(result, "sembako_only", "sembako")
    pkh_alone = cost_change(result, "pkh_sd_only", "pkh")
    # Rp300,000 instead of Rp200,000 for the same families: half the baseline's cost more
    base_sembako = result["scenarios"]["baseline"]["programs"]["sembako"]["cost_idr"]
    assert abs(sembako_alone - base_sembako // 2) <= 2
    assert first["programs"]["sembako"]["cost_change_idr"] == sembako_alone
    assert second["programs"]["pkh"]["cost_change_idr"] == pkh_alone
    assert first["programs"]["pkh"]["cost_change_idr"] == 0
    assert second["programs"]["sembako"]["cost_change_idr"] == 0
    assert first["total_cost_change_idr"] == sembako_alone
    assert second["total_cost_change_idr"] == pkh_alone
    # an amount changes, not who is paid
    assert first["programs"]["sembako"]["recipient_families_change"] == 0
    assert second["programs"]["pkh"]["recipient_families_change"] == 0
    # the parts add up to the whole, and the whole is the main run's figure
    whole = result["scenarios"]["both"]["change"]["total_cost_idr"]
    assert block["total"]["total_cost_change_idr"] == whole == sembako_alone + pkh_alone
    # the first provision's poverty effect is the Sembako reform's own (same scenario)
    p0_alone = (
        result["scenarios"]["sembako_only"]["poverty"]["headcount_rate"]
        - result["scenarios"]["baseline"]["poverty"]["headcount_rate"]
    )
    assert first["poverty"]["headcount_rate_change"] == pytest.approx(p0_alone, abs=1e-12)
    assert first["poverty"]["headcount_rate_change"] < 0  # more money, fewer poor
    p0_sum = sum(p["poverty"]["headcount_rate_change"] for p in block["provisions"])
    assert p0_sum == pytest.approx(block["total"]["poverty"]["headcount_rate_change"], abs=1e-12)


def test_a_reform_file_beyond_the_limit_merges_its_last_parameters(job):
    block = job["breakdown"]["pkh_indeks_inflasi_2025"]
    source = yaml.safe_load((ROOT / "reforms/pkh_indeks_inflasi_2025.yaml").read_text("utf-8"))
    paths = list(source["parameters"])  # file order
    assert block["provision_count"] == len(paths) == 7
    provisions = block["provisions"]
    assert len(provisions) == 6
    assert [list(p["parameters"]) for p in provisions[:5]] == [[path] for path in paths[:5]]
    assert list(provisions[5]["parameters"]) == paths[5:]
    assert provisions[0]["parameters"] == {"pkh.indeks.ibu_hamil": {"2025-01-01": 3300000}}
    whole = job["result"]["scenarios"]["pkh_indeks_inflasi_2025"]["change"]["total_cost_idr"]
    assert sum(p["total_cost_change_idr"] for p in provisions) == whole
    assert block["total"]["total_cost_change_idr"] == whole > 0
    for provision in provisions:  # a raised index costs more and changes only PKH
        changed = {k for k, v in provision["programs"].items() if v["cost_change_idr"]}
        assert changed == {"pkh"} and provision["total_cost_change_idr"] > 0


def test_breakdown_false_skips_it_and_a_wrong_value_is_a_400(api):
    answer = api.post("/simulate", json={"year": 2025, "breakdown": "yes"})
    assert answer.status_code == 400 and "breakdown" in answer.json()["error"]
    spec = api.get("/spec").json()["components"]["schemas"]
    assert spec["SimulationRequest"]["properties"]["breakdown"]["default"] is True
    assert "cumulative" in spec["ProvisionBreakdown"]["description"].lower()


def test_the_order_of_inline_parameters_is_part_of_the_reform():
    from openfisca_indonesia_sosial.system import baseline

    cache = ReformCache(baseline())
    forward = cache.resolve({"name": "both", "parameters": {**SEMBAKO, **PKH_SD}})
    backward = cache.resolve({"name": "both", "parameters": {**PKH_SD, **SEMBAKO}})
    assert forward.digest != backward.digest
    assert [c[0] for c in forward.loaded.changes] == ["sembako.nilai_bulanan", "pkh.indeks.sd"]
    assert [c[0] for c in backward.loaded.changes] == ["pkh.indeks.sd", "sembako.nilai_bulanan"]


def test_a_job_breaks_down_a_bounded_number_of_steps(monkeypatch):
    from openfisca_indonesia_sosial.microsim import breakdown
    from openfisca_indonesia_sosial.reform.files import load_reform
    from openfisca_indonesia_sosial.system import baseline

    base = baseline()
    seven = load_reform("pkh_indeks_inflasi_2025", base)  # 6 provisions each
    copies = [dataclasses.replace(seven, name=f"copy{i}") for i in range(3)]
    asked = []

    def fake(population, reforms, **options):
        asked.append([r.name for r in reforms])
        return {r.name: {"provisions": []} for r in reforms}

    monkeypatch.setattr(breakdown, "provision_impacts", fake)
    job = jobs.Job("id", "key", 2025, False, [])
    blocks = jobs._breakdowns(job, None, copies, base)
    assert jobs.MAX_BREAKDOWN_STEPS == 16 and breakdown.MAX_PROVISIONS == 6
    assert asked == [["copy0", "copy1"]]  # 6 + 6 steps fit in 16, a third 6 does not
    assert "omitted" in blocks["copy2"] and "16" in blocks["copy2"]["omitted"]
    assert list(blocks) == ["copy0", "copy1", "copy2"]
