"""Month-suffixed columns: ``<variable>_YYYY_MM`` overrides one month of a MONTH variable."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from openfisca_core.simulations import SimulationBuilder

from openfisca_indonesia_sosial.data import PopulationSchemaError, load_population, validate_tables
from openfisca_indonesia_sosial.system import baseline


@pytest.fixture(scope="module")
def monthly(populations):
    return load_population(populations / "monthly")


def _frames():
    individu = pd.DataFrame(
        {
            "id_individu": ["a"],
            "id_keluarga": ["k"],
            "peran": ["kepala_keluarga"],
        }
    )
    keluarga = pd.DataFrame({"id_keluarga": ["k"]})
    return individu, keluarga


def test_year_comes_from_the_month_columns(monthly):
    population, report = monthly
    assert report.ok, report.rejects
    assert population.year == 2024


def test_overrides_are_kept_apart_and_nullable(monthly):
    population, _ = monthly
    hamil = population.monthly_overrides["individu"]["hamil"]
    assert list(hamil.columns) == ["2024-03", "2024-04"]
    assert hamil["2024-03"].tolist()[:2] == [pd.NA, True]
    assert "hamil_2024_03" not in population.individu.columns
    assert population.individu["hamil"].tolist() == [False, False, True]
    umur = population.monthly_overrides["individu"]["umur"]
    assert list(umur.columns) == ["2024-06"]
    desil = population.monthly_overrides["keluarga"]["desil_dtsen"]
    assert desil["2024-10"].tolist() == [5, pd.NA]


def test_input_arrays_fill_months_from_the_plain_column(monthly):
    population, _ = monthly
    arrays = {
        (name, period): values for name, period, values in population.input_arrays("individu")
    }
    assert arrays[("hamil", "2024-01")].tolist() == [False, False, True]
    assert arrays[("hamil", "2024-03")].tolist() == [False, True, False]
    assert arrays[("hamil", "2024-04")].tolist() == [False, True, True]
    assert arrays[("hamil", "2024-04")].dtype == bool
    # no plain umur column: only the overridden month, empty cells take the default (0)
    assert [key for key in arrays if key[0] == "umur"] == [("umur", "2024-06")]
    assert arrays[("umur", "2024-06")].tolist() == [0, 40, 0]
    assert arrays[("tanggal_lahir", "ETERNITY")].dtype == np.dtype("datetime64[D]")
    assert arrays[("jenis_kelamin", "ETERNITY")].tolist() == ["laki_laki", "perempuan", "perempuan"]
    families = {
        (name, period): values for name, period, values in population.input_arrays("keluarga")
    }
    assert families[("desil_dtsen", "2024-10")].tolist() == [5, 7]
    assert families[("desil_dtsen", "2024-09")].tolist() == [3, 7]
    assert [key for key in families if key[0] == "terdaftar_dtks"] == [
        ("terdaftar_dtks", "2024-01")
    ]


def test_input_arrays_feed_an_openfisca_simulation(monthly):
    population, _ = monthly
    system = baseline()
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("individu", population.individu["id_individu"].tolist())
    keluarga = builder.declare_entity("keluarga", population.keluarga["id_keluarga"].tolist())
    role_keys = [role.key for role in keluarga.entity.flattened_roles]
    roles = pd.Categorical(population.individu["peran"].astype(str), categories=role_keys).codes
    builder.join_with_persons(keluarga, population.family_index(), roles.astype(np.int64))
    simulation = builder.build(system)
    for table in ("individu", "keluarga"):
        for name, period, values in population.input_arrays(table):
            simulation.set_input(name, period, values)
    assert simulation.calculate("hamil", "2024-03").tolist() == [False, True, False]
    assert simulation.calculate("umur", "2024-06").tolist() == [0, 40, 0]
    assert simulation.calculate("umur", "2024-07").tolist() == [34, 32, 39]  # formula
    assert simulation.calculate("desil_dtsen", "2024-10").tolist() == [5, 7]
    assert simulation.calculate("jenis_kelamin", "2024-01").decode_to_str().tolist() == [
        "laki_laki",
        "perempuan",
        "perempuan",
    ]


@pytest.mark.parametrize(
    ("column", "message"),
    [
        ("perkotaan_2024_03", "only MONTH variables"),
        ("tanggal_lahir_2024_03", "only MONTH variables"),
        ("hamil_2024_13", "no such month"),
        ("hamil_2023_03", "outside the simulated year 2024"),
    ],
)
def test_bad_month_columns_are_schema_errors(column, message):
    individu, keluarga = _frames()
    table = keluarga if column.startswith("perkotaan") else individu
    table[column] = ["true" if "hamil" in column or "perkotaan" in column else "1990-01-01"]
    with pytest.raises(PopulationSchemaError, match=message):
        validate_tables(individu, keluarga, year=2024)


def test_month_columns_of_two_years_are_refused():
    individu, keluarga = _frames()
    individu["hamil_2023_03"] = ["true"]
    individu["hamil_2024_03"] = ["true"]
    with pytest.raises(PopulationSchemaError, match="several years"):
        validate_tables(individu, keluarga)


def test_month_cells_are_validated_like_plain_cells():
    individu, keluarga = _frames()
    individu["umur_2024_02"] = ["121"]
    individu["hamil_2024_02"] = [""]
    _, report = validate_tables(individu.replace("", pd.NA), keluarga, year=2024)
    assert report.rejects[["field", "code"]].values.tolist()[0] == [
        "umur_2024_02",
        "di_luar_rentang",
    ]
    assert "nilai_kosong" not in set(report.rejects["code"])  # empty month cell: no override


def test_input_arrays_leave_out_the_nik(clean_result):
    population, _ = clean_result
    names = {name for name, _, _ in population.input_arrays("individu")}
    assert "nik" not in names and "tanggal_lahir" in names
    names = {name for name, _, _ in population.input_arrays("individu", include_nik=True)}
    assert "nik" in names
