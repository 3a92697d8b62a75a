"""Benchmark the web application's server side: ``POST /simulate`` jobs and the calculator.

    python benchmarks/simulate_jobs.py [--year 2025] [--repeat 10] [--json OUT]

Starts the API in this process on a free 127.0.0.1 port (werkzeug's threaded server, as the
tests' live server; one job worker), then measures over HTTP, from the POST to the finished
result (queue to result: what the reform simulator's user waits):

1. one reform (``sembako_300rb``) with the population not yet in memory (cold: generated or
   read, then validated), then a different one-provision reform with it in memory;
2. one reform of several provisions (``pkh_indeks_inflasi_2025``): the run and its
   per-provision breakdown, and the same without the breakdown (``"breakdown": false``);
3. two reforms in one job, not seen before;
4. the two-reform request sent again (answered from the cache);

then the family calculator's round trip for the example ``keluarga_desil_2025``: ``/explain``
of the month and ``/calculate`` of the 12 months, each alone and both at once (what the page
sends on every change), median of ``--repeat``. Prints a Markdown table; the machine's load
is printed with it (the figures are wall-clock times).
"""

from __future__ import annotations

import argparse
import copy
import json
import logging
import os
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from live_server import serving  # noqa: E402

from openfisca_indonesia_sosial.api import ApiConfig  # noqa: E402
from openfisca_indonesia_sosial.examples import EXAMPLES, example_month  # noqa: E402

EXAMPLE = "keluarga_desil_2025"
SEMBAKO_250 = {
    "name": "sembako_250rb",
    "parameters": {"sembako.nilai_bulanan": {"2025-01-01": 250000}},
}
PKH_SD = {"name": "pkh_sd_990rb", "parameters": {"pkh.indeks.sd": {"2025-01-01": 990000}}}


def job_seconds(session: requests.Session, base: str, body: dict) -> tuple[float, dict]:
    """Seconds from the POST to the finished job, polling every 0.1 s; and the job."""
    started = time.perf_counter()
    answer = session.post(base + "/simulate", json=body, timeout=60)
    answer.raise_for_status()
    job = answer.json()  # without its result, even when already done (a cached request)
    while True:
        job = session.get(f"{base}/simulate/{job['id']}", timeout=60).json()
        if job["status"] in ("done", "failed"):
            break
        time.sleep(0.1)
    seconds = time.perf_counter() - started
    if job["status"] != "done":
        raise SystemExit(f"simulation failed: {job.get('error')}")
    return seconds, job


def calculator_bodies(session: requests.Session, base: str) -> tuple[dict, dict]:
    """The two requests the calculator page sends for the example (see webapp calculator.js)."""
    example = next(e for e in EXAMPLES if e.name == EXAMPLE)
    situation, month = example.situation(), example_month(example)
    programs = session.get(base + "/programs", timeout=60).json()["programs"]
    variables = set(session.get(base + "/variables", timeout=60).json())
    year = month[:4]
    asked = {f"{year}-{m:02d}": None for m in range(1, 13)}
    yearly = copy.deepcopy(situation)
    for program in programs:
        if program["amount"] not in variables:  # a structural reform's program
            continue
        plural = "daftar_keluarga" if program["unit"] == "keluarga" else "daftar_individu"
        for entity in yearly[plural].values():
            entity[program["amount"]] = dict(asked)
    return {"situation": situation, "month": month}, yearly


def median_ms(call, repeat: int) -> float:
    call()  # the first request builds caches: not counted
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--repeat", type=int, default=10)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args(argv)
    year = options.year
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per poll otherwise
    rows: list[tuple[str, float, str]] = []
    with serving(ApiConfig(job_workers=1, max_jobs=4)) as base:
        session = requests.Session()

        def simulate(label: str, body: dict) -> dict:
            seconds, job = job_seconds(session, base, {"year": year, **body})
            steps = sum(len(b.get("provisions", [])) for b in job["breakdown"].values())
            note = (
                f"queued {job.get('queued_seconds', 0):.2f} s, "
                f"run {job.get('run_seconds', 0):.2f} s; "
                f"{len(job['result']['scenarios']) - 1} reform(s), "
                f"breakdown of {steps} provision(s)"
            )
            rows.append((label, seconds, note))
            print(f"{label}: {seconds:.2f} s ({note})", flush=True)
            return job

        simulate("one reform, population cold", {"reforms": ["sembako_300rb"]})
        simulate("one reform, population in memory", {"reforms": [SEMBAKO_250]})
        simulate(
            "one reform of 7 parameters, with breakdown", {"reforms": ["pkh_indeks_inflasi_2025"]}
        )
        simulate(
            "the same, breakdown off",
            {"reforms": ["pkh_indeks_inflasi_2025"], "breakdown": False},
        )
        two = {"reforms": ["pkh_lansia_70", PKH_SD]}
        simulate("two reforms", two)
        simulate("two reforms again (cached)", two)

        explain, calculate = calculator_bodies(session, base)

        def post(path, body):
            answer = session.post(base + path, json=body, timeout=60)
            answer.raise_for_status()

        both_pool = ThreadPoolExecutor(2)
        other = requests.Session()

        def both():
            # the page sends the two at once, on two connections
            done = [both_pool.submit(post, "/explain", explain)]
            other.post(base + "/calculate", json=calculate, timeout=60).raise_for_status()
            done[0].result()

        calculator = [
            ("/explain, one month", median_ms(lambda: post("/explain", explain), options.repeat)),
            (
                "/calculate, 12 months",
                median_ms(lambda: post("/calculate", calculate), options.repeat),
            ),
            ("both at once (the page's round trip)", median_ms(both, options.repeat)),
        ]
        both_pool.shutdown()
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    print(f"\nSimulation jobs, year {year}: seconds from POST to result (1 job worker)\n")
    print("| Job | Seconds | Detail |\n|---|---:|---|")
    for label, seconds, note in rows:
        print(f"| {label} | {seconds:.2f} | {note} |")
    print(f"\nFamily calculator ({EXAMPLE}): median of {options.repeat}, milliseconds\n")
    print("| Request | ms |\n|---|---:|")
    for label, ms in calculator:
        print(f"| {label} | {ms:.0f} |")
    print(
        f"\n{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, "
        f"{threading.active_count()} threads in this process"
    )
    if options.json:
        options.json.write_text(
            json.dumps(
                {
                    "year": year,
                    "jobs_seconds": {label: round(s, 3) for label, s, _ in rows},
                    "calculator_ms": {label: round(ms, 1) for label, ms in calculator},
                    "cpus": os.cpu_count(),
                    "load_average": list(load),
                },
                indent=2,
            )
            + "\n",
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
