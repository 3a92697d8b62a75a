"""Compute every program for every month of a year over a population.

The result holds, per program, month-by-unit arrays of entitlement (eligibility) and
amount in rupiah. Delivery (quotas, take-up) is applied afterwards by
:mod:`openfisca_indonesia_sosial.delivery`; the rules never see quotas.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.simulation.build import build_from_population

MONTHS = tuple(range(1, 13))


def month_periods(year: int) -> list[str]:
    return [f"{year}-{month:02d}" for month in MONTHS]


@dataclass
class Entitlements:
    """Month-by-unit arrays (shape (12, n_units)) for one scenario."""

    year: int
    eligible: dict[str, np.ndarray] = field(default_factory=dict)
    amount: dict[str, np.ndarray] = field(default_factory=dict)
    components: dict[str, dict[str, np.ndarray]] = field(default_factory=dict)


def compute_entitlements(system, population) -> Entitlements:
    """Entitlements of every program, month by month, for a validated ``Population``."""
    simulation = build_from_population(system, population)
    year = population.year
    result = Entitlements(year=year)
    periods = month_periods(year)
    for program in PROGRAMS:
        if program.eligibility is not None:
            result.eligible[program.key] = np.stack(
                [simulation.calculate(program.eligibility, p) for p in periods]
            ).astype(bool)
        if program.components:
            parts = {
                name: np.stack([simulation.calculate(name, p) for p in periods]).astype(np.int64)
                for name, _ in program.components
            }
            result.components[program.key] = parts
            total = sum(parts.values())
            result.amount[program.key] = total
            result.eligible[program.key] = total > 0
        else:
            result.amount[program.key] = np.stack(
                [simulation.calculate(program.amount, p) for p in periods]
            ).astype(np.int64)
    return result
