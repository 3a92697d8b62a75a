"""The years a command line run can simulate, and the one-line message for any other year.

Three ranges, each read from where it is decided rather than written twice:

- **the rules' range** (:func:`rules_years`): the periods the calculator answers for, the same
  range as the Web API (``situations.periods.supported``: from the first year every program with a
  national quota has rules, to a short horizon after the last dated rule value). ``bansos
  batch`` (one month) and ``bansos validate`` accept these years;
- **simulations of a given population** (:func:`simulation_years`): the rules' range, from
  the first year whose March BPS poverty line is in the parameters (the poverty figures read
  ``kemiskinan.garis_kemiskinan`` of March of the simulated year);
- **the default population** (:data:`DEFAULT_POPULATION_YEARS`): the years its calibration
  targets cover (``population.targets.YEARS``); ``bansos population generate`` and ``bansos
  simulate`` without ``--population`` accept these years only.

:data:`HELP_RULES_YEARS` and :data:`HELP_SIMULATION_YEARS` are what ``--help`` prints of the
two law-derived ranges (building the law to print a help text would slow every command); a
test checks them against :func:`rules_years` and :func:`simulation_years`.
"""

from __future__ import annotations

from functools import lru_cache

from openfisca_indonesia_sosial.synthetic.targets import YEARS as _TARGET_YEARS

#: Years the default (synthetic) population is calibrated for.
DEFAULT_POPULATION_YEARS = (_TARGET_YEARS[0], _TARGET_YEARS[-1])
#: The rules' range as ``--help`` states it (checked against the law by a test).
HELP_RULES_YEARS = (2017, 2030)
#: The range of a simulation of a given population as ``--help`` states it (idem).
HELP_SIMULATION_YEARS = (2018, 2030)


@lru_cache(maxsize=1)
def rules_years() -> tuple[int, int]:
    """First and last year of the periods the rules answer for (the Web API's range)."""
    from openfisca_indonesia_sosial.situations.periods import supported

    bounds = supported()
    return bounds.first_year, bounds.last_year


def simulation_years(default_population: bool = False) -> tuple[int, int]:
    """First and last year ``bansos simulate`` accepts (with or without ``--population``)."""
    from openfisca_indonesia_sosial.simulation.parameters import first_poverty_line_year

    first, last = rules_years()
    first = max(first, first_poverty_line_year())
    if default_population:
        first = max(first, DEFAULT_POPULATION_YEARS[0])
        last = min(last, DEFAULT_POPULATION_YEARS[1])
    return first, last


def year_problem(year: int, bounds: tuple[int, int], what: str) -> str | None:
    """None when ``bounds[0] <= year <= bounds[1]``, else the one-line message naming them."""
    first, last = bounds
    if first <= year <= last:
        return None
    return (
        f"--year {year}: di luar rentang {first}-{last} / outside the supported range "
        f"{first}-{last} ({what})"
    )
