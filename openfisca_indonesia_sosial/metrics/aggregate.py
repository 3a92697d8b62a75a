"""Weighted national figures for one scenario, and comparisons between scenarios."""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery import Delivered, PopulationContext
from openfisca_indonesia_sosial.metrics.poverty import fgt, gini
from openfisca_indonesia_sosial.money import total_rupiah, weighted_count
from openfisca_indonesia_sosial.programs import PROGRAMS


def family_yearly(delivered: Delivered, context: PopulationContext, key: str) -> np.ndarray:
    """Each family's yearly paid amount of a program (person programs summed per family)."""
    yearly = delivered.amount[key].sum(axis=0)
    program = next(p for p in PROGRAMS if p.key == key)
    if program.unit == "individu":
        return np.bincount(
            context.person_family, weights=yearly, minlength=context.weights.shape[0]
        ).astype(np.int64)
    return yearly.astype(np.int64)


def program_figures(delivered: Delivered, context: PopulationContext) -> dict:
    figures = {}
    for program in PROGRAMS:
        paid_any = delivered.paid[program.key].any(axis=0)
        yearly = delivered.amount[program.key].sum(axis=0)
        if program.unit == "individu":
            weights = context.weights[context.person_family]
            count_key = "recipient_persons"
        else:
            weights = context.weights
            count_key = "recipient_families"
        figures[program.key] = {
            count_key: weighted_count(paid_any, weights),
            "cost_idr": total_rupiah(yearly, weights),
        }
    return figures


def consumption_transfers(delivered: Delivered, context: PopulationContext) -> np.ndarray:
    total = np.zeros(context.weights.shape[0], dtype=np.int64)
    for program in PROGRAMS:
        if program.counts_as_consumption:
            total += family_yearly(delivered, context, program.key)
    return total


def welfare(
    keluarga: pd.DataFrame, context: PopulationContext, extra_yearly: np.ndarray
) -> np.ndarray:
    """Monthly per-capita expenditure plus a yearly family transfer change, per person-month."""
    base = keluarga["pengeluaran_per_kapita"].to_numpy(np.float64)
    size = np.maximum(context.family_size, 1)
    return base + extra_yearly / size / 12.0


def poverty_figures(welfare_pc: np.ndarray, line: np.ndarray, context: PopulationContext) -> dict:
    person_weights = context.weights * context.family_size
    return {
        "headcount_rate": fgt(welfare_pc, line, person_weights, 0),
        "poverty_gap_index": fgt(welfare_pc, line, person_weights, 1),
        "poverty_severity_index": fgt(welfare_pc, line, person_weights, 2),
        "gini": gini(welfare_pc, person_weights),
    }
