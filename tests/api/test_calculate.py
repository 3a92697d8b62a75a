"""/calculate and /trace over HTTP: the example families, worked out by hand from the fact sheet.

keluarga_pkh_2024, January 2024 (a tahap month; family in DTKS, the registry before 2025-04):
- anak_budi (9, SD): 900,000 a year -> 225,000 a quarter (fact sheet 1.2.2);
- anak_dewi (3, second child): early childhood 3,000,000 -> 750,000;
- nenek_sri (71): elderly (60+, fact sheet 1.3) 2,400,000 -> 600,000;
- ibu_siti is pregnant, but with two children on the card this is her third pregnancy, beyond
  the second (fact sheet 1.4): not counted. Three components, under the caps (4; 3 children).
PKH = 225,000 + 750,000 + 600,000 = 1,575,000; February: 0 (quarterly tahap, 1.2.3).
Sembako: 200,000 a month (from March 2020, 0.1). BLT Mitigasi Risiko Pangan: 200,000 a month,
January-March 2024, for Sembako families (2.3). PBI-JK: 42,000 per person (3.2).

keluarga_desil_2025, July 2025 (DTSEN decile 3: inside PKH/Sembako deciles 1-4 and
PBI-JK/ATENSI 1-5, section 5.1):
- anak_yoga (16, SMA): 2,000,000 -> 500,000;
- anak_putri (12, SMP and severe disability): one person, one component, the highest index:
  disability 2,400,000 over SMP 1,500,000 -> 600,000.
PKH = 1,100,000. Sembako 200,000; top-up (penebalan June-July 2025) 200,000; ATENSI YAPI
200,000 for each orphan under 18 (4.4).

keluarga_mampu_2025, July 2025: decile 8, outside every band: all zero.
"""

from __future__ import annotations

import re

import pytest
from api_helpers import example


def _family(answer: dict) -> dict:
    return next(iter(answer["daftar_keluarga"].values()))


def test_pkh_family_january_2024(api):
    response = api.post("/calculate", json=example("keluarga_pkh_2024"))
    assert response.status_code == 200, response.text
    answer = response.json()
    family = _family(answer)
    assert family["pkh_layak"]["2024-01"] is True
    assert family["pkh_bantuan"]["2024-01"] == 1_575_000
    assert family["sembako_bantuan"]["2024-01"] == 200_000
    assert family["bantuan_tambahan"]["2024-01"] == 200_000
    persons = answer["daftar_individu"]
    assert persons["ibu_siti"]["pkh_komponen"]["2024-01"] == "tidak_ada"
    assert persons["anak_dewi"]["pkh_komponen"]["2024-01"] == "anak_usia_dini"
    assert all(p["pbi_jk_iuran"]["2024-01"] == 42_000 for p in persons.values())
    # inputs come back untouched (a str variable is text, not bytes)
    assert family["provinsi"] == {"ETERNITY": "33"}


def test_pkh_is_quarterly(api):
    answer = api.post("/calculate", json=example("keluarga_pkh_2024", "2024-02")).json()
    assert _family(answer)["pkh_bantuan"]["2024-02"] == 0
    assert _family(answer)["sembako_bantuan"]["2024-02"] == 200_000


def test_decile_family_july_2025(api):
    answer = api.post("/calculate", json=example("keluarga_desil_2025")).json()
    family = _family(answer)
    assert family["pkh_bantuan"]["2025-07"] == 1_100_000
    assert family["sembako_bantuan"]["2025-07"] == 200_000
    assert family["bantuan_tambahan"]["2025-07"] == 200_000
    persons = answer["daftar_individu"]
    assert persons["anak_putri"]["pkh_komponen"]["2025-07"] == "disabilitas_berat"
    assert persons["anak_yoga"]["atensi_yapi"]["2025-07"] == 200_000
    assert persons["anak_putri"]["atensi_yapi"]["2025-07"] == 200_000
    assert persons["ibu_rina"]["atensi_yapi"]["2025-07"] == 0


