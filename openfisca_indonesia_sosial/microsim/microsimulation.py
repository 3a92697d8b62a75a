"""The microsimulation: baseline against reforms over a population, for one year.

    from openfisca_indonesia_sosial.microsim import Microsimulation
    result = Microsimulation(individu, keluarga, year=2025, reforms=["sembako_300rb"]).run()
    result.summary()            # the contract's JSON shape, as a dict
    result.programs_table()     # pandas DataFrame

Pipeline: entitlement per month (OpenFisca, vectorised build) -> delivery (quotas, take-up)
-> metrics (64-bit sums). The baseline's per-capita expenditure is the observed welfare; a
reform's welfare adds the change in each family's consumption transfers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery import (
    Delivered,
    PopulationContext,
    deliver,
    parameter_at,
    reusable_programs,
)
from openfisca_indonesia_sosial.metrics.partial import (
    EXPENDITURE,
    block_facts,
    block_partial,
    finalize,
)
from openfisca_indonesia_sosial.metrics.poverty import poverty_lines, weighted_quantile_groups
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.reform.files import load_reform
from openfisca_indonesia_sosial.simulation.engine import Entitlements, compute_scenarios
from openfisca_indonesia_sosial.system import baseline

BASELINE = "baseline"


@dataclass
class Scenario:
    name: str
    label: str
    system: object
    entitlements: Entitlements | None = None
    delivered: Delivered | None = None
    figures: dict = field(default_factory=dict)


@dataclass
class Result:
    year: int
    population: dict
    scenarios: dict[str, Scenario]
    full_entitlement: bool
    keluarga: pd.DataFrame = field(repr=False, default=None)
    context: PopulationContext = field(repr=False, default=None)
    lines: np.ndarray = field(repr=False, default=None)

    def summary(self) -> dict:
        """The contract's JSON (year, population, scenarios -> programs, poverty) and more."""
        base = self.scenarios[BASELINE].figures
        scenarios = {}
        for name, scenario in self.scenarios.items():
            figures = dict(scenario.figures)
            if name != BASELINE:
                figures["change"] = _change(base, figures)
            scenarios[name] = figures
        return {
            "year": self.year,
            "population": self.population,
            "mode": "full_entitlement" if self.full_entitlement else "quotas_and_take_up",
            "scenarios": scenarios,
            "tables": {
                name: table.to_dict(orient="records") for name, table in self.tables().items()
            },
        }

    breakdowns: dict = field(repr=False, default=None)

    def tables(self) -> dict[str, pd.DataFrame]:
        """Every result table, as pandas DataFrames (also written by ``--csv``)."""
        return {"programs": self.programs_table(), **self.breakdowns}

    def assumptions(self) -> list[str]:
        """The delivery and measurement assumptions of this run, in plain words."""
        system = self.scenarios[BASELINE].system
        notes = []
        if self.full_entitlement:
            notes.append(
                "Hak penuh / full entitlement: every entitled family and person is paid; "
                "quotas and take-up are ignored."
            )
        for program in PROGRAMS:
            quota = parameter_at(system, program.quota, f"{self.year}-12-01")
            rate = parameter_at(system, program.take_up, f"{self.year}-12-01")
            quota_text = (
                f"national quota {quota:,.0f} ({program.quota}) filled from the poorest "
                "eligible upward by registry rank"
                if quota is not None
                else "no national quota"
            )
            notes.append(
                f"{program.label}: {quota_text}; take-up {rate if rate is not None else 1.0:.0%}."
            )
        notes += [
            "Urutan registri / registry rank: DTSEN decile, then a stable draw on the family id.",
            "PKH families are first in line for Program Sembako (Permensos 5/2021).",
            "Top-ups follow the families paid PKH or Sembako that month; BLTS Kesra reaches "
            "every family in DTSEN deciles 1-4.",
            f"Garis kemiskinan / poverty lines: BPS March {self.year} urban and rural lines "
            "(parameters kemiskinan.garis_kemiskinan), per person per month.",
            "Kesejahteraan / welfare: the population's per-capita expenditure is the baseline; "
            "a reform adds each family's change in consumption transfers (PKH, Sembako, "
            "top-ups, ATENSI cash; not PBI-JK premiums) spread over members and months.",
            "Sums are weighted and exact to the rupiah (64-bit integers).",
        ]
        return notes

    def programs_table(self) -> pd.DataFrame:
        """Recipients (paid at least once in the year, and in the busiest month) and cost."""
        rows = []
        for name, scenario in self.scenarios.items():
            for key, figures in scenario.figures["programs"].items():
                recipients = figures.get("recipient_families", figures.get("recipient_persons"))
                unit = "families" if "recipient_families" in figures else "persons"
                rows.append(
                    {
                        "scenario": name,
                        "program": key,
                        "recipients": recipients,
                        "peak_month_recipients": figures[f"peak_month_recipient_{unit}"],
                        "recipient_unit": unit,
                        "cost_idr": figures["cost_idr"],
                    }
                )
        return pd.DataFrame(rows)


