"""The parametric reform loader: every error names the file, the line and the parameter path."""

from __future__ import annotations

import datetime
import textwrap

import pytest

from openfisca_indonesia_sosial.reform.files import (
    LoadedReform,
    ReformError,
    load_reform,
    load_reform_from_mapping,
    resolve,
    shipped_reform_paths,
)

HEADER = """\
name: percobaan
label: Reformasi percobaan
description: A test reform.
parameters:
"""


def write(tmp_path, body: str, header: str = HEADER):
    path = tmp_path / "percobaan.yaml"
    path.write_text(header + textwrap.indent(textwrap.dedent(body), "  "), encoding="utf-8")
    return path


def error_of(tbs, path) -> ReformError:
    with pytest.raises(ReformError) as caught:
        load_reform(str(path), tbs)
    return caught.value


def assert_located(error: ReformError, path, line: int, parameter: str | None):
    message = str(error)
    assert message.startswith(f"{path}:{line}: "), message
    assert error.source == str(path)
    assert error.line == line
    assert error.parameter == parameter
    if parameter is not None:
        assert parameter in message


# --- a valid file ------------------------------------------------------------------------


def test_valid_file_changes_the_parameter_from_its_date(tbs, tmp_path):
    path = write(tmp_path, "  sembako.nilai_bulanan:\n    2024-01-01: 300000\n")
    loaded = load_reform(str(path), tbs)
    assert isinstance(loaded, LoadedReform)
    assert loaded.changes == (("sembako.nilai_bulanan", "2024-01-01", 300000),)
    assert loaded.system.parameters("2023-12-01").sembako.nilai_bulanan == 200000
    assert loaded.system.parameters("2024-01-01").sembako.nilai_bulanan == 300000
    assert tbs.parameters("2024-01-01").sembako.nilai_bulanan == 200000  # baseline untouched


def test_value_with_its_unit_and_null_are_accepted(tbs, tmp_path):
    path = write(
        tmp_path,
        """\
          sembako.nilai_bulanan:
            2024-01-01: {value: 300000, unit: currency-IDR}
          penyaluran.tingkat_penyerapan.pkh:
            2024-01-01: 0.9
          bantuan_tambahan.blts_kesra_2025.nilai_bulanan:
            2026-01-01: null
        """,
    )
    loaded = load_reform(str(path), tbs)
    assert loaded.changes[0] == ("sembako.nilai_bulanan", "2024-01-01", 300000)
    assert loaded.changes[2][2] is None
    assert loaded.system.parameters("2024-02-01").penyaluran.tingkat_penyerapan.pkh == 0.9


def test_later_dates_of_one_parameter_hold_in_turn(tbs, tmp_path):
    path = write(
        tmp_path,
        """\
          pkh.umur.lanjut_usia_minimum:
            2022-01-01: 60
            2020-01-01: 70
        """,
    )
    system = load_reform(str(path), tbs).system
    assert system.parameters("2019-12-01").pkh.umur.lanjut_usia_minimum == 60
    assert system.parameters("2021-06-01").pkh.umur.lanjut_usia_minimum == 70
    assert system.parameters("2022-01-01").pkh.umur.lanjut_usia_minimum == 60


# --- every error, with file, line and path ----------------------------------------------


def test_unknown_parameter_suggests_the_close_match(tbs, tmp_path):
    path = write(tmp_path, "  sembako.nilai_bulan:\n    2024-01-01: 300000\n")
    error = error_of(tbs, path)
    assert_located(error, path, 5, "sembako.nilai_bulan")
    assert "no such parameter" in str(error)
    assert "did you mean 'sembako.nilai_bulanan'" in str(error)


def test_misplaced_parameter_suggests_the_leaf_of_the_same_name(tbs, tmp_path):
    path = write(tmp_path, "  pkh.lanjut_usia_minimum:\n    2024-01-01: 70\n")
    error = error_of(tbs, path)
    assert "did you mean 'pkh.umur.lanjut_usia_minimum'" in str(error)


def test_folder_instead_of_parameter_lists_its_parameters(tbs, tmp_path):
    path = write(tmp_path, "  pkh.indeks:\n    2025-01-01: 3300000\n")
    error = error_of(tbs, path)
    assert_located(error, path, 5, "pkh.indeks")
    assert "folder of parameters" in str(error)
    assert "pkh.indeks.ibu_hamil" in str(error)


