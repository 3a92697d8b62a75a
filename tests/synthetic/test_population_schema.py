"""Columns, types and value domains of the generated tables (contract: Tabular populations)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.law.wilayah import PROVINSI_BPS

INDIVIDU_COLUMNS = [
    "id_individu",
    "id_keluarga",
    "peran",
    "tanggal_lahir",
    "jenis_kelamin",
    "nik",
    "hamil",
    "jenjang_pendidikan",
    "disabilitas_berat",
    "status_yatim_piatu",
]
KELUARGA_COLUMNS = [
    "id_keluarga",
    "bobot",
    "provinsi",
    "perkotaan",
    "pengeluaran_per_kapita",
    "terdaftar_dtks",
    "desil_dtsen",
]


def test_columns(pop2025):
    individu, keluarga = pop2025
    assert list(individu.columns) == INDIVIDU_COLUMNS
    assert list(keluarga.columns) == KELUARGA_COLUMNS


def test_value_domains(pop2025):
    individu, keluarga = pop2025
    assert set(individu["peran"]) == {"kepala_keluarga", "pasangan", "anak", "anggota_lain"}
    assert set(individu["jenis_kelamin"]) == {"laki_laki", "perempuan"}
    assert set(individu["jenjang_pendidikan"]) == {
        "tidak_sekolah",
        "paud",
        "sd",
        "smp",
        "sma",
        "perguruan_tinggi",
    }
    assert set(individu["status_yatim_piatu"]) == {"bukan", "yatim", "piatu", "yatim_piatu"}
    for column in ("hamil", "disabilitas_berat"):
        assert individu[column].dtype == bool
    for column in ("perkotaan", "terdaftar_dtks"):
        assert keluarga[column].dtype == bool
    assert set(keluarga["provinsi"]) == set(PROVINSI_BPS)
    assert keluarga["desil_dtsen"].between(0, 10).all()
    assert set(keluarga["desil_dtsen"]) == set(range(11))
    assert (keluarga["pengeluaran_per_kapita"] > 0).all()
    assert pd.api.types.is_integer_dtype(keluarga["pengeluaran_per_kapita"])
    assert (keluarga["bobot"] > 0).all()


def test_family_structure(pop2025):
    individu, keluarga = pop2025
    assert keluarga["id_keluarga"].is_unique and individu["id_individu"].is_unique
    assert set(individu["id_keluarga"]) == set(keluarga["id_keluarga"])
    roles = individu.groupby("id_keluarga")["peran"].value_counts().unstack(fill_value=0)
    assert (roles["kepala_keluarga"] == 1).all()
    assert (roles["pasangan"] <= 1).all()
    born = pd.to_datetime(individu["tanggal_lahir"])
    assert (born < pd.Timestamp("2025-01-01")).all()  # no negative age in any month
    assert (born > pd.Timestamp("1925-01-01")).all()
    pregnant = individu[individu["hamil"]]
    assert (pregnant["jenis_kelamin"] == "perempuan").all()
    age = 2024 - pd.to_datetime(pregnant["tanggal_lahir"]).dt.year
    assert age.between(15, 49).all()
    heads = individu[individu["peran"] == "kepala_keluarga"]
    assert (2024 - pd.to_datetime(heads["tanggal_lahir"]).dt.year >= 17).all()
    assert np.isfinite(keluarga["bobot"]).all()
