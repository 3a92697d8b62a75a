"""POST /simulate and GET /simulate/<id> over HTTP: checks, limits, queue, progress, result."""

from __future__ import annotations

import time

import pytest
import requests
from live_server import serving

from openfisca_indonesia_sosial.api import ApiConfig
from openfisca_indonesia_sosial.api.jobs import Job, JobQueue

SEMBAKO_300 = {
    "name": "sembako_300",
    "parameters": {"sembako.nilai_bulanan": {"2025-01-01": 300000}},
}


def wait(api, job_id: str, timeout: float = 120.0) -> tuple[dict, list[float]]:
    seen, deadline = [], time.time() + timeout
    while time.time() < deadline:
        answer = api.get(f"/simulate/{job_id}")
        assert answer.status_code == 200, answer.text
        job = answer.json()
        seen.append(job["progress"])
        if job["status"] in ("done", "failed"):
            return job, seen
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} not finished after {timeout} s")


@pytest.fixture(scope="module")
def sembako_job(api):
    started = time.time()
    answer = api.post("/simulate", json={"year": 2025, "reforms": [SEMBAKO_300]})
    assert answer.status_code == 202, answer.text
    assert answer.headers["Location"] == f"/simulate/{answer.json()['id']}"
    job, progress = wait(api, answer.json()["id"])
    return job, progress, time.time() - started


def test_a_reform_runs_to_a_result(sembako_job):
    job, progress, seconds = sembako_job
    assert job["status"] == "done", job.get("error")
    assert seconds < 60
    assert progress == sorted(progress) and progress[0] >= 0 and progress[-1] == 1.0
    result = job["result"]
    assert result["year"] == 2025 and set(result["scenarios"]) == {"baseline", "sembako_300"}
    base = result["scenarios"]["baseline"]["programs"]["sembako"]
    reform = result["scenarios"]["sembako_300"]["programs"]["sembako"]
    # 300,000 instead of the 200,000 in force since March 2020 for every month of 2025: the
    # same families are paid, each 1.5 times as much (the weighted sum rounds to the rupiah).
    assert reform["recipient_families"] == pytest.approx(base["recipient_families"], rel=1e-12)
    assert abs(reform["cost_idr"] - 1.5 * base["cost_idr"]) <= 2
    for table in ("programs", "by_province", "winners_losers", "targeting"):
        assert result["tables"][table], table


def test_the_same_request_is_answered_from_the_cache(api, sembako_job):
    job, _, _ = sembako_job
    again = api.post("/simulate", json={"reforms": [SEMBAKO_300], "year": 2025})
    assert again.status_code == 202
    assert again.json()["id"] == job["id"] and again.json()["status"] == "done"


def test_the_report_of_a_finished_job_is_html(api, sembako_job):
    job, _, _ = sembako_job
    answer = api.get(f"/simulate/{job['id']}/report")
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/html")
    assert "sembako_300" in answer.text


@pytest.mark.parametrize(
    "body, status, words",
    [
        ({"year": 2010}, 400, ["year", "2010", "2019-2026"]),
        ({"year": "2025"}, 400, ["year", "whole number"]),
        ({"year": True}, 400, ["year"]),
        ({}, 400, ["year", "missing"]),
        ([2025], 400, ["JSON object"]),
        ({"year": 2025, "reforms": "sembako_300rb"}, 400, ["reforms", "list"]),
        ({"year": 2025, "reforms": ["sembako_300rb"] * 100_000}, 400, ["reforms", "at most 8"]),
        ({"year": 2025, "reforms": ["nope"]}, 400, ["reforms[0]", "nope"]),
        ({"year": 2025, "reforms": ["../../etc/passwd"]}, 400, ["reforms[0]"]),
        ({"year": 2025, "reforms": [None]}, 400, ["reforms[0]"]),
        ({"year": 2025, "reforms": ["sembako_300rb", "sembako_300rb"]}, 400, ["reforms[1]"]),
        ({"year": 2025, "full_entitlement": "yes"}, 400, ["full_entitlement"]),
        ({"year": 2025, "population": "/data"}, 400, ["population"]),
        (
            {
                "year": 2025,
                "reforms": [{"name": "x", "parameters": {"sembako.nope": {"2025-01-01": 1}}}],
            },
            400,
            ["reforms[0]", "sembako.nope"],
        ),
        (
            {
                "year": 2025,
                "reforms": [{"parameters": {"sembako.nilai_bulanan": {"2025-01-01": 10**12}}}],
            },
            400,
            ["reforms[0]", "sembako.nilai_bulanan"],
        ),
    ],
)
def test_client_mistakes_are_small_json_4xx_naming_the_field(api, body, status, words):
    answer = api.post("/simulate", json=body)
    assert answer.status_code == status, answer.text
    message = answer.json()["error"]
    assert len(answer.content) < 1_500
    for word in words:
        assert word in message, (word, message)


