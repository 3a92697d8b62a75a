"""Seconds of ``bansos batch`` for one month of a registry, and a linear extrapolation.

    python benchmarks/batch_month.py /tmp/pop10m [--code /tmp/before] [--workers 2]
        [--extrapolate 95000000] [--profile-partition]

Runs ``bansos batch REGISTRY --year 2025 --month 7 --scheduler processes --workers N`` from
this checkout or from ``--code`` (another version of the package, e.g. ``git archive`` of the
previous commit) into a fresh folder, and prints the wall time, the manifest's time, the
median seconds of a partition and the time extrapolated linearly to ``--extrapolate``
families (an extrapolation, not a measurement: the duplicate search grows a little faster
than linearly). ``--profile-partition`` also times the steps of the first partition in this
process (read, validation, simulation build, the month's output variables, Parquet writing).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run_batch(registry: Path, code: Path, workers: int, year: int, month: int) -> dict:
    output = Path(tempfile.mkdtemp(prefix="batch-month-", dir=os.environ.get("TMPDIR", "/tmp")))
    shutil.rmtree(output)
    command = [sys.executable, "-m", "openfisca_indonesia_sosial.cli", "batch", str(registry)]
    command += ["--year", str(year), "--month", str(month), "--output", str(output)]
    command += ["--scheduler", "processes", "--workers", str(workers)]
    env = dict(os.environ, PYTHONPATH=str(code))
    started = time.perf_counter()
    subprocess.run(command, cwd=code, env=env, check=True)
    wall = time.perf_counter() - started
    manifest = json.loads((output / "manifest.json").read_text())
    shutil.rmtree(output, ignore_errors=True)
    seconds = [p["seconds"] for p in manifest["partitions"]]
    return {
        "wall_s": round(wall, 1),
        "manifest_s": manifest["seconds"],
        "partitions": len(seconds),
        "partition_median_s": round(statistics.median(seconds), 2),
        "families": manifest["totals"]["keluarga"]["rows_in"],
        "persons": manifest["totals"]["individu"]["rows_in"],
    }


def profile_partition(registry: Path, year: int, month: int) -> dict:
    """Process time of each step of the first block of 100,000 families."""
    import numpy as np
    import pyarrow as pa
    import pyarrow.parquet as pq

    from openfisca_indonesia_sosial.data import validate_tables
    from openfisca_indonesia_sosial.scale.batch import _variables
    from openfisca_indonesia_sosial.scale.source import Partition, Source, read_partition
    from openfisca_indonesia_sosial.simulation.build import build_from_population
    from openfisca_indonesia_sosial.system import baseline

    files = {name: str(registry / f"{name}.parquet") for name in ("individu", "keluarga")}
    families = pq.read_table(files["keluarga"], columns=["id_keluarga"]).column(0)
    last = families[min(100_000, len(families)) - 1].as_py()
    members = pq.read_table(files["individu"], columns=["id_keluarga"]).column(0).to_numpy()
    persons = int(np.searchsorted(members, last, side="right"))
    source = Source(files["individu"], files["keluarga"], len(families), len(members))
    partition = Partition(0, 0, min(100_000, len(families)), 0, persons)
    system = baseline()
    steps, clock = {}, time.process_time()

    def step(name):
        nonlocal clock
        now = time.process_time()
        steps[name] = round(now - clock, 3)
        clock = now

    individu, keluarga = read_partition(source, partition)
    step("read")
    population, _ = validate_tables(individu, keluarga, year=year, source="profile")
    step("validate")
    simulation = build_from_population(system, population)
    step("build")
    period = f"{year}-{month:02d}"
    columns = {}
    for unit in ("keluarga", "individu"):
        for key, eligibility, amount in _variables(unit):
            columns[f"{key}_idr"] = np.asarray(simulation.calculate(amount, period))
            if eligibility is not None:
                columns[f"{key}_layak"] = np.asarray(simulation.calculate(eligibility, period))
    step("calculate")
    with tempfile.TemporaryDirectory() as folder:
        table = pa.table({"id": population.individu["id_individu"].astype(str).to_numpy()})
        pq.write_table(table, Path(folder) / "x.parquet")
    step("write ids")
    return {"families": partition.families, "persons": persons, "cpu_s": steps}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("registry", type=Path)
    parser.add_argument("--code", type=Path, default=ROOT)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--month", type=int, default=7)
    parser.add_argument("--extrapolate", type=int, default=95_000_000)
    parser.add_argument("--profile-partition", action="store_true")
    args = parser.parse_args()
    if args.profile_partition:
        print(json.dumps(profile_partition(args.registry, args.year, args.month)), flush=True)
    result = run_batch(
        args.registry.resolve(), args.code.resolve(), args.workers, args.year, args.month
    )
    scale = args.extrapolate / result["families"]
    result["extrapolated"] = {
        "families": args.extrapolate,
        "seconds": round(result["wall_s"] * scale),
        "note": "linear extrapolation, not a measurement",
    }
    result["load_average"] = os.getloadavg()
    print(json.dumps(result))


if __name__ == "__main__":
    main()
