"""`bansos readings` and the priced table the documentation page is built from.

The page reads openfisca_indonesia_sosial/docs_gen/readings_2025.json (the output of ``bansos
readings --year 2025 --json``) so that building the site never runs the microsimulation; here
it is checked for shape, completeness, exact zeros where the alternative is not in force, and
against a fresh computation of two readings.
"""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli import app
from openfisca_indonesia_sosial.cli.readings import price
from openfisca_indonesia_sosial.docs_gen import readings as page
from openfisca_indonesia_sosial.reform.readings import ROW_KEYS, active_in, readings

ROWS = page.load_rows()
runner = CliRunner()


def test_the_committed_table_has_one_row_per_reading_in_order():
    assert [row["name"] for row in ROWS] == [reading.name for reading in readings()]
    for row, reading in zip(ROWS, readings(), strict=True):
        assert tuple(row) == ROW_KEYS
        assert row["reform"] == reading.reform
        assert row["parameters"] == list(reading.parameters)
        assert (
            reading.question["id"] in row["question"] and reading.question["en"] in row["question"]
        )


def test_costs_are_whole_rupiah_and_add_up():
    for row in ROWS:
        costs = row["cost_change_idr"]
        assert all(
            isinstance(value, int) and not isinstance(value, bool) for value in costs.values()
        )
        assert costs["total"] == sum(v for k, v in costs.items() if k != "total")
        assert set(row["recipient_change"]) == set(costs) - {"total"}


def test_a_reading_not_in_force_in_2025_changes_nothing(tbs):
    inactive = [r.name for r in readings() if not active_in(r, page.YEAR, tbs)]
    # the 2020-2021 and 2024 readings are history in 2025
    assert {"lansia_umur_minimum", "pkh_bulanan_2020", "batas_mulai"} <= set(inactive)
    for row in ROWS:
        if row["name"] in inactive:
            assert set(row["cost_change_idr"].values()) == {0}
            assert set(row["recipient_change"].values()) == {0.0}


def test_the_count_reading_of_early_childhood_costs_more():
    row = next(r for r in ROWS if r["name"] == "anak_usia_dini_urutan")
    # more toddlers count under "at most two per family" than under "up to the 2nd child"
    assert row["cost_change_idr"]["pkh"] > 0
    assert row["cost_change_idr"]["pbi_jk"] == 0


#: Rupiah a national cost may move per 10**12 between machines. Since generator 1.2.0 the
#: default population has the same bits on every x86-64 machine with glibc, AVX-512 or not,
#: whatever OpenBLAS's kernels (tests/synthetic/test_portable.py); before, numpy's AVX-512
#: exp and log and OpenBLAS's least squares moved the weights in their last places, and a cost
#: of trillions, summed exactly from them, rounded one rupiah apart (4,168,676,787,396 on an
#: AVX-512 machine for 4,168,676,787,395). The tolerance stays for other C libraries, whose
#: exp, log and pow may differ in the last bit. A stale table (a rule or reading changed since
#: it was written) moves by millions.
RUPIAH_PER_TRILLION = 1


def _same_rupiah(fresh: int, committed: int) -> bool:
    return abs(fresh - committed) <= RUPIAH_PER_TRILLION * (1 + abs(committed) // 10**12)


def test_the_machine_tolerance_is_a_rupiah_per_trillion():
    assert _same_rupiah(4_168_676_787_396, 4_168_676_787_395)
    assert _same_rupiah(0, 0) and not _same_rupiah(2, 0)
    assert not _same_rupiah(4_168_676_797_395, 4_168_676_787_395)  # ten thousand rupiah


@pytest.mark.slow
def test_the_committed_table_matches_a_fresh_computation():
    chosen = ["anak_usia_dini_urutan", "lansia_umur_minimum"]
    fresh = {row["name"]: row for row in price(page.YEAR, selected=chosen)}
    committed = {row["name"]: row for row in ROWS}
    for name in chosen:
        costs, expected = fresh[name]["cost_change_idr"], committed[name]["cost_change_idr"]
        assert costs.keys() == expected.keys(), name
        for program, value in expected.items():
            assert _same_rupiah(costs[program], value), (name, program, costs[program], value)
        for program, value in committed[name]["recipient_change"].items():
            assert fresh[name]["recipient_change"][program] == pytest.approx(value, abs=0.5)


def test_a_bad_year_is_one_line_and_exit_2():
    result = runner.invoke(app, ["readings", "--year", "1990"])
    assert result.exit_code == 2
    assert "1990" in result.output and len(result.output.strip().splitlines()) == 1
    result = runner.invoke(app, ["readings", "--year", "dua ribu"])
    assert result.exit_code == 2


def test_an_unknown_reading_is_refused():
    with pytest.raises(ValueError, match="tidak_ada"):
        price(page.YEAR, selected=["tidak_ada"], population=object())


def test_the_page_links_every_parameter_and_reform(tbs):
    from openfisca_indonesia_sosial.docs_gen import parameters as parameter_pages
    from openfisca_indonesia_sosial.docs_gen import repository_root

    leaves = parameter_pages.collect(tbs.parameters, repository_root())
    text = page.render(leaves)
    assert text.startswith("# Pembacaan hukum yang terbuka / *Open legal readings*")
    for reading in readings():
        assert f"**{reading.name}**" in text
        assert f"reforms/catalogue.md#{reading.reform}" in text
        for path in reading.parameters:
            assert f"[`{path}`](reference/parameters/" in text, path
    assert "0 (tidak berlaku pada 2025)" in text
    json.dumps(ROWS)  # the table is plain JSON


def test_the_console_output_reads_at_80_columns():
    """One summary line per reading, then each reading's prose wrapped: no line over 80
    columns and no reading name or reform name cut."""
    from rich.console import Console

    from openfisca_indonesia_sosial.cli.readings import _print

    console = Console(width=80, record=True, color_system=None)
    _print(console, 2025, ROWS)
    text = console.export_text()
    assert max(len(line) for line in text.splitlines()) <= 80
    for row in ROWS:
        assert row["name"] in text and f"--reform {row['reform']}" in text
    summary = next(row for row in ROWS if row["name"] == "anak_usia_dini_urutan")
    total = summary["cost_change_idr"]["total"]
    assert f"+Rp {total / 1e12:,.2f} T" in text
