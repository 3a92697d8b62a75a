"""Hostile situations for /calculate, /trace and /explain: every refusal small, fast and clean.

openfisca-core's own error path turns a digit path segment (an id ``"1234567"``, a year key
``"9999"``) into a list that long; the package checks ids, names, periods and values itself
before core reads anything, so the answer to any of these inputs is a short 4xx.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.situations.checks import (
    MAX_FAMILY_MEMBERS,
    MAX_PERIODS_PER_VARIABLE,
    MAX_VARIABLES_PER_INSTANCE,
)
from openfisca_indonesia_sosial.situations.periods import supported

from .conftest import CLEAR_NIK, SECURITY_CONFIG, Stopwatch, assert_clean

SMALL = 10_000  # bytes: every refusal here fits in this
CEILING = 10.0  # seconds: a generous ceiling, not a benchmark
JSON = {"Content-Type": "application/json"}
PATHS = ("/calculate", "/trace", "/explain")


def situation(person: dict | None = None, family: dict | None = None, pid: str = "ibu") -> dict:
    """One mother heading one family, asking PKH for January 2024 (plus what is given)."""
    return {
        "daftar_individu": {pid: dict(person or {})},
        "daftar_keluarga": {
            "k": {
                "kepala_keluarga": pid,
                "pkh_bantuan": {"2024-01": None},
                **(family or {}),
            }
        },
    }


def send(client, path: str, body: object = None, raw: str | None = None):
    """POST ``body`` (or raw JSON text) to ``path``; /explain gets it with a month."""
    if raw is not None:
        return client.post(path, data=raw.encode("utf-8"), headers=JSON)
    if path == "/explain" and isinstance(body, dict) and "month" not in body:
        body = {"situation": body, "month": "2024-01"}
    return client.post(path, json=body)


def refused(client, response, status: int, *fragments: str) -> str:
    """The answer is a small clean JSON refusal holding ``fragments``; the server is fine."""
    text = response.text
    assert response.status_code == status, text[:500]
    assert len(response.content) < SMALL, len(response.content)
    assert_clean(text)
    error = response.json()["error"]
    assert "details" not in response.json()
    for fragment in fragments:
        assert fragment in error, error
    assert client.healthy()
    return error


# --- ids that core's error path would blow up ---------------------------------------------


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("pid", ["12", "1234567", CLEAR_NIK])
def test_numeric_id_with_invalid_value_is_a_small_400(client, path, pid):
    # before: id "1234567" gave a 43 MB body in 5.4 s (a list of 1,234,567 nulls); 16 digits
    # grew the server to gigabytes.
    body = situation({"umur": {"2024-01": "x"}}, pid=pid)
    with Stopwatch(CEILING):
        response = send(client, path, body)
    # a NIK-shaped id is refused for itself, before its values are read
    expected = ("like a NIK",) if pid == CLEAR_NIK else ("umur/2024-01", "whole number")
    refused(client, response, 400, *expected)


@pytest.mark.parametrize("path", PATHS)
def test_numeric_ids_in_every_place_core_reports(client, path):
    cases = [
        {"daftar_individu": {"1234567": "not an object"}, "daftar_keluarga": {}},
        {"daftar_individu": {"1234567": {}}, "daftar_keluarga": {"7654321": []}},
        {
            "daftar_individu": {"1234567": {}},
            "daftar_keluarga": {"7654321": {"kepala_keluarga": "9999999"}},
        },
        {
            "daftar_individu": {"1234567": {}, "2345678": {}},
            "daftar_keluarga": {"7654321": {"kepala_keluarga": ["1234567", "2345678"]}},
        },
        {"daftar_individu": {"1234567": {"pkh_bantuan": {"2024-01": None}}}},
        {"daftar_individu": {"1234567": {"umur": 35}}},
    ]
    for body in cases:
        with Stopwatch(CEILING):
            response = send(client, path, body)
        refused(client, response, 400)


@pytest.mark.parametrize("path", PATHS)
def test_year_key_with_invalid_value(client, path):
    # before: "9999" as a period key became a list of 10,000 entries in the error
    body = situation({"hamil": {"9999": "x"}})
    with Stopwatch(CEILING):
        response = send(client, path, body)
    refused(client, response, 400, "hamil/9999", "outside the supported range")
    body = situation({"hamil": {"2024": "x"}})
    refused(client, send(client, path, body), 400, "hamil/2024", "true or false")


# --- counts -----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PATHS)
def test_families_are_limited_before_building(client, path):
    # before: one person and 200,000 empty families took 265 s on one worker thread
    body = situation()
    limit = SECURITY_CONFIG.max_families
    for index in range(limit + 1):
        body["daftar_keluarga"][f"x{index}"] = {}
    with Stopwatch(CEILING):
        response = send(client, path, body)
    refused(client, response, 413, f"> {limit}", "daftar_keluarga")


def test_many_empty_families_refused_at_any_size(client):
    body = situation()
    body["daftar_keluarga"].update({f"{index}": {} for index in range(100_000)})
    with Stopwatch(CEILING):
        response = send(client, "/calculate", body)
    assert response.status_code == 413
    assert len(response.content) < SMALL
    assert client.healthy()


@pytest.mark.parametrize("path", PATHS)
def test_family_listing_thousands_of_members(client, path):
    body = situation()
    body["daftar_keluarga"]["k"]["daftar_anak"] = ["ibu"] * 5_000
    with Stopwatch(CEILING):
        response = send(client, path, body)
    refused(client, response, 413, f"more than {MAX_FAMILY_MEMBERS} members")


@pytest.mark.parametrize("path", PATHS)
def test_periods_and_variables_per_instance_are_bounded(client, path):
    months = {f"{2017 + i // 12}-{i % 12 + 1:02d}": True for i in range(12 * 14)}
    assert len(months) > MAX_PERIODS_PER_VARIABLE
    response = send(client, path, situation({"hamil": months}))
    refused(client, response, 413, f"at most {MAX_PERIODS_PER_VARIABLE} per variable")
    names = {f"v{i}": {"2024-01": 1} for i in range(MAX_VARIABLES_PER_INSTANCE + 1)}
    response = send(client, path, situation(names))
    refused(client, response, 413, f"at most {MAX_VARIABLES_PER_INSTANCE} per individu")


# --- long strings ----------------------------------------------------------------------------

LONG = "a" * 1_000_000  # under the 2 MB body limit of the test server


@pytest.mark.parametrize("path", PATHS)
def test_long_names_are_not_echoed_nor_searched(client, path):
    # before: a 10 MB name came back whole after 3-22 s of did-you-mean search
    cases = [
        (situation({LONG: {"2024-01": 1}}), 404, "characters)"),
        (situation(family={LONG: {"2024-01": None}}), 404, "characters)"),
        (situation(pid=LONG), 400, "longer than"),
        (situation({"umur": {LONG: 3}}), 400, "not a period"),
        (situation({"nik": {"ETERNITY": LONG}}), 400, "longer than 16"),
    ]
    for body, status, fragment in cases:
        with Stopwatch(CEILING):
            response = send(client, path, body)
        refused(client, response, status, fragment)


def test_explain_fields_are_bounded(client):
    cases = [
        ({"situation": situation(), "month": LONG}, "YYYY-MM"),
        ({"situation": situation(), "month": 202401}, "YYYY-MM"),
        ({"situation": situation(), "month": "2024-01", "keluarga": LONG}, "'keluarga'"),
        ({"situation": situation(), "month": "2024-01", "keluarga": "nope"}, "no family"),
        ({"situation": situation(), "month": "2024-01", LONG: 1}, "unknown key"),
        ({"situation": "x", "month": "2024-01"}, "'situation'"),
    ]
    for body, fragment in cases:
        with Stopwatch(CEILING):
            response = client.post("/explain", json=body)
        refused(client, response, 400, fragment)


@pytest.mark.parametrize("path", ("/calculate", "/trace"))
def test_unknown_entity_keys_are_bounded(client, path):
    body = situation()
    body.update({f"{LONG[:1000]}{i}": {} for i in range(50)})
    refused(client, send(client, path, body), 400, "unknown key", "and 45 more")


# --- periods ----------------------------------------------------------------------------------

RANGE = supported().describe()


@pytest.mark.parametrize("path", ("/calculate", "/trace"))
@pytest.mark.parametrize("month", ["9999-12", "2010-01", "2016-12", "0001-01", "2031-01"])
def test_unsupported_months_are_a_400_naming_the_range(client, path, month):
    # before: 9999-12 was a 500 (ValueError); 2010-01 a 200 with 0 for PKH
    body = situation(family={"pkh_bantuan": {month: None}})
    with Stopwatch(CEILING):
        response = send(client, path, body)
    refused(client, response, 400, f"'{month}' is outside the supported range {RANGE}")


@pytest.mark.parametrize("month", ["9999-12", "2010-01", "2031-01"])
def test_explain_month_outside_the_range(client, month):
    response = client.post("/explain", json={"situation": situation(), "month": month})
    refused(client, response, 400, f"month '{month}' is outside the supported range {RANGE}")


@pytest.mark.parametrize(
    "key, fragment",
    [
        ("2024-1", "not a period"),
        ("2024-13", "not a period"),
        ("month:2024-01:999", "at most"),
        ("2024-W05", "not a period"),
        ("ETERNITY", "give it per month"),
        ("2024-01-15", "given per month"),
        (" 2024-01", "not a period"),
    ],
)
def test_malformed_input_periods(client, key, fragment):
    response = send(client, "/calculate", situation({"hamil": {key: True}}))
    refused(client, response, 400, fragment)


# --- values: the same rules as the table path --------------------------------------------


def _table_reason(column: str, value: object, table: str = "individu") -> str:
    """The reason the data layer (/bulk, bansos simulate) gives for this value."""
    individu = pd.DataFrame(
        [{"id_individu": "i1", "id_keluarga": "k1", "peran": "kepala_keluarga"}]
    )
    keluarga = pd.DataFrame([{"id_keluarga": "k1"}])
    frame = individu if table == "individu" else keluarga
    frame[column] = [value]
    _population, report = validate_tables(individu, keluarga, year=2024)
    rejects = report.rejects
    return rejects.loc[rejects["field"] == column, "reason"].iloc[0]


@pytest.mark.parametrize(
    "column, table, value",
    [
        ("umur", "individu", -3),
        ("umur", "individu", 150),
        ("desil_dtsen", "keluarga", 99),
        ("pengeluaran_per_kapita", "keluarga", -5),
        ("provinsi", "keluarga", "99"),
        ("nik", "individu", "123"),
        ("nik", "individu", "9974012301900001"),
        ("tanggal_lahir", "individu", "2030-01-01"),
        ("tanggal_lahir", "individu", "1850-01-01"),
    ],
)
def test_values_bulk_rejects_are_rejected_with_the_same_reason(client, column, table, value):
    reason = _table_reason(column, value, table)
    variable_period = {
        "umur": "2024-01",
        "desil_dtsen": "2024-01",
        "pengeluaran_per_kapita": "2024-01",
    }.get(column, "ETERNITY")
    given = {column: {variable_period: value}}
    body = situation(given) if table == "individu" else situation(family=given)
    for path in PATHS:
        response = send(client, path, body)
        plural = "daftar_individu/ibu" if table == "individu" else "daftar_keluarga/k"
        refused(client, response, 400, f"{plural}/{column}/{variable_period}", reason)


@pytest.mark.parametrize(
    "given, fragment",
    [
        ({"umur": {"2024-01": 30.7}}, "whole number"),
        ({"umur": {"2024-01": True}}, "whole number"),
        ({"umur": {"2024-01": "35"}}, "a number is not text"),
        ({"umur": {"2024-01": "1+1"}}, "a number is not text"),
        ({"umur": {"2024-01": 4_000_000_000}}, "32-bit"),
        ({"umur": {"2024-01": [[[[1]]]]}}, "a JSON array"),
        ({"umur": {"2024-01": {"a": 1}}}, "a JSON object"),
        ({"tanggal_lahir": {"ETERNITY": 1952}}, "ISO date"),
        ({"tanggal_lahir": {"ETERNITY": CLEAR_NIK}}, "ISO date"),
        ({"tanggal_lahir": {"ETERNITY": int(CLEAR_NIK)}}, "ISO date"),
        ({"tanggal_lahir": {"ETERNITY": "2023-02-30"}}, "calendar"),
        ({"jenis_kelamin": {"ETERNITY": "robot"}}, "unknown value"),
        ({"jenis_kelamin": {"ETERNITY": 1}}, "unknown value"),
        ({"hamil": {"2024-01": "false"}}, "true or false (yes/no), not 'false'"),
        ({"nik": {"ETERNITY": CLEAR_NIK + "9"}}, "longer than 16"),
        ({"nik": {"ETERNITY": int(CLEAR_NIK)}}, "text"),
        ({"umur": {"2024-01": int(CLEAR_NIK)}}, "32-bit"),
    ],
)
def test_values_of_the_wrong_type(client, given, fragment):
    # before: 1952 was read as days since 1970, true as 1, 30.7 as 30, a NIK as a date
    # (umur -2,102,660,857), and an invalid NIK-shaped value came back whole in "details"
    for path in PATHS:
        with Stopwatch(CEILING):
            response = send(client, path, situation(given))
        refused(client, response, 400, fragment)


def test_duplicate_nik_is_refused_masked(client):
    body = situation({"nik": {"ETERNITY": CLEAR_NIK}})
    body["daftar_individu"]["anak"] = {"nik": {"ETERNITY": CLEAR_NIK}}
    body["daftar_keluarga"]["k"]["daftar_anak"] = ["anak"]
    error = refused(client, send(client, "/calculate", body), 400, "duplicate NIK")
    assert "31**********01" in error


@pytest.mark.parametrize(
    "raw, fragment",
    [
        ('{"umur": {"2024-01": 1e400}}', "too large"),
        ('{"umur": {"2024-01": -1e400}}', "too large"),
        ('{"umur": {"2024-01": 1' + "0" * 400 + "}}", "401-digit number"),
        ('{"umur": {"2024-01": 3.5e9}}', "32-bit"),
    ],
)
def test_huge_json_numbers(client, raw, fragment):
    person = raw
    body = json.dumps(situation()).replace('"ibu": {}', f'"ibu": {person}')
    for path in ("/calculate", "/trace"):
        with Stopwatch(CEILING):
            response = send(client, path, raw=body)
        refused(client, response, 400, fragment)


def test_nested_values_and_control_characters(client):
    deep = "[" * 900 + "]" * 900
    body = json.dumps(situation()).replace(
        '"ibu": {}', '"ibu": {"umur": {"2024-01": ' + deep + "}}"
    )
    refused(client, send(client, "/calculate", raw=body), 400)
    escape = "\x1b[31mred\u202e"
    error = refused(client, send(client, "/calculate", situation(pid=escape)), 400, "control")
    assert "\x1b" not in error and "\u202e" not in error
    error = refused(client, send(client, "/calculate", situation({escape: {"2024": 1}})), 404)
    assert "\x1b" not in error


# --- structure --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "family, fragment",
    [
        ({"daftar_anak": [1.5]}, "person ids"),
        ({"daftar_anak": [True]}, "person ids"),
        ({"daftar_anak": {"a": 1}}, "person ids"),
        ({"daftar_anak": ["nobody"]}, "not a person"),
        ({"daftar_anak": ["ibu"]}, "already a member"),
        ({"anak": ["ibu"]}, "daftar_anak"),
        ({"pasangan": ["ibu", "ibu"]}, "at most 1"),
        ({"umur": {"2024-01": 3}}, "variable of daftar_individu"),
        ({"pkh_bantuan": 5}, "per period"),
    ],
)
def test_malformed_families(client, family, fragment):
    for path in PATHS:
        response = send(client, path, situation(family=family))
        refused(client, response, 400, fragment)


def test_valid_situation_still_computes_exactly(client):
    body = situation(
        {"hamil": {"2024": True}, "tanggal_lahir": {"ETERNITY": "1992-03-04"}},
        {"terdaftar_dtks": {"2024": True}, "desil_dtsen": {"2024-01": 1}},
        pid="1234567",
    )
    response = client.post("/calculate", json=body)
    assert response.status_code == 200, response.text
    assert response.json()["daftar_keluarga"]["k"]["pkh_bantuan"]["2024-01"] == 750_000
    trace = client.post("/trace", json=body)
    assert trace.status_code == 200
    assert trace.json()["entitiesDescription"]["daftar_individu"] == ["1234567"]
    explained = client.post("/explain", json={"situation": body, "month": "2024-01"})
    assert explained.status_code == 200
    assert explained.json()["families"][0]["members"] == ["1234567"]
    assert client.healthy()
