"""Wall time and peak memory of ``bansos registry audit`` on a generated registry with
injected findings (openfisca_indonesia_sosial/registry/inject.py).

    python benchmarks/registry_audit.py --population /tmp/pop1m --k 200 --year 2025 --month 4
    python benchmarks/registry_audit.py --population /tmp/bansos-bench/pop_2025_95000000 \\
        --k 2000 --work /tmp/bansos-bench/audit95m

The population is a ``bansos population generate`` folder, never modified. ``--k``
injections of each kind are written to ``WORK/registry`` with the expected findings in
``WORK/expected.json``, measured but not counted in the audit's time; a second run with the
same ``--work``, ``--k`` and population reuses them. Then the audit runs as a command,
measured like benchmarks/peak_memory.py (the resident memory of the whole process tree,
once a second). Prints the wall time, the peak memory, the audit's own phase times and the
recall: every injected finding found, and no other. Never asserted in tests: the figures go
into the docs.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from peak_memory import measure

from openfisca_indonesia_sosial.registry.findings import FINDINGS


def _inject(population: str, registry: str, expected: str, k: int, year: int, month: int):
    """Run in a child process (``--inject-only``): write the registry and its findings."""
    from openfisca_indonesia_sosial.registry.inject import inject

    found = inject(population, registry, k=k, year=year, month=month, seed=1)
    found["rows"] = [list(pair) for pair in found["rows"]]
    found["source"] = {"population": population, "k": k, "year": year, "month": month}
    Path(expected).write_text(json.dumps(found), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--population", required=True, type=Path)
    parser.add_argument("--k", type=int, default=100, help="injections of each kind")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--month", type=int, default=4)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--scheduler", default="synchronous")
    parser.add_argument("--work", type=Path, default=None, help="folder for the registry")
    parser.add_argument("--no-records", action="store_true", help="without --records")
    parser.add_argument("--inject-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bansos-audit-bench-"))
    registry, expected_path = work / "registry", work / "expected.json"
    if args.inject_only:
        _inject(
            str(args.population), str(registry), str(expected_path), args.k, args.year, args.month
        )
        return 0
    source = {"population": str(args.population), "k": args.k, "year": args.year}
    source["month"] = args.month
    reuse = expected_path.is_file() and (registry / "individu.parquet").is_file()
    if reuse:
        reuse = json.loads(expected_path.read_text(encoding="utf-8")).get("source") == source
    if reuse:
        print(f"reusing the injected registry in {registry}")
    else:
        work.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, __file__, *sys.argv[1:], "--inject-only", "--work", str(work)]
        code, seconds, peak = measure(command)
        if code != 0:
            print(f"injection failed (exit {code}); nothing measured", file=sys.stderr)
            return code
        print(f"injected {args.k} of each kind in {seconds:.1f} s, peak {peak / 2**30:.2f} GiB")
    expected = json.loads(expected_path.read_text(encoding="utf-8"))
    out = work / "audit.json"
    command = [
        sys.executable, "-m", "openfisca_indonesia_sosial.cli", "registry", "audit",
        str(registry), "--year", str(args.year), "--month", str(args.month),
        "--json", str(out), "--scheduler", args.scheduler,
    ]  # fmt: skip
    if not args.no_records:
        command += ["--records", str(work / "records.csv")]
    if args.workers:
        command += ["--workers", str(args.workers)]
    code, seconds, peak = measure(command)
    print(f"audit: exit {code}  wall {seconds:.1f} s  peak {peak / 2**30:.2f} GiB (process tree)")
    if code != 0:
        return code
    result = json.loads(out.read_text(encoding="utf-8"))
    print("phases (s):", result["seconds"], " families computed:", result["families_computed"])
    missed = [code for code in FINDINGS if result["findings"][code] != expected[code]]
    for code in FINDINGS:
        print(
            f"  {code:22s} injected {expected[code]['records']:>8,}  "
            f"found {result['findings'][code]['records']:>8,}"
        )
    print(f"rows {result['rows']}  every injected finding found, no other: {not missed}")
    if missed:
        print("differs:", ", ".join(missed))
    return 0 if not missed else 1


if __name__ == "__main__":
    raise SystemExit(main())
