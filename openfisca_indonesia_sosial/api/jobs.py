"""Microsimulations over the Web API: ``POST /simulate`` queues a run, ``GET /simulate/<id>``
reports its progress and, when done, the document ``bansos simulate --json`` writes.

A run of the default population takes seconds of both cores and a few hundred MB, so runs go
through a bounded queue: at most ``max_jobs`` queued or running (more: 429 with
``Retry-After``), ``job_workers`` at a time, finished results kept ``job_ttl`` seconds and
``job_results`` at most. Results are cached by content (year, mode and each reform's content
digest): the same request sent again gets the job that already has, or will have, the answer.
Job ids are 144 random bits (``secrets``): a result is read only by who was given its id.

The request is checked before it is queued: every mistake (year, reforms, unknown keys) is a
400 naming the field; reforms are resolved through the API's reform cache, so an inline reform
meets exactly the checks and limits of a reform file. What fails inside a run (rare: the
inputs were checked) marks the job ``failed`` with a readable error, never a traceback.

A reform of several provisions (one per changed parameter) is also broken down provision by
provision (``breakdown`` in the finished job; ``microsim.breakdown.provision_impacts``):
cumulatively in the reform's order, so the provisions add up exactly to the whole reform. At
most ``MAX_PROVISIONS`` provisions per reform (the later parameters are measured together)
and ``MAX_BREAKDOWN_STEPS`` steps per job; ``"breakdown": false`` skips it.

Progress is the share of the run done: real steps (population ready, scenarios built, each
scenario delivered) and, between them, an estimate from the elapsed time and the last run's
duration, capped below the next step so it never runs backwards.
"""

from __future__ import annotations

import logging
import queue
import secrets
import threading
import time
import traceback
from collections import OrderedDict
from dataclasses import dataclass, field

from flask import Blueprint, Response, current_app, g, jsonify

from openfisca_indonesia_sosial.api.http import read_json
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.situations.errors import ApiError

log = logging.getLogger("openfisca_indonesia_sosial.api")

#: Reforms compared in one run: each is a full scenario of the population (memory and time).
MAX_JOB_REFORMS = 8
BODY_KEYS = ("year", "reforms", "full_entitlement", "breakdown")
#: Seconds a run is expected to take before one was measured (the default population, 2 cores).
EXPECTED_SECONDS = 8.0
#: Years of validated default populations kept in memory.
POPULATIONS_KEPT = 2
ID_CHARS = 64
#: Progress reached when the population is ready, when the scenarios are built, and before
#: delivery starts (the entitlement computation is the long step between the last two).
STEP_POPULATION, STEP_SCENARIOS, STEP_COMPUTED = 0.1, 0.2, 0.85
#: Progress when the reforms are delivered and their per-provision breakdown starts.
STEP_BREAKDOWN = 0.9
#: Provision steps (each a scenario of the population) broken down in one job, over all its
#: reforms; a reform whose steps do not fit has no breakdown, and says so.
MAX_BREAKDOWN_STEPS = 16

blueprint = Blueprint("bansos_simulate", __name__)


@dataclass
class Job:
    id: str
    key: str
    year: int
    full_entitlement: bool
    reforms: list[dict]
    created: float = field(default_factory=time.time)
    status: str = "queued"
    started: float | None = None
    finished: float | None = None
    step: float = 0.0
    result: dict | None = None
    error: str | None = None
    report: str | None = None
    #: Per reform of more than one provision: its effect provision by provision.
    breakdown: dict | None = None
    #: Whether the request asked for the per-provision breakdown.
    with_breakdown: bool = True

    def progress(self, expected: float) -> float:
        if self.status in ("done", "failed"):
            return 1.0
        if self.status == "queued" or self.started is None:
            return 0.0
        estimate = STEP_COMPUTED * (time.time() - self.started) / max(expected, 0.1)
        return round(max(self.step, min(estimate, STEP_COMPUTED)), 3)

    def to_json(self, expected: float, with_result: bool = True) -> dict:
        answer = {
            "id": self.id,
            "status": self.status,
            "progress": self.progress(expected),
            "year": self.year,
            "full_entitlement": self.full_entitlement,
            "breakdown_requested": self.with_breakdown,
            "reforms": self.reforms,
        }
        if self.started is not None:
            answer["queued_seconds"] = round(self.started - self.created, 3)
        if self.finished is not None and self.started is not None:
            answer["run_seconds"] = round(self.finished - self.started, 3)
        if self.status == "done" and with_result:
            answer["result"] = self.result
            answer["breakdown"] = self.breakdown or {}
        if self.status == "failed":
            answer["error"] = self.error
        return answer


