"""The sourced dataset of official figures: schema of the shipped file, the loader's refusals
and spot checks of values verified against their publications."""

from __future__ import annotations

import copy
import math
from collections import Counter

import pytest
import yaml

from openfisca_indonesia_sosial.official.figures import (
    FIGURES_PATH,
    FIRST_YEAR,
    LAST_YEAR,
    MEASURES,
    PROGRAMS,
    RATE_MEASURES,
    SOURCE_KINDS,
    OfficialFiguresError,
    load_figures,
    parse_figures,
)


@pytest.fixture(scope="module")
def figures():
    return load_figures()


@pytest.fixture(scope="module")
def document():
    return yaml.safe_load(FIGURES_PATH.read_text(encoding="utf-8"))


def one(figures, program, period, measure):
    found = [f for f in figures if (f.program, f.period, f.measure) == (program, period, measure)]
    assert len(found) == 1, f"{program} {period} {measure}: {len(found)} entries"
    return found[0]


# --- schema of the shipped file ---------------------------------------------------------


def test_every_figure_uses_the_vocabularies_and_years(figures):
    assert len(figures) > 100
    for figure in figures:
        assert figure.program in PROGRAMS
        assert figure.measure in MEASURES
        assert figure.unit == MEASURES[figure.measure]
        assert FIRST_YEAR <= figure.year <= LAST_YEAR == 2026 and FIRST_YEAR == 2019
        assert figure.period.startswith(str(figure.year))


def test_every_value_is_positive_finite_and_in_base_units(figures):
    for figure in figures:
        assert not isinstance(figure.value, bool)
        assert math.isfinite(figure.value) and figure.value > 0
        if figure.measure in RATE_MEASURES:
            assert figure.value <= 1, figure
        else:
            assert isinstance(figure.value, int), figure
        if figure.unit == "IDR":
            # money in rupiah, not in trillions: every budget here is above Rp 100 bn
            assert figure.value >= 100_000_000_000, figure


def test_every_figure_cites_a_source_with_a_link(figures):
    for figure in figures:
        assert figure.sources, figure
        assert figure.definition
        for source in figure.sources:
            assert source.url.startswith(("http://", "https://"))
            assert source.kind in SOURCE_KINDS
            assert source.title and source.publisher and source.date


def test_confidence_matches_the_number_of_sources(figures):
    for figure in figures:
        if figure.confidence.startswith("confirmed by "):
            assert len(figure.sources) >= int(figure.confidence.rsplit(" ", 1)[1]), figure
        else:
            assert figure.confidence == "single source"


def test_repeated_program_period_measure_carries_a_note(figures):
    counts = Counter((f.program, f.period, f.measure) for f in figures)
    repeated = [f for f in figures if counts[(f.program, f.period, f.measure)] > 1]
    assert repeated, "the file documents at least one disagreement between sources"
    assert all(f.note for f in repeated)


def test_every_catalogued_source_is_cited(figures, document):
    cited = {source.key for figure in figures for source in figure.sources}
    assert cited == set(document["sources"])


def test_every_program_and_simulated_year_is_covered(figures):
    years = {f.year for f in figures}
    assert years == set(range(FIRST_YEAR, LAST_YEAR + 1))
    for program in ("pkh", "sembako", "pbi_jk", "poverty"):
        assert {f.year for f in figures if f.program == program} >= set(range(2019, 2026))


# --- spot checks of values verified against the publications ----------------------------


