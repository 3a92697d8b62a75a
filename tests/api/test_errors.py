"""Every kind of client mistake gets the right 4xx and a JSON message; the server stays healthy."""

from __future__ import annotations

import logging
import math

import pytest
from api_helpers import example

from openfisca_indonesia_sosial.api.jsonsafe import dumps, sanitize

ONE = {
    "daftar_individu": {"a": {}},
    "daftar_keluarga": {"k": {"kepala_keluarga": "a", "pkh_bantuan": {"2024-01": None}}},
}


def _with(**family) -> dict:
    situation = {
        "daftar_individu": {"a": {}},
        "daftar_keluarga": {"k": {"kepala_keluarga": "a", **family}},
    }
    return situation


JSON = {"Content-Type": "application/json"}
CASES = [
    ("malformed JSON", dict(data="{bad", headers=JSON), 400, "malformed JSON"),
    ("NaN literal", dict(data='{"x": NaN}', headers=JSON), 400, "NaN"),
    ("empty body", dict(data="", headers=JSON), 400, "empty"),
    ("not UTF-8", dict(data=b'{"\xff": 1}', headers=JSON), 400, "UTF-8"),
    ("plain text", dict(data="x=1", headers={"Content-Type": "text/plain"}), 415, "JSON"),
    ("form", dict(data={"x": "1"}), 415, "JSON"),
    ("array body", dict(json=[1, 2]), 400, "JSON object"),
    ("unknown key", dict(json={"daftar_orang": {}}), 400, "unknown key"),
    ("no persons", dict(json={"daftar_individu": {}}), 400, "daftar_individu"),
    ("unknown variable", dict(json=_with(bantuan_x={"2024-01": None})), 404, "bantuan_x"),
    ("misspelt variable", dict(json=_with(pkh_bantuann={"2024-01": None})), 404, "did you mean"),
    ("year for a month variable", dict(json=_with(pkh_bantuan={"2024": None})), 400, "per month"),
    (
        "month for a year variable",
        dict(json=_with(pkh_bantuan_tahunan={"2024-01": None})),
        400,
        "per year",
    ),
    ("unparsable period", dict(json=_with(pkh_bantuan={"20x4": None})), 400, "not a period"),
    (
        "bad input value",
        dict(json=_with(desil_dtsen={"2025": "tiga"}, pkh_bantuan={"2025-07": None})),
        400,
        "desil_dtsen",
    ),
    ("nothing to compute", dict(json={"daftar_individu": {"a": {}}}), 400, "nothing to compute"),
    ("unknown reform", dict(json={**ONE, "reform": "sembako_999rb"}), 400, "shipped reforms"),
    ("reform path", dict(json={**ONE, "reform": "../setup.py"}), 400, "invalid reform"),
    (
        "reform: unknown parameter",
        dict(json={**ONE, "reform": {"parameters": {"sembako.nilai": {"2024-01-01": 1}}}}),
        400,
        "no such parameter",
    ),
    (
        "reform: bad date",
        dict(json={**ONE, "reform": {"parameters": {"sembako.nilai_bulanan": {"2024-13-01": 1}}}}),
        400,
        "not a calendar date",
    ),
    (
        "reform: negative money",
        dict(json={**ONE, "reform": {"parameters": {"sembako.nilai_bulanan": {"2024-01-01": -1}}}}),
        400,
        "sembako.nilai_bulanan 2024-01-01",
    ),
    (
        "reform: text value",
        dict(
            json={**ONE, "reform": {"parameters": {"sembako.nilai_bulanan": {"2024-01-01": "x"}}}}
        ),
        400,
        "expected a number",
    ),
    ("reform: wrong type", dict(json={**ONE, "reform": 12}), 400, "reform"),
    (
        "too many persons",
        dict(json={"daftar_individu": {f"p{i}": {} for i in range(51)}}),
        413,
        "too many persons",
    ),
    ("body too large", dict(data=b" " * (3 * 1024 * 1024), headers=JSON), 413, "too large"),
]


