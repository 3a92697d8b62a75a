"""Hostile populations for property tests: a valid synthetic population with random defects
in its cells, a duplicated person and a dropped family row (shared by the validation tests)."""

from __future__ import annotations

import pandas as pd
from hypothesis import strategies as st

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
