"""The microsimulation pipeline: entitle -> deliver under quotas and take-up -> measure.

One set of steps serves every run. A single-shot run (:class:`.Microsimulation`) is the
one-block case: the block is the whole population and each quota is filled over its own
registry order. A partitioned run (:mod:`.blocks`, distributed by
:mod:`openfisca_indonesia_sosial.scale`) entitles each block, finds every quota's cut-off on
the whole population (its global step), then delivers and measures each block with those
cut-offs. Both call :func:`deliver_scenarios` (each scenario, reusing the baseline's payments
where a reform leaves them unchanged), :func:`measure` (a block's exact partial sums) and
:func:`finish` (the figures of the summed partials), so both give identical results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery import Delivered, DeliveryContext, deliver
from openfisca_indonesia_sosial.delivery.quota import reusable_programs
from openfisca_indonesia_sosial.metrics.figures import finalize
from openfisca_indonesia_sosial.metrics.partial import (
    EXPENDITURE,
    Partial,
    block_facts,
    block_partial,
)
from openfisca_indonesia_sosial.metrics.poverty import poverty_lines
from openfisca_indonesia_sosial.metrics.replicates import DEFAULT_SEED, describe, family_keys
from openfisca_indonesia_sosial.microsim.result import BASELINE, Result, Scenario
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.reform.files import load_reform
from openfisca_indonesia_sosial.simulation.engine import Entitlements
from openfisca_indonesia_sosial.system import baseline

#: ``(name, label, system)`` of a run's scenarios, baseline first.
Named = list[tuple[str, str, object]]


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


_NAMED: dict = {}


def named_scenarios(reforms: tuple[str, ...]) -> Named:
    """``[(name, label, system)]`` of :func:`build_scenarios`, cached per process: a worker
    that runs many blocks builds the systems (parameters, variables) once."""
    if reforms not in _NAMED:
        built = build_scenarios(list(reforms))
        _NAMED[reforms] = [(s.name, s.label, s.system) for s in built.values()]
        # The systems live as long as the process: left out of the collector's scans,
        # freeing memory after each block costs little (and forked workers do not copy
        # their pages by touching them).
        import gc

        gc.collect()
        gc.freeze()
    return _NAMED[reforms]


def quota_programs():
    """The programs whose payments a national quota bounds (top-ups follow others)."""
    return [p for p in PROGRAMS if not p.components and p.quota is not None]


def deliver_scenarios(
    year: int,
    named: Named,
    entitlements: Iterable[Entitlements],
    context: DeliveryContext,
    full_entitlement: bool,
    select_for: Callable[[str], Callable | None] = lambda name: None,
    global_reuse: dict | None = None,
    progress=None,
) -> list[tuple[str, object, Delivered, DeliveryContext]]:
    """Payments of every scenario over one block, baseline first.

    A reform's program pays the baseline's very units (and its arrays are reused) when its
    eligibility, quota, take-up rate and the programs ahead of it are the baseline's
    (:func:`~openfisca_indonesia_sosial.delivery.quota.reusable_programs`).
    ``select_for(name)``: the quota selection of a scenario (None: fill each quota over the
    block's registry order, the single-shot case). ``global_reuse``: in a partitioned run,
    per reform, the quota programs whose cut-offs are the baseline's in every block (a
    quota program shares the baseline's payments only then, whatever this block says).
    """
    quota_keys = {p.key for p in quota_programs()}
    delivered = []
    base = None
    for (name, _label, system), scenario_entitlements in zip(named, entitlements, strict=True):
        reuse = None
        if base is not None:
            same = scenario_entitlements.same_eligibility
            if global_reuse is not None and not full_entitlement:
                same = (same - quota_keys) | (same & global_reuse.get(name, set()))
            reuse = (base[1], reusable_programs(year, base[0], system, same))
        result = deliver(
            system, scenario_entitlements, context, full_entitlement, select_for(name), reuse
        )
        base = base or (system, result)
        delivered.append((name, system, result, context))
        if progress is not None:
            progress(name)
    return delivered


def measure(
    year: int,
    delivered: list,
    keluarga: pd.DataFrame,
    context: DeliveryContext,
    deciles: np.ndarray,
    percentile: np.ndarray,
    replicates: int = 0,
    seed: int = DEFAULT_SEED,
) -> Partial:
    """Exact partial sums of every figure over one block (``deciles`` and ``percentile`` of
    expenditure are ranks on the whole population), and ``replicates`` replicate sums drawn
    with ``seed`` (0: no intervals)."""
    keys = None
    if replicates:
        keys = (family_keys(context.family_ids, seed), replicates)
    lines = poverty_lines(year, keluarga)
    facts = block_facts(keluarga, context, lines, deciles, percentile, keys)
    return block_partial(year, delivered, facts)


def finish(
    year: int,
    named: Named,
    partial: Partial,
    welfare: dict | None,
    person_weights: np.ndarray | None,
    full_entitlement: bool,
    orders: dict | None = None,
    scenarios: dict[str, Scenario] | None = None,
    seed: int = DEFAULT_SEED,
    ginis: dict | None = None,
    **kept,
) -> Result:
    """The result of the summed partials of every block. ``welfare``: each scenario's
    per-family welfare in population order, with ``person_weights``; or, in a partitioned
    run, ``ginis``: each scenario's ``(Gini, replicate Ginis)`` computed by a sort outside
    memory (:func:`openfisca_indonesia_sosial.scale.sorted_welfare.scenario_gini`), so that
    nothing here grows with the number of families. ``scenarios``: the run's own scenario objects (a
    single-shot run keeps its entitlements and payments there); ``kept``: further
    :class:`Result` fields; ``seed``: the replicate draws' seed."""
    figures, breakdowns, totals = finalize(
        year,
        {name: label for name, label, _ in named},
        {name: system for name, _, system in named},
        partial,
        welfare,
        person_weights,
        orders,
        ginis,
    )
    if scenarios is None:
        scenarios = {name: Scenario(name, label, system) for name, label, system in named}
    for name, scenario in scenarios.items():
        scenario.figures = figures[name]
    design = describe(partial.n_replicates, seed)
    return Result(
        year,
        totals,
        scenarios,
        full_entitlement,
        breakdowns=breakdowns,
        uncertainty=design,
        **kept,
    )
