"""The single-shot microsimulation: baseline against reforms over a population, for one year.

    from openfisca_indonesia_sosial.data import load_population
    from openfisca_indonesia_sosial.microsim import Microsimulation

    population, report = load_population("out/pop", year=2025)
    result = Microsimulation(population, reforms=["sembako_300rb"]).run()
    result.summary()            # the contract's JSON shape, as a dict
    result.programs_table()     # pandas DataFrame

The whole population is one block of the pipeline (:mod:`.pipeline`): entitlement per month
(OpenFisca, vectorised build) -> delivery (quotas, take-up) -> metrics (64-bit sums). The
baseline's per-capita expenditure is the observed welfare; a reform's welfare adds the change
in each family's consumption transfers. A population too large for one block in memory runs
partitioned (``bansos simulate`` does so by itself; see :mod:`openfisca_indonesia_sosial.scale`).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery import DeliveryContext
from openfisca_indonesia_sosial.metrics.partial import EXPENDITURE
from openfisca_indonesia_sosial.metrics.poverty import poverty_lines, weighted_quantile_groups
from openfisca_indonesia_sosial.metrics.replicates import DEFAULT_REPLICATES, DEFAULT_SEED
from openfisca_indonesia_sosial.microsim.pipeline import (
    build_scenarios,
    deliver_scenarios,
    finish,
    measure,
    require_expenditure,
    require_families,
)
from openfisca_indonesia_sosial.microsim.result import Result
from openfisca_indonesia_sosial.simulation.engine import compute_scenarios


class Microsimulation:
    def __init__(
        self,
        population,
        reforms=(),
        full_entitlement: bool = False,
        system=None,
        replicates: int = DEFAULT_REPLICATES,
        replicate_seed: int = DEFAULT_SEED,
    ):
        """``population`` is a validated :class:`openfisca_indonesia_sosial.data.Population`;
        ``replicates``: replicate weights for the 95 % intervals (0: no intervals), drawn
        with ``replicate_seed`` (docs/guides/uncertainty.md)."""
        if int(replicates) < 0 or int(replicates) == 1:
            raise ValueError("replicates must be 0 (no intervals) or at least 2")
        self.replicates = int(replicates)
        self.replicate_seed = int(replicate_seed)
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
        """Entitlements, delivery and every figure, the population taken as one block of the
        pipeline (:mod:`.pipeline`): each quota is filled over its own registry order. The
        figures come from exact partial sums, the code a partitioned run
        (:mod:`openfisca_indonesia_sosial.scale`) merges, so both give identical results."""
        context = DeliveryContext.from_population(self.population)
        named = [(s.name, s.label, s.system) for s in self.scenarios.values()]
        computed = compute_scenarios([system for _, _, system in named], self.population)
        delivered = deliver_scenarios(
            self.year, named, computed, context, self.full_entitlement, progress=progress
        )
        for scenario, entitlements, (_, _, paid, _) in zip(
            self.scenarios.values(), computed, delivered, strict=True
        ):
            scenario.entitlements, scenario.delivered = entitlements, paid
        expenditure = self.keluarga[EXPENDITURE].to_numpy(np.float64)
        person_weights = context.weights * context.members
        partial = measure(
            self.year,
            delivered,
            self.keluarga,
            context,
            weighted_quantile_groups(expenditure, person_weights, 10),
            weighted_quantile_groups(expenditure, person_weights, 100),
            self.replicates,
            self.replicate_seed,
        )
        return finish(
            self.year,
            named,
            partial,
            partial.welfare,
            partial.person_weights,
            self.full_entitlement,
            scenarios=self.scenarios,
            keluarga=self.keluarga,
            context=context,
            lines=self.poverty_lines(),
            seed=self.replicate_seed,
        )
