"""A reform's partial sums copied from the baseline equal the sums computed afresh.

``block_partial`` copies the baseline's sums of every program whose payments a reform
shares (the very same arrays, reused by delivery). Here the same block is summed again with
the reform's arrays copied, so nothing is shared, and every sum must be equal, key by key.
"""

from __future__ import annotations

import copy

import numpy as np
import pytest

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.metrics.partial import block_facts, block_partial
from openfisca_indonesia_sosial.metrics.poverty import weighted_quantile_groups
from openfisca_indonesia_sosial.microsim import Microsimulation
from openfisca_indonesia_sosial.synthetic.io import generate


@pytest.mark.parametrize(("year", "reform"), [(2025, "sembako_300rb"), (2025, "pbi_jk_desil_6")])
def test_copied_sums_equal_fresh_sums(year, reform):
    individu, keluarga = generate(year, 1000, seed=3)
    population, _ = validate_tables(individu, keluarga, year=year)
    result = Microsimulation(population, reforms=[reform]).run()
    base, changed = result.scenarios.values()
    shared = [
        key
        for key in changed.delivered.paid
        if changed.delivered.paid[key] is base.delivered.paid[key]
    ]
    assert shared, "the reform should share some programs with the baseline"
    fresh = copy.deepcopy(changed.delivered)  # same values, no shared arrays
    context = result.context
    expenditure = result.keluarga["pengeluaran_per_kapita"].to_numpy(np.float64)
    person_weights = context.weights * context.family_size
    facts = block_facts(
        result.keluarga,
        context,
        result.lines,
        weighted_quantile_groups(expenditure, person_weights, 10),
        weighted_quantile_groups(expenditure, person_weights, 100),
    )

    def sums(delivered):
        scenarios = [
            (base.name, base.system, base.delivered, context),
            (changed.name, changed.system, delivered, context),
        ]
        return dict(block_partial(year, scenarios, facts).sums)

    reused, computed = sums(changed.delivered), sums(fresh)
    assert reused.keys() == computed.keys()
    assert reused == computed
