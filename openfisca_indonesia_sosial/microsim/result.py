"""What a microsimulation returns: each scenario's figures, tables and stated assumptions.

A single-shot run's :class:`Result` also holds its population, delivery context and every
scenario's entitlements and payments; a partitioned run's holds the figures only.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery import Delivered, DeliveryContext
from openfisca_indonesia_sosial.metrics.tables import DEFINITIONS, UNIT
from openfisca_indonesia_sosial.programs import BY_KEY, PROGRAMS
from openfisca_indonesia_sosial.simulation.engine import Entitlements
from openfisca_indonesia_sosial.simulation.parameters import parameter_at

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
    #: Weighted families and persons and the sample size: the JSON's ``population`` block.
    totals: dict
    scenarios: dict[str, Scenario]
    full_entitlement: bool
    keluarga: pd.DataFrame = field(repr=False, default=None)
    context: DeliveryContext = field(repr=False, default=None)
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
            "population": self.totals,
            "mode": "full_entitlement" if self.full_entitlement else "quotas_and_take_up",
            "scenarios": scenarios,
            "uncertainty": self.uncertainty,
            "tables": {
                name: table.to_dict(orient="records") for name, table in self.tables().items()
            },
            "table_definitions": dict(DEFINITIONS),
        }

    breakdowns: dict = field(repr=False, default=None)
    #: The replicate design of the intervals (``{"replicates": 0}``: none).
    uncertainty: dict = field(default_factory=lambda: {"replicates": 0})

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
            "Penerima / recipients: rata-rata, atas bulan pembayaran program, unit yang dibayar "
            "lebih dari Rp 0 pada bulan itu (seperti KPM per tahap) / the average, over the "
            "program's payment months, of the units paid more than Rp 0 that month (as KPM per "
            "payment round); '_year': paid at least once in the year.",
        ]
        replicates = self.uncertainty.get("replicates", 0)
        if replicates:
            notes.append(
                f"Interval 95 % / 95 % intervals: bootstrap Poisson, {replicates} replikasi / "
                f"replicates (seed {self.uncertainty['seed']}), totals ratio-adjusted to the "
                "weighted families; sampling error of the population's families only."
            )
        return notes

    def programs_table(self) -> pd.DataFrame:
        """Recipients (headline: average over the payment months; in the year; in the
        largest month), their unit (KK or jiwa), cost and 95 % intervals, per scenario."""
        rows = []
        for name, scenario in self.scenarios.items():
            for key, figures in scenario.figures["programs"].items():
                unit = "families" if "recipient_families" in figures else "persons"
                row = {
                    "scenario": name,
                    "program": key,
                    "recipient_unit": UNIT[BY_KEY[key].unit],
                }
                for column, name_in_figures in (
                    ("recipients", f"recipient_{unit}"),
                    ("recipients_year", f"recipient_{unit}_year"),
                    ("peak_month_recipients", f"peak_month_recipient_{unit}"),
                    ("cost_idr", "cost_idr"),
                ):
                    row[column] = figures[name_in_figures]
                    if f"{name_in_figures}_ci95" in figures:
                        low, high = figures[f"{name_in_figures}_ci95"]
                        row[f"{column}_ci95_low"], row[f"{column}_ci95_high"] = low, high
                row["payment_months"] = " ".join(str(m) for m in figures["payment_months"])
                rows.append(row)
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