def test_well_off_family_gets_nothing(api):
    answer = api.post("/calculate", json=example("keluarga_mampu_2025")).json()
    family = _family(answer)
    assert family["pkh_layak"]["2025-07"] is False
    assert family["pkh_bantuan"]["2025-07"] == 0
    assert family["sembako_bantuan"]["2025-07"] == 0
    assert all(p["pbi_jk_iuran"]["2025-07"] == 0 for p in answer["daftar_individu"].values())


def test_yearly_variable(api):
    situation = example("keluarga_pkh_2024")
    situation["daftar_keluarga"]["keluarga_1"]["pkh_bantuan_tahunan"] = {"2024": None}
    answer = api.post("/calculate", json=situation).json()
    # four tahap of 1,575,000 (the same members qualify all year)
    assert _family(answer)["pkh_bantuan_tahunan"]["2024"] == 4 * 1_575_000


@pytest.mark.parametrize("where", ["body", "query"])
def test_shipped_reform_per_request(api, where):
    situation = example("keluarga_pkh_2024")
    if where == "body":
        situation["reform"] = "sembako_300rb"
        response = api.post("/calculate", json=situation)
    else:
        response = api.post("/calculate?reform=sembako_300rb", json=situation)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert _family(answer)["sembako_bantuan"]["2024-01"] == 300_000
    assert _family(answer)["pkh_bantuan"]["2024-01"] == 1_575_000
    assert answer["reform"]["name"] == "sembako_300rb"
    # the baseline is untouched by the previous request
    baseline = api.post("/calculate", json=example("keluarga_pkh_2024")).json()
    assert _family(baseline)["sembako_bantuan"]["2024-01"] == 200_000


def test_inline_reform_per_request(api):
    situation = example("keluarga_pkh_2024")
    situation["reform"] = {
        "name": "sembako_250rb",
        "parameters": {
            "sembako.nilai_bulanan": {"2024-01-01": 250000},
            "pkh.indeks.sd": {"2024-01-01": 1200000},
        },
    }
    answer = api.post("/calculate", json=situation).json()
    assert _family(answer)["sembako_bantuan"]["2024-01"] == 250_000
    # SD 1,200,000 / 4 = 300,000 instead of 225,000
    assert _family(answer)["pkh_bantuan"]["2024-01"] == 1_575_000 + 75_000
    again = api.post("/calculate", json=situation).json()
    assert again["reform"]["digest"] == answer["reform"]["digest"]
    health = api.get("/health").json()
    assert health["cached_reforms"] >= 1


def test_trace_with_reform(api):
    situation = example("keluarga_pkh_2024")
    response = api.post("/trace?reform=sembako_300rb", json=situation)
    assert response.status_code == 200, response.text
    trace = response.json()
    assert "sembako_bantuan<2024-01>" in trace["requestedCalculations"]
    assert trace["trace"]["sembako_bantuan<2024-01>"]["value"] == [300000]
    assert not re.search(r"\bNaN\b|Infinity", response.text)


def test_core_endpoints_still_work(api):
    assert api.get("/variables").status_code == 200
    variable = api.get("/variable/pkh_bantuan").json()
    assert variable["definitionPeriod"] == "MONTH"
    parameter = api.get("/parameter/sembako.nilai_bulanan").json()
    assert parameter["values"]["2020-03-01"] == 200000
    assert "individu" in api.get("/entities").json()
    assert api.get("/parameters").status_code == 200
    reforms = api.get("/reforms").json()["reforms"]
    assert any(r["name"] == "sembako_300rb" for r in reforms)


def test_cors_is_configurable(api):
    allowed = api.get("/health", headers={"Origin": "https://dashboard.example.org"})
    assert allowed.headers.get("Access-Control-Allow-Origin") == "https://dashboard.example.org"
    other = api.get("/health", headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in other.headers
