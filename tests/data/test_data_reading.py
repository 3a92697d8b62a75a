"""Reading folders: CSV and Parquet give the same population; unreadable input and column
problems raise the package's own exceptions with clear messages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from openfisca_indonesia_sosial.data import (
    PopulationReadError,
    PopulationSchemaError,
    load_population,
    validate_tables,
)


def _typed_parquet(source, target):
    """Write the CSV fixture as Parquet with real types (bool, int, date, str)."""
    target.mkdir()
    for name in ("individu", "keluarga"):
        frame = pd.read_csv(source / f"{name}.csv", dtype=str, keep_default_na=False)
        for column in ("hamil", "disabilitas_berat", "terdaftar_dtks"):
            if column in frame:
                frame[column] = frame[column].map(
                    {"true": True, "false": False, "ya": True, "tidak": False}
                )
        if "perkotaan" in frame:
            frame["perkotaan"] = frame["perkotaan"].map({"true": True, "false": False, "ya": True})
        for column in ("pengeluaran_per_kapita", "desil_dtsen"):
            if column in frame:
                frame[column] = frame[column].astype("int64")
        if "bobot" in frame:
            frame["bobot"] = frame["bobot"].astype("float64")
        if "tanggal_lahir" in frame:
            frame["tanggal_lahir"] = pd.to_datetime(frame["tanggal_lahir"]).dt.date
        frame.to_parquet(target / f"{name}.parquet", index=False)


def _string_parquet(source, target):
    target.mkdir()
    for name in ("individu", "keluarga"):
        frame = pd.read_csv(
            source / f"{name}.csv", dtype=str, keep_default_na=False, na_values=[""]
        )
        frame.to_parquet(target / f"{name}.parquet", index=False)


def test_csv_and_typed_parquet_give_the_same_population(populations, tmp_path, clean_result):
    _typed_parquet(populations / "clean", tmp_path / "pq")
    population, report = load_population(tmp_path / "pq", year=2024)
    expected, expected_report = clean_result
    assert report.ok and expected_report.ok
    assert report.format == "parquet" and expected_report.format == "csv"
    pd.testing.assert_frame_equal(population.individu, expected.individu)
    pd.testing.assert_frame_equal(population.keluarga, expected.keluarga)


def test_csv_and_parquet_give_the_same_rejects(populations, tmp_path, broken_result):
    _string_parquet(populations / "broken", tmp_path / "pq")
    population, report = load_population(tmp_path / "pq", year=2024)
    expected, expected_report = broken_result
    pd.testing.assert_frame_equal(report.rejects, expected_report.rejects)
    pd.testing.assert_frame_equal(population.individu, expected.individu)
    assert report.counts == expected_report.counts


def test_integer_ids_and_niks_in_parquet_are_read_as_text(tmp_path):
    individu = pd.DataFrame(
        {
            "id_individu": [1, 2],
            "id_keluarga": [10, 10],
            "peran": ["kepala_keluarga", "anak"],
            "nik": [9101044203700001, 3201011505850001],
        }
    )
    keluarga = pd.DataFrame({"id_keluarga": [10], "provinsi": [94]})
    individu.to_parquet(tmp_path / "individu.parquet")
    keluarga.to_parquet(tmp_path / "keluarga.parquet")
    population, report = load_population(tmp_path, year=2024)
    assert report.ok, report.rejects
    assert population.individu["nik"].tolist() == ["9101044203700001", "3201011505850001"]
    assert population.individu["id_keluarga"].tolist() == ["10", "10"]
    assert population.keluarga["provinsi"].tolist() == ["94"]


def test_missing_folder(tmp_path):
    with pytest.raises(PopulationReadError, match="not a population folder"):
        load_population(tmp_path / "nope")


def test_missing_table(populations, tmp_path):
    shutil.copy(populations / "clean" / "individu.csv", tmp_path)
    with pytest.raises(PopulationReadError, match=r"neither keluarga\.parquet nor keluarga\.csv"):
        load_population(tmp_path)


def test_both_formats_at_once_are_ambiguous(populations, tmp_path):
    for name in ("individu.csv", "keluarga.csv"):
        shutil.copy(populations / "clean" / name, tmp_path)
    (tmp_path / "keluarga.parquet").write_bytes(b"")
    with pytest.raises(PopulationReadError, match="keep one"):
        load_population(tmp_path)


def test_unreadable_parquet(populations, tmp_path):
    shutil.copy(populations / "clean" / "individu.csv", tmp_path)
    (tmp_path / "keluarga.parquet").write_bytes(b"not a parquet file")
    with pytest.raises(PopulationReadError, match="cannot be read"):
        load_population(tmp_path)


def test_duplicated_csv_column_is_refused_by_name_not_renamed(populations, tmp_path):
    shutil.copy(populations / "clean" / "keluarga.csv", tmp_path)
    lines = (populations / "clean" / "individu.csv").read_text(encoding="utf-8").splitlines()
    first = lines[0].split(",")[-1]
    doubled = [f"{line},{line.split(',')[-1]}" for line in lines]
    (tmp_path / "individu.csv").write_text("\n".join(doubled) + "\n", encoding="utf-8")
    with pytest.raises(PopulationSchemaError) as caught:
        load_population(tmp_path, year=2024)
    assert f"duplicate column: '{first}'" in str(caught.value)
    assert f"{first}.1" not in str(caught.value)


def test_unknown_column_with_suggestion():
    individu = pd.DataFrame(
        {
            "id_individu": ["a"],
            "id_keluarga": ["k"],
            "peran": ["kepala_keluarga"],
            "jenis_kelamn": ["perempuan"],
            "warna": ["biru"],
        }
    )
    keluarga = pd.DataFrame({"id_keluarga": ["k"]})
    with pytest.raises(PopulationSchemaError) as caught:
        validate_tables(individu, keluarga, year=2024)
    message = str(caught.value)
    assert "'jenis_kelamn'" in message and "did you mean 'jenis_kelamin'" in message
    assert "'warna'" in message


def test_column_of_the_other_table():
    individu = pd.DataFrame(
        {
            "id_individu": ["a"],
            "id_keluarga": ["k"],
            "peran": ["kepala_keluarga"],
            "provinsi": ["31"],
        }
    )
    keluarga = pd.DataFrame({"id_keluarga": ["k"]})
    with pytest.raises(PopulationSchemaError, match="it belongs in keluarga"):
        validate_tables(individu, keluarga, year=2024)


def test_missing_required_column():
    individu = pd.DataFrame({"id_individu": ["a"], "id_keluarga": ["k"]})
    keluarga = pd.DataFrame({"id_keluarga": ["k"]})
    with pytest.raises(PopulationSchemaError, match="required column missing: 'peran'"):
        validate_tables(individu, keluarga, year=2024)


def test_schema_follows_the_tax_benefit_system(tbs):
    """Every variable of an entity is accepted as a column, whatever folder it lives in."""
    from openfisca_indonesia_sosial.data import build_schema

    schema = build_schema(tbs)
    for name, variable in tbs.variables.items():
        assert name in schema.variables[variable.entity.key]


def test_schema_markdown_lists_every_variable(tbs):
    from openfisca_indonesia_sosial.data import build_schema, schema_markdown

    text = schema_markdown(build_schema(tbs))
    assert "### `individu`" in text and "### `keluarga`" in text
    for name in tbs.variables:
        assert f"| `{name}` |" in text
    assert "`hamil_YYYY_MM`" in text
    assert "`bobot`" in text and "`peran`" in text


def test_schema_page_is_current(tbs):
    """docs/data/schema-table.md is generated: regenerate it when an input variable changes."""
    from openfisca_indonesia_sosial.data import build_schema, schema_markdown
    from openfisca_indonesia_sosial.data.schema import SCHEMA_DOC_HEADER

    page = Path(__file__).parents[2] / "docs" / "data" / "schema-table.md"
    expected = SCHEMA_DOC_HEADER + schema_markdown(build_schema(tbs))
    assert page.read_text(encoding="utf-8") == expected, (
        'regenerate: python -c "from openfisca_indonesia_sosial.data.schema import '
        "write_schema_doc; write_schema_doc('docs/data/schema-table.md')\""
    )
