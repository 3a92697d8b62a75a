"""The microsimulation's figures in the shapes the official figures are published in.

The ministry reports KPM per payment round, budgets for the year and realisations cumulated to
a cut-off month; :class:`SimulatedYear` reads the same measures off one baseline run (a
single-shot :class:`~openfisca_indonesia_sosial.microsim.Result`, which keeps its payments),
each with the definition used, so a comparison can state both sides.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from openfisca_indonesia_sosial.law.enums import KomponenPKH
from openfisca_indonesia_sosial.metrics.payment_months import SCHEDULES, payment_months
from openfisca_indonesia_sosial.microsim import BASELINE
from openfisca_indonesia_sosial.programs import BY_KEY

TOPUP = "bantuan_tambahan"
#: Programs the Ministry of Social Affairs pays out of its social-assistance budget (PBI-JK
#: contributions are a Ministry of Health line).
KEMENSOS_PROGRAMS = ("pkh", "sembako", TOPUP, "atensi")
MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass(frozen=True)
class Measured:
    value: float
    definition: str


class SimulatedYear:
    """Measures of the baseline scenario of one run, by program (or top-up component)."""

    def __init__(self, result, pkh_components: np.ndarray | None = None) -> None:
        """``pkh_components``: (12, persons) codes of each member's counted PKH component
        (``pkh_komponen``) under the baseline, for the counts by component; None when the
        run did not keep them."""
        scenario = result.scenarios[BASELINE]
        if scenario.delivered is None:
            raise ValueError("a comparison needs a single-shot run (payments kept in memory)")
        self.year = result.year
        self._system = scenario.system
        self.figures = scenario.figures
        self.totals = result.totals
        context = result.context
        self._family_weights = context.weights
        self._family_persons = context.weights * context.members
        self._person_weights = context.weights[context.person_family]
        self._person_family = context.person_family
        self._pkh_components = pkh_components
        self._paid = dict(scenario.delivered.paid)
        self._amount = dict(scenario.delivered.amount)
        self._split_topups(scenario.entitlements.components.get(TOPUP, {}))

    def _split_topups(self, components: dict[str, np.ndarray]) -> None:
        """Each top-up component's payments: a family paid the top-up in a month receives the
        components it is entitled to that month. The split must add up to the delivered
        top-up, which holds while no two components of different reach share a month."""
        paid = self._paid[TOPUP]
        total = np.zeros_like(self._amount[TOPUP])
        for name, amount in components.items():
            self._amount[name] = amount * paid
            self._paid[name] = paid & (amount > 0)
            total += self._amount[name]
        if not np.array_equal(total, self._amount[TOPUP]):
            raise ValueError("top-up components do not add up to the delivered top-up")

    def unit(self, program: str) -> str:
        return "persons" if BY_KEY.get(program) and BY_KEY[program].unit == "individu" else "KK"

    def _weights(self, program: str) -> np.ndarray:
        return self._person_weights if self.unit(program) == "persons" else self._family_weights

    def payment_months(self, program: str) -> list[int]:
        """Months (0-11) in which ``program`` pays: a program's from its rules (the
        microsimulation's own headline definition); a top-up component's from its payments."""
        if program in SCHEDULES:
            return [m - 1 for m in payment_months(self._system, program, self.year)]
        return [m for m in range(12) if self._amount[program][m].any()]

    def recipients(self, program: str) -> Measured:
        """Average over the payment months of the units paid more than Rp 0 that month: the
        ministry's KPM per payment round."""
        months = self.payment_months(program)
        weights = self._weights(program)
        counts = [float(weights[self._amount[program][m] > 0].sum()) for m in months]
        value = sum(counts) / len(counts) if counts else 0.0
        return Measured(
            value,
            f"{self.unit(program)} paid, average over the {len(months)} payment months",
        )

    def enrolled_in(self, program: str, month: int) -> Measured:
        """Units paid (or, between the rounds of a quarterly program, kept on the list) in one
        month."""
        weights = self._weights(program)
        value = float(weights[self._paid[program][month - 1]].sum())
        return Measured(value, f"{self.unit(program)} paid in {MONTH_NAMES[month - 1]}")

    def persons_in_families(self, program: str) -> Measured:
        months = self.payment_months(program)
        counts = [float(self._family_persons[self._amount[program][m] > 0].sum()) for m in months]
        value = sum(counts) / len(counts) if counts else 0.0
        return Measured(value, "members of the families paid, average over the payment months")

    def component_holders(self, component: str, month: int | None = None) -> Measured | None:
        """Members counted under one PKH component in the families paid PKH: in one month,
        or averaged over the payment months (the ministry counts jiwa per component)."""
        if self._pkh_components is None:
            return None
        code = KomponenPKH[component].index
        months = [month - 1] if month else self.payment_months("pkh")
        counts = []
        for m in months:
            paid = (self._amount["pkh"][m] > 0)[self._person_family]
            holds = paid & (self._pkh_components[m] == code)
            counts.append(float(self._person_weights[holds].sum()))
        when = f"in {MONTH_NAMES[month - 1]}" if month else "average over the payment months"
        return Measured(
            sum(counts) / len(counts),
            f"members counted as {component} in the families paid PKH, {when}",
        )

    def cost(self, program: str, through: int = 12) -> Measured:
        weights = self._weights(program)
        value = float(sum((self._amount[program][m] * weights).sum() for m in range(through)))
        if through == 12:
            return Measured(value, "transfers paid in the year (no administration or bank fees)")
        return Measured(value, f"transfers paid January to {MONTH_NAMES[through - 1]}")

    def kemensos_cost(self) -> Measured:
        value = sum(self.cost(program).value for program in KEMENSOS_PROGRAMS)
        return Measured(value, "PKH, Sembako, top-ups and ATENSI cash paid in the year")

    def poverty(self, measure: str) -> Measured:
        poverty = self.figures["poverty"]
        base = "March poverty lines, expenditure of the synthetic population"
        if measure == "poor_persons":
            value = poverty["headcount_rate"] * self.totals["persons"]
            return Measured(value, f"persons below the line ({base})")
        label = {
            "headcount_rate": "P0",
            "poverty_gap_index": "P1",
            "poverty_severity_index": "P2",
            "gini": "Gini of per-capita expenditure",
        }[measure]
        return Measured(float(poverty[measure]), f"{label} ({base})")


def run_year(year: int) -> SimulatedYear:
    """Run the baseline on the default population of ``year`` and read its measures."""
    from openfisca_indonesia_sosial.data import validate_tables
    from openfisca_indonesia_sosial.microsim import Microsimulation
    from openfisca_indonesia_sosial.synthetic import default_population

    individu, keluarga = default_population(year)
    population, _ = validate_tables(individu, keluarga, year=year, source="default population")
    result = Microsimulation(population).run()
    return SimulatedYear(result, pkh_components(result, population))


def pkh_components(result, population) -> np.ndarray:
    """Each member's counted PKH component, month by month, under the baseline's rules (a
    second OpenFisca build: the microsimulation keeps family amounts only)."""
    from openfisca_indonesia_sosial.simulation.build import build_from_population

    simulation = build_from_population(result.scenarios[BASELINE].system, population)
    return np.stack(
        [
            np.asarray(simulation.calculate("pkh_komponen", f"{result.year}-{m:02d}")).astype(
                np.int8
            )
            for m in range(1, 13)
        ]
    )