@pytest.mark.parametrize(
    ("date", "message"),
    [
        ("2024-1-1", "dates are written YYYY-MM-DD"),
        ("2024", "dates are written YYYY-MM-DD"),
        ("01-01-2024", "dates are written YYYY-MM-DD"),
        ("2024-02-30", "not a calendar date"),
        ("2024-13-01", "not a calendar date"),
    ],
)
def test_malformed_date(tbs, tmp_path, date, message):
    path = write(
        tmp_path, f"  sembako.nilai_bulanan:\n    2023-01-01: 200000\n    {date}: 300000\n"
    )
    error = error_of(tbs, path)
    assert_located(error, path, 7, "sembako.nilai_bulanan")
    assert f"sembako.nilai_bulanan {date}" in str(error)
    assert message in str(error)


def test_change_before_the_first_value(tbs, tmp_path):
    path = write(tmp_path, "  sembako.nilai_bulanan:\n    2016-01-01: 100000\n")
    error = error_of(tbs, path)
    assert_located(error, path, 6, "sembako.nilai_bulanan")
    assert "does not exist before 2017-02-01" in str(error)


@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    [
        (
            "sembako.nilai_bulanan",
            '"Rp 300.000"',
            "write the number without 'Rp', dots or commas: 300000",
        ),
        ("sembako.nilai_bulanan", "300.000", "Rp300.000 is 300000"),
        ("sembako.nilai_bulanan", "250000.5", "rupiah amounts are whole numbers"),
        ("sembako.nilai_bulanan", "true", "expected a number"),
        ("sembako.nilai_bulanan", "[300000]", "expected a number"),
        ("sembako.nilai_bulanan", "-1", "cannot be below 0"),
        ("registri.pakai_dtsen", "1", "expected true or false"),
        ("pkh.batas.komponen_per_keluarga", "4.5", "whole numbers"),
        ("penyaluran.tingkat_penyerapan.pkh", "90", "between 0 and 1"),
        ("registri.desil_maksimum.pbi_jk", "11", "between 0 and 10"),
        ("pkh.bantuan_tetap.bulan_pembayaran", "13", "between 1 and 12"),
    ],
)
def test_wrong_value_type_or_range(tbs, tmp_path, parameter, value, message):
    path = write(tmp_path, f"  {parameter}:\n    2025-06-01: {value}\n")
    error = error_of(tbs, path)
    assert_located(error, path, 6, parameter)
    assert message in str(error)


@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    [
        ("penyaluran.tingkat_penyerapan.pkh", "{value: 90, unit: percent}", "10% is 0.1"),
        ("sembako.nilai_bulanan", "{value: 300, unit: currency-USD}", "in currency-IDR (rupiah)"),
        ("pkh.kuota", "{value: 12000000, unit: persons}", "in families"),
        ("sembako.nilai_bulanan", "{amount: 300000}", "{value: ..., unit: ...}"),
    ],
)
def test_wrong_unit(tbs, tmp_path, parameter, value, message):
    path = write(tmp_path, f"  {parameter}:\n    2025-06-01: {value}\n")
    error = error_of(tbs, path)
    assert_located(error, path, 6, parameter)
    assert message in str(error)


def test_parameter_written_twice(tbs, tmp_path):
    path = write(
        tmp_path,
        """\
          sembako.nilai_bulanan:
            2024-01-01: 300000
          pkh.kuota:
            2025-01-01: 12000000
          sembako.nilai_bulanan:
            2025-01-01: 350000
        """,
    )
    error = error_of(tbs, path)
    assert_located(error, path, 9, None)
    assert "written twice (first on line 5)" in str(error)


def test_date_written_twice(tbs, tmp_path):
    path = write(tmp_path, "  pkh.kuota:\n    2025-01-01: 1\n    2025-01-01: 2\n")
    error = error_of(tbs, path)
    assert_located(error, path, 7, "pkh.kuota")
    assert "written twice (first on line 6)" in str(error)


def test_values_not_dated(tbs, tmp_path):
    path = write(tmp_path, "  sembako.nilai_bulanan: 300000\n")
    error = error_of(tbs, path)
    assert_located(error, path, 5, "sembako.nilai_bulanan")
    assert "give dated values" in str(error)


@pytest.mark.parametrize(
    ("header", "line", "message"),
    [
        (HEADER.replace("parameters:", "parameter:"), 4, "did you mean 'parameters'"),
        (HEADER.replace("name: percobaan", "name: Percobaan Satu"), 1, "not a usable reform name"),
        (HEADER.replace("name: percobaan", "name: baseline"), 1, "not a usable reform name"),
        (HEADER.replace("label: Reformasi percobaan", "label: ''"), 2, "non-empty text"),
    ],
)
def test_header_errors(tbs, tmp_path, header, line, message):
    path = write(tmp_path, "  pkh.kuota:\n    2025-01-01: 12000000\n", header=header)
    error = error_of(tbs, path)
    assert_located(error, path, line, None)
    assert message in str(error)


