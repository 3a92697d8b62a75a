"""Per-family yearly amounts of a scenario: what each family was paid, by program and in total."""

from __future__ import annotations

import numpy as np

from openfisca_indonesia_sosial.delivery import Delivered, PopulationContext
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


def consumption_transfers(delivered: Delivered, context: PopulationContext) -> np.ndarray:
    total = np.zeros(context.weights.shape[0], dtype=np.int64)
    for program in PROGRAMS:
        if program.counts_as_consumption:
            total += family_yearly(delivered, context, program.key)
    return total
