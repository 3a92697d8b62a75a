"""Benchmark: read and validate a synthetic valid population of N families.

    python benchmarks/validate_population.py 1000000 [--format parquet|csv] [--year 2024]

Writes the tables to a temporary folder, then validates them in a fresh child process so the
figures cover only ``load_population`` (reading + validation + clean frames): wall and CPU
time, and peak resident memory of the child (VmHWM, else ``resource.getrusage``), with the
peak before loading (imports, tax-benefit system) for reference.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _peak_rss_mib() -> float:
    """Peak resident memory of this process (VmHWM; it starts afresh at exec, unlike
    ru_maxrss, which a child inherits from the parent that forked it)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def child(folder: str, year: int) -> None:
    sys.path.insert(0, str(ROOT))
    from openfisca_indonesia_sosial.data import load_population, validate_tables
    from openfisca_indonesia_sosial.data.synthetic import synthetic_tables
    from openfisca_indonesia_sosial.system import baseline

    baseline()
    validate_tables(*synthetic_tables(2, year=year), year=year)  # warm-up: lazy imports
    rss_before = _peak_rss_mib()
    start, cpu = time.perf_counter(), time.process_time()
    _population, report = load_population(folder, year=year)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu
    print(
        json.dumps(
            {
                "seconds": round(seconds, 2),
                "cpu_seconds": round(cpu_seconds, 2),
                "peak_rss_mib": round(_peak_rss_mib(), 1),
                "rss_before_mib": round(rss_before, 1),
                "families": report.counts["keluarga"].rows_in,
                "persons": report.counts["individu"].rows_in,
                "rejected": report.counts["individu"].rejected + report.counts["keluarga"].rejected,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("families", type=int)
    parser.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, args.year)
        return
    sys.path.insert(0, str(ROOT))
    from openfisca_indonesia_sosial.data.synthetic import synthetic_tables, write_tables

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        individu, keluarga = synthetic_tables(args.families, year=args.year)
        write_tables(individu, keluarga, folder, args.format)
        del individu, keluarga
        print(f"generated and written in {time.perf_counter() - start:.1f} s ({args.format})")
        result = subprocess.run(
            [
                sys.executable,
                __file__,
                str(args.families),
                "--year",
                str(args.year),
                "--child",
                folder,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(
        f"{figures['families']:,} families / {figures['persons']:,} persons ({args.format}): "
        f"read and validated in {figures['seconds']} s wall, {figures['cpu_seconds']} s CPU; "
        f"peak RSS {figures['peak_rss_mib']} MiB ({figures['rss_before_mib']} MiB before "
        f"loading); {figures['rejected']} rejected"
    )


if __name__ == "__main__":
    main()