def test_missing_key_and_empty_parameters(tbs, tmp_path):
    path = tmp_path / "kosong.yaml"
    path.write_text("name: kosong\nlabel: Kosong\nparameters: {}\n", encoding="utf-8")
    assert "missing key 'description'" in str(error_of(tbs, path))
    path.write_text("name: kosong\nlabel: Kosong\ndescription: x\nparameters:\n", encoding="utf-8")
    error = error_of(tbs, path)
    assert_located(error, path, 4, None)
    assert "map each parameter path" in str(error)


def test_invalid_yaml_names_the_line(tbs, tmp_path):
    path = write(tmp_path, "  sembako.nilai_bulanan:\n    2024-01-01: [300000\n")
    error = error_of(tbs, path)
    assert str(error).startswith(f"{path}:")
    assert "not valid YAML" in str(error)
    assert error.line is not None


def test_unknown_reform_name_suggests_a_shipped_one(tbs):
    with pytest.raises(ReformError, match="did you mean 'sembako_300rb'"):
        resolve("sembako_300")
    with pytest.raises(ReformError, match="no such reform file"):
        load_reform("tidak/ada.yaml", tbs)


def test_structural_module_without_reform_class(tbs, tmp_path):
    path = tmp_path / "rusak.py"
    path.write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ReformError, match="exposes 'reform'"):
        load_reform(str(path), tbs)


# --- inline reforms (Web API) -------------------------------------------------------------


def test_mapping_reform_matches_the_file(tbs):
    data = {
        "name": "sembako_300rb",
        "label": "Sembako Rp300.000 per bulan",
        "description": "From a request.",
        "parameters": {"sembako.nilai_bulanan": {"2024-01-01": 300000}},
    }
    inline = load_reform_from_mapping(data, tbs)
    shipped = load_reform("sembako_300rb", tbs)
    assert inline.changes == shipped.changes
    assert inline.source == "request"
    assert inline.system.parameters("2024-03-01").sembako.nilai_bulanan == 300000
    dated = {**data, "parameters": {"sembako.nilai_bulanan": {datetime.date(2024, 1, 1): 300000}}}
    assert load_reform_from_mapping(dated, tbs).changes == shipped.changes


@pytest.mark.parametrize(
    ("parameters", "message", "parameter"),
    [
        (
            {"sembako.nilai": {"2024-01-01": 1}},
            "did you mean 'sembako.nilai_bulanan'",
            "sembako.nilai",
        ),
        ({"sembako.nilai_bulanan": {"2024/01/01": 1}}, "YYYY-MM-DD", "sembako.nilai_bulanan"),
        (
            {"sembako.nilai_bulanan": {"2016-01-01": 1}},
            "does not exist before",
            "sembako.nilai_bulanan",
        ),
        (
            {"sembako.nilai_bulanan": {"2024-01-01": "300000"}},
            "expected a number",
            "sembako.nilai_bulanan",
        ),
        (
            {"pkh.kuota": {"2025-01-01": {"value": 1, "unit": "persons"}}},
            "in families",
            "pkh.kuota",
        ),
    ],
)
def test_mapping_reform_errors_name_source_and_path(tbs, parameters, message, parameter):
    data = {"name": "api", "label": "API", "description": "x", "parameters": parameters}
    with pytest.raises(ReformError) as caught:
        load_reform_from_mapping(data, tbs, source="POST /simulate")
    error = caught.value
    assert str(error).startswith(f"POST /simulate: {parameter}")
    assert message in str(error)
    assert (error.source, error.line, error.parameter) == ("POST /simulate", None, parameter)


def test_mapping_must_be_a_mapping(tbs):
    with pytest.raises(ReformError, match="a reform is a mapping"):
        load_reform_from_mapping(["sembako"], tbs)


# --- shipped reforms -----------------------------------------------------------------------


@pytest.mark.parametrize("path", shipped_reform_paths(), ids=lambda p: p.stem)
def test_every_shipped_reform_loads_under_its_file_name(tbs, path):
    loaded = load_reform(path.stem, tbs)
    assert loaded.name == path.stem
    assert loaded.label.strip() and loaded.description.strip()
    assert loaded.changes, "a reform lists what it changes"
    assert loaded.kind == ("structural" if path.suffix == ".py" else "parametric")
