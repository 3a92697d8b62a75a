"""A NIK never travels in clear in a successful answer either: ids and echoed inputs.

The refusals elsewhere in this folder mask NIKs in error messages; here the client's own
NIK comes back. /calculate echoes the situation, and an answer is logged, cached and forwarded
by the systems in between, so the ``nik`` input is masked in it, and an id shaped like a NIK
(which every answer and log line would repeat) is refused with a message saying what to do.
"""

from __future__ import annotations

import pytest

from openfisca_indonesia_sosial import hitung
from openfisca_indonesia_sosial.data.privacy import mask_nik, mask_text
from openfisca_indonesia_sosial.situations.errors import ApiError

from .conftest import CLEAR_NIK, assert_clean


def family(person_id: str = "ibu", nik: str | None = CLEAR_NIK) -> dict:
    person = {"umur": {"2024-01": 35}, "hamil": {"2024-01": True}}
    if nik is not None:
        person["nik"] = {"ETERNITY": nik}
    return {
        "daftar_individu": {person_id: person},
        "daftar_keluarga": {
            "k": {
                "kepala_keluarga": person_id,
                "terdaftar_dtks": {"2024-01": True},
                "pkh_bantuan": {"2024-01": None},
            }
        },
    }


def test_calculate_masks_the_nik_it_echoes_and_still_computes(client):
    response = client.post("/calculate", json=family())
    assert response.status_code == 200, response.text
    assert_clean(response.text)
    answer = response.json()
    assert answer["daftar_individu"]["ibu"]["nik"] == {"ETERNITY": mask_nik(CLEAR_NIK)}
    # a pregnant mother registered in DTKS: the 2024 pregnancy component for one tahap
    assert answer["daftar_keluarga"]["k"]["pkh_bantuan"]["2024-01"] == 750_000


def test_a_requested_nik_comes_back_masked(client):
    body = family()
    body["daftar_individu"]["ibu"]["nik"] = {"ETERNITY": CLEAR_NIK}
    body["daftar_individu"]["ibu"]["tanggal_lahir"] = {"ETERNITY": "1990-01-23"}
    response = client.post("/calculate", json=body)
    assert response.status_code == 200, response.text
    assert CLEAR_NIK not in response.text


@pytest.mark.parametrize("path", ["/calculate", "/trace"])
def test_a_nik_shaped_id_is_refused_with_what_to_do(client, path):
    response = client.post(path, json=family(person_id=CLEAR_NIK, nik=None))
    assert response.status_code == 400, response.text
    assert_clean(response.text)
    error = response.json()["error"]
    assert "like a NIK" in error and "'nik' variable" in error
    assert mask_nik(CLEAR_NIK) in error


def test_a_nik_hidden_in_a_longer_digit_run_is_masked():
    hidden = "99" + CLEAR_NIK + "99"
    assert CLEAR_NIK not in mask_text(f"id {hidden} refused")


def test_the_embedding_function_refuses_a_nik_shaped_family_id():
    situation = family(nik=None)
    situation["daftar_keluarga"] = {CLEAR_NIK: situation["daftar_keluarga"]["k"]}
    with pytest.raises(ApiError) as raised:
        hitung(situation)
    assert CLEAR_NIK not in str(raised.value)
    assert "like a NIK" in str(raised.value)


def test_bulk_rejects_a_nik_shaped_id_and_computes_the_rest(client):
    body = {
        "month": "2025-07",
        "variables": ["sembako_bantuan"],
        "individu": [
            {"id_individu": CLEAR_NIK, "id_keluarga": "K1", "peran": "kepala_keluarga",
             "tanggal_lahir": "1980-01-01"},
            {"id_individu": "p2", "id_keluarga": "K2", "peran": "kepala_keluarga",
             "tanggal_lahir": "1980-01-01"},
        ],
        "keluarga": [
            {"id_keluarga": "K1", "desil_dtsen": 2},
            {"id_keluarga": "K2", "desil_dtsen": 2},
        ],
    }  # fmt: skip
    response = client.post("/bulk", json=body)
    assert response.status_code == 200, response.text
    assert_clean(response.text)
    answer = response.json()
    # the family of the rejected head is reported, never computed; the other family is paid
    assert [row["id_keluarga"] for row in answer["keluarga"]] == ["K2"]
    assert answer["keluarga"][0]["sembako_bantuan"] == 200_000
    codes = {(reject["record_id"], reject["code"]) for reject in answer["rejected"]}
    assert (mask_nik(CLEAR_NIK), "id_seperti_nik") in codes