def test_a_body_that_is_not_json_is_refused(api):
    answer = api.post("/simulate", data="year=2025", headers={"Content-Type": "text/plain"})
    assert answer.status_code == 415


@pytest.mark.parametrize("job_id", ["abc", "x" * 5_000, "..%2F..%2Fspec"])
def test_an_unknown_id_is_a_404(api, job_id):
    answer = api.get(f"/simulate/{job_id}")
    assert answer.status_code == 404
    assert answer.json()["error"] and len(answer.content) < 400
    if "/" not in job_id and "%" not in job_id:
        assert "unknown, or expired" in answer.json()["error"]


def test_job_ids_are_unguessable(api, sembako_job):
    job, _, _ = sembako_job
    assert len(job["id"]) >= 24 and not job["id"].isdigit()


def test_too_many_jobs_are_refused_with_429():
    config = ApiConfig(max_jobs=1, job_workers=1)
    with serving(config) as base:
        session = requests.Session()
        first = session.post(base + "/simulate", json={"year": 2025}, timeout=60)
        assert first.status_code == 202
        second = session.post(
            base + "/simulate", json={"year": 2025, "full_entitlement": True}, timeout=60
        )
        assert second.status_code == 429
        assert "too many simulations" in second.json()["error"]
        assert int(second.headers["Retry-After"]) > 0
        # the same request as the one under way is not a new job: it gets that job back
        same = session.post(base + "/simulate", json={"year": 2025}, timeout=60)
        assert same.status_code == 202 and same.json()["id"] == first.json()["id"]


def test_a_failed_run_carries_a_readable_error_and_the_worker_goes_on():
    calls = []

    def run(job, reforms):
        calls.append(job.id)
        if len(calls) == 1:
            raise KeyError("secret detail 3201234567890007")
        return {"ok": True}

    jobs = JobQueue(run, max_jobs=2, workers=1, ttl=60, keep=4)
    failed = jobs.submit("a", 2025, False, [], [])
    done = jobs.submit("b", 2025, False, [], [])
    deadline = time.time() + 10
    while done.status != "done" and time.time() < deadline:
        time.sleep(0.01)
    assert failed.status == "failed" and "KeyError" in failed.error
    assert "3201234567890007" not in failed.error and "secret" not in failed.error
    assert done.result == {"ok": True}


def test_finished_jobs_expire_and_are_bounded():
    jobs = JobQueue(lambda job, reforms: {}, max_jobs=5, workers=1, ttl=3600, keep=2)
    submitted = [jobs.submit(str(i), 2025, False, [], []) for i in range(4)]
    deadline = time.time() + 10
    while any(j.status != "done" for j in submitted) and time.time() < deadline:
        time.sleep(0.01)
    kept = [j for j in submitted if jobs.get(j.id) is not None]
    assert kept == submitted[2:]
    kept[0].finished -= 7200
    assert jobs.get(kept[0].id) is None


def test_progress_never_goes_backwards():
    job = Job("id", "key", 2025, False, [], status="running", started=time.time() - 100)
    job.step = 0.9
    assert job.progress(expected=5.0) == 0.9
    job.started = time.time()
    job.step = 0.0
    assert 0.0 <= job.progress(expected=5.0) < 0.1


def test_the_spec_documents_the_simulation_endpoints(api):
    spec = api.get("/spec").json()
    assert (
        "post" in spec["paths"]["/simulate"]
        and "429" in spec["paths"]["/simulate"]["post"]["responses"]
    )
    assert "/simulate/{id}" in spec["paths"]
    assert spec["components"]["schemas"]["SimulationRequest"]["properties"]["year"]["minimum"]


def test_a_preloaded_population_is_built_before_any_job():
    """``bansos serve`` preloads the web application's year: the population is in memory
    before the first /simulate asks for it, and a bad year only logs."""
    import threading

    from openfisca_indonesia_sosial.api.jobs import Populations, _preload

    populations = Populations()
    _preload(populations, 2025)
    _preload(populations, 1900)  # no default population: the thread ends, nothing raised
    for thread in threading.enumerate():
        if thread.name in ("preload-2025", "preload-1900"):
            thread.join(120)
    assert list(populations._populations) == [2025]
    assert len(populations._populations[2025].keluarga) == 100_000