@pytest.mark.parametrize(
    ("name", "request_kwargs", "status", "text"), CASES, ids=[c[0] for c in CASES]
)
def test_client_mistakes(api, name, request_kwargs, status, text):
    response = api.post("/calculate", **request_kwargs)
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert text.lower() in body["error"].lower()


def test_reform_in_body_and_query(api):
    response = api.post("/calculate?reform=sembako_300rb", json={**ONE, "reform": "sembako_300rb"})
    assert response.status_code == 400
    assert "once" in response.json()["error"]


@pytest.mark.parametrize("path", ["/trace", "/explain", "/bulk"])
def test_other_endpoints_refuse_bad_json(api, path):
    response = api.post(path, data="{", headers=JSON)
    assert response.status_code == 400
    assert "malformed JSON" in response.json()["error"]


def test_not_found_and_wrong_method_are_json(api):
    for response, status in (
        (api.get("/variable/no_such_variable"), 404),
        (api.get("/nowhere"), 404),
        (api.get("/calculate"), 405),
    ):
        assert response.status_code == status
        assert "error" in response.json()


def test_server_healthy_after_mistakes(api):
    for _name, kwargs, _status, _text in CASES:
        api.post("/calculate", **kwargs)
    assert api.get("/health").json()["status"] == "ok"
    response = api.post("/calculate", json=example("keluarga_pkh_2024"))
    assert response.status_code == 200


def test_no_personal_data_in_logs(api, caplog):
    situation = example("keluarga_pkh_2024")
    situation["daftar_individu"]["ibu_siti"]["nik"] = {"ETERNITY": "3374015205900001"}
    situation["daftar_individu"]["ibu_siti"]["umur"] = {"2024-01": "tiga puluh"}
    with caplog.at_level(logging.DEBUG):
        api.post("/calculate", json=situation)
        del situation["daftar_individu"]["ibu_siti"]["umur"]
        api.post("/calculate", json=situation)
        api.post("/explain", json={"situation": situation, "month": "2024-01"})
    text = caplog.text
    assert "3374015205900001" not in text
    assert "ibu_siti" not in text
    assert "/calculate" in text  # requests are logged, without their content


def test_json_never_carries_nan():
    value = {"a": math.nan, "b": [math.inf, -math.inf, 1.5], "c": {"d": float("nan")}}
    assert sanitize(value) == {"a": None, "b": [None, None, 1.5], "c": {"d": None}}
    assert dumps(value) == '{"a": null, "b": [null, null, 1.5], "c": {"d": null}}'


def test_period_before_the_rules_is_a_client_mistake(api):
    # Before PKH's and Sembako's first rules (2017) the package would answer 0: not modelled.
    for asked in ({"pkh_dalam_registri": {"2010-01": None}}, {"pkh_bantuan": {"2016-12": None}}):
        situation = _with(**asked)
        for path in ("/calculate", "/trace"):
            response = api.post(path, json=situation)
            assert response.status_code == 400
            assert "outside the supported range 2017-01 to" in response.json()["error"]
    response = api.post("/explain", json={"situation": situation, "month": "1990-01"})
    assert response.status_code == 400
    nested = api.post("/calculate", data="[" * 100_000, headers=JSON)
    assert nested.status_code == 400 and "nested" in nested.json()["error"]


def test_boolean_inputs_must_be_json_booleans(api):
    # OpenFisca itself would read the text "false" as true
    situation = _with(terdaftar_dtks={"2024": "false"}, pkh_layak={"2024-01": None})
    response = api.post("/calculate", json=situation)
    assert response.status_code == 400
    assert "true or false" in response.json()["error"]
    situation = _with(terdaftar_dtks={"2024": False}, pkh_layak={"2024-01": None})
    assert api.post("/calculate", json=situation).status_code == 200
