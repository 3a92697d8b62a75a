"""Integer ids and Enum columns read as dictionaries validate exactly as their text.

A Parquet registry stores ids as ``int64`` and Enum columns as dictionary-encoded text; the
data layer checks the ids on the integers and matches each distinct Enum name once. Both must
give the very report and population the same tables give as plain text: the text path is the
independent reference here.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.scale.source import Partition, Source, read_partition

YEAR = 2024


def tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Six families with integer ids and every id problem: a duplicate person id, ids of 12
    digits (a NIK-like run) positive and negative, 11 digits (allowed), a person of an unknown
    family, a duplicate family id; and unknown or missing Enum values."""
    keluarga = pd.DataFrame(
        {
            "id_keluarga": np.array([1, 2, 2, 100_000_000_000, 5, 6], dtype=np.int64),
            "bobot": [1.0] * 6,
            "provinsi": ["31", "32", "33", "34", "35", "36"],
        }
    )
    individu = pd.DataFrame(
        {
            "id_individu": np.array(
                [10, 11, 11, 99_999_999_999, -123_456_789_012, 123_456_789_012, 16, 17, 18],
                dtype=np.int64,
            ),
            "id_keluarga": np.array([1, 1, 2, 100_000_000_000, 5, 5, 6, 6, 77], dtype=np.int64),
            "peran": [
                "kepala_keluarga",
                "anak",
                "kepala_keluarga",
                "kepala_keluarga",
                "kepala_keluarga",
                "bos",
                "kepala_keluarga",
                None,
                "kepala_keluarga",
            ],
            "tanggal_lahir": pd.to_datetime(["1980-01-01"] * 9).astype("datetime64[s]"),
            "jenis_kelamin": ["laki_laki", "perempuan", " perempuan", *["perempuan"] * 6],
        }
    )
    return individu, keluarga


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """The same table with every id and Enum column as plain text (the reference path)."""
    out = frame.copy()
    for column in ("id_individu", "id_keluarga"):
        if column in out:
            out[column] = out[column].astype(str)
    for column in ("peran", "jenis_kelamin"):
        if column in out:
            out[column] = out[column].astype(object)
    return out


def same(first, second) -> None:
    population, report = first
    population_text, report_text = second
    pd.testing.assert_frame_equal(report.rejects, report_text.rejects)
    assert {k: vars(v) for k, v in report.counts.items()} == {
        k: vars(v) for k, v in report_text.counts.items()
    }
    for table in ("individu", "keluarga"):
        pd.testing.assert_frame_equal(population.table(table), population_text.table(table))
    np.testing.assert_array_equal(population.family_index(), population_text.family_index())


def test_integer_ids_validate_as_their_text():
    individu, keluarga = tables()
    typed = validate_tables(individu, keluarga, year=YEAR)
    text = validate_tables(as_text(individu), as_text(keluarga), year=YEAR)
    same(typed, text)
    rejects = typed[1].rejects
    # hand-listed: the duplicate person id, the two 12-digit person ids, the 12-digit family
    # id, the duplicate family id, the unknown family
    found = zip(rejects["table"], rejects["row"], rejects["field"], rejects["code"], strict=True)
    codes = set(found)
    assert {
        ("individu", 1, "id_individu", "id_ganda"),
        ("individu", 2, "id_individu", "id_ganda"),
        ("individu", 4, "id_individu", "id_seperti_nik"),
        ("individu", 5, "id_individu", "id_seperti_nik"),
        ("individu", 3, "id_keluarga", "id_seperti_nik"),
        ("keluarga", 3, "id_keluarga", "id_seperti_nik"),
        ("keluarga", 1, "id_keluarga", "id_ganda"),
        ("keluarga", 2, "id_keluarga", "id_ganda"),
        ("individu", 8, "id_keluarga", "keluarga_tidak_ditemukan"),
    } <= codes
    # 11 digits are allowed
    assert ("individu", 3, "id_individu", "id_seperti_nik") not in codes


@pytest.mark.parametrize("rows", [(0, 9), (2, 7)])
def test_partition_read_as_dictionaries_validates_as_text(tmp_path, rows):
    """A partition read from Parquet (Enum columns as Arrow dictionaries, ids as int64)
    validates as the same rows given as text."""
    individu, keluarga = tables()
    paths = {}
    for name, frame in (("individu", individu), ("keluarga", keluarga)):
        paths[name] = tmp_path / f"{name}.parquet"
        pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), paths[name])
    source = Source(str(paths["individu"]), str(paths["keluarga"]), len(keluarga), len(individu))
    partition = Partition(0, 0, len(keluarga), *rows)
    read_individu, read_keluarga = read_partition(source, partition)
    assert isinstance(read_individu["peran"].dtype, pd.CategoricalDtype)
    assert read_individu["id_individu"].dtype == np.int64
    typed = validate_tables(read_individu, read_keluarga, year=YEAR)
    reference = individu.iloc[rows[0] : rows[1]].reset_index(drop=True)
    text = validate_tables(as_text(reference), as_text(keluarga), year=YEAR)
    same(typed, text)
