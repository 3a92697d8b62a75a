"""The hand-written fixtures: a clean population passes; the broken one fails exactly as
written in tests/fixtures/populations/broken/expected_rejects.csv."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pandas as pd
import pytest

from openfisca_indonesia_sosial.data import (
    REJECT_COLUMNS,
    PopulationRejectedError,
    load_population,
    validate_tables,
)

KEYS = ["table", "record_id", "field", "code", "severity", "value"]


def _rows(frame: pd.DataFrame) -> Counter:
    frame = frame[KEYS].astype("str").fillna("")
    return Counter(map(tuple, frame.to_numpy().tolist()))


def test_clean_population_passes(clean_result):
    population, report = clean_result
    assert report.ok
    assert report.rejects.empty
    assert list(report.rejects.columns) == list(REJECT_COLUMNS)
    assert {t: (c.rows_in, c.accepted, c.rejected) for t, c in report.counts.items()} == {
        "individu": (6, 6, 0),
        "keluarga": (3, 3, 0),
    }
    assert population.year == 2024
    assert len(population.individu) == 6
    assert len(population.keluarga) == 3


def test_clean_population_is_typed(clean_result):
    population, _ = clean_result
    individu, keluarga = population.individu, population.keluarga
    assert list(individu.columns[:3]) == ["id_individu", "id_keluarga", "peran"]
    assert list(keluarga.columns[:2]) == ["id_keluarga", "bobot"]
    assert individu["hamil"].dtype == bool
    assert str(individu["tanggal_lahir"].dtype) == "datetime64[s]"
    assert isinstance(individu["jenis_kelamin"].dtype, pd.CategoricalDtype)
    assert list(individu["jenis_kelamin"].cat.categories) == ["laki_laki", "perempuan"]
    assert keluarga["pengeluaran_per_kapita"].dtype == np.int64
    assert keluarga["bobot"].dtype == np.float64
    assert keluarga["perkotaan"].tolist() == [True, False, True]  # "ya" read as true
    assert keluarga["terdaftar_dtks"].tolist() == [True, False, False]  # "tidak" read as false
    # provinsi stays text, with its two digits
    assert keluarga["provinsi"].tolist() == ["32", "94", "11"]
    assert individu.isna().sum().sum() == 0


def test_members_sorted_by_family():
    individu = pd.DataFrame(
        {
            "id_individu": ["a", "b", "c", "d"],
            "id_keluarga": ["K2", "K1", "K2", "K1"],
            "peran": ["kepala_keluarga", "kepala_keluarga", "anak", "anak"],
        }
    )
    keluarga = pd.DataFrame({"id_keluarga": ["K1", "K2"]})
    population, report = validate_tables(individu, keluarga, year=2024)
    assert report.ok
    assert population.individu["id_individu"].tolist() == ["b", "d", "a", "c"]
    assert population.family_index().tolist() == [0, 0, 1, 1]
    assert population.keluarga["bobot"].tolist() == [1.0, 1.0]  # absent bobot: weight 1


def test_broken_population_rejects_exactly_as_written(broken_result, populations):
    _, report = broken_result
    expected = pd.read_csv(
        populations / "broken" / "expected_rejects.csv", dtype=str, keep_default_na=False
    )
    assert _rows(report.rejects) == _rows(expected)


def test_broken_population_counts_reconcile(broken_result):
    population, report = broken_result
    counts = {
        t: (c.rows_in, c.accepted, c.rejected, c.with_warnings) for t, c in report.counts.items()
    }
    assert counts == {"individu": (38, 4, 34, 2), "keluarga": (15, 2, 13, 0)}
    assert population.individu["id_individu"].tolist() == ["P01", "P02", "P17", "P18"]
    assert population.keluarga["id_keluarga"].tolist() == ["K01", "K14"]
    assert not report.ok
    errors = report.errors
    for table, item in report.counts.items():
        assert errors.loc[errors["table"] == table, "row"].nunique() == item.rejected


def test_broken_reasons_are_bilingual_and_explicit(broken_result):
    _, report = broken_result
    rejects = report.rejects.set_index(["record_id", "code"])
    assert rejects.loc[("P14", "anggota_ditolak"), "alasan"] == "anggota ditolak: P15"
    assert rejects.loc[("P14", "anggota_ditolak"), "reason"] == "member rejected: P15"
    assert rejects.loc[("K11", "anggota_ditolak"), "alasan"] == "anggota ditolak: P15"
    assert rejects.loc[("P03", "keluarga_ditolak"), "alasan"] == "keluarga ditolak: K02"
    assert rejects.loc[("P03", "keluarga_ditolak"), "reason"] == "family rejected: K02"
    assert rejects.loc[("K02", "di_luar_rentang"), "alasan"] == "bobot harus > 0"
    assert rejects.loc[("K04", "di_luar_rentang"), "reason"].tolist() == [
        "pengeluaran_per_kapita must be ≥ 0",
        "desil_dtsen must be 0–10",
    ]
    assert "laki_laki, perempuan" in rejects.loc[("P28", "nilai_tidak_dikenal"), "reason"]
    assert (report.rejects["alasan"].str.len() > 0).all()
    assert (report.rejects["reason"].str.len() > 0).all()


def test_reasons_by_count(broken_result):
    _, report = broken_result
    reasons = report.reasons()
    row = reasons[(reasons["table"] == "individu") & (reasons["code"] == "keluarga_ditolak")]
    assert row["records"].item() == 12  # P03-P13 and P16
    assert reasons["records"].sum() >= report.counts["individu"].rejected


def test_strict_mode_names_the_first_rejection(populations):
    with pytest.raises(PopulationRejectedError) as caught:
        load_population(populations / "broken", year=2024, strict=True)
    error = caught.value
    assert (error.table, error.record_id, error.field, error.code) == (
        "individu",
        "P15",
        "nik",
        "nik_format",
    )
    message = str(error)
    assert "individu" in message and "P15" in message and "nik" in message
    assert "3201012009" not in message


def test_strict_mode_accepts_a_clean_population(populations):
    population, report = load_population(populations / "clean", year=2024, strict=True)
    assert report.ok and len(population.individu) == 6


def test_warnings_do_not_reject(broken_result):
    population, report = broken_result
    warnings = report.warnings
    assert set(warnings["record_id"]) == {"P17", "P18"}
    assert {"P17", "P18"} <= set(population.individu["id_individu"])
