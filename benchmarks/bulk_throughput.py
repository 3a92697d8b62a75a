"""Families per second through /bulk over HTTP: columnar in and out, and the JSON answer.

    python benchmarks/bulk_throughput.py [--families 10000 100000 200000] [--repeat 3]
    python benchmarks/bulk_throughput.py --code /tmp/before   # the same against other code

A waitress server (as ``bansos serve`` runs it) is started in a child process on a free
loopback port, from this checkout or from ``--code`` (a folder holding another version of the
package, e.g. ``git archive`` of the previous commit), with row limits raised to the tables'
size. Synthetic populations (``synthetic.generate``, seed 1) are sent as a multipart upload
of two Parquet (or Arrow IPC) files; the answer is asked as Parquet, as an Arrow IPC stream
or as JSON. Each figure is the median of ``--repeat`` requests, timed end to end by the
client (upload, reading, validation, simulation, answer, download), after one warm-up
request. The CPU time of the server process per request is printed too: on a shared machine
the wall time also measures the neighbours.
"""

from __future__ import annotations

import argparse
import functools
import io
import json
import os
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
PARQUET = "application/vnd.apache.parquet"
ARROW = "application/vnd.apache.arrow.stream"
SERVER = """
import sys
from waitress import serve
from openfisca_indonesia_sosial.api import ApiConfig, create_app
config = ApiConfig(max_bulk_persons=10_000_000, max_bulk_families=10_000_000,
                   max_bulk_answer_cells=1_000_000_000, max_content_length=1 << 30)
serve(create_app(config), host="127.0.0.1", port=int(sys.argv[1]), threads=4,
      max_request_body_size=1 << 30, channel_timeout=600, _quiet=True)
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(code: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(code))
    child = subprocess.Popen([sys.executable, "-c", SERVER, str(port)], cwd=code, env=env)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            requests.get(base + "/health", timeout=5)
            return child, base
        except requests.ConnectionError:
            time.sleep(0.2)
    child.kill()
    raise SystemExit("the server did not start")


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@functools.lru_cache(maxsize=1)
def population(families: int):
    from openfisca_indonesia_sosial.synthetic import generate

    return generate(2025, families, seed=1)


def tables(families: int, kind: str) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    individu, keluarga = population(families)
    files = {}
    for name, frame in (("individu", individu), ("keluarga", keluarga)):
        table = pa.Table.from_pandas(frame, preserve_index=False)
        buffer = io.BytesIO()
        if kind == "parquet":
            pq.write_table(table, buffer)
            files[name] = (f"{name}.parquet", buffer.getvalue(), PARQUET)
        else:
            with pa.ipc.new_stream(buffer, table.schema) as writer:
                writer.write_table(table)
            files[name] = (f"{name}.arrows", buffer.getvalue(), ARROW)
    return files


def measure(base: str, pid: int, files: dict, accept: str, repeat: int) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    data = {"month": "2025-07", "table": "keluarga"}
    walls, cpus = [], []
    for attempt in range(repeat + 1):
        cpu = cpu_seconds(pid)
        started = time.perf_counter()
        response = requests.post(
            base + "/bulk", files=files, data=data, headers={"Accept": accept}, timeout=3600
        )
        wall = time.perf_counter() - started
        cpu = cpu_seconds(pid) - cpu
        response.raise_for_status()
        if attempt:
            walls.append(wall)
            cpus.append(cpu)
    kind = response.headers["Content-Type"].split(";")[0]
    if kind == PARQUET:
        rows = pq.read_table(io.BytesIO(response.content)).num_rows
    elif kind == ARROW:
        rows = pa.ipc.open_stream(response.content).read_all().num_rows
    else:
        rows = len(response.json()["keluarga"])
    return {
        "answer": kind,
        "rows": rows,
        "seconds": round(statistics.median(walls), 3),
        "server_cpu_s": round(statistics.median(cpus), 3),
        "request_mib": round(sum(len(f[1]) for f in files.values()) / 2**20, 1),
        "answer_mib": round(len(response.content) / 2**20, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--families", type=int, nargs="+", default=[10_000, 100_000, 200_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--code", type=Path, default=ROOT, help="folder of the package to serve")
    parser.add_argument(
        "--answers", nargs="+", default=["parquet", "arrow", "json"], help="parquet arrow json"
    )
    args = parser.parse_args()
    child, base = start(args.code.resolve())
    figures = []
    try:
        for families in args.families:
            for answer in args.answers:
                upload = "arrow" if answer == "arrow" else "parquet"
                accept = {"parquet": PARQUET, "arrow": ARROW, "json": "application/json"}[answer]
                result = measure(base, child.pid, tables(families, upload), accept, args.repeat)
                result |= {
                    "families": families,
                    "upload": upload,
                    "families_per_s": round(families / result["seconds"]),
                    "families_per_cpu_s": round(families / max(result["server_cpu_s"], 1e-9)),
                }
                figures.append(result)
                print(json.dumps(result), flush=True)
    finally:
        child.terminate()
        child.wait(timeout=30)
    print(f"load average at the end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
