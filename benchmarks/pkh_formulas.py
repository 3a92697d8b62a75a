"""Time of a full year of ``pkh_bantuan`` and ``pkh_layak`` in a fresh simulation, best of
several runs: with everything they read, and the PKH formulas (variables/pkh) alone.

    python benchmarks/pkh_formulas.py --families 100000
    python benchmarks/pkh_formulas.py --population DIR   # DIR/individu.parquet, keluarga.parquet

For the second figure the variables outside variables/pkh that PKH reads (age, schooling,
registry band...) are computed first and not timed, so it follows the PKH code only. Never
asserted in tests.
"""

from __future__ import annotations

import argparse
import time

import pandas as pd

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.paths import VARIABLES_DIR
from openfisca_indonesia_sosial.simulation.build import build_from_population
from openfisca_indonesia_sosial.synthetic import generate
from openfisca_indonesia_sosial.system import baseline

TARGETS = ("pkh_bantuan", "pkh_layak")


def pkh_names() -> set[str]:
    return {path.stem for path in (VARIABLES_DIR / "pkh").rglob("*.py")}


def dependencies(tbs, population, periods) -> list[tuple[str, str]]:
    """The (variable, period) pairs outside variables/pkh that the targets compute."""
    simulation = build_from_population(tbs, population)
    simulation.trace = True
    for period in periods:
        for name in TARGETS:
            simulation.calculate(name, period)
    pkh = pkh_names()
    seen = []
    stack = list(simulation.tracer.trees)
    while stack:
        node = stack.pop()
        stack.extend(node.children)
        if node.name not in pkh:
            seen.append((node.name, str(node.period)))
    return list(dict.fromkeys(seen))


def one_run(tbs, population, periods, outside) -> float:
    simulation = build_from_population(tbs, population)
    for name, period in outside:
        simulation.calculate(name, period)
    start = time.perf_counter()
    for period in periods:
        for name in TARGETS:
            simulation.calculate(name, period)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--families", type=int, default=10_000)
    parser.add_argument("--population", default=None)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    if args.population:
        individu = pd.read_parquet(f"{args.population}/individu.parquet")
        keluarga = pd.read_parquet(f"{args.population}/keluarga.parquet")
    else:
        individu, keluarga = generate(args.year, args.families, seed=0)
    population, _ = validate_tables(individu, keluarga, year=args.year)
    tbs = baseline()
    periods = [f"{args.year}-{month:02d}" for month in range(1, 13)]
    outside = dependencies(tbs, population, periods)
    print(f"{len(population.keluarga):,} families, {len(population.individu):,} persons")
    for label, precomputed in (("with their inputs", []), ("PKH formulas only", outside)):
        best = min(one_run(tbs, population, periods, precomputed) for _ in range(args.runs))
        print(f"{label:18}: {best:.3f} s for 12 months ({best / 12 * 1000:.1f} ms per month)")


if __name__ == "__main__":
    main()
