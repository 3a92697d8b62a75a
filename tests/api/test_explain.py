"""/explain: why a family is, or is not, eligible, in Indonesian and English."""

from __future__ import annotations

from api_helpers import BY_NAME, MONTH, situation_for


def _explain(api, situation, month, **extra):
    response = api.post("/explain", json={"situation": situation, "month": month, **extra})
    assert response.status_code == 200, response.text
    return response.json()["families"][0]


def test_eligible_family(api):
    family = _explain(api, BY_NAME["keluarga_pkh_2024"].situation(), "2024-01")
    pkh = family["programs"]["pkh"]
    assert pkh["eligible"] is True
    assert pkh["amount"] == 1_575_000
    registry = next(c for c in pkh["conditions"] if c["key"] == "registri")
    assert registry["held"] is True and registry["values"] == {"terdaftar_dtks": True}
    members = {m["individu"]: m for m in pkh["members"]}
    # "why not": the third pregnancy is beyond the limit of two
    siti = members["ibu_siti"]
    assert siti["komponen"] == "tidak_ada"
    failed = [c for c in siti["checks"] if not c["held"]]
    assert failed[0]["komponen"] == "ibu_hamil"
    assert failed[0]["values"]["kehamilan_ke"] == 3
    assert "pkh.batas.urutan_kehamilan" in failed[0]["parameters"]
    assert members["anak_budi"]["bantuan"] == 225_000
    # parameters with their value, legal reference and labels in both languages
    index = pkh["parameters"]["pkh.indeks.sd"]
    assert index["value"] == 900_000 and index["decisive"]
    assert index["references"] and index["references"][0]["title"]
    assert index["description"] and index["label_en"]
    # bilingual text
    assert "Rp1.575.000" in family["text"]["id"]
    assert "IDR 1,575,000" in family["text"]["en"]
    assert "kehamilan ke-3" in family["text"]["id"]
    assert "pregnancy no. 3" in family["text"]["en"]
    assert family["programs"]["sembako"]["amount"] == 200_000
    assert family["programs"]["pbi_jk"]["amount"] == 5 * 42_000


def test_ineligible_family_says_why(api):
    family = _explain(api, BY_NAME["keluarga_mampu_2025"].situation(), "2025-07")
    for key in ("pkh", "sembako"):
        program = family["programs"][key]
        assert program["eligible"] is False
        registry = next(c for c in program["conditions"] if c["key"] == "registri")
        assert registry["held"] is False
        assert registry["values"]["desil_dtsen"] == 8
        assert registry["values"][f"registri.desil_maksimum.{key}"] == 4
    assert "desil maksimum 4" in family["programs"]["pkh"]["summary"]["id"]
    assert "above the maximum decile 4" in family["programs"]["pkh"]["summary"]["en"]
    pbi = family["programs"]["pbi_jk"]
    assert pbi["eligible_persons"] == 0
    assert "outside the PBI-JK registry band" in pbi["persons"][0]["en"]


def test_cap_drops_children(api):
    family = _explain(api, situation_for("K2"), MONTH)
    pkh = family["programs"]["pkh"]
    dropped = [m for m in pkh["members"] if m["terpotong_batas"]]
    assert len(dropped) == 2
    assert all(m["batas"]["cap"] == "pkh.batas.anak" and m["batas"]["value"] == 3 for m in dropped)
    assert "pkh.batas.anak" in dropped[0]["en"]
    counted = [m for m in pkh["members"] if m["komponen"] != "tidak_ada"]
    assert len(counted) == 3


def test_not_a_payment_month_and_per_person_programs(api):
    family = _explain(api, situation_for("K3"), "2025-08")
    pkh = family["programs"]["pkh"]
    assert pkh["eligible"] is False  # decile 5 is above PKH's 4
    atensi = family["programs"]["atensi"]
    orphan = next(p for p in atensi["persons"] if p["individu"] == "i11")
    assert orphan["eligible"] and orphan["atensi_yapi"] == 200_000
    assert "atensi_anak" in orphan["target_groups"]
    pbi = family["programs"]["pbi_jk"]
    assert pbi["eligible_persons"] == 2  # decile 5 is inside PBI-JK's 1-5
    k1 = _explain(api, situation_for("K1"), "2025-08")["programs"]["pkh"]
    assert k1["eligible"] is True and k1["amount"] == 0
    month = next(c for c in k1["conditions"] if c["key"] == "bulan_pembayaran")
    assert month["held"] is False
    assert "Oktober" in month["id"]


def test_explain_with_reform_and_text_format(api):
    body = {"situation": situation_for("K1"), "month": MONTH, "reform": "sembako_300rb"}
    answer = api.post("/explain", json=body).json()
    assert answer["reform"]["name"] == "sembako_300rb"
    assert answer["families"][0]["programs"]["sembako"]["amount"] == 300_000
    text = api.post("/explain?format=text&lang=en", json=body)
    assert text.headers["Content-Type"].startswith("text/plain")
    assert "Family K1" in text.text and "IDR 300,000" in text.text


def test_explain_mistakes(api):
    situation = situation_for("K1")
    cases = [
        ({"situation": situation}, "month"),
        ({"situation": situation, "month": "2025-13"}, "YYYY-MM"),
        ({"situation": situation, "month": MONTH, "keluarga": "K9"}, "no family"),
        ({"situation": [], "month": MONTH}, "situation"),
        ({"situation": situation, "month": MONTH, "extra": 1}, "unknown key"),
    ]
    for body, text in cases:
        response = api.post("/explain", json=body)
        assert response.status_code == 400, (body, response.text)
        assert text in response.json()["error"]
