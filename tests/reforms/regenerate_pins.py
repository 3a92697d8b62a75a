"""Regenerate tests/reforms/pinned_impacts.yaml from the current model.

    .venv/bin/python tests/reforms/regenerate_pins.py            # rewrite the pins
    .venv/bin/python tests/reforms/regenerate_pins.py --dry-run  # show what would change

Regenerating is a deliberate act: run it only when a change of law, of a reform or of the
population is meant to move the figures, and let the reviewer read the diff of
pinned_impacts.yaml (the script prints every pinned figure that moves beyond its tolerance).
Tolerances and notes written in the file are kept. Runs the default population of the pinned
year (``default_population``, 100,000 families) through the data layer, every shipped reform
in one microsimulation (a few minutes).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import yaml

PINS = Path(__file__).with_name("pinned_impacts.yaml")
DEFAULT_TOLERANCE = {
    "cost_relative": 0.01,
    "cost_absolute_idr": 1_000_000_000,
    "recipients_relative": 0.01,
    "recipients_absolute": 1000,
    "poverty_absolute": 0.0002,
}
HEADER = """\
# Pinned impacts of the shipped reforms on the default population
# (tests/reforms/test_pinned_impacts.py). Each figure is reform minus baseline for the year,
# weighted national totals after quotas and take-up; costs in rupiah. A figure passes when
# |computed - pinned| <= max(absolute, relative x |pinned|) with the tolerances below (a reform
# may override them under its own `tolerance:` key).
# DO NOT EDIT THE FIGURES BY HAND (tolerances and `note:` keys may be edited; regenerating keeps
# them). Regenerate deliberately, and review the diff:
#   .venv/bin/python tests/reforms/regenerate_pins.py [--dry-run]
"""


def _round(figures):
    if isinstance(figures, dict):
        return {key: _round(value) for key, value in figures.items()}
    if isinstance(figures, bool | int):
        return figures
    if isinstance(figures, float):
        return round(figures, 1) if abs(figures) >= 1 else round(figures, 9)
    return figures


def compute(year: int) -> dict:
    from openfisca_indonesia_sosial.data import validate_tables
    from openfisca_indonesia_sosial.microsim.breakdown import reform_impacts
    from openfisca_indonesia_sosial.reform.files import shipped_reform_paths
    from openfisca_indonesia_sosial.synthetic import GENERATOR_VERSION, default_population

    individu, keluarga = default_population(year)
    population, _ = validate_tables(individu, keluarga, year=year, source="default population")
    names = [path.stem for path in shipped_reform_paths()]
    found = reform_impacts(population, names)
    baseline = found["scenarios"]["baseline"]
    return {
        "population": {
            "source": f"default_population({year})",
            "generator_version": str(GENERATOR_VERSION),
            "sample_families": len(keluarga),
        },
        "baseline": _round(
            {
                "total_cost_idr": baseline["total_cost_idr"],
                "programs": baseline["programs"],
                "poverty": baseline["poverty"],
            }
        ),
        "reforms": {name: _round(figures) for name, figures in found["impacts"].items()},
    }


def leaves(tree, prefix=()):
    if isinstance(tree, dict):
        for key, value in tree.items():
            yield from leaves(value, (*prefix, key))
    else:
        yield prefix, tree


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--dry-run", action="store_true", help="show changes, write nothing")
    args = parser.parse_args(argv)
    old = yaml.safe_load(PINS.read_text(encoding="utf-8")) if PINS.exists() else {}
    new = compute(args.year)
    pins = {
        "year": args.year,
        "generated": datetime.date.today().isoformat(),
        "tolerance": old.get("tolerance", DEFAULT_TOLERANCE),
        **new,
    }
    for name, figures in pins["reforms"].items():
        kept = (old.get("reforms") or {}).get(name, {})
        for key in ("tolerance", "note"):
            if key in kept:
                figures[key] = kept[key]
    before = dict(leaves({"baseline": old.get("baseline"), "reforms": old.get("reforms")}))
    moved = 0
    for path, value in leaves({"baseline": pins["baseline"], "reforms": pins["reforms"]}):
        if before.get(path) != value:
            moved += 1
            print(f"{'.'.join(map(str, path))}: {before.get(path)!r} -> {value!r}")
    print(f"{moved} pinned figures changed")
    if args.dry_run:
        print("dry run: nothing written")
        return 0
    text = yaml.safe_dump(pins, sort_keys=False, allow_unicode=True, width=100)
    PINS.write_text(HEADER + text, encoding="utf-8")
    print(f"written {PINS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
