"""What the HTML report says, read from its text: units, definitions, intervals, no raw
program keys, no repeated targeting rows, both languages, versions, the official-figure hook."""

from __future__ import annotations

import copy
import datetime
import re

import pytest
from hand_summaries import LONG_REFORM

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.report.html import render_summary
from openfisca_indonesia_sosial.synthetic.generator import GENERATOR_VERSION

RAW_KEYS = re.compile(r"\b(pkh|sembako|bantuan_tambahan|program_baru|pbi_jk|atensi)\b")


def _render(summary, tbs, **options) -> str:
    options.setdefault("run_date", datetime.date(2026, 3, 4))
    return render_summary(summary, tbs, **options)


def _tables(page: str) -> list[str]:
    return re.findall(r"<table.*?</table>", page, flags=re.S)


def _cells(table: str) -> list[str]:
    """Each cell's visible text."""
    cells = re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", table, flags=re.S)
    return [re.sub(r"<[^>]+>", "", cell) for cell in cells]


def _section(page: str, heading: str) -> str:
    start = page.index(heading)
    end = page.find("<h2", start + 1)
    return page[start : end if end > 0 else None]


@pytest.fixture
def page(summary, tbs) -> str:
    return _render(summary, tbs)


@pytest.fixture
def page_ci(summary_ci, tbs) -> str:
    official = {"pkh": {"text": "10,000,000 KPM", "url": "https://example.org/pkh-2025"}}
    return _render(summary_ci, tbs, official=official)


def test_every_count_carries_its_unit(page_ci):
    for table in _tables(page_ci):
        for cell in _cells(table):
            for match in re.finditer(r"\d jt", cell):
                assert re.match(r" (KK|jiwa)\b", cell[match.end() :]), cell


def test_no_raw_program_key_in_any_table(page, page_ci):
    for document in (page, page_ci):
        for table in _tables(document):
            for cell in _cells(table):
                assert not RAW_KEYS.search(cell), cell


def test_program_paying_nobody_is_hidden_everywhere(page):
    assert "Program baru dari reformasi struktural" not in "".join(_tables(page))
    # the charts' data name the programs by short label: the structural slot is not there
    assert '"Program baru"' not in page
    assert "Not shown as it pays nobody in any scenario" in page


def test_definitions_follow_the_figures(page, page_ci):
    # without the yearly count apart, the headline is the yearly count, and said to be more
    # than the ministry's KPM per round
    assert "paid more than Rp 0 at least once in the year; this is larger than" in page
    assert "Setahun" not in _tables(page)[0]
    # with it, the headline is the average over payment months, the year's count beside it
    assert "the average, over the months in which the program pays" in page_ci
    header = _cells(_tables(page_ci)[0])[:6]
    assert [cell.split(" /")[0] for cell in header[:4]] == [
        "Program",
        "Penerima",
        "Setahun",
        "Puncak bulanan",
    ]
    # 10,000,000 x 1.1 families in the year
    assert "11.00 jt KK" in _cells(_tables(page_ci)[0])


def test_differences_carry_paired_intervals(page, page_ci):
    reform = _tables(page_ci)[1]
    cells = _cells(reform)
    assert "+21.96 [+21.50; +22.40]" in cells  # Sembako and the total
    assert cells.count("+21.96 [+21.50; +22.40]") == 2
    poverty = _cells(_tables(page_ci)[2])
    assert "-0.75 pp [-0.81; -0.69]" in poverty
    assert "8.47 % [8.27; 8.67]" in poverty
    assert "95 % sampling intervals" in page_ci
    # without intervals: the change alone, and a note that the figures carry sampling error
    assert "+21.96" in _cells(_tables(page)[1])
    assert not any("[" in cell for table in _tables(page) for cell in _cells(table))
    assert "No sampling intervals in this result" in page