class Populations:
    """The validated default population of a year, built once and kept for a few years."""

    def __init__(self, kept: int = POPULATIONS_KEPT) -> None:
        self.kept = kept
        self._populations: OrderedDict[int, object] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, year: int):
        with self._lock:
            if year in self._populations:
                self._populations.move_to_end(year)
                return self._populations[year]
        from openfisca_indonesia_sosial.data import validate_tables
        from openfisca_indonesia_sosial.synthetic import default_population

        individu, keluarga = default_population(year)
        population, _report = validate_tables(
            individu, keluarga, year=year, source="default population"
        )
        with self._lock:
            self._populations[year] = population
            while len(self._populations) > self.kept:
                self._populations.popitem(last=False)
        return population


class JobQueue:
    """Bounded queue of microsimulation jobs run by ``workers`` daemon threads."""

    def __init__(self, run, *, max_jobs: int, workers: int, ttl: int, keep: int) -> None:
        self.run = run
        self.max_jobs = max(max_jobs, 1)
        self.workers = max(workers, 1)
        self.ttl = ttl
        self.keep = max(keep, 1)
        self.expected = EXPECTED_SECONDS
        self._jobs: dict[str, Job] = {}
        self._by_key: dict[str, str] = {}
        self._queue: queue.Queue = queue.Queue()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def submit(
        self,
        key: str,
        year: int,
        full_entitlement: bool,
        reforms,
        described,
        with_breakdown: bool = True,
    ) -> Job:
        with self._lock:
            self._prune(time.time())
            known = self._jobs.get(self._by_key.get(key, ""))
            if known is not None and known.status != "failed":
                return known
            pending = sum(job.status in ("queued", "running") for job in self._jobs.values())
            if pending >= self.max_jobs:
                raise ApiError(
                    f"too many simulations: {pending} queued or running (limit {self.max_jobs}); "
                    "retry when one has finished",
                    status=429,
                )
            job = Job(secrets.token_urlsafe(18), key, year, full_entitlement, described)
            job.with_breakdown = with_breakdown
            self._jobs[job.id] = job
            self._by_key[key] = job.id
            self._queue.put((job, reforms))
            if len(self._threads) < self.workers:
                thread = threading.Thread(
                    target=self._work, name=f"bansos-simulate-{len(self._threads)}", daemon=True
                )
                self._threads.append(thread)
                thread.start()
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            self._prune(time.time())
            return self._jobs.get(job_id)

    def pending(self) -> int:
        with self._lock:
            return sum(job.status in ("queued", "running") for job in self._jobs.values())

    def _prune(self, now: float) -> None:
        finished = sorted(
            (job for job in self._jobs.values() if job.finished is not None),
            key=lambda job: job.finished,
        )
        expired = [job for job in finished if now - job.finished > self.ttl]
        expired += [job for job in finished if job not in expired][
            : max(0, len(finished) - len(expired) - self.keep)
        ]
        for job in expired:
            del self._jobs[job.id]
            if self._by_key.get(job.key) == job.id:
                del self._by_key[job.key]

    def _work(self) -> None:
        while True:
            job, reforms = self._queue.get()
            job.status, job.started = "running", time.time()
            status = "failed"
            try:
                job.result = self.run(job, reforms)
                status = "done"
            except ApiError as error:
                job.error = error.message
            except Exception as error:  # a failed run must not end the worker
                reference = secrets.token_hex(6)
                frames = traceback.extract_tb(error.__traceback__)[-4:]
                where = " < ".join(f"{f.filename.rsplit('/', 1)[-1]}:{f.lineno}" for f in frames)
                log.error("simulation %s failed: %s at %s", reference, type(error).__name__, where)
                job.error = f"the simulation failed ({type(error).__name__}); reference {reference}"
            # the status last: a reader who sees it finished sees its time, result or error
            job.finished = time.time()
            job.status = status
            if status == "done":
                self.expected = 0.5 * self.expected + 0.5 * (job.finished - job.started)
            self._queue.task_done()


