"""The microsimulation: baseline against reforms over a population, for one year.

    from openfisca_indonesia_sosial.microsim import Microsimulation

:mod:`.pipeline` holds the steps every run takes (entitle, deliver under quotas and take-up,
measure); :mod:`.microsimulation` runs them over the whole population at once, :mod:`.blocks`
over blocks of families with a global quota step between (distributed by
:mod:`openfisca_indonesia_sosial.scale`); :mod:`.result` is what both return;
:mod:`.breakdown` splits a multi-parameter reform into its provisions.
"""

from openfisca_indonesia_sosial.microsim.microsimulation import Microsimulation
from openfisca_indonesia_sosial.microsim.pipeline import (
    build_scenarios,
    require_expenditure,
    require_families,
)
from openfisca_indonesia_sosial.microsim.result import BASELINE, Result, Scenario

__all__ = [
    "BASELINE",
    "Microsimulation",
    "Result",
    "Scenario",
    "build_scenarios",
    "require_expenditure",
    "require_families",
]
