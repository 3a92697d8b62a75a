"""The generator gives every parameter leaf and every variable its page, with the right content."""

from __future__ import annotations

from openfisca_indonesia_sosial.docs_gen import parameters as parameter_pages
from openfisca_indonesia_sosial.docs_gen import questions
from openfisca_indonesia_sosial.docs_gen.analysis import formula_reads
from openfisca_indonesia_sosial.law.code_health import iter_leaves


def test_every_parameter_leaf_has_a_page(generated, tbs):
    names = [leaf.name for leaf, _ in iter_leaves(tbs.parameters)]
    assert names
    missing = [n for n in names if parameter_pages.leaf_page(n) not in generated.pages]
    assert not missing
    for folder in {n.split(".")[0] for n in names}:
        assert parameter_pages.folder_page(folder) in generated.pages


def test_every_variable_has_a_page(generated, tbs):
    pages = {info.page for info in generated.variables.values()}
    assert set(generated.variables) == set(tbs.variables)
    assert all(page in generated.pages for page in pages)
    for info in generated.variables.values():
        assert generated.pages[info.page].startswith(f"# {info.name}\n")


def test_parameter_page_content(generated):
    page = generated.pages["reference/parameters/pbi_jk/iuran_bulanan.md"]
    assert page.startswith("# pbi_jk.iuran_bulanan")
    assert "Iuran Jaminan Kesehatan yang dibayar pemerintah" in page  # Indonesian description
    assert "State-paid JKN contribution per PBI member per month" in page  # label_en
    assert "rupiah (`currency-IDR`)" in page  # unit with its label from units.py
    assert "`parameters/pbi_jk/iuran_bulanan.yaml`" in page
    assert "| 2016-01-01 | 2019-07-31 | Rp\u202f23\u202f000 |" in page  # values over time
    assert "(https://setkab.go.id/" in page  # the reference's link
    # fact-sheet sources, each linked to its entry on the sources page
    assert "[H1](../../../sources.md#h1), [H2](../../../sources.md#h2)" in page
    assert "2026-11-28" in page or "Last checked" in page
    assert "pbi_jk_iuran.md" in page  # read by


def test_variable_page_content(generated):
    page = generated.pages["reference/variables/pkh/pkh_dalam_registri.md"]
    assert "`keluarga`" in page and "bulan / *month*" in page
    assert "registri/desil_maksimum/pkh.md" in page  # through the registry helper
    assert "registri/pakai_dtsen.md" in page
    assert "`desil_dtsen`" in page and "`terdaftar_dtks`" in page
    assert "tests/pkh/pkh_registri.yaml" in page  # YAML tests mentioning it
    assert 'dalam_band_registri(keluarga, period, parameters, "pkh")' in page  # formula source


def test_formula_analysis(tbs):
    names = set(tbs.variables)
    reads = formula_reads(tbs.variables["sembako_bantuan"], tbs.parameters, names)
    assert reads.parameters == {"sembako.nilai_bulanan"}
    assert reads.variables == {"sembako_layak"}
    # an alias of a node and a dynamic subscript stand for every leaf below
    reads = formula_reads(tbs.variables["pkh_komponen_kandidat"], tbs.parameters, names)
    assert {"pkh.indeks.sd", "pkh.prioritas.sma"} <= reads.parameters
    assert "pkh_memenuhi_lanjut_usia" in reads.variables
    reads = formula_reads(tbs.variables["pkh_memenuhi_lanjut_usia"], tbs.parameters, names)
    assert reads.parameters == {"pkh.umur.lanjut_usia_minimum"}
    assert reads.variables == {"umur"}


def test_timeline_assumptions_reforms_api(generated):
    timeline = generated.pages["timeline.md"]
    assert "## 2020" in timeline
    assert "Rp\u202f150\u202f000 → Rp\u202f200\u202f000" in timeline  # Sembako, March 2020
    assumptions = generated.pages["assumptions.md"]
    for number in range(1, 18):
        assert f"## Q{number} — " in assumptions and f"{{#q{number}}}" in assumptions
    assert "sembako/nilai_bulanan.md" in assumptions  # collected from documentation (Q14)
    reforms = generated.pages["reference/reforms.md"]
    assert "## sembako_300rb" in reforms and "Rp\u202f300\u202f000" in reforms
    api = generated.pages["reference/openapi.md"]
    assert "`/calculate`" in api and "openapi.json" in api
    assert "reference/openapi.json" in generated.files


def test_question_mentions():
    assert questions.mentioned("open question Q4") == {4}
    assert questions.mentioned("choices on Q1-Q5 and Q7") == {1, 2, 3, 4, 5, 7}
    assert questions.mentioned("the Q4 2025 round (single source)") == set()