def microsimulation_runner(system, populations: Populations):
    """``run(job, reforms) -> summary`` (the ``--json`` document) on the default population
    of the job's year."""

    def run(job: Job, reforms):
        from openfisca_indonesia_sosial.data import PopulationError
        from openfisca_indonesia_sosial.microsim import Microsimulation
        from openfisca_indonesia_sosial.microsim.breakdown import parameter_provisions
        from openfisca_indonesia_sosial.reform.files import ReformError

        try:
            population = populations.get(job.year)
            job.step = STEP_POPULATION
            simulation = Microsimulation(
                population, reforms=reforms, full_entitlement=job.full_entitlement, system=system
            )
        except (PopulationError, ReformError) as error:
            raise ApiError(shown(error, 300)) from None
        job.step = STEP_SCENARIOS
        several = [
            r.loaded
            for r in reforms
            if job.with_breakdown and len(parameter_provisions(r.loaded)) > 1
        ]
        last = STEP_BREAKDOWN if several else 0.99
        result = simulation.run(
            progress=_counting(job, STEP_COMPUTED, last, len(simulation.scenarios))
        )
        summary = result.summary()
        job.breakdown = _breakdowns(job, population, several, system) if several else {}
        return summary

    return run


def _counting(job: Job, first: float, last: float, count: int):
    """A progress callback moving ``job.step`` from ``first`` to ``last`` over ``count``
    delivered scenarios."""
    delivered = [0]

    def delivered_one(_name) -> None:
        delivered[0] += 1
        job.step = max(job.step, first + (last - first) * delivered[0] / max(count, 1))

    return delivered_one


def _breakdowns(job: Job, population, several, system) -> dict:
    """The per-provision blocks of the reforms of more than one provision, as many as fit in
    ``MAX_BREAKDOWN_STEPS`` (in request order); the others say why they have none."""
    from openfisca_indonesia_sosial.microsim.breakdown import (
        parameter_provisions,
        provision_impacts,
    )

    chosen, omitted, steps = [], {}, 0
    for loaded in several:
        count = len(parameter_provisions(loaded))
        if steps + count > MAX_BREAKDOWN_STEPS:
            omitted[loaded.name] = {
                "omitted": f"a job breaks down at most {MAX_BREAKDOWN_STEPS} provision steps "
                "in all; run this reform on its own for its breakdown"
            }
            continue
        chosen.append(loaded)
        steps += count
    blocks = {}
    if chosen:
        blocks = provision_impacts(
            population,
            chosen,
            base_system=system,
            full_entitlement=job.full_entitlement,
            progress=_counting(job, STEP_BREAKDOWN, 0.99, steps + 1),
        )
    return {loaded.name: blocks.get(loaded.name) or omitted[loaded.name] for loaded in several}


# --- the request ------------------------------------------------------------------------------


def _year(value) -> int:
    from openfisca_indonesia_sosial.situations.years import simulation_years

    if isinstance(value, bool) or not isinstance(value, int):
        raise ApiError(f"year: expected a whole number such as 2025, got '{shown(value, 40)}'")
    first, last = simulation_years(default_population=True)
    if not first <= value <= last:
        raise ApiError(
            f"year: {value} is outside the supported range {first}-{last} "
            "(the years of the default population)"
        )
    return value


