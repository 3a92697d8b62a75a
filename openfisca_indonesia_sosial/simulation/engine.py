"""Compute every program for every month of a year over a population.

The result holds, per program, month-by-unit arrays of entitlement (eligibility) and
amount in rupiah. Delivery (quotas, take-up) is applied afterwards by
:mod:`openfisca_indonesia_sosial.delivery`; the rules never see quotas.

Several scenarios over one population are computed together: the baseline first, then each
reform only for what it can change (:mod:`openfisca_indonesia_sosial.simulation.reuse`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.simulation import reuse
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
    #: Programs whose arrays are the baseline's own (the reform cannot change them).
    shared: frozenset[str] = frozenset()
    #: Programs whose eligibility array is the baseline's (a superset of ``shared``).
    same_eligibility: frozenset[str] = frozenset()


def program_variables(program) -> list[str]:
    """The variables whose values make up a program's entitlements."""
    names = [program.eligibility, *(name for name, _ in program.components)]
    if not program.components:
        names.append(program.amount)
    return [name for name in names if name is not None]


def compute_entitlements(system, population) -> Entitlements:
    """Entitlements of every program, month by month, for a validated ``Population``."""
    return compute_scenarios([system], population)[0]


def compute_scenarios(systems, population, reuse_baseline: bool = True) -> list[Entitlements]:
    """Entitlements of each system (the first is the baseline) over one population.

    With ``reuse_baseline``, each reform's simulation starts from the baseline's arrays of
    every variable the reform cannot change, and the programs it cannot change share the
    baseline's arrays (listed in ``Entitlements.shared``; ``same_eligibility`` lists those
    whose eligibility array is the baseline's)."""
    base_system, *reform_systems = systems
    simulation = build_from_population(base_system, population)
    recording = reuse_baseline and bool(reform_systems)
    recorder = reuse.record_dependencies(simulation) if recording else None
    base = _collect(simulation, population.year)
    results = [base]
    if recording:
        reuse.stop_recording(simulation)
    inputs = {name for table in population.variables.values() for name in table}
    for system in reform_systems:
        derived, shared, same = None, frozenset(), frozenset()
        if recording:
            affected = reuse.affected_variables(recorder, base_system, system)
            derived = reuse.derive(simulation, system, affected, inputs)
            known = [p for p in PROGRAMS if p.key in base.amount]
            shared = frozenset(
                p.key for p in known if not affected.intersection(program_variables(p))
            )
            same = shared | frozenset(
                p.key
                for p in known
                if not p.components and p.eligibility and p.eligibility not in affected
            )
        if derived is None:
            derived = build_from_population(system, population)
            shared, same = frozenset(), frozenset()
        results.append(_collect(derived, population.year, base, shared, same))
    return results


def _collect(simulation, year: int, base=None, shared=frozenset(), same=frozenset()):
    result = Entitlements(year=year, shared=shared, same_eligibility=same)
    periods = month_periods(year)

    def stack(name, dtype):
        out = np.empty((len(periods), simulation.get_variable_population(name).count), dtype)
        for index, period in enumerate(periods):
            out[index] = simulation.calculate(name, period)
        return out

    for program in PROGRAMS:
        if program.key in shared:
            result.eligible[program.key] = base.eligible[program.key]
            result.amount[program.key] = base.amount[program.key]
            if program.key in base.components:
                result.components[program.key] = base.components[program.key]
            continue
        if program.key in same:
            result.eligible[program.key] = base.eligible[program.key]
        elif program.eligibility is not None:
            result.eligible[program.key] = stack(program.eligibility, bool)
        if program.components:
            parts = {name: stack(name, np.int64) for name, _ in program.components}
            result.components[program.key] = parts
            total = sum(parts.values())
            result.amount[program.key] = total
            result.eligible[program.key] = total > 0
        else:
            result.amount[program.key] = stack(program.amount, np.int64)
    return result
