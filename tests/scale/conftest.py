"""Shared fixtures of the national-scale tests: a small written population and reforms."""

from __future__ import annotations

import pytest
from scale_helpers import YEAR, canonical

from openfisca_indonesia_sosial.synthetic import write

TIGHT_QUOTAS = """name: kuota_ketat
label: Uji kuota ketat
description: Binding national quotas for PKH, Sembako and PBI-JK.
parameters:
  pkh.kuota:
    2025-01-01: 300000
  sembako.kuota.kpm:
    2025-01-01: 500000
  pbi_jk.kuota:
    2025-01-01: 2000000
"""


@pytest.fixture(scope="session")
def population_dir(tmp_path_factory):
    """3,000 families written in three blocks (three Parquet row groups)."""
    folder = tmp_path_factory.mktemp("scale") / "pop"
    write(folder, YEAR, 3000, seed=7, chunk_families=1000)
    return folder


@pytest.fixture(scope="session")
def tight_reform(tmp_path_factory):
    path = tmp_path_factory.mktemp("reforms") / "kuota_ketat.yaml"
    path.write_text(TIGHT_QUOTAS, encoding="utf-8")
    return str(path)


@pytest.fixture(scope="session")
def single_shot(population_dir, tight_reform):
    """Summary JSON of the single-shot run, by reform list."""
    from openfisca_indonesia_sosial.data import load_population
    from openfisca_indonesia_sosial.microsim import Microsimulation

    population, _ = load_population(population_dir, year=YEAR)
    cache = {}

    def run(reforms=(tight_reform, "sembako_300rb"), full_entitlement=False):
        key = (tuple(reforms), full_entitlement)
        if key not in cache:
            result = Microsimulation(
                population, reforms=list(reforms), full_entitlement=full_entitlement
            ).run()
            cache[key] = canonical(result.summary())
        return cache[key]

    return run
