"""Property tests: random defects in a valid population never crash the validator, counts
always reconcile, and no NIK is ever shown in clear."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from population_defects import YEAR, defective_population

from openfisca_indonesia_sosial.data import (
    PopulationRejectedError,
    validate_tables,
)
from openfisca_indonesia_sosial.data.synthetic import synthetic_tables


def _niks(individu: pd.DataFrame) -> set[str]:
    values = individu["nik"].dropna().astype(str)
    return {value for value in values if len(value) >= 12}


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(defective_population())
def test_random_defects_reconcile_and_mask(tables):
    individu, keluarga = tables
    population, report = validate_tables(individu, keluarga, year=YEAR)
    for table, frame in (("individu", individu), ("keluarga", keluarga)):
        counts = report.counts[table]
        assert counts.rows_in == len(frame) == counts.accepted + counts.rejected
        errors = report.errors[report.errors["table"] == table]
        assert errors["row"].nunique() == counts.rejected
        assert len(population.table(table)) == counts.accepted
    # accepted persons belong to accepted families; accepted families have members
    assert set(population.individu["id_keluarga"]) == set(population.keluarga["id_keluarga"])
    assert population.individu["id_individu"].is_unique
    assert population.keluarga["id_keluarga"].is_unique
    assert (population.keluarga["bobot"] > 0).all()
    positions = population.family_index()
    assert (np.diff(positions) >= 0).all()
    family_ids = population.keluarga["id_keluarga"].to_numpy(dtype=object)
    assert (
        family_ids[positions] == population.individu["id_keluarga"].to_numpy(dtype=object)
    ).all()
    heads = population.individu["peran"].eq("kepala_keluarga").groupby(positions).sum()
    assert (heads == 1).all()
    # nothing in clear
    buffer = io.StringIO()
    report.rejects.to_csv(buffer)
    shown = buffer.getvalue() + report.summary_text(width=200) + report.reasons().to_csv()
    for nik in _niks(individu):
        assert nik not in shown


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(defective_population())
def test_strict_mode_raises_masked_or_passes(tables):
    individu, keluarga = tables
    try:
        _, report = validate_tables(individu, keluarga, year=YEAR, strict=True)
    except PopulationRejectedError as error:
        for nik in _niks(individu):
            assert nik not in str(error)
            assert nik not in repr(error.args)
    else:
        assert report.ok


@pytest.mark.parametrize("n_families", [1, 50])
def test_synthetic_tables_are_valid(n_families):
    individu, keluarga = synthetic_tables(n_families, year=YEAR, seed=n_families)
    population, report = validate_tables(individu, keluarga, year=YEAR)
    assert report.ok and report.rejects.empty, report.rejects.head()
    assert len(population.keluarga) == n_families
