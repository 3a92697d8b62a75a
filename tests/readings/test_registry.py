"""The registry of open legal readings against the law and the shipped reforms.

Every reading's alternative is a shipped reform that ``bansos simulate --reform`` accepts (the
same loader), every parameter it names exists, the baseline holds the values the registry says
the package's reading gives, and the alternative really changes one of the named parameters.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from openfisca_core.parameters import ParameterNode

from openfisca_indonesia_sosial.microsim.breakdown import active_in_year
from openfisca_indonesia_sosial.reform.files import load_reform, shipped_reform_paths
from openfisca_indonesia_sosial.reform.readings import Reading, active_in, readings

READINGS = readings()
SOURCES_PAGE = "docs/sources.md"


def node_at(parameters, path: str):
    node = parameters
    for part in path.split("."):
        node = node.children[part]
    return node


def value_at(parameters, path: str, instant: str):
    leaf = node_at(parameters, path)
    return next((at.value for at in leaf.values_list if at.instant_str <= instant), None)


def test_the_registry_has_the_readings_the_law_needs():
    names = {reading.name for reading in READINGS}
    assert len(names) == len(READINGS)
    # the open questions the rules had to answer (fact sheet 8, program pages)
    for needed in (
        "anak_usia_dini_urutan",
        "lansia_umur_minimum",
        "jendela_kepatuhan",
        "p2k2_menahan_pembayaran",
        "kehamilan_menghitung_cucu",
        "pkh_bulanan_2020",
        "batas_mulai",
        "pbi_jk_pindah_dtsen",
        "korban_ham_mulai",
        "blt_mitigasi_bulan",
        "masa_nifas",
        "pbi_jk_bayi_baru_lahir",
    ):
        assert needed in names


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.name)
def test_the_alternative_is_a_shipped_reform_simulate_accepts(reading: Reading, tbs):
    assert reading.reform in {path.stem for path in shipped_reform_paths()}
    loaded = load_reform(reading.reform, tbs)  # what bansos simulate --reform NAME loads
    assert loaded.name == reading.reform
    changed = {path for path, _, _ in loaded.changes}
    assert changed & set(reading.parameters), "the reform changes none of the named parameters"


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.name)
def test_every_named_parameter_exists_and_is_a_leaf(reading: Reading, tbs):
    for path in (*reading.parameters, *reading.baseline):
        assert not isinstance(node_at(tbs.parameters, path), ParameterNode), path


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.name)
def test_the_default_is_the_baseline_and_the_alternative_differs(reading: Reading, tbs):
    assert reading.baseline, "the registry states the baseline's values"
    for path, dated in reading.baseline.items():
        for instant, value in dated.items():
            assert value_at(tbs.parameters, path, instant) == value, (path, instant)
    reformed = load_reform(reading.reform, tbs).system.parameters
    differs = [
        (path, instant)
        for path, dated in reading.baseline.items()
        for instant in dated
        if value_at(reformed, path, instant) != value_at(tbs.parameters, path, instant)
    ]
    assert differs, "the alternative changes none of the baseline values the registry states"


@pytest.mark.parametrize("reading", READINGS, ids=lambda r: r.name)
def test_each_reading_is_bilingual_and_cites_known_sources(reading: Reading):
    for field in ("question", "default", "alternative"):
        texts = getattr(reading, field)
        assert texts["id"] and texts["en"] and texts["id"] != texts["en"]
    page = Path(SOURCES_PAGE).read_text(encoding="utf-8")
    for source in reading.sources:
        assert f'id="{source.lower()}"' in page, source


@pytest.mark.parametrize("year", [2020, 2024, 2025])
def test_activity_agrees_with_the_microsimulation(year, tbs):
    for reading in READINGS:
        loaded = load_reform(reading.reform, tbs)
        assert active_in(reading, year, tbs) == active_in_year(loaded, tbs, year), reading.name


def test_the_choice_documentation_names_the_readings_page(tbs):
    """The parameter that holds each new choice says it is an open reading."""
    for path in (
        "pkh.batas.anak_usia_dini_menurut_jumlah",
        "pkh.batas.kehamilan_menghitung_cucu",
        "pkh.syarat.kepatuhan_sejak_pembayaran_sebelumnya",
        "pkh.syarat.potongan_sebanding_bulan",
        "pkh.syarat.potongan_seluruh_keluarga",
        "pkh.syarat.p2k2_menahan_pembayaran",
        "pbi_jk.pakai_dtsen",
    ):
        assert "Open legal readings" in node_at(tbs.parameters, path).documentation, path
