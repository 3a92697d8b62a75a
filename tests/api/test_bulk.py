"""/bulk: tables in, vectorised results out, equal to per-family /calculate."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from api_helpers import INDIVIDU, KELUARGA, MONTH, situation_for

FAMILY_VARIABLES = ("pkh_layak", "pkh_bantuan", "sembako_bantuan", "bantuan_tambahan")
PERSON_VARIABLES = ("pkh_komponen", "pbi_jk_iuran", "atensi_yapi")
FIXTURES = __import__("pathlib").Path(__file__).parents[1] / "fixtures" / "populations"


def _bulk(api, **body):
    response = api.post("/bulk", json=body)
    assert response.status_code == 200, response.text
    return response.json()


def test_bulk_equals_calculate(api):
    answer = _bulk(
        api,
        month=MONTH,
        variables=[*FAMILY_VARIABLES, *PERSON_VARIABLES, "pkh_bantuan_tahunan"],
        individu=INDIVIDU,
        keluarga=KELUARGA,
    )
    assert answer["periods"]["pkh_bantuan_tahunan"] == "2025"
    families = {row["id_keluarga"]: row for row in answer["keluarga"]}
    persons = {row["id_individu"]: row for row in answer["individu"]}
    assert set(families) == {"K1", "K2", "K3", "K4"}
    for family_id in families:
        situation = situation_for(family_id)
        family = situation["daftar_keluarga"][family_id]
        for name in FAMILY_VARIABLES:
            family[name] = {MONTH: None}
        family["pkh_bantuan_tahunan"] = {"2025": None}
        for person in situation["daftar_individu"].values():
            for name in PERSON_VARIABLES:
                person[name] = {MONTH: None}
        result = api.post("/calculate", json=situation).json()
        computed = result["daftar_keluarga"][family_id]
        for name in FAMILY_VARIABLES:
            assert families[family_id][name] == computed[name][MONTH], (family_id, name)
        assert families[family_id]["pkh_bantuan_tahunan"] == computed["pkh_bantuan_tahunan"]["2025"]
        for person_id, person in result["daftar_individu"].items():
            for name in PERSON_VARIABLES:
                assert persons[person_id][name] == person[name][MONTH], (person_id, name)
    # July 2025 by hand: K1 pregnancy 750,000 + early childhood 750,000 + elderly 600,000
    assert families["K1"]["pkh_bantuan"] == 2_100_000
    # K2: five school children, at most 3 child components, taken in the priority order
    # balita -> SD -> SMP -> SMA (fact sheet 1.4, not by amount): the three SD children,
    # 3 x 225,000; the SMP and SMA children are dropped
    assert families["K2"]["pkh_bantuan"] == 3 * 225_000
    assert persons["i5"]["pkh_komponen"] == "tidak_ada"  # SMA
    assert persons["i6"]["pkh_komponen"] == "tidak_ada"  # SMP
    assert families["K4"]["pkh_bantuan"] == 0


def test_bulk_with_reform(api):
    base = _bulk(api, month=MONTH, individu=INDIVIDU, keluarga=KELUARGA)
    reformed = _bulk(api, month=MONTH, individu=INDIVIDU, keluarga=KELUARGA, reform="sembako_300rb")
    assert reformed["reform"]["name"] == "sembako_300rb"
    before = {r["id_keluarga"]: r["sembako_bantuan"] for r in base["keluarga"]}
    after = {r["id_keluarga"]: r["sembako_bantuan"] for r in reformed["keluarga"]}
    assert before == {"K1": 200_000, "K2": 200_000, "K3": 0, "K4": 0}
    assert after == {"K1": 300_000, "K2": 300_000, "K3": 0, "K4": 0}


@pytest.mark.parametrize("kind", ["csv", "parquet"])
def test_bulk_upload_reports_rejects_with_nik_masked(api, kind):
    files = {}
    for table in ("individu", "keluarga"):
        frame = pd.read_csv(
            FIXTURES / "broken" / f"{table}.csv", dtype=str, keep_default_na=False, na_values=[""]
        )
        buffer = io.BytesIO()
        if kind == "csv":
            frame.to_csv(buffer, index=False)
        else:
            frame.to_parquet(buffer, index=False)
        files[table] = (f"{table}.{kind}", buffer.getvalue())
    response = api.post(
        "/bulk", files=files, data={"month": "2024-03", "variables": "pkh_bantuan,pbi_jk_iuran"}
    )
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["rejected"], "the broken fixture has rejected records"
    assert answer["counts"]["individu"]["rejected"] > 0
    assert {"table", "record_id", "field", "code", "alasan", "reason"} <= set(answer["rejected"][0])
    nik_rows = [r for r in answer["rejected"] + answer["warnings"] if r["field"] == "nik"]
    assert nik_rows and all("**********" in r["value"] for r in nik_rows if r["value"])
    assert not re.search(r"(?<!\d)\d{16}(?!\d)", response.text), "a NIK travelled in clear"
    accepted = {r["id_keluarga"] for r in answer["keluarga"]}
    assert accepted and accepted <= {"K01", "K14"} | accepted


def test_bulk_mistakes(api):
    good = {"month": MONTH, "individu": INDIVIDU, "keluarga": KELUARGA}
    cases = [
        ({**good, "month": "2025-7"}, 400, "YYYY-MM"),
        ({**good, "month": None, "year": None}, 400, "month"),
        ({**good, "month": None, "year": 2025, "variables": ["pkh_bantuan"]}, 400, "monthly"),
        ({**good, "year": 2024}, 400, "not in 'year'"),
        ({**good, "variables": ["pkh_bantuann"]}, 404, "did you mean"),
        ({**good, "individu": []}, 400, "non-empty"),
        ({**good, "keluarga": [{"id_keluarga": "K1", "kolom_asing": 1}]}, 400, "kolom_asing"),
        ({**good, "reform": "nope"}, 400, "invalid reform"),
        ({**good, "extra": 1}, 400, "unknown key"),
        ({**good, "individu": INDIVIDU * 200}, 413, "too many persons"),
    ]
    for body, status, text in cases:
        response = api.post("/bulk", json=body)
        assert response.status_code == status, (body.keys(), response.text)
        assert text in response.json()["error"], response.json()
    response = api.post("/bulk", data="x", headers={"Content-Type": "text/csv"})
    assert response.status_code == 415
    response = api.post(
        "/bulk", files={"individu": ("i.csv", b"a,b\n1,2\n")}, data={"month": MONTH}
    )
    assert response.status_code == 400 and "keluarga" in response.json()["error"]
