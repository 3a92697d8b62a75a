"""What the 95 % intervals cost: `bansos simulate` with and without replicate weights.

    python benchmarks/intervals.py                  # default year, default population
    python benchmarks/intervals.py --reform sembako_300rb --repeat 3

Each run is a fresh process running the command as `bansos simulate --json OUT` does
(`--replicates 0`, then the default number of replicates, alternately, ``--repeat`` times
each), so the wall time includes loading the cached default population and the peak
resident memory is that run's own. Prints the median seconds and the peak memory of each
setting and their ratio. Never asserted in tests: the figures go into the closing notes and
docs/guides/uncertainty.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from openfisca_indonesia_sosial.metrics.defaults import DEFAULT_REPLICATES  # noqa: E402


def child(year: int, reforms: list[str], replicates: int) -> None:
    """One `bansos simulate` run in this process; prints its seconds and peak memory."""
    import io
    import resource

    from rich.console import Console

    from openfisca_indonesia_sosial.cli.simulate import run_simulate

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        code = run_simulate(
            Console(file=io.StringIO(), width=100),
            year=year,
            reforms=reforms,
            population=None,
            json_out=Path(folder) / "out.json",
            csv_dir=None,
            full_entitlement=False,
            strict=False,
            replicates=replicates,
        )
        seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"code": code, "seconds": seconds, "peak_mb": peak}))


def run(year: int, reforms: list[str], replicates: int) -> dict:
    command = [sys.executable, __file__, "--child", "--year", str(year)]
    command += ["--replicates", str(replicates)]
    for reform in reforms:
        command += ["--reform", reform]
    out = subprocess.run(command, capture_output=True, text=True, check=True, cwd=ROOT)
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    if figures["code"] != 0:
        raise SystemExit(f"bansos simulate failed: {figures}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--reform", action="append", default=[])
    parser.add_argument("--replicates", type=int, default=DEFAULT_REPLICATES)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.year, args.reform, args.replicates)
        return
    settings = {"without intervals": 0, "with intervals": args.replicates}
    results: dict[str, list] = {name: [] for name in settings}
    run(args.year, args.reform, 0)  # warm the default population's disk cache
    for _ in range(args.repeat):
        for name, replicates in settings.items():
            results[name].append(run(args.year, args.reform, replicates))
    job = f"bansos simulate --year {args.year}" + "".join(f" --reform {r}" for r in args.reform)
    print(f"{job}: median of {args.repeat} runs each")
    medians = {}
    for name, replicates in settings.items():
        seconds = statistics.median(r["seconds"] for r in results[name])
        peak = max(r["peak_mb"] for r in results[name])
        medians[name] = (seconds, peak)
        print(f"{name:18} (--replicates {replicates:3}): {seconds:7.2f} s, peak {peak:7.0f} MiB")
    (base_s, base_mb), (with_s, with_mb) = medians.values()
    print(
        f"intervals cost: +{with_s - base_s:.2f} s ({with_s / base_s:.2f} x the run time), "
        f"+{with_mb - base_mb:.0f} MiB peak memory"
    )


if __name__ == "__main__":
    main()
