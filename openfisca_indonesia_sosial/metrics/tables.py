"""Breakdowns of a microsimulation result: by group, winners and losers, targeting.

All counts are weighted (families or persons represented) and all rupiah are summed with
:func:`openfisca_indonesia_sosial.money.total_rupiah`.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery import PopulationContext, parameter_at
from openfisca_indonesia_sosial.metrics.aggregate import consumption_transfers, family_yearly
from openfisca_indonesia_sosial.metrics.poverty import fgt, weighted_quantile_groups
from openfisca_indonesia_sosial.money import total_rupiah, weighted_count
from openfisca_indonesia_sosial.programs import PROGRAMS

#: Registry band used to judge targeting when a program has no DTSEN band of its own.
TARGET_BAND_SOURCE = {"bantuan_tambahan": "sembako"}


def expenditure_deciles(keluarga: pd.DataFrame, context: PopulationContext) -> np.ndarray:
    """Person-weighted decile (1 = poorest) of each family's per-capita expenditure."""
    welfare = keluarga["pengeluaran_per_kapita"].to_numpy(np.float64)
    return weighted_quantile_groups(welfare, context.weights * context.family_size, 10)


def by_group(result, context: PopulationContext, labels: np.ndarray, name: str) -> pd.DataFrame:
    """Recipients and yearly cost of every program and scenario for each value of ``labels``."""
    rows = []
    groups = pd.unique(labels)
    for scenario in result.scenarios.values():
        delivered = scenario.delivered
        for program in PROGRAMS:
            paid_any = delivered.paid[program.key].any(axis=0)
            yearly = delivered.amount[program.key].sum(axis=0)
            if program.unit == "individu":
                unit_labels = labels[context.person_family]
                weights = context.weights[context.person_family]
            else:
                unit_labels = labels
                weights = context.weights
            for group in groups:
                mask = unit_labels == group
                rows.append(
                    {
                        "scenario": scenario.name,
                        "program": program.key,
                        name: group,
                        "recipients": weighted_count(paid_any & mask, weights),
                        "cost_idr": total_rupiah(yearly[mask], weights[mask]),
                    }
                )
    return pd.DataFrame(rows).sort_values(["scenario", "program", name]).reset_index(drop=True)


def winners_losers(result, context: PopulationContext, deciles: np.ndarray) -> pd.DataFrame:
    """Per reform and expenditure decile: shares of families gaining, losing, unchanged."""
    scenarios = list(result.scenarios.values())
    base = consumption_transfers(scenarios[0].delivered, context)
    rows = []
    for scenario in scenarios[1:]:
        change = consumption_transfers(scenario.delivered, context) - base
        for decile in range(1, 11):
            mask = deciles == decile
            w = context.weights[mask]
            total = w.sum()
            delta = change[mask]
            rows.append(
                {
                    "scenario": scenario.name,
                    "decile": decile,
                    "share_gaining": float(w[delta > 0].sum() / total) if total else 0.0,
                    "share_losing": float(w[delta < 0].sum() / total) if total else 0.0,
                    "share_unchanged": float(w[delta == 0].sum() / total) if total else 0.0,
                    "average_change_idr": total_rupiah(delta, w) / total if total else 0.0,
                }
            )
    return pd.DataFrame(rows)


def targeting(result, context: PopulationContext, keluarga: pd.DataFrame) -> pd.DataFrame:
    """Inclusion and exclusion errors of each program against the truly poorest deciles.

    A program's target group is the families whose per-capita expenditure lies in the poorest
    ``registri.desil_maksimum.<program>`` tenths of persons (the DTSEN band, read at the later
    of the simulated year and the DTSEN switch); recipients are families paid at least once.
    """
    year = result.year
    instant = f"{max(year, 2025)}-04-01"
    welfare = keluarga["pengeluaran_per_kapita"].to_numpy(np.float64)
    person_weights = context.weights * context.family_size
    percentile_group = weighted_quantile_groups(welfare, person_weights, 100)
    rows = []
    for scenario in result.scenarios.values():
        system = scenario.system
        for program in PROGRAMS:
            band_program = TARGET_BAND_SOURCE.get(program.key, program.key)
            band = parameter_at(system, f"registri.desil_maksimum.{band_program}", instant)
            if band is None:
                continue
            target = percentile_group <= int(band) * 10
            recipient = family_yearly(scenario.delivered, context, program.key) > 0
            w = context.weights
            recipients = w[recipient].sum()
            targeted = w[target].sum()
            rows.append(
                {
                    "scenario": scenario.name,
                    "program": program.key,
                    "target_deciles": int(band),
                    "inclusion_error": float(w[recipient & ~target].sum() / recipients)
                    if recipients
                    else 0.0,
                    "exclusion_error": float(w[target & ~recipient].sum() / targeted)
                    if targeted
                    else 0.0,
                }
            )
    return pd.DataFrame(rows)


def poverty_by_group(result, context, keluarga, lines, labels, name) -> pd.DataFrame:
    """Poverty headcount of every scenario within each group (e.g. province)."""
    scenarios = list(result.scenarios.values())
    base = consumption_transfers(scenarios[0].delivered, context)
    base_welfare = keluarga["pengeluaran_per_kapita"].to_numpy(np.float64)
    size = np.maximum(context.family_size, 1)
    person_weights = context.weights * context.family_size
    rows = []
    for scenario in scenarios:
        change = consumption_transfers(scenario.delivered, context) - base
        welfare = base_welfare + change / size / 12.0
        for group in pd.unique(labels):
            mask = labels == group
            rows.append(
                {
                    "scenario": scenario.name,
                    name: group,
                    "headcount_rate": fgt(welfare[mask], lines[mask], person_weights[mask], 0),
                    "persons": float(person_weights[mask].sum()),
                }
            )
    return pd.DataFrame(rows).sort_values(["scenario", name]).reset_index(drop=True)
