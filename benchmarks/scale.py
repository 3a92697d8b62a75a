"""National-scale benchmark: throughput and peak memory, single-shot and partitioned.

    python benchmarks/scale.py single --families 100000
    python benchmarks/scale.py partitioned --families 1000000 --partitions 20 \
        --scheduler processes --workers 2
    python benchmarks/scale.py sweep                   # the table of docs/performance.md
    python benchmarks/scale.py partitioned --families 95000000 --partitions 950 --replicates 0

Each case runs in a fresh subprocess on a population written once by
``population.write`` (streamed Parquet, cached under ``--cache``) and read back from Parquet,
baseline plus one reform (``sembako_300rb``), a full year. Peak memory is the highest total
proportional memory (PSS) of the case's process tree (driver and workers), sampled every
second (reading PSS walks each process's page tables: at 0.5 s the sampler took about 6 % of
one of the two cores it was measuring); the driver's own exact peak (``driver_peak_mb``, from
``getrusage``) is printed beside it. ``--replicates N`` sets the replicate weights of the
intervals (default: the run's own, 100; 0: none), to tell what the intervals cost.
Prints one JSON line per case.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CACHE = Path(os.environ.get("BANSOS_BENCH_DIR", "/tmp/bansos-bench"))


class TreeMemory:
    """Peak of the summed PSS (proportional set size: pages shared by forked workers are
    counted once in total) of this process and its descendants (psutil sampling)."""

    def __init__(self, interval: float = 1.0):
        import psutil

        self.process = psutil.Process()
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> int:
        total = 0
        for proc in [self.process, *self.process.children(recursive=True)]:
            with contextlib.suppress(Exception):  # a worker that just exited
                total += proc.memory_full_info().pss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self._sample())
            time.sleep(self.interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self._sample())


def population(families: int, year: int, cache: Path) -> Path:
    from openfisca_indonesia_sosial.synthetic import write

    folder = cache / f"pop_{year}_{families}"
    if not (folder / "keluarga.parquet").is_file():
        tmp = folder.with_name(folder.name + ".tmp")
        write(tmp, year, families, seed=0, chunk_families=min(500_000, families))
        tmp.rename(folder)
    return folder


def replicate_option(args) -> dict:
    """``--replicates N`` when given (else the package's default draws)."""
    return {} if args.replicates is None else {"replicates": args.replicates}


def case(args) -> dict:
    sys.path.insert(0, str(ROOT))
    from openfisca_indonesia_sosial.system import baseline

    folder = population(args.families, args.year, Path(args.cache))
    baseline()
    with TreeMemory() as memory:
        start = time.perf_counter()
        if args.mode == "single":
            from openfisca_indonesia_sosial.data import load_population
            from openfisca_indonesia_sosial.microsim import Microsimulation

            loaded, _ = load_population(folder, year=args.year)
            validated = time.perf_counter()
            result = Microsimulation(loaded, reforms=[args.reform], **replicate_option(args)).run()
            persons = len(loaded.individu)
            stages = {"read_validate_s": round(validated - start, 2)}
        else:
            from openfisca_indonesia_sosial.scale import run_partitioned

            result = run_partitioned(
                folder,
                year=args.year,
                reforms=[args.reform],
                partitions=args.partitions,
                scheduler=args.scheduler,
                workers=args.workers,
                **replicate_option(args),
            )
            persons = result.totals["sample_persons"]
            stages = {
                "stages_s": result.run_info["stages"],
                "driver_peak_mb": result.run_info["driver_peak_mb"],
            }
        result.summary()
        seconds = time.perf_counter() - start
    from openfisca_indonesia_sosial.synthetic.io import metadata

    return {
        "mode": args.mode,
        "families": args.families,
        # the cached registry is reused whatever generator wrote it: say which one did
        "population_generator": metadata(folder).get("generator_version"),
        **replicate_option(args),
        "persons": persons,
        "partitions": args.partitions if args.mode != "single" else 1,
        "scheduler": args.scheduler if args.mode != "single" else "-",
        "workers": args.workers if args.mode != "single" else 1,
        "seconds": round(seconds, 1),
        "persons_per_s": round(persons / seconds),
        "peak_mb": round(memory.peak / 2**20),
        "bytes_per_person": round(memory.peak / persons),
        **stages,
    }


SWEEP = [
    # (mode, families, partitions, scheduler, workers)
    ("single", 3_400, 1, "-", 1),
    ("single", 34_000, 1, "-", 1),
    ("single", 100_000, 1, "-", 1),
    ("single", 340_000, 1, "-", 1),
    ("partitioned", 340_000, 8, "processes", 1),
    ("partitioned", 340_000, 8, "processes", 2),
    ("partitioned", 1_000_000, 20, "processes", 2),
    ("partitioned", 3_400_000, 68, "processes", 2),
]


def machine() -> dict:
    import psutil

    return {
        "cpu": platform.processor() or platform.machine(),
        "cores": os.cpu_count(),
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "python": platform.python_version(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=("single", "partitioned", "sweep"))
    parser.add_argument("--families", type=int, default=100_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--scheduler", default="processes")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--reform", default="sembako_300rb")
    parser.add_argument("--cache", default=str(DEFAULT_CACHE))
    parser.add_argument("--max-families", type=int, default=None, help="sweep: skip larger")
    parser.add_argument(
        "--replicates", type=int, default=None, help="replicate weights (default: the run's)"
    )
    parser.add_argument("--_child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args._child:
        print(json.dumps(case(args)), flush=True)
        return
    if args.mode == "sweep":
        plan = [c for c in SWEEP if args.max_families is None or c[1] <= args.max_families]
    else:
        plan = [(args.mode, args.families, args.partitions, args.scheduler, args.workers)]
    print(json.dumps({"machine": machine()}), flush=True)
    for mode, families, partitions, scheduler, workers in plan:
        command = [
            sys.executable, __file__, mode, "--_child", "--families", str(families),
            "--partitions", str(partitions), "--scheduler", scheduler,
            "--workers", str(workers), "--year", str(args.year), "--reform", args.reform,
            "--cache", args.cache,
        ] + ([] if args.replicates is None else ["--replicates", str(args.replicates)])  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            print(json.dumps({"mode": mode, "families": families, "error": done.stderr[-800:]}))
            continue
        print(done.stdout.strip().splitlines()[-1], flush=True)


if __name__ == "__main__":
    main()
