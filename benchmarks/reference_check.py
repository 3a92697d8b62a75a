"""Compare the hand-written 2024 kernel (benchmarks/reference_kernel.py) with the package.

    python benchmarks/reference_check.py DIR              # totals, to the rupiah, and times
    python benchmarks/reference_check.py DIR --timing 3   # speed: kernel vs bansos simulate

The first form runs the kernel and ``bansos simulate --year 2024 --full-entitlement
--population DIR`` on the same folder and prints, per program, both totals and their
difference in rupiah, then the wall time of each; it exits 1 when a total differs.

``--timing N`` runs, N times back to back, the kernel, ``bansos simulate --year 2024
--population DIR`` (the default run: quotas, take-up and intervals) and the same run in the
kernel's scope (``--full-entitlement --replicates 0``: entitlements and point figures, no
quota, take-up or interval), each in a fresh process, and prints every time, the medians and
their ratios. The machine may be shared: compare only figures measured back to back. Never
asserted in tests.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import reference_kernel

PROGRAMS = {
    "pkh": "recipient_families_year",
    "sembako": "recipient_families_year",
    "pbi_jk": "recipient_persons_year",
}
KERNEL = Path(__file__).resolve().parent / "reference_kernel.py"


def bansos(*args: str) -> list[str]:
    return [sys.executable, "-m", "openfisca_indonesia_sosial.cli", "simulate", *args]


def timed(command: list[str]) -> tuple[float, str]:
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({done.returncode}): {done.stderr.strip()[-400:]}")
    return seconds, done.stdout


def check(folder: Path) -> int:
    start = time.perf_counter()
    kernel = reference_kernel.compute(folder)
    kernel_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "full.json"
        command = bansos(
            "--year", "2024", "--full-entitlement", "--population", str(folder), "--json", str(out)
        )
        package_seconds, _ = timed(command)
        package = json.loads(out.read_text())["scenarios"]["baseline"]["programs"]
    print(f"population {folder}, 2024, full entitlement (no quota, no take-up)")
    print(f"{'program':8s} {'package cost_idr':>22s} {'kernel cost_idr':>22s} {'difference':>12s}")
    differ = False
    for name, unit in PROGRAMS.items():
        ours, theirs = kernel[name]["cost_idr"], package[name]["cost_idr"]
        differ |= ours != theirs
        print(f"{name:8s} {theirs:>22,d} {ours:>22,d} {theirs - ours:>12,d}")
        print(
            f"{'':8s} {unit}: package {package[name][unit]:,.0f}, kernel {kernel[name][unit]:,.0f}"
        )
    print(f"kernel (in process, reading Parquet included): {kernel_seconds:8.2f} s")
    print(f"bansos simulate --full-entitlement (process): {package_seconds:8.2f} s")
    print("totals DIFFER" if differ else "totals equal to the rupiah")
    return 1 if differ else 0


def timing(folder: Path, runs: int) -> int:
    kernel_wall, kernel_inner, package_wall, scoped_wall = [], [], [], []
    default = bansos("--year", "2024", "--population", str(folder))
    scoped = [*default, "--full-entitlement", "--replicates", "0"]
    for run in range(1, runs + 1):
        seconds, stdout = timed([sys.executable, str(KERNEL), str(folder)])
        inner = float(re.search(r"kernel: ([0-9.]+) s", stdout).group(1))
        kernel_wall.append(seconds)
        kernel_inner.append(inner)
        package_wall.append(timed(default)[0])
        scoped_wall.append(timed(scoped)[0])
        print(
            f"run {run}: kernel {kernel_wall[-1]:6.2f} s (compute {inner:6.2f} s), "
            f"bansos simulate {package_wall[-1]:7.2f} s, "
            f"kernel's scope {scoped_wall[-1]:7.2f} s",
            flush=True,
        )
    k_wall, k_inner = statistics.median(kernel_wall), statistics.median(kernel_inner)
    p_wall, s_wall = statistics.median(package_wall), statistics.median(scoped_wall)
    print(f"median kernel process:  {k_wall:7.2f} s (compute, Parquet included: {k_inner:.2f} s)")
    print(f"median bansos simulate: {p_wall:7.2f} s (default run)")
    print(f"median kernel's scope:  {s_wall:7.2f} s (--full-entitlement --replicates 0)")
    print(f"ratio: {p_wall / k_wall:.1f}x the kernel process, {p_wall / k_inner:.1f}x its compute")
    print(f"ratio in the kernel's scope: {s_wall / k_wall:.1f}x the kernel process")
    return 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("population", type=Path, help="folder with individu/keluarga.parquet")
    parser.add_argument("--timing", type=int, default=0, metavar="N", help="timing runs")
    args = parser.parse_args()
    sys.exit(timing(args.population, args.timing) if args.timing else check(args.population))


if __name__ == "__main__":
    main()
