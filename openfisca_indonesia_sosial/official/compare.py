"""The validation table: each sourced official figure beside the microsimulation's value.

    from openfisca_indonesia_sosial.official.compare import validation_table
    table = validation_table([2023])       # {"years": ..., "rows": [...], "not_compared": [...]}

Each row carries the simulated and official values, their ratio (or difference, for rates),
both definitions, the sources, and the check that applies (:mod:`.checks`): its tolerance,
why, and whether the figure calibrated a delivery parameter or is an out-of-sample check.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from openfisca_indonesia_sosial.official.checks import assess
from openfisca_indonesia_sosial.official.figures import FIRST_YEAR, LAST_YEAR, load_figures
from openfisca_indonesia_sosial.official.simulated import Measured, SimulatedYear, run_year

YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
SCHEMA_VERSION = 1

#: Official program key -> the simulated program (or top-up component) it is compared with.
COUNTERPART = {
    "pkh": "pkh",
    "sembako": "sembako",
    "pbi_jk": "pbi_jk",
    "sembako_ppkm_2021": "sembako_ppkm_2021",
    "blt_bbm_2022": "blt_bbm_2022",
    "blt_el_nino_2023": "blt_el_nino_2023",
    "blt_mitigasi_risiko_pangan_2024": "blt_mitigasi_risiko_pangan_2024",
    "penebalan_sembako_2025": "penebalan_sembako_2025",
    "blts_kesra_2025": "blts_kesra_2025",
    "atensi": "atensi",
    "atensi_yapi": "atensi",
}
#: Official program key -> the PKH component whose holders it counts (jiwa per component).
PKH_COMPONENT_COUNTS = {
    "pkh_lanjut_usia": "lanjut_usia",
    "pkh_disabilitas_berat": "disabilitas_berat",
}
COUNT_MEASURES = frozenset({"kpm", "kpm_target", "persons", "persons_target"})
MONEY_MEASURES = frozenset({"budget_idr", "realisation_idr"})
NOT_COMPARED = {
    "atensi_anak": "the package does not split ATENSI by target group",
    "atensi_lansia": "the package does not split ATENSI by target group",
    "atensi_disabilitas": "the package does not split ATENSI by target group",
    "atensi_bencana": "disaster relief is not modelled",
    "atensi_napza": "substance-abuse rehabilitation is not modelled",
    "atensi_sembako": "ATENSI food packages are not split from the other cash",
    "kemensos": "the whole ministry budget includes staff, offices and programs not modelled",
}


def simulated_for(figure, simulated: SimulatedYear) -> Measured | None:
    """The simulated counterpart of one official figure, or None when there is none."""
    month = int(figure.period[5:]) if len(figure.period) == 7 else None
    if figure.program == "poverty":
        return simulated.poverty(figure.measure)
    if figure.program == "kemensos_bansos" and figure.measure == "budget_idr":
        return simulated.kemensos_cost()
    if figure.program in PKH_COMPONENT_COUNTS and figure.measure == "persons":
        return simulated.component_holders(PKH_COMPONENT_COUNTS[figure.program], month)
    program = COUNTERPART.get(figure.program)
    if program is None or (figure.program == "atensi_yapi" and simulated.year != 2022):
        return None
    if figure.measure in COUNT_MEASURES:
        if month is not None:
            return simulated.enrolled_in(program, month)
        return simulated.recipients(program)
    if figure.measure == "persons_in_families":
        return simulated.persons_in_families(program)
    if figure.measure in MONEY_MEASURES:
        return simulated.cost(program, through=month or 12)
    return None


def _sources(figure) -> list[dict]:
    return [
        {"title": s.title, "publisher": s.publisher, "date": s.date, "url": s.url}
        for s in figure.sources
    ]


def compare_year(simulated: SimulatedYear, figures) -> tuple[list[dict], list[dict]]:
    """Rows for every figure of the simulated year, and the figures left uncompared."""
    rows, skipped = [], []
    for figure in figures:
        if figure.year != simulated.year:
            continue
        measured = simulated_for(figure, simulated)
        if measured is None:
            reason = NOT_COMPARED.get(figure.program, "no simulated counterpart")
            skipped.append(
                {
                    "year": figure.year,
                    "program": figure.program,
                    "period": figure.period,
                    "measure": figure.measure,
                    "official": figure.value,
                    "reason": reason,
                }
            )
            continue
        value = measured.value
        if figure.measure in MONEY_MEASURES:
            value = round(value)
        row = {
            "year": figure.year,
            "program": figure.program,
            "period": figure.period,
            "measure": figure.measure,
            "unit": figure.unit,
            "simulated": value,
            "official": figure.value,
            "ratio": value / figure.value,
            "simulated_definition": measured.definition,
            "official_definition": figure.definition,
            "confidence": figure.confidence,
            "note": figure.note,
            "sources": _sources(figure),
        }
        row.update(assess(row))
        rows.append(row)
    return rows, skipped


def validation_table(
    years: Iterable[int] = YEARS,
    progress: Callable[[int], None] | None = None,
    run: Callable[[int], SimulatedYear] = run_year,
) -> dict:
    """Run each year and compare it with every official figure of that year."""
    figures = load_figures()
    rows, skipped, done, diagnostics = [], [], [], {}
    for year in years:
        if progress is not None:
            progress(year)
        simulated = run(year)
        year_rows, year_skipped = compare_year(simulated, figures)
        rows += year_rows
        skipped += year_skipped
        done.append(year)
        diagnostics[str(year)] = pkh_diagnostics(simulated)
    return {
        "schema_version": SCHEMA_VERSION,
        "years": done,
        "rows": rows,
        "not_compared": skipped,
        "diagnostics": diagnostics,
    }


def pkh_diagnostics(simulated: SimulatedYear) -> dict:
    """What the PKH gaps are read from: family size and yearly cost per family paid."""
    families = simulated.recipients("pkh").value
    if not families:
        return {}
    return {
        "pkh_persons_per_family": simulated.persons_in_families("pkh").value / families,
        "pkh_cost_per_family_idr": round(simulated.cost("pkh").value / families),
    }
