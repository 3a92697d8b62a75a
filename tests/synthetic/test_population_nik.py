"""NIK: 16 digits, Kemendagri province of the family, birth date (+40 women), unique."""

from __future__ import annotations

import pandas as pd

from openfisca_indonesia_sosial.law.wilayah import PROVINSI_BPS, PROVINSI_KEMENDAGRI
from openfisca_indonesia_sosial.synthetic import write
from openfisca_indonesia_sosial.synthetic.io import read

BPS_TO_KEMENDAGRI = {
    code: next(k for k, v in PROVINSI_KEMENDAGRI.items() if v == name)
    for code, name in PROVINSI_BPS.items()
}


def _check_niks(individu, keluarga):
    nik = individu["nik"].astype(str)
    assert nik.str.fullmatch(r"\d{16}").all()
    assert nik.is_unique
    prov = individu["id_keluarga"].map(keluarga.set_index("id_keluarga")["provinsi"])
    assert (nik.str[:2] == prov.map(BPS_TO_KEMENDAGRI)).all()
    born = pd.to_datetime(individu["tanggal_lahir"])
    female = individu["jenis_kelamin"] == "perempuan"
    day = nik.str[6:8].astype(int)
    assert (day == born.dt.day + 40 * female).all()
    assert (nik.str[8:10].astype(int) == born.dt.month).all()
    assert (nik.str[10:12].astype(int) == born.dt.year % 100).all()
    assert (nik.str[12:16].astype(int) >= 1).all()


def test_nik_format_and_uniqueness(pop2025):
    _check_niks(*pop2025)


def test_papua_codes_are_mapped(pop2025):
    individu, keluarga = pop2025
    papua = keluarga[keluarga["provinsi"] == "97"]["id_keluarga"]  # BPS Papua Pegunungan
    niks = individu[individu["id_keluarga"].isin(papua)]["nik"].astype(str)
    assert len(niks) and (niks.str[:2] == "95").all()  # Kemendagri Papua Pegunungan


def test_nik_unique_across_chunks(tmp_path):
    write(tmp_path, 2024, 6_000, seed=3, chunk_families=2_000)
    individu, keluarga = read(tmp_path)
    assert keluarga["id_keluarga"].is_unique and individu["id_individu"].is_unique
    _check_niks(individu, keluarga)