def _change(base: dict, figures: dict) -> dict:
    """Reform minus baseline, and the cost of one point (1 percentage point) of poverty gap."""
    cost = figures["total_cost_idr"] - base["total_cost_idr"]
    gap_points = (
        base["poverty"]["poverty_gap_index"] - figures["poverty"]["poverty_gap_index"]
    ) * 100
    return {
        "total_cost_idr": cost,
        "programs_cost_idr": {
            key: figures["programs"][key]["cost_idr"] - base["programs"][key]["cost_idr"]
            for key in figures["programs"]
        },
        "headcount_rate": figures["poverty"]["headcount_rate"] - base["poverty"]["headcount_rate"],
        "poverty_gap_index": figures["poverty"]["poverty_gap_index"]
        - base["poverty"]["poverty_gap_index"],
        "gini": figures["poverty"]["gini"] - base["poverty"]["gini"],
        "cost_per_poverty_gap_point_idr": round(cost / gap_points) if gap_points > 0 else None,
    }


def require_expenditure(columns) -> None:
    """A simulation measures poverty and welfare on ``pengeluaran_per_kapita``: without the
    column every family would count as spending Rp 0, so the run is refused up front."""
    if EXPENDITURE not in columns:
        from openfisca_indonesia_sosial.data import PopulationReadError

        raise PopulationReadError(
            f"tabel keluarga: kolom '{EXPENDITURE}' diperlukan untuk angka kemiskinan / table "
            f"keluarga: column '{EXPENDITURE}' is needed by a simulation (welfare and poverty "
            "figures); bansos validate and bansos batch run without it"
        )


def require_families(accepted: int) -> None:
    """National figures of no family are not figures: a run without one accepted family is
    refused (an empty table, or every record rejected)."""
    if accepted == 0:
        from openfisca_indonesia_sosial.data import PopulationError

        raise PopulationError(
            "tidak ada keluarga yang diterima untuk disimulasikan / no accepted family to "
            "simulate (the keluarga table is empty or every record was rejected)"
        )


def build_scenarios(reforms=(), system=None) -> dict[str, Scenario]:
    """The baseline and each reform (a file path, a shipped name or a loaded reform)."""
    base = system or baseline()
    scenarios = {BASELINE: Scenario(BASELINE, "Kebijakan berlaku (baseline)", base)}
    for spec in reforms:
        loaded = spec if hasattr(spec, "system") else load_reform(spec, base)
        scenarios[loaded.name] = Scenario(loaded.name, loaded.label, loaded.system)
    return scenarios


class Microsimulation:
    def __init__(self, population, reforms=(), full_entitlement: bool = False, system=None):
        """``population`` is a validated :class:`openfisca_indonesia_sosial.data.Population`."""
        self.population = population
        self.individu = population.individu
        self.keluarga = population.keluarga
        self.year = population.year
        self.full_entitlement = full_entitlement
        require_expenditure(self.keluarga.columns)
        require_families(len(self.keluarga))
        self.scenarios = build_scenarios(reforms, system)

    @classmethod
    def from_tables(cls, individu: pd.DataFrame, keluarga: pd.DataFrame, year: int, **options):
        """Validate two DataFrames through the data layer, then simulate the accepted records."""
        from openfisca_indonesia_sosial.data import validate_tables

        population, report = validate_tables(individu, keluarga, year=year)
        simulation = cls(population, **options)
        simulation.validation = report
        return simulation

    def poverty_lines(self) -> np.ndarray:
        return poverty_lines(self.year, self.keluarga)

    def run(self, progress=None) -> Result:
        """Entitlements, delivery and every figure; the figures come from exact partial sums
        (:mod:`openfisca_indonesia_sosial.metrics.partial`), the same code a partitioned run
        (:mod:`openfisca_indonesia_sosial.scale`) merges, so both give identical results."""
        context = PopulationContext.from_population(self.population)
        line = self.poverty_lines()
        computed = compute_scenarios([s.system for s in self.scenarios.values()], self.population)
        base = None
        for scenario, entitlements in zip(self.scenarios.values(), computed, strict=True):
            scenario.entitlements = entitlements
            reuse = None
            if base is not None:
                keys = reusable_programs(
                    self.year, base.system, scenario.system, entitlements.same_eligibility
                )
                reuse = (base.delivered, keys)
            scenario.delivered = deliver(
                scenario.system, scenario.entitlements, context, self.full_entitlement, None, reuse
            )
            base = base or scenario
            if progress is not None:
                progress(scenario.name)
        expenditure = self.keluarga[EXPENDITURE].to_numpy(np.float64)
        person_weights = context.weights * context.family_size
        facts = block_facts(
            self.keluarga,
            context,
            line,
            weighted_quantile_groups(expenditure, person_weights, 10),
            weighted_quantile_groups(expenditure, person_weights, 100),
        )
        partial = block_partial(
            self.year,
            [(s.name, s.system, s.delivered, context) for s in self.scenarios.values()],
            facts,
        )
        figures, breakdowns, population = finalize(
            self.year,
            {name: s.label for name, s in self.scenarios.items()},
            {name: s.system for name, s in self.scenarios.items()},
            partial,
            partial.welfare,
            partial.person_weights,
        )
        for name, scenario in self.scenarios.items():
            scenario.figures = figures[name]
        return Result(
            self.year,
            population,
            self.scenarios,
            self.full_entitlement,
            keluarga=self.keluarga,
            context=context,
            lines=line,
            breakdowns=breakdowns,
        )
