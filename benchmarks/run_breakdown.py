"""Where the seconds of a partitioned run go, step by step, next to the hand-written kernel.

    python benchmarks/run_breakdown.py /tmp/pop1m                      # the default run of 2024
    python benchmarks/run_breakdown.py /tmp/pop1m --full-entitlement --replicates 0

Runs, in this process, the partitioned run ``bansos simulate --year 2024 --population DIR``
makes of a folder of more than 100,000 families (blocks of 100,000, two worker processes),
with each step of the block tasks timed inside the workers (wall and CPU seconds: read,
validation, the block's entitlements and state, of which OpenFisca's twelve months of every
scenario, the queue, pickles, pass 2's payments and exact sums), and prints:

- the driver's stages (plan, pass 1, global step, pass 2, merge) as the run reports them;
- each step's CPU seconds summed over the blocks, and its share of the workers' CPU;
- what a process pays before the run (start and imports, building the law), each in a fresh
  process;
- the kernel (``benchmarks/reference_kernel.py``) on the same folder, as a process (start,
  imports and Parquet included), as ``reference_check.py --timing`` times it;
- the run's wall time if OpenFisca's months cost nothing: the run's wall less their CPU
  seconds spread evenly over the workers. An estimate, not a measurement: it shows how far
  the other steps alone are from the kernel.

The machine may be shared: compare only figures measured back to back. Never asserted in
tests (a test runs it on a small population and checks that it prints every line).
"""

from __future__ import annotations

import argparse
import collections
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: Steps timed inside the block tasks: (label, module, function).
STEPS = (
    ("pass-1 task", "openfisca_indonesia_sosial.scale.passes", "entitle"),
    ("  read the block", "openfisca_indonesia_sosial.scale.passes", "read_partition"),
    ("  validate", "openfisca_indonesia_sosial.data", "validate_tables"),
    ("  entitle the block", "openfisca_indonesia_sosial.microsim.blocks", "entitle_block"),
    ("    of which OpenFisca's months", "openfisca_indonesia_sosial.microsim.blocks",
     "compute_scenarios"),
    ("  write the queue", "openfisca_indonesia_sosial.scale.global_step", "write_queue"),
    ("pass-2 task", "openfisca_indonesia_sosial.scale.passes", "deliver_block"),
    ("  payments and exact sums", "openfisca_indonesia_sosial.microsim.blocks",
     "deliver_block"),
    ("pickles (both passes)", "openfisca_indonesia_sosial.scale.passes", "atomic_pickle"),
)  # fmt: skip
RULES = "    of which OpenFisca's months"


def _timed(label: str, function, log: str):
    @functools.wraps(function)
    def timed(*args, **kwargs):
        wall, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            with open(log, "a", encoding="utf-8") as handle:
                handle.write(json.dumps([os.getpid(), label, wall, cpu]) + "\n")

    return timed


def instrument(log: str) -> None:
    """Wrap each step where the block tasks look it up (forked workers inherit it)."""
    import importlib

    for label, module, name in STEPS:
        target = importlib.import_module(module)
        setattr(target, name, _timed(label, getattr(target, name), log))


def fresh_process(code: str) -> float:
    """Seconds of ``python -c code`` in a fresh process (the last line it prints), or of
    the whole process when it prints nothing."""
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(done.stderr[-400:])
    lines = done.stdout.split()
    return float(lines[-1]) if lines else wall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("population", type=Path)
    parser.add_argument("--year", type=int, default=2024)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--full-entitlement", action="store_true")
    parser.add_argument("--replicates", type=int, default=None)
    args = parser.parse_args()

    from openfisca_indonesia_sosial.metrics.replicates import DEFAULT_REPLICATES
    from openfisca_indonesia_sosial.scale import run_partitioned

    imports = fresh_process("import openfisca_indonesia_sosial.cli")
    law = fresh_process(
        "import time; from openfisca_indonesia_sosial.system import baseline; "
        "t = time.perf_counter(); baseline(); print(time.perf_counter() - t)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        log = str(Path(tmp) / "steps.jsonl")
        instrument(log)
        started = time.perf_counter()
        result = run_partitioned(
            args.population,
            year=args.year,
            scheduler="processes",
            workers=args.workers,
            full_entitlement=args.full_entitlement,
            replicates=DEFAULT_REPLICATES if args.replicates is None else args.replicates,
        )
        run_wall = time.perf_counter() - started
        sums = collections.defaultdict(lambda: [0, 0.0, 0.0])
        with open(log, encoding="utf-8") as handle:
            for line in handle:
                _pid, label, wall, cpu = json.loads(line)
                sums[label][0] += 1
                sums[label][1] += wall
                sums[label][2] += cpu
    info = result.run_info
    kernel_started = time.perf_counter()
    subprocess.run(
        [sys.executable, str(HERE / "reference_kernel.py"), str(args.population)],
        check=True,
        capture_output=True,
    )
    kernel = time.perf_counter() - kernel_started

    scope = "kernel's scope" if args.full_entitlement else "default run"
    print(f"population {args.population}, {args.year}, {scope}, {info['partitions']} blocks, "
          f"{info['workers']} workers")  # fmt: skip
    print("driver stages (s): " + ", ".join(f"{k} {v:.2f}" for k, v in info["stages"].items()))
    print(f"the run in this process: {run_wall:.2f} s")
    tasks = sums["pass-1 task"][2] + sums["pass-2 task"][2]
    print(f"{'step':36s} {'calls':>5s} {'wall s':>8s} {'CPU s':>8s} {'of tasks':>8s}")
    for label, *_ in STEPS:
        calls, wall, cpu = sums[label]
        share = f"{100 * cpu / tasks:7.1f}%" if tasks else "     -"
        print(f"{label:36s} {calls:5d} {wall:8.2f} {cpu:8.2f} {share:>8s}")
    print(f"process start and imports (fresh process): {imports:.2f} s")
    print(f"building the law (fresh process): {law:.3f} s")
    print(f"kernel (a process, Parquet included): {kernel:.2f} s")
    rules = sums[RULES][2] / max(1, info["workers"])
    floor = imports + law + run_wall - rules
    print(
        f"without OpenFisca's months (an estimate): {floor:.2f} s, {floor / kernel:.1f}x the kernel"
    )
    print(f"the run with start and imports: {imports + law + run_wall:.2f} s, "
          f"{(imports + law + run_wall) / kernel:.1f}x the kernel")  # fmt: skip
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
