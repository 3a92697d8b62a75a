"""Time and peak memory of `bansos simulate` (baseline plus one reform, a full year).

    python benchmarks/simulate.py                    # the embedded default population
    python benchmarks/simulate.py --families 1000000 # a generated population of that size

Prints one line per stage (seconds, peak resident memory). Never asserted in tests: the
figures go into docs/performance.md and the closing notes.
"""

from __future__ import annotations

import argparse
import resource
import time

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.microsim import Microsimulation
from openfisca_indonesia_sosial.synthetic import default_population, generate


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--families", type=int, default=None)
    parser.add_argument("--reform", default="sembako_300rb")
    args = parser.parse_args()

    start = time.perf_counter()
    if args.families is None:
        individu, keluarga = default_population(args.year)
        label = "default population"
    else:
        individu, keluarga = generate(args.year, args.families, seed=0)
        label = f"generated {args.families:,} families"
    loaded = time.perf_counter()
    population, _ = validate_tables(individu, keluarga, year=args.year)
    validated = time.perf_counter()
    result = Microsimulation(population, reforms=[args.reform]).run()
    simulated = time.perf_counter()
    result.tables()
    done = time.perf_counter()
    persons = len(population.individu)
    print(f"population: {label}, {len(population.keluarga):,} families, {persons:,} persons")
    print(f"load/generate: {loaded - start:8.1f} s")
    print(f"validate:      {validated - loaded:8.1f} s")
    print(f"simulate:      {simulated - validated:8.1f} s  (baseline + {args.reform}, 12 months)")
    print(f"tables:        {done - simulated:8.1f} s")
    print(f"total:         {done - start:8.1f} s  ({persons / (done - start):,.0f} persons/s)")
    print(f"peak memory:   {peak_mb():8.0f} MB")


if __name__ == "__main__":
    main()
