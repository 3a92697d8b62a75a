"""The merge stage of a partitioned run alone: seconds and the driver's peak memory.

    bansos simulate --population /tmp/pop1m --reform sembako_300rb --output /tmp/run1m \
        --workers 2 --scheduler processes --json /tmp/run1m.json
    python benchmarks/merge_stage.py /tmp/run1m --year 2025 --reform sembako_300rb

Reads a finished run's output folder (its manifest and the pass-2 files its work folder
keeps), builds the scenarios, then runs the merge as a run does: each scenario's Gini
coefficients as a task of a local pool (``--workers``; DuckDB sorts the welfare files and the
replicate sums walk them), then the driver's sums, in this fresh process, so the memory
measured is the merge's own, not what the global step left in the heap. Prints one JSON
line: the seconds of the two steps, the resident memory before the sums, their peak
(sampled every 20 ms from /proc, and ``getrusage``'s peak of the whole process), their CPU
seconds (comparable on a busy machine, where wall time is not) and the summary's SHA-256
(two versions of the merge must give the same). Never asserted in tests.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import resource
import threading
import time
from pathlib import Path

_PAGE = 4096


def _rss() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * _PAGE


class Peak:
    """Highest resident memory of this process while the block runs (sampled)."""

    def __init__(self, interval: float = 0.02):
        self.interval, self.peak = interval, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _rss())
            time.sleep(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, _rss())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("output", type=Path, help="a finished run's --output folder")
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--reform", action="append", default=[])
    parser.add_argument("--replicates", type=int, default=None)
    parser.add_argument("--workers", type=int, default=2, help="the pool of the Gini tasks")
    args = parser.parse_args()

    from openfisca_indonesia_sosial.metrics.replicates import DEFAULT_REPLICATES
    from openfisca_indonesia_sosial.scale import partitioned, passes
    from openfisca_indonesia_sosial.scale.runner import Runner
    from openfisca_indonesia_sosial.scale.source import Partition
    from openfisca_indonesia_sosial.scale.store import read_manifest

    manifest = read_manifest(args.output)
    blocks = [
        Partition(i, *p["families"], *p["persons"]) for i, p in enumerate(manifest["partitions"])
    ]
    spec = passes.RunSpec(
        population="",
        year=args.year,
        reforms=tuple(args.reform),
        full_entitlement=False,
        partitions=len(blocks),
        workdir=str(args.output / "_work"),
        output=str(args.output),
        replicates=DEFAULT_REPLICATES if args.replicates is None else args.replicates,
    )
    named = passes.scenarios(spec.reforms)
    start = time.perf_counter()
    with Runner("processes", args.workers) as runner:
        ginis = partitioned._scenario_ginis(runner, spec, blocks, named)
    gini_seconds = time.perf_counter() - start
    before = _rss()
    cpu = resource.getrusage(resource.RUSAGE_SELF)
    start = time.perf_counter()
    with Peak() as peak:
        result = partitioned._merge(spec, blocks, named, ginis)
    seconds = time.perf_counter() - start
    used = resource.getrusage(resource.RUSAGE_SELF)
    cpu_seconds = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime
    summary = json.dumps(result.summary(), sort_keys=True).encode()
    print(
        json.dumps(
            {
                "families": blocks[-1].family_stop,
                "partitions": len(blocks),
                "gini_seconds": round(gini_seconds, 2),
                "merge_seconds": round(seconds, 2),
                "merge_cpu_seconds": round(cpu_seconds, 2),
                "rss_before_mb": round(before / 2**20),
                "merge_peak_mb": round(peak.peak / 2**20),
                "merge_growth_mb": round((peak.peak - before) / 2**20),
                "process_peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
                "summary_sha256": hashlib.sha256(summary).hexdigest(),
            }
        )
    )


if __name__ == "__main__":
    main()
