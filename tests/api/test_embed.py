"""The Python embedding API: hitung, hitung_tabel, jelaskan."""

from __future__ import annotations

import pandas as pd
import pytest
from api_helpers import BY_NAME, INDIVIDU, KELUARGA, MONTH, situation_for

from openfisca_indonesia_sosial.embed import hitung, hitung_tabel, jelaskan
from openfisca_indonesia_sosial.situations.errors import ApiError


def test_hitung_with_variables_and_period():
    situation = BY_NAME["keluarga_pkh_2024"].situation()
    result = hitung(situation, ["pkh_bantuan", "pkh_bantuan_tahunan", "pbi_jk_iuran"], "2024-01")
    family = result["daftar_keluarga"]["keluarga_1"]
    assert family["pkh_bantuan"] == {"2024-01": 1_575_000}
    assert family["pkh_bantuan_tahunan"] == {"2024": 4 * 1_575_000}
    assert family["provinsi"] == {"ETERNITY": "33"}  # inputs are kept
    assert result["daftar_individu"]["nenek_sri"]["pbi_jk_iuran"] == {"2024-01": 42_000}
    assert "pkh_bantuan" not in situation["daftar_keluarga"]["keluarga_1"]  # input not mutated


def test_hitung_with_reform_and_nulls():
    situation = BY_NAME["keluarga_pkh_2024"].situation()
    situation["daftar_keluarga"]["keluarga_1"]["sembako_bantuan"] = {"2024-01": None}
    assert hitung(situation, reform="sembako_300rb")["daftar_keluarga"]["keluarga_1"][
        "sembako_bantuan"
    ] == {"2024-01": 300_000}
    inline = {"name": "x", "parameters": {"sembako.nilai_bulanan": {"2024-01-01": 123000}}}
    assert hitung(situation, reform=inline)["daftar_keluarga"]["keluarga_1"]["sembako_bantuan"] == {
        "2024-01": 123_000
    }


def test_hitung_mistakes():
    situation = BY_NAME["keluarga_pkh_2024"].situation()
    with pytest.raises(ApiError, match="period"):
        hitung(situation, ["pkh_bantuan"])
    with pytest.raises(ApiError, match="per month"):
        hitung(situation, ["pkh_bantuan"], "2024")
    with pytest.raises(ApiError, match="unknown variable"):
        hitung(situation, ["pkh_bantuann"], "2024-01")
    with pytest.raises(ValueError, match="invalid reform"):
        hitung(situation, ["pkh_bantuan"], "2024-01", reform="nope")


def test_hitung_tabel_equals_hitung():
    keluarga, individu, rejects = hitung_tabel(
        INDIVIDU,
        KELUARGA,
        month=MONTH,
        variables=["pkh_bantuan", "sembako_bantuan", "pbi_jk_iuran"],
    )
    assert rejects.empty
    assert list(keluarga.columns) == ["id_keluarga", "pkh_bantuan", "sembako_bantuan"]
    assert list(individu.columns) == ["id_individu", "id_keluarga", "pbi_jk_iuran"]
    for row in keluarga.itertuples():
        one = hitung(situation_for(row.id_keluarga), ["pkh_bantuan", "sembako_bantuan"], MONTH)
        family = one["daftar_keluarga"][row.id_keluarga]
        assert row.pkh_bantuan == family["pkh_bantuan"][MONTH]
        assert row.sembako_bantuan == family["sembako_bantuan"][MONTH]


def test_hitung_tabel_rejects_are_returned():
    broken = [dict(INDIVIDU[0], peran="cucu"), *INDIVIDU[1:]]
    keluarga, _individu, rejects = hitung_tabel(broken, KELUARGA, month=MONTH)
    assert "K1" not in set(keluarga["id_keluarga"])
    assert "nilai_tidak_dikenal" in set(rejects["code"])
    # a DataFrame is a table: an empty cell is a missing value, and rejects its record
    keluarga, _individu, rejects = hitung_tabel(
        pd.DataFrame(INDIVIDU), pd.DataFrame(KELUARGA), month=MONTH
    )
    assert keluarga.empty and "nilai_kosong" in set(rejects["code"])


def test_jelaskan():
    answer = jelaskan(BY_NAME["keluarga_desil_2025"].situation(), month="2025-07")
    family = answer["families"][0]
    assert family["programs"]["pkh"]["amount"] == 1_100_000
    putri = next(m for m in family["programs"]["pkh"]["members"] if m["individu"] == "anak_putri")
    assert putri["komponen"] == "disabilitas_berat"
    assert "highest index" in putri["en"]
    assert family["text"]["id"].startswith("Keluarga keluarga_2")
