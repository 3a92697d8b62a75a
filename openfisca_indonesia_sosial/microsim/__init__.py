"""The microsimulation: baseline against reforms over a population, for one year.

    from openfisca_indonesia_sosial.microsim import Microsimulation

:mod:`.microsimulation` runs the scenarios (entitle, deliver under quotas and take-up,
measure); :mod:`.breakdown` splits a multi-parameter reform into its provisions.
"""

from openfisca_indonesia_sosial.microsim.microsimulation import (
    BASELINE,
    Microsimulation,
    Result,
    Scenario,
    build_scenarios,
    require_expenditure,
    require_families,
)

__all__ = [
    "BASELINE",
    "Microsimulation",
    "Result",
    "Scenario",
    "build_scenarios",
    "require_expenditure",
    "require_families",
]
