"""Wall time and peak memory of ``bansos registry audit`` on a generated registry with
injected findings (openfisca_indonesia_sosial/registry/inject.py).

    python benchmarks/registry_audit.py --population /tmp/pop1m --k 200 --year 2025 --month 4

The population is a ``bansos population generate`` folder; ``--k`` injections of each kind
are written to a work folder (not timed), then the audit runs as a command, measured like
benchmarks/peak_memory.py (the resident memory of the whole process tree, once a second).
Prints the wall time, the peak memory, the audit's own phase times and whether every
injected finding was found. Never asserted in tests: the figures go into the docs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peak_memory import measure

from openfisca_indonesia_sosial.registry.findings import FINDINGS
from openfisca_indonesia_sosial.registry.inject import inject


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", required=True, type=Path)
    parser.add_argument("--k", type=int, default=100, help="injections of each kind")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--month", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--scheduler", default="synchronous")
    parser.add_argument("--work", type=Path, default=None, help="folder for the registry")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bansos-audit-bench-"))
    registry = work / "registry"
    started = time.perf_counter()
    expected = inject(args.population, registry, k=args.k, year=args.year, month=args.month, seed=1)
    print(f"injected {args.k} of each kind in {time.perf_counter() - started:.1f} s")
    out = work / "audit.json"
    command = [
        sys.executable, "-m", "openfisca_indonesia_sosial.cli", "registry", "audit",
        str(registry), "--year", str(args.year), "--month", str(args.month),
        "--json", str(out), "--records", str(work / "records.csv"),
        "--scheduler", args.scheduler,
    ]  # fmt: skip
    if args.workers:
        command += ["--workers", str(args.workers)]
    code, seconds, peak = measure(command)
    print(f"exit {code}  wall {seconds:.1f} s  peak {peak / 2**30:.2f} GiB (process tree)")
    if code != 0:
        return code
    result = json.loads(out.read_text(encoding="utf-8"))
    print("phases (s):", result["seconds"], " families computed:", result["families_computed"])
    found = all(result["findings"][c] == expected[c] for c in FINDINGS)
    print(f"rows {result['rows']}  every injected finding found, no other: {found}")
    return 0 if found else 1


if __name__ == "__main__":
    raise SystemExit(main())
