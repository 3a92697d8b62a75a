"""Property tests: random defects in a valid population never crash the validator, counts
always reconcile, and no NIK is ever shown in clear."""

from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from openfisca_indonesia_sosial.data import (
    PopulationRejectedError,
    validate_tables,
)
from openfisca_indonesia_sosial.data.synthetic import synthetic_tables

YEAR = 2024

PERSON_DEFECTS = {
    "nik": st.one_of(
        st.text("0123456789", min_size=12, max_size=20),
        st.from_regex(r"\A(?:[0-9]{2})(?:[0-9]{4})(?:[4-7][0-9])(?:[01][0-9])[0-9]{6}\Z"),
        st.just(None),
    ),
    "peran": st.sampled_from(["kepala_keluarga", "pasangan", "anak", "cucu", "", None]),
    "id_keluarga": st.sampled_from(["K0", "K1", "K2", "K999", None]),
    "id_individu": st.sampled_from(["P0", "P1", "P2", None]),
    "tanggal_lahir": st.sampled_from(["1890-01-01", "2030-05-05", "2010-02-30", "kemarin", None]),
    "jenis_kelamin": st.sampled_from(["laki_laki", "perempuan", "pria", None]),
    "hamil": st.sampled_from(["true", "false", "ya", "mungkin", "2", None]),
    "jenjang_pendidikan": st.sampled_from(["sd", "universitas", None]),
}
FAMILY_DEFECTS = {
    "id_keluarga": st.sampled_from(["K0", "K1", "K3", None]),
    "bobot": st.sampled_from(["0", "-1", "abc", "1e400", None, "2.5"]),
    "provinsi": st.sampled_from(["31", "93", "00", "3", None]),
    "desil_dtsen": st.sampled_from(["-1", "11", "5", "x", "1.5", None]),
    "pengeluaran_per_kapita": st.sampled_from(["-1", "99999999999", "0", None]),
    "perkotaan": st.sampled_from(["true", "tidak", "?", None]),
}


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column].dtype):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
        out[column] = out[column].astype("object").map(str).astype("object")
    return out


@st.composite
def defective_population(draw):
    n_families = draw(st.integers(min_value=1, max_value=5))
    seed = draw(st.integers(min_value=0, max_value=10_000))
    individu, keluarga = synthetic_tables(n_families, year=YEAR, seed=seed)
    individu, keluarga = _as_text(individu), _as_text(keluarga)
    for _ in range(draw(st.integers(min_value=0, max_value=6))):
        if draw(st.booleans()):
            column = draw(st.sampled_from(sorted(PERSON_DEFECTS)))
            row = draw(st.integers(min_value=0, max_value=len(individu) - 1))
            individu.loc[row, column] = draw(PERSON_DEFECTS[column])
        else:
            column = draw(st.sampled_from(sorted(FAMILY_DEFECTS)))
            row = draw(st.integers(min_value=0, max_value=len(keluarga) - 1))
            keluarga.loc[row, column] = draw(FAMILY_DEFECTS[column])
    if draw(st.booleans()) and len(individu) > 1:  # a duplicated person (same NIK too)
        individu = pd.concat([individu, individu.iloc[[0]]], ignore_index=True)
    if draw(st.booleans()) and len(keluarga) > 1:  # a family row dropped
        keluarga = keluarga.drop(index=draw(st.integers(0, len(keluarga) - 1)))
    return individu, keluarga


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