def parse_request(body: object, reform_cache):
    """(year, full_entitlement, resolved reforms, cache key, breakdown); a 400 naming the
    field otherwise."""
    if not isinstance(body, dict):
        raise ApiError('the request body must be a JSON object such as {"year": 2025}')
    unknown = sorted(str(key) for key in set(body) - set(BODY_KEYS))
    if unknown:
        listed = ", ".join(f"'{shown(key, 40)}'" for key in unknown[:5])
        raise ApiError(f"unknown keys {listed}; a simulation has {', '.join(BODY_KEYS)}")
    if "year" not in body:
        raise ApiError("year: missing; give the year to simulate, e.g. 2025")
    year = _year(body["year"])
    full_entitlement = body.get("full_entitlement", False)
    if not isinstance(full_entitlement, bool):
        raise ApiError("full_entitlement: expected true or false")
    with_breakdown = body.get("breakdown", True)
    if not isinstance(with_breakdown, bool):
        raise ApiError("breakdown: expected true or false")
    specs = body.get("reforms", [])
    if not isinstance(specs, list):
        raise ApiError("reforms: expected a list of shipped reform names or inline reforms")
    if len(specs) > MAX_JOB_REFORMS:
        raise ApiError(
            f"reforms: {len(specs):,} reforms; one simulation compares at most {MAX_JOB_REFORMS}"
        )
    resolved, names = [], {}
    for index, spec in enumerate(specs):
        try:
            reform = reform_cache.resolve(spec)
        except ApiError as error:
            raise ApiError(f"reforms[{index}]: {error.message}", status=error.status) from None
        if reform is None:
            raise ApiError(f"reforms[{index}]: null is not a reform")
        if reform.name in names:
            raise ApiError(
                f"reforms[{index}]: the name '{shown(reform.name)}' is also reforms"
                f"[{names[reform.name]}]; give each reform its own name"
            )
        names[reform.name] = index
        resolved.append(reform)
    key = f"{year}:{int(full_entitlement)}:{int(with_breakdown)}:" + ",".join(
        r.digest for r in resolved
    )
    return year, full_entitlement, resolved, key, with_breakdown


def _queue() -> JobQueue:
    return current_app.extensions["bansos"].jobs


def _job(job_id: str) -> Job:
    job = _queue().get(job_id) if len(job_id) <= ID_CHARS else None
    if job is None:
        raise ApiError(
            f"no simulation '{shown(job_id, 40)}': unknown, or expired (results are kept "
            f"{_queue().ttl} s)",
            status=404,
        )
    return job


@blueprint.route("/simulate", methods=["POST"])
def simulate_view():
    api = current_app.extensions["bansos"]
    year, full_entitlement, resolved, key, with_breakdown = parse_request(read_json(), api.reforms)
    g.reform = ",".join(r.name for r in resolved) or "-"
    described = [r.describe() for r in resolved]
    job = api.jobs.submit(key, year, full_entitlement, resolved, described, with_breakdown)
    response = jsonify(job.to_json(api.jobs.expected, with_result=False))
    response.status_code = 202
    response.headers["Location"] = f"/simulate/{job.id}"
    return response


@blueprint.route("/simulate/<job_id>", methods=["GET"])
def simulate_status_view(job_id: str):
    job = _job(job_id)
    response = jsonify(job.to_json(_queue().expected))
    if job.status in ("queued", "running"):
        response.headers["Retry-After"] = "1"
    return response


_REPORT_LOCK = threading.Lock()


@blueprint.route("/simulate/<job_id>/report", methods=["GET"])
def simulate_report_view(job_id: str):
    """The HTML report of a finished run (the one ``bansos simulate --report`` writes)."""
    job = _job(job_id)
    if job.status != "done":
        raise ApiError(f"the simulation is {job.status}; the report exists once it is done", 409)
    if job.report is None:
        from openfisca_indonesia_sosial.official.counterparts import headline_counterparts
        from openfisca_indonesia_sosial.report.html import render_summary

        system = current_app.extensions["bansos"].system
        with _REPORT_LOCK:  # one report rendered at a time: each holds plotly.js (4.6 MB)
            job.report = render_summary(
                job.result,
                system,
                official=headline_counterparts(job.result["year"]) or None,
                population_info={"source": "default population"},
            )
    return Response(job.report, mimetype="text/html; charset=utf-8")


def _preload(populations: Populations, year: int) -> None:
    """Build ``year``'s default population in a daemon thread; a failure only means the first
    job of that year builds it (and reports its error) itself."""

    def build() -> None:
        try:
            populations.get(year)
        except Exception:
            log.warning("default population %s not preloaded", year)

    threading.Thread(target=build, name=f"preload-{year}", daemon=True).start()


def install(app, api_state, config) -> None:
    """Register the routes and give the app its queue (one per app)."""
    populations = Populations()
    if config.preload_year is not None:
        _preload(populations, config.preload_year)
    api_state.jobs = JobQueue(
        microsimulation_runner(api_state.system, populations),
        max_jobs=config.max_jobs,
        workers=config.job_workers,
        ttl=config.job_ttl,
        keep=config.job_results,
    )
    app.register_blueprint(blueprint)


def too_many_response(response):
    """Retry-After on a 429 from the queue: clients poll the running job instead of hammering."""
    if response.status_code == 429:
        response.headers.setdefault("Retry-After", "10")
    return response
