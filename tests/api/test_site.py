"""The web application's files and the catalogue endpoints it reads, over HTTP."""

from __future__ import annotations

import pytest
import requests
from live_server import serving

from openfisca_indonesia_sosial.api import ApiConfig
from openfisca_indonesia_sosial.api.config import ConfigError


def test_the_root_serves_the_app_with_a_strict_content_security_policy(api):
    answer = api.get("/", headers={"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"})
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith("text/html")
    assert '<script type="module" src="/assets/js/main.js">' in answer.text
    policy = answer.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "connect-src 'self'" in policy
    assert "http" not in policy  # no other origin is allowed
    assert "https://" not in answer.text and "http://" not in answer.text


def test_an_api_client_asking_for_json_still_gets_the_welcome(api):
    answer = api.get("/", headers={"Accept": "application/json"})
    assert answer.status_code == 200 and "welcome" in answer.json()


@pytest.mark.parametrize(
    "path, kind",
    [
        ("/assets/js/main.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
        ("/assets/plotly.min.js", "text/javascript"),
    ],
)
def test_the_apps_files_are_served_from_the_package(api, path, kind):
    answer = api.get(path)
    assert answer.status_code == 200 and answer.headers["Content-Type"].startswith(kind)
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/assets/../api/app.py",
        "/assets/%2e%2e/api/app.py",
        "/assets/..%2Fapi%2Fapp.py",
        "/assets/js/../../api/jobs.py",
        "/assets/" + "x" * 3000,
        "/assets/3201234567890007.js",
    ],
)
def test_only_listed_files_are_served(api, path):
    answer = api.get(path)
    assert answer.status_code == 404
    assert "import" not in answer.text and "3201234567890007" not in answer.text


def test_no_script_of_the_app_names_another_origin(api):
    for name in ("main", "api", "i18n", "calculator", "simulator", "explorer", "charts"):
        text = api.get(f"/assets/js/{name}.js").text
        assert "http://" not in text and "https://" not in text.replace("https?:", ""), name


def test_programs_examples_and_provinces(api):
    programs = {p["key"]: p for p in api.get("/programs").json()["programs"]}
    assert programs["pkh"]["amount"] == "pkh_bantuan" and programs["pkh"]["unit"] == "keluarga"
    assert programs["pbi_jk"]["unit"] == "individu"
    assert programs["sembako"]["docs"] == "programs/sembako/"
    examples = api.get("/examples").json()["examples"]
    assert {"keluarga_pkh_2024", "keluarga_desil_2025"} <= {e["name"] for e in examples}
    assert all(e["situation"]["daftar_individu"] for e in examples)
    provinces = {p["code"]: p["name"] for p in api.get("/provinces").json()["provinces"]}
    assert len(provinces) == 38 and provinces["53"] == "Nusa Tenggara Timur"


def test_dependencies_go_both_ways(api):
    total = api.get("/dependencies/pkh_bantuan").json()
    assert "pkh_bantuan_komponen" in total["reads_variables"]
    assert total["file"] == "variables/pkh/pkh_bantuan.py"
    part = api.get("/dependencies/pkh_bantuan_komponen").json()
    assert "pkh_bantuan" in part["read_by"]
    sembako = api.get("/dependencies/sembako_bantuan").json()
    assert "sembako.nilai_bulanan" in {p["id"] for p in sembako["reads_parameters"]}
    missing = api.get("/dependencies/3201234567890007")
    assert missing.status_code == 404 and "3201234567890007" not in missing.text


def test_a_docs_url_makes_the_links_absolute():
    with serving(ApiConfig(docs_url="https://docs.example.go.id/bansos")) as base:
        programs = requests.get(base + "/programs", timeout=30).json()
        assert programs["docs_url"] == "https://docs.example.go.id/bansos"
        pkh = next(p for p in programs["programs"] if p["key"] == "pkh")
        assert pkh["docs"] == "https://docs.example.go.id/bansos/programs/pkh/"


@pytest.mark.parametrize("url", ["javascript:alert(1)", "ftp://x", "https://a b", "//evil"])
def test_a_docs_url_must_be_an_http_address(url):
    with pytest.raises(ConfigError, match="docs URL"):
        ApiConfig(docs_url=url)
