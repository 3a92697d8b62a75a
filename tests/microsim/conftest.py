"""A small population whose results are worked out by hand from the fact sheet (2024)."""

from __future__ import annotations

import pandas as pd
import pytest


def hand_population():
    individu = pd.DataFrame(
        [
            # K1: DTKS, urban: a pregnant mother and a primary-school child.
            (
                "k1_ibu",
                "K1",
                "kepala_keluarga",
                "1985-04-10",
                "perempuan",
                True,
                "tidak_sekolah",
                "bukan",
            ),
            ("k1_anak", "K1", "anak", "2016-03-10", "laki_laki", False, "sd", "bukan"),
            # K2: not in DTKS, rural, one adult.
            (
                "k2_bapak",
                "K2",
                "kepala_keluarga",
                "1984-02-02",
                "laki_laki",
                False,
                "tidak_sekolah",
                "bukan",
            ),
            # K3: DTKS, rural: an elderly head and an orphaned grandchild at SMP.
            (
                "k3_nenek",
                "K3",
                "kepala_keluarga",
                "1950-06-01",
                "perempuan",
                False,
                "tidak_sekolah",
                "bukan",
            ),
            (
                "k3_cucu",
                "K3",
                "anggota_lain",
                "2012-01-01",
                "perempuan",
                False,
                "smp",
                "yatim_piatu",
            ),
        ],
        columns=[
            "id_individu",
            "id_keluarga",
            "peran",
            "tanggal_lahir",
            "jenis_kelamin",
            "hamil",
            "jenjang_pendidikan",
            "status_yatim_piatu",
        ],
    )
    keluarga = pd.DataFrame(
        [
            ("K1", 100.0, "33", True, 400_000, True, 2),
            ("K2", 50.0, "33", False, 3_000_000, False, 9),
            ("K3", 200.0, "53", False, 500_000, True, 1),
        ],
        columns=[
            "id_keluarga",
            "bobot",
            "provinsi",
            "perkotaan",
            "pengeluaran_per_kapita",
            "terdaftar_dtks",
            "desil_dtsen",
        ],
    )
    return individu, keluarga


@pytest.fixture(scope="session")
def hand_tables():
    return hand_population()
