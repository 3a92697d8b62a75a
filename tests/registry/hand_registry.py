"""Hand-made registries for the registry audit and the cross-partition duplicate checks."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

YEAR = 2025

# NIK = province (2) + regency (4) + birth day/month/year (6) + serial (4); the NIKs are
# invented and agree with tanggal_lahir and jenis_kelamin (no warnings).
NIK_A = "3201011505800001"  # 15 May 1980, man, Jawa Barat
NIK_B = "3201015203100002"  # 12 March 2010, woman (day + 40)
NIK_C = "3201012007820003"
NIK_D = "3201010101500004"
NIK_E = "3201014202550005"  # 2 February 1955, woman
NIK_F = "3578010306150006"  # Kemendagri 35 (Jawa Timur), family in Jawa Barat
NIK_G = "3201011010900007"

#: (id_individu, id_keluarga, peran, tanggal_lahir, jenis_kelamin, nik, tanggal_meninggal),
#: in file order: rows 0-8.
PERSONS = [
    ("i1", "K1", "kepala_keluarga", "1980-05-15", "laki_laki", NIK_A, ""),
    ("i2", "K1", "anak", "2010-03-12", "perempuan", NIK_B, ""),
    ("i3", "K2", "kepala_keluarga", "1982-07-20", "laki_laki", NIK_C, ""),
    ("i4", "K2", "anak", "2010-03-12", "perempuan", NIK_B, ""),  # B on a second card
    ("i6", "K3", "kepala_keluarga", "1980-05-15", "laki_laki", NIK_A, ""),  # A heads K3 too
    ("i5", "K4", "kepala_keluarga", "1950-01-01", "laki_laki", NIK_D, "2025-02-10"),
    ("i7", "K4", "pasangan", "1955-02-02", "perempuan", NIK_E, "2025-04-05"),
    ("i8", "K4", "anak", "2015-06-03", "laki_laki", NIK_F, ""),
    ("i5", "K5", "kepala_keluarga", "1990-10-10", "laki_laki", NIK_G, ""),  # id of row 5
]
#: (id_keluarga, provinsi (BPS)); every family poor (desil 1) and in the DTKS.
FAMILIES = [("K1", "32"), ("K2", "32"), ("K3", "33"), ("K4", "32"), ("K5", "32")]


def write_registry(folder: Path, *, deceased: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    columns = ["id_individu", "id_keluarga", "peran", "tanggal_lahir", "jenis_kelamin", "nik"]
    columns.append("tanggal_meninggal")
    persons = pd.DataFrame(PERSONS, columns=columns)
    if not deceased:
        persons = persons.drop(columns="tanggal_meninggal")
    persons.to_csv(folder / "individu.csv", index=False)
    families = pd.DataFrame(FAMILIES, columns=["id_keluarga", "provinsi"])
    families["desil_dtsen"] = 1
    families["terdaftar_dtks"] = "true"
    families.to_csv(folder / "keluarga.csv", index=False)
    return folder