def test_targeting_rows_are_not_repeated_for_an_identical_reform(summary, tbs):
    targeting = _section(_render(summary, tbs), "Ketepatan sasaran")
    assert targeting.count("<tr>") == 6  # header and the five paying programs
    assert f"Reform {LONG_REFORM}: targeting is the same as the baseline" in targeting
    changed = copy.deepcopy(summary)
    row = next(
        r
        for r in changed["tables"]["targeting"]
        if r["scenario"] == LONG_REFORM and r["program"] == "sembako"
    )
    row["exclusion_error"] = 0.40
    targeting = _section(_render(changed, tbs), "Ketepatan sasaran")
    assert targeting.count("<tr>") == 7
    assert "40.0 %" in targeting
    assert "targeting is the same" not in targeting


def test_targeting_states_each_target_group_and_yardstick(page):
    targeting = _section(page, "Ketepatan sasaran")
    assert "deciles 1–5" in targeting and "deciles 1–4" in targeting
    assert "ATENSI is only for persons in its target groups" in targeting
    assert "Exclusion error = share of families in that group" in targeting


def test_assumptions_are_bilingual(page):
    assumptions = _section(page, "Asumsi")
    items = re.findall(r"<li>(.*?)</li>", assumptions, flags=re.S)
    assert len(items) >= 8
    for item in items:
        indonesian, english = item.split("<br><span class='en'>")
        assert indonesian.strip() and english.strip()
    assert "tingkat penyerapan" in assumptions and "take-up" in assumptions


def test_versions_and_run_date_are_stated(summary, tbs):
    page = _render(
        summary,
        tbs,
        population_info={"source": "default", "generator_version": "9.9.9", "seed": 0},
    )
    about = _cells(_tables(page)[-1])
    assert "2026-03-04" in about
    assert f"openfisca-indonesia-sosial {__version__}" in about
    assert "sintetis, generator v9.9.9, seed 0" in about
    assert "100,000 KK, 300,431 jiwa" in about
    dates = [cell for cell in about if re.fullmatch(r"\d{4}-\d{2}-\d{2}", cell)]
    assert len(dates) == 3  # run date, newest parameter value, last check
    assert any(re.fullmatch(r"[0-9a-f]{12}", cell) for cell in about)
    # no source given: the default population's generator is still named
    assert f"synthetic generator v{GENERATOR_VERSION}" in _render(summary, tbs)


def test_official_figures_link_from_the_headline(page, page_ci):
    baseline = _tables(page_ci)[0]
    assert "<a href='https://example.org/pkh-2025' rel='noopener'>10,000,000 KPM</a>" in baseline
    assert "Angka resmi" in baseline
    assert "Angka resmi" not in page


def test_plotly_is_embedded_once_and_nothing_is_fetched(page_ci):
    assert page_ci.count("plotly.js v") == 1  # the library's banner, inline once
    assert page_ci.count("Plotly.newPlot(") == 4
    assert not re.search(r"<script[^>]+src=", page_ci)
    assert not re.search(r"<link[^>]+href=", page_ci)
    assert not re.search(r"<img[^>]+src=['\"]?https?:", page_ci)


class _KeptSummary:
    """A run kept as its JSON document only (as the Web API keeps finished jobs)."""

    def __init__(self, summary: dict) -> None:
        self._summary = summary

    def summary(self) -> dict:
        return self._summary


def test_a_run_kept_as_json_renders_on_the_baseline_law(summary_ci):
    from openfisca_indonesia_sosial.report.html import render

    english_only = ["Sums are weighted and exact to the rupiah (64-bit integers)."]
    page = render(_KeptSummary(summary_ci), english_only)
    assumptions = _section(page, "Asumsi")
    # the note appears once, in its bilingual form, not again as an English-only line
    assert assumptions.count("Sums are weighted and exact to the rupiah") == 1
    assert "Jumlah tertimbang dihitung tepat sampai rupiah" in assumptions
    # quotas read from the baseline law of the summary's year
    assert "kuota nasional 10,000,000 KK (pkh.kuota)" in assumptions