@pytest.mark.parametrize(
    ("program", "period", "measure", "value"),
    [
        ("pkh", "2019", "realisation_idr", 32_750_000_000_000),
        ("pkh", "2020", "realisation_idr", 36_680_000_000_000),
        ("pkh", "2023", "budget_idr", 28_700_000_000_000),
        ("sembako", "2023", "budget_idr", 45_100_000_000_000),
        ("pbi_jk", "2025", "budget_idr", 46_400_000_000_000),
        ("pbi_jk", "2025-06", "persons", 96_282_139),
        ("blt_el_nino_2023", "2023", "budget_idr", 7_520_000_000_000),
        ("blt_mitigasi_risiko_pangan_2024", "2024", "budget_idr", 11_250_000_000_000),
        ("blts_kesra_2025", "2025", "kpm_target", 35_040_000),
        ("atensi_lansia", "2023", "persons", 60_239),
        ("poverty", "2019-03", "headcount_rate", 0.0941),
        ("poverty", "2024-09", "headcount_rate", 0.0857),
        ("poverty", "2025-09", "headcount_rate", 0.0825),
        ("poverty", "2021-09", "poverty_gap_index", 0.0167),
        ("poverty", "2025-03", "gini", 0.375),
    ],
)
def test_spot_checks(figures, program, period, measure, value):
    assert one(figures, program, period, measure).value == value


def test_pkh_2021_budget_keeps_both_budget_stages(figures):
    values = sorted(
        f.value
        for f in figures
        if (f.program, f.period, f.measure) == ("pkh", "2021", "budget_idr")
    )
    assert values == [28_700_000_000_000, 30_400_000_000_000]
    enacted = next(f for f in figures if f.program == "pkh" and f.value == 30_400_000_000_000)
    assert "APBN" in enacted.definition


def test_september_2024_poverty_rests_on_the_bps_release(figures):
    figure = one(figures, "poverty", "2024-09", "headcount_rate")
    assert any(s.kind == "statistics" and "bps.go.id" in s.url for s in figure.sources)


# --- the loader refuses broken entries, naming them --------------------------------------


def broken(document, **changes):
    edited = copy.deepcopy(document)
    edited["figures"][0].update(changes)
    return edited


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"program": "pkh_extra"}, "unknown program"),
        ({"measure": "cost"}, "unknown measure"),
        ({"period": "2018-03"}, "outside 2019-2026"),
        ({"period": 2019}, "period must be"),
        ({"value": 0}, "positive"),
        ({"value": float("nan")}, "positive and finite"),
        ({"value": True}, "must be a number"),
        ({"value": 9.41}, "fraction"),
        ({"sources": []}, "non-empty list"),
        ({"sources": ["nowhere"]}, "unknown source"),
        ({"confidence": "confirmed by 9"}, "source(s) listed"),
        ({"confidence": "likely"}, "confidence must be"),
        ({"colour": "red"}, "unknown field"),
    ],
)
def test_loader_refuses_a_broken_figure(document, changes, message):
    with pytest.raises(OfficialFiguresError, match="figure #1") as error:
        parse_figures(broken(document, **changes))
    assert message in str(error.value)


def test_loader_refuses_a_count_given_as_a_fraction(document):
    edited = copy.deepcopy(document)
    index = next(i for i, f in enumerate(edited["figures"]) if f["measure"] == "budget_idr")
    edited["figures"][index]["value"] = 30.4
    with pytest.raises(OfficialFiguresError, match="whole units"):
        parse_figures(edited)


def test_loader_refuses_a_source_without_a_web_link(document):
    edited = copy.deepcopy(document)
    key = next(iter(edited["sources"]))
    edited["sources"][key]["url"] = "ftp://example.org/x"
    with pytest.raises(OfficialFiguresError, match=f"source '{key}'"):
        parse_figures(edited)


def test_loader_refuses_an_unexplained_duplicate(document):
    edited = copy.deepcopy(document)
    first = next(f for f in edited["figures"] if "note" not in f)
    edited["figures"].append(copy.deepcopy(first))
    with pytest.raises(OfficialFiguresError, match="needs a note"):
        parse_figures(edited)


def test_loader_reports_invalid_yaml_without_a_traceback_type(tmp_path):
    path = tmp_path / "figures.yaml"
    path.write_text("figures: [\n", encoding="utf-8")
    with pytest.raises(OfficialFiguresError, match="not valid YAML"):
        load_figures(path)
