"""Per-family yearly amounts of a scenario: what each family was paid, by program and in total."""

from __future__ import annotations

import numpy as np

from openfisca_indonesia_sosial.delivery import Delivered, DeliveryContext
from openfisca_indonesia_sosial.programs import PROGRAMS


def family_yearly(delivered: Delivered, context: DeliveryContext, key: str) -> np.ndarray:
    """Each family's yearly paid amount of a program (person programs summed per family)."""
    return per_family(delivered.amount[key].sum(axis=0, dtype=np.int64), context, key)


def per_family(yearly: np.ndarray, context: DeliveryContext, key: str) -> np.ndarray:
    """Each family's amount from the yearly amounts of a program's units."""
    program = next(p for p in PROGRAMS if p.key == key)
    if program.unit == "individu":
        return np.bincount(
            context.person_family, weights=yearly, minlength=context.weights.shape[0]
        ).astype(np.int64)
    return yearly.astype(np.int64)


def consumption_transfers(family_amounts: dict[str, np.ndarray]) -> np.ndarray:
    """Each family's yearly transfers that count as consumption, from the
    :func:`family_yearly` amounts of every program."""
    total = np.zeros_like(family_amounts[PROGRAMS[0].key], dtype=np.int64)
    for program in PROGRAMS:
        if program.counts_as_consumption:
            total += family_amounts[program.key]
    return total
