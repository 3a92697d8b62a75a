"""Benchmark the Web API: /calculate latency and /bulk throughput.

    python benchmarks/api_latency.py [--requests 300] [--clients 16] [--families 20000]
    python benchmarks/api_latency.py --url http://127.0.0.1:8000 --families 0   # a running server

Starts the API in this process on a free 127.0.0.1 port (waitress, 16 threads; werkzeug's
threaded server when waitress is absent), then measures over HTTP:

1. /calculate for one family (the example keluarga_pkh_2024: 5 persons, 7 outputs), sequential:
   p50/p99 latency;
2. the same with ``--clients`` concurrent clients: p50/p99 latency and requests/second;
3. /bulk with ``--families`` synthetic families (population.generate), as a Parquet multipart
   upload and as JSON records: families/second end to end (upload, validation, vectorised
   simulation of the default program variables for one month, JSON answer).

Prints a Markdown table and, with ``--json OUT``, writes the figures.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import statistics
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openfisca_indonesia_sosial.api import ApiConfig, create_app  # noqa: E402
from openfisca_indonesia_sosial.examples import EXAMPLES, example_request  # noqa: E402


def start_server(threads: int):
    app = create_app(ApiConfig(max_bulk_persons=2_000_000, max_content_length=1 << 30))
    try:
        from waitress.server import create_server

        server = create_server(app, host="127.0.0.1", port=0, threads=threads)
        port = server.effective_port
        kind = f"waitress ({threads} threads)"
        thread = threading.Thread(target=server.run, daemon=True)
    except ImportError:
        from werkzeug.serving import make_server

        server = make_server("127.0.0.1", 0, app, threaded=True)
        port = server.server_port
        kind = "werkzeug (threaded)"
        thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{port}", kind


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def timed_posts(base: str, body: dict, count: int) -> list[float]:
    session = requests.Session()
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        response = session.post(base + "/calculate", json=body, timeout=60)
        latencies.append((time.perf_counter() - started) * 1000)
        response.raise_for_status()
    return latencies


def bench_calculate(base: str, count: int, clients: int) -> dict:
    body = example_request(EXAMPLES[0])
    timed_posts(base, body, 20)  # warm-up
    sequential = timed_posts(base, body, count)
    per_client = max(count // clients, 5)
    started = time.perf_counter()
    with ThreadPoolExecutor(clients) as pool:
        runs = list(pool.map(lambda _: timed_posts(base, body, per_client), range(clients)))
    wall = time.perf_counter() - started
    concurrent = [latency for run in runs for latency in run]
    return {
        "sequential": {
            "requests": len(sequential),
            "p50_ms": round(percentile(sequential, 50), 1),
            "p99_ms": round(percentile(sequential, 99), 1),
            "mean_ms": round(statistics.mean(sequential), 1),
        },
        "concurrent": {
            "clients": clients,
            "requests": len(concurrent),
            "p50_ms": round(percentile(concurrent, 50), 1),
            "p99_ms": round(percentile(concurrent, 99), 1),
            "requests_per_s": round(len(concurrent) / wall, 1),
        },
    }


def bench_bulk(base: str, families: int, month: str) -> dict:
    from openfisca_indonesia_sosial.synthetic import generate

    year = int(month[:4])
    individu, keluarga = generate(year, families, seed=1)
    persons = len(individu)
    results = {"families": len(keluarga), "persons": persons, "month": month}

    files = {}
    for name, frame in (("individu", individu), ("keluarga", keluarga)):
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        files[name] = (f"{name}.parquet", buffer.getvalue())
    started = time.perf_counter()
    response = requests.post(base + "/bulk", files=files, data={"month": month}, timeout=3600)
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    answer = response.json()
    results["parquet_upload"] = {
        "seconds": round(elapsed, 2),
        "families_per_s": round(len(keluarga) / elapsed),
        "accepted_families": answer["counts"]["keluarga"]["accepted"],
    }

    body = {
        "month": month,
        "individu": json.loads(individu.to_json(orient="records", date_format="iso")),
        "keluarga": json.loads(keluarga.to_json(orient="records")),
    }
    for record in body["individu"]:
        if isinstance(record.get("tanggal_lahir"), str):
            record["tanggal_lahir"] = record["tanggal_lahir"][:10]
    payload = json.dumps(body)
    started = time.perf_counter()
    response = requests.post(
        base + "/bulk", data=payload, headers={"Content-Type": "application/json"}, timeout=3600
    )
    elapsed = time.perf_counter() - started
    response.raise_for_status()
    results["json_records"] = {
        "seconds": round(elapsed, 2),
        "families_per_s": round(len(keluarga) / elapsed),
        "request_mib": round(len(payload) / 2**20, 1),
        "accepted_families": response.json()["counts"]["keluarga"]["accepted"],
    }
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--families", type=int, default=20_000)
    parser.add_argument("--month", default="2025-07")
    parser.add_argument("--threads", type=int, default=16)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--url", help="measure a running server instead (e.g. gunicorn with several workers)"
    )
    args = parser.parse_args()

    if args.url:
        base, kind = args.url.rstrip("/"), f"external ({args.url})"
    else:
        base, kind = start_server(args.threads)
    figures = {
        "server": kind,
        "python": platform.python_version(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "calculate": bench_calculate(base, args.requests, args.clients),
    }
    if args.families:
        figures["bulk"] = bench_bulk(base, args.families, args.month)
    seq, conc = figures["calculate"]["sequential"], figures["calculate"]["concurrent"]
    print(f"server: {kind}, Python {figures['python']}")
    print("| measure | value |")
    print("|---|---|")
    print(f"| /calculate sequential p50 / p99 | {seq['p50_ms']} ms / {seq['p99_ms']} ms |")
    print(
        f"| /calculate {conc['clients']} clients p50 / p99 | {conc['p50_ms']} ms / "
        f"{conc['p99_ms']} ms ({conc['requests_per_s']} req/s) |"
    )
    bulk = figures.get("bulk")
    if bulk:
        print(
            f"| /bulk Parquet upload, {bulk['families']} families ({bulk['persons']} persons) | "
            f"{bulk['parquet_upload']['seconds']} s, {bulk['parquet_upload']['families_per_s']} "
            "families/s |"
        )
        print(
            f"| /bulk JSON records ({bulk['json_records']['request_mib']} MiB) | "
            f"{bulk['json_records']['seconds']} s, {bulk['json_records']['families_per_s']} "
            "families/s |"
        )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
