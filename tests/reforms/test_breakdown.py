"""Per-provision breakdown: provisions applied one after another in file order add up exactly."""

from __future__ import annotations

import pytest

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.microsim.breakdown import breakdown, provisions
from openfisca_indonesia_sosial.reform.files import load_reform
from openfisca_indonesia_sosial.synthetic import default_population

FAMILIES = 3000


@pytest.fixture(scope="module")
def small_population():
    """The first families of the default 2025 population (weights as they are)."""
    individu, keluarga = default_population(2025)
    keluarga = keluarga.iloc[:FAMILIES]
    individu = individu[individu["id_keluarga"].isin(keluarga["id_keluarga"])]
    population, _ = validate_tables(individu, keluarga, year=2025, source="first families")
    return population


def numeric_columns(table):
    return [c for c in table.columns if c not in ("step", "provision", "changes")]


def assert_sums_to_total(table):
    total = table.attrs["total"]
    assert set(numeric_columns(table)) == set(total)
    for column in numeric_columns(table):
        summed = table[column].sum()
        if column.startswith(("cost_change_idr", "total_cost")):
            assert int(summed) == total[column], column  # exact rupiah
        else:
            assert summed == pytest.approx(total[column], rel=1e-12, abs=1e-15), column


@pytest.fixture(scope="module")
def inflation_breakdown(small_population):
    return breakdown(small_population, "pkh_indeks_inflasi_2025")


def test_one_row_per_change_in_file_order(inflation_breakdown, tbs):
    loaded = load_reform("pkh_indeks_inflasi_2025", tbs)
    assert list(inflation_breakdown["step"]) == list(range(1, len(loaded.changes) + 1))
    assert [c[0] for c in inflation_breakdown["changes"]] == list(loaded.changes)


def test_provisions_sum_exactly_to_the_whole_reform(inflation_breakdown):
    assert_sums_to_total(inflation_breakdown)
    assert inflation_breakdown.attrs["total"]["total_cost_change_idr"] > 0
    # every index rises, so every provision costs money and only PKH moves
    assert (inflation_breakdown["cost_change_idr_pkh"] >= 0).all()
    assert (inflation_breakdown["cost_change_idr_sembako"] == 0).all()


def test_grouping_by_parameter_and_dates_of_one_parameter(small_population, tbs):
    table = breakdown(small_population, "sembako_300rb", by="parameter")
    assert len(table) == 1
    assert_sums_to_total(table)
    loaded = load_reform("pkh_lansia_70_q3", tbs)
    assert len(provisions(loaded, "change")) == 2
    assert len(provisions(loaded, "parameter")) == 1


def test_structural_reform_is_one_provision(small_population):
    table = breakdown(small_population, "pkh_sembako_terpadu")
    assert len(table) == 1
    assert_sums_to_total(table)
    assert table["cost_change_idr_pkh"].iloc[0] < 0  # the PKH channel is closed


def test_unknown_grouping(tbs):
    with pytest.raises(ValueError, match="by is"):
        provisions(load_reform("sembako_300rb", tbs), "year")


def test_python_api_takes_names_files_and_inline_reforms_alike(small_population, tbs):
    from openfisca_indonesia_sosial.microsim import Microsimulation
    from openfisca_indonesia_sosial.microsim.breakdown import scenario_figures
    from openfisca_indonesia_sosial.reform.files import load_reform_from_mapping

    inline = load_reform_from_mapping(
        {
            "name": "sembako_300rb_inline",
            "label": "Sembako Rp300.000 (inline)",
            "description": "The shipped reform, sent inline.",
            "parameters": {"sembako.nilai_bulanan": {"2024-01-01": 300000}},
        },
        tbs,
    )
    result = Microsimulation(small_population, reforms=["sembako_300rb", inline]).run()
    figures = scenario_figures(result)
    assert figures["sembako_300rb"]["programs"] == figures["sembako_300rb_inline"]["programs"]
    assert (
        figures["sembako_300rb"]["programs"]["sembako"]["cost_idr"]
        > figures["baseline"]["programs"]["sembako"]["cost_idr"]
    )
