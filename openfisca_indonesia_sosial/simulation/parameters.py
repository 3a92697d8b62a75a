"""Reading the parameter tree: one dotted path at an instant, and the BPS poverty lines.

Every stage that reads a parameter outside a formula comes here: delivery (quotas, take-up
rates), the figures (poverty lines, DTSEN decile bands), the command line's year range and the
population generator's calibration. The poverty lines are read by OpenFisca's own parameter
loader from the package's ``kemiskinan/garis_kemiskinan`` folder, the very files the baseline
system loads, without building the whole system (the population generator does not need it).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from openfisca_core.errors import ParameterNotFoundError

from openfisca_indonesia_sosial.paths import PARAMETERS_DIR

#: The dotted path of the BPS poverty lines (per person per month, rupiah).
POVERTY_LINES = "kemiskinan.garis_kemiskinan"
#: Their folder, hashed into the default population's cache key.
POVERTY_LINES_DIR = PARAMETERS_DIR.joinpath(*POVERTY_LINES.split("."))
#: Poverty is measured with the lines of March of the simulated year (the Susenas round).
POVERTY_LINE_DAY = "03-01"


def parameter_at(system, path: str | None, instant: str):
    """The value of a dotted parameter path at an instant, or None where it has no value."""
    if path is None:
        return None
    node = system.parameters
    try:
        for part in path.split("."):
            node = node.children[part] if hasattr(node, "children") else node[part]
        return node(instant)
    except (KeyError, ParameterNotFoundError):
        return None


@dataclass(frozen=True)
class PovertyLines:
    """The BPS March lines of one year, rupiah per person per month."""

    nasional: float
    perkotaan: float
    perdesaan: float


@lru_cache(maxsize=1)
def _poverty_lines_node():
    from openfisca_core.parameters import ParameterNode

    return ParameterNode(POVERTY_LINES, directory_path=str(POVERTY_LINES_DIR))


def poverty_lines(year: int) -> PovertyLines | None:
    """The lines in force on 1 March of ``year``, or None when one of them has no value then."""
    node = _poverty_lines_node()
    instant = f"{year}-{POVERTY_LINE_DAY}"
    values = []
    for name in ("nasional", "perkotaan", "perdesaan"):
        try:
            value = node.children[name](instant)
        except (KeyError, ParameterNotFoundError):
            return None
        if value is None:
            return None
        values.append(float(value))
    return PovertyLines(*values)


def first_poverty_line_year() -> int:
    """The first year whose March lines are all in force."""
    starts = [
        min(value.instant_str for value in child.values_list)
        for child in _poverty_lines_node().children.values()
        if getattr(child, "values_list", None)
    ]
    first = max(starts)
    year = int(first[:4])
    return year if first[5:] <= POVERTY_LINE_DAY else year + 1
