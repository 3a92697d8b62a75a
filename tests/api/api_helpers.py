"""Shared test data: small tables and their per-family JSON situations."""

from __future__ import annotations

import copy

from openfisca_indonesia_sosial.examples import EXAMPLES, example_request

BY_NAME = {example.name: example for example in EXAMPLES}


def example(name: str, month: str | None = None) -> dict:
    """An example situation asking the program outputs (for ``month`` if given)."""
    situation = example_request(BY_NAME[name])
    if month is None:
        return situation
    for instances in situation.values():
        for description in instances.values():
            for values in description.values():
                if isinstance(values, dict) and None in values.values():
                    for key in [k for k, v in values.items() if v is None]:
                        del values[key]
                    values[month] = None
    return situation


YEAR = 2025
MONTH = "2025-07"

#: Four families in the table format (2025): DTSEN deciles 2, 3, 5 and 9.
INDIVIDU = [
    # K1: decile 2, mother pregnant (first child on the card), a toddler, grandfather 66
    {"id_individu": "i1", "id_keluarga": "K1", "peran": "kepala_keluarga",
     "tanggal_lahir": "1992-03-04", "jenis_kelamin": "perempuan", "hamil": True},
    {"id_individu": "i2", "id_keluarga": "K1", "peran": "anak",
     "tanggal_lahir": "2022-05-06", "jenis_kelamin": "laki_laki"},
    {"id_individu": "i3", "id_keluarga": "K1", "peran": "anggota_lain",
     "tanggal_lahir": "1959-01-01", "jenis_kelamin": "laki_laki"},
    # K2: decile 3, five school children (the child cap of 3 drops two)
    {"id_individu": "i4", "id_keluarga": "K2", "peran": "kepala_keluarga",
     "tanggal_lahir": "1980-01-01", "jenis_kelamin": "laki_laki"},
    {"id_individu": "i5", "id_keluarga": "K2", "peran": "anak",
     "tanggal_lahir": "2008-02-01", "jenjang_pendidikan": "sma"},
    {"id_individu": "i6", "id_keluarga": "K2", "peran": "anak",
     "tanggal_lahir": "2011-02-01", "jenjang_pendidikan": "smp"},
    {"id_individu": "i7", "id_keluarga": "K2", "peran": "anak",
     "tanggal_lahir": "2013-02-01", "jenjang_pendidikan": "sd"},
    {"id_individu": "i8", "id_keluarga": "K2", "peran": "anak",
     "tanggal_lahir": "2015-02-01", "jenjang_pendidikan": "sd"},
    {"id_individu": "i9", "id_keluarga": "K2", "peran": "anak",
     "tanggal_lahir": "2017-02-01", "jenjang_pendidikan": "sd"},
    # K3: decile 5 (PBI-JK and ATENSI band, not PKH/Sembako), an orphan aged 10
    {"id_individu": "i10", "id_keluarga": "K3", "peran": "kepala_keluarga",
     "tanggal_lahir": "1970-06-01", "jenis_kelamin": "perempuan"},
    {"id_individu": "i11", "id_keluarga": "K3", "peran": "anak",
     "tanggal_lahir": "2015-06-01", "status_yatim_piatu": "yatim", "jenjang_pendidikan": "sd"},
    # K4: decile 9, nothing
    {"id_individu": "i12", "id_keluarga": "K4", "peran": "kepala_keluarga",
     "tanggal_lahir": "1975-06-01", "jenis_kelamin": "laki_laki"},
]  # fmt: skip
KELUARGA = [
    {"id_keluarga": "K1", "desil_dtsen": 2, "provinsi": "33", "perkotaan": False},
    {"id_keluarga": "K2", "desil_dtsen": 3, "provinsi": "35", "perkotaan": True},
    {"id_keluarga": "K3", "desil_dtsen": 5, "provinsi": "53", "perkotaan": False},
    {"id_keluarga": "K4", "desil_dtsen": 9, "provinsi": "31", "perkotaan": True},
]
ROLE_KEYS = {"kepala_keluarga": "kepala_keluarga", "pasangan": "pasangan",
             "anak": "daftar_anak", "anggota_lain": "daftar_anggota_lain"}  # fmt: skip
ETERNAL = {"tanggal_lahir", "jenis_kelamin", "provinsi", "perkotaan", "nik"}


def situation_for(family_id: str, year: int = YEAR) -> dict:
    """The OpenFisca JSON situation of one family of the tables above."""

    def values(record: dict, skip: set[str]) -> dict:
        out = {}
        for name, value in record.items():
            if name in skip:
                continue
            out[name] = {"ETERNITY" if name in ETERNAL else str(year): copy.deepcopy(value)}
        return out

    persons = {}
    family: dict = {}
    for record in INDIVIDU:
        if record["id_keluarga"] != family_id:
            continue
        persons[record["id_individu"]] = values(record, {"id_individu", "id_keluarga", "peran"})
        key = ROLE_KEYS[record["peran"]]
        if key.startswith("daftar_"):
            family.setdefault(key, []).append(record["id_individu"])
        else:
            family[key] = record["id_individu"]
    record = next(r for r in KELUARGA if r["id_keluarga"] == family_id)
    family.update(values(record, {"id_keluarga"}))
    return {"daftar_individu": persons, "daftar_keluarga": {family_id: family}}
