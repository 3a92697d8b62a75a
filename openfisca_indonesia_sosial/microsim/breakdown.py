"""What each provision of a reform does: cost and poverty effect change by change.

A reform made of several changes (several parameters, or several dates of one parameter) is
decomposed by applying its provisions one after another, **in file order**: provision *k*'s
effect is (first *k* provisions) minus (first *k-1* provisions), the first measured against
the baseline. The effects therefore add up exactly to the whole reform's effect (a
telescoping sum), and each provision's effect is "given the ones above it": reordering the
file can move an interaction between provisions from one row to another, never change the
total. Within one parameter, a prefix of the file is applied in date order, so a prefix is
always a well-defined reform (see ``reform.files.apply_changes``).

    from openfisca_indonesia_sosial.microsim.breakdown import breakdown
    table = breakdown(population, "pkh_indeks_inflasi_2025")   # one row per provision
    table.attrs["total"]                                        # the whole reform's effect

A structural (Python) reform is one provision. ``by="parameter"`` groups the dated values of
one parameter into a single provision (in order of first appearance).
"""

from __future__ import annotations

import pandas as pd

from openfisca_indonesia_sosial.microsim.microsimulation import Microsimulation
from openfisca_indonesia_sosial.microsim.result import BASELINE
from openfisca_indonesia_sosial.reform.files import (
    LoadedReform,
    ReformError,
    load_reform,
    make_parametric_class,
)
from openfisca_indonesia_sosial.simulation.engine import month_periods
from openfisca_indonesia_sosial.system import baseline as default_baseline

POVERTY_KEYS = ("headcount_rate", "poverty_gap_index", "poverty_severity_index", "gini")


def scenario_figures(result) -> dict[str, dict]:
    """Each scenario's figures (programs, poverty, total cost) from a microsimulation Result,
    without building the result tables that ``Result.summary()`` adds."""
    return {name: scenario.figures for name, scenario in result.scenarios.items()}


def impact(scenarios: dict, scenario: str, base: str = BASELINE) -> dict:
    """A scenario's figures minus the baseline's (``scenarios``: name -> figures, as from
    ``scenario_figures``): per program the change in cost (exact rupiah) and recipients, the
    change in total cost and in poverty. A program present in one scenario only (declared by
    a structural reform) counts as 0 in the other."""
    reform, reference = scenarios[scenario], scenarios[base]
    programs = {}
    for key in {**reference["programs"], **reform["programs"]}:
        after = reform["programs"].get(key, {})
        before = reference["programs"].get(key, {})
        count = next(k for k in (*after, *before) if k.startswith("recipient_"))
        programs[key] = {
            "cost_change_idr": int(after.get("cost_idr", 0)) - int(before.get("cost_idr", 0)),
            f"{count}_change": float(after.get(count, 0)) - float(before.get(count, 0)),
        }
    return {
        "total_cost_change_idr": int(reform["total_cost_idr"]) - int(reference["total_cost_idr"]),
        "programs": programs,
        "poverty": {
            f"{key}_change": float(reform["poverty"][key]) - float(reference["poverty"][key])
            for key in POVERTY_KEYS
        },
    }


def zero_impact(scenarios: dict, base: str = BASELINE) -> dict:
    """The impact of a reform that changes nothing in the year (every figure exactly 0)."""
    return impact(scenarios, base, base)


def active_in_year(loaded: LoadedReform, base_system, year: int) -> bool:
    """Whether a reform can change anything in ``year``. A parametric reform whose changed
    parameters have the baseline's value on the first day of every month is inactive (its
    result is the baseline's, exactly); a structural reform is assumed active."""
    if loaded.kind != "parametric":
        return True
    for path in {path for path, _, _ in loaded.changes}:
        for period in month_periods(year):
            instant = f"{period}-01"
            if _value(loaded.system, path, instant) != _value(base_system, path, instant):
                return True
    return False


def _value(system, path: str, instant: str):
    node = system.parameters
    for part in path.split("."):
        node = node.children[part]
    for at in node.values_list:  # most recent first
        if at.instant_str <= instant:
            return at.value
    return None


def provisions(loaded: LoadedReform, by: str = "change") -> list[tuple[str, tuple]]:
    """(label, changes) of each provision, in file order."""
    if loaded.kind != "parametric":
        return [(f"{loaded.name} (structural, one provision)", ())]
    if by == "change":
        return [
            (f"{path} {date}: {value}", ((path, date, value),))
            for path, date, value in loaded.changes
        ]
    if by == "parameter":
        groups: dict[str, list] = {}
        for change in loaded.changes:
            groups.setdefault(change[0], []).append(change)
        return [
            (f"{path} " + ", ".join(f"{d}: {v}" for _, d, v in items), tuple(items))
            for path, items in groups.items()
        ]
    raise ValueError("by is 'change' or 'parameter'")


def prefix_reforms(
    loaded: LoadedReform, steps, base_system, prefix: str | None = None
) -> list[LoadedReform]:
    """The reform made of the first *k* provisions, for each *k* (the last is ``loaded``
    itself); step *k* is named ``f"{prefix}{k}"`` (default prefix: the reform's name and
    ``__``). A structural reform is one step."""
    prefix = f"{loaded.name}__" if prefix is None else prefix
    scenarios, cumulative = [], []
    for index, (_, changes) in enumerate(steps, start=1):
        cumulative.extend(changes)
        if loaded.kind != "parametric" or index == len(steps):
            scenarios.append(loaded if index == len(steps) else None)
            continue
        name = f"{prefix}{index}"
        reform_class = make_parametric_class(name, loaded.label, loaded.description, cumulative)
        scenarios.append(
            LoadedReform(
                name,
                loaded.label,
                loaded.description,
                tuple(cumulative),
                reform_class(base_system),
                loaded.source,
            )
        )
    return scenarios


def breakdown(
    population,
    reform_spec,
    *,
    base_system=None,
    full_entitlement: bool = False,
    by: str = "change",
) -> pd.DataFrame:
    """One row per provision (file order) with its cost and poverty effect.

    ``population`` is a validated data-layer Population (as for Microsimulation);
    ``reform_spec`` a reform name, file path or LoadedReform. Columns: ``step``,
    ``provision``, ``changes``, ``total_cost_change_idr``, ``cost_change_idr_<program>``,
    ``recipient_{families,persons}_change_<program>`` and ``<poverty measure>_change``. The
    whole reform's effect is in ``table.attrs["total"]`` (a dict of the same columns); each
    numeric column sums to it (exactly for rupiah).
    """
    base = base_system or default_baseline()
    loaded = (
        reform_spec if isinstance(reform_spec, LoadedReform) else load_reform(reform_spec, base)
    )
    steps = provisions(loaded, by)
    if not steps:
        raise ReformError(f"{loaded.source}: the reform has no provision", source=loaded.source)
    scenarios = prefix_reforms(loaded, steps, base)
    result = Microsimulation(
        population,
        reforms=scenarios,
        full_entitlement=full_entitlement,
        system=base,
        replicates=0,  # provision steps are point figures
    ).run()
    figures = scenario_figures(result)
    names = [BASELINE] + [s.name for s in scenarios]
    rows = []
    for index, (label, changes) in enumerate(steps, start=1):
        step = _flat(impact(figures, names[index], names[index - 1]))
        rows.append({"step": index, "provision": label, "changes": changes, **step})
    table = pd.DataFrame(rows)
    table.attrs["total"] = _flat(impact(figures, names[-1], BASELINE))
    table.attrs["reform"] = loaded.name
    table.attrs["order"] = "file order; each provision measured given the ones above it"
    return table


#: Provisions of one reform measured one by one in a web job; from the last on, the
#: parameters are measured together as one provision (each is a scenario of the population).
MAX_PROVISIONS = 6
#: How the per-provision blocks of :func:`provision_impacts` are defined.
CUMULATIVE_ORDER = (
    "cumulative, in the reform's order: provision k is (first k provisions) minus (first k-1), "
    "the first against the baseline; the provisions add up exactly to the whole reform, an "
    "interaction between two provisions is counted in the later one"
)


def parameter_provisions(loaded: LoadedReform, limit: int = MAX_PROVISIONS) -> list:
    """``provisions(loaded, by="parameter")``, at most ``limit``: the parameters from the
    ``limit``-th on form the last provision, so the provisions still add up to the whole."""
    steps = provisions(loaded, "parameter")
    if len(steps) <= max(limit, 1):
        return steps
    rest = steps[limit - 1 :]
    merged = tuple(change for _, changes in rest for change in changes)
    return [*steps[: limit - 1], (f"the other {len(rest)} parameters together", merged)]


def provision_impacts(
    population,
    reforms,
    *,
    base_system=None,
    full_entitlement: bool = False,
    limit: int = MAX_PROVISIONS,
    progress=None,
) -> dict[str, dict]:
    """Each reform's effect provision by provision (one provision per changed parameter,
    at most ``limit``), every reform's steps in one microsimulation of point figures.

    ``reforms``: LoadedReforms with distinct names. Returns ``{reform name: {"order",
    "provision_count", "provisions": [{"step", "label", "parameters": {path: {date:
    value}}, **impact}], "total": impact}}`` where an impact is :func:`impact`'s dict; the
    provisions' rupiah changes sum exactly to ``total`` (``CUMULATIVE_ORDER``).
    ``progress(name)`` is called as each scenario is delivered."""
    base = base_system or default_baseline()
    plans, scenarios = {}, []
    for number, loaded in enumerate(reforms):
        steps = parameter_provisions(loaded, limit)
        # ':' is in no reform name: the step scenarios cannot collide with a reform
        stepped = prefix_reforms(loaded, steps, base, prefix=f"provision:{number}:")
        plans[loaded.name] = (loaded, steps, stepped)
        scenarios.extend(stepped)
    result = Microsimulation(
        population,
        reforms=scenarios,
        full_entitlement=full_entitlement,
        system=base,
        replicates=0,  # provision steps are point figures
    ).run(progress=progress)
    figures = scenario_figures(result)
    blocks = {}
    for name, (loaded, steps, stepped) in plans.items():
        names = [BASELINE] + [s.name for s in stepped]
        rows = [
            {
                "step": index,
                "label": label,
                "parameters": _dated(changes),
                **impact(figures, names[index], names[index - 1]),
            }
            for index, (label, changes) in enumerate(steps, start=1)
        ]
        blocks[name] = {
            "order": CUMULATIVE_ORDER,
            "provision_count": len(provisions(loaded, "parameter")),
            "provisions": rows,
            "total": impact(figures, names[-1], BASELINE),
        }
    return blocks


def _dated(changes) -> dict[str, dict]:
    dated: dict[str, dict] = {}
    for path, date, value in changes:
        dated.setdefault(path, {})[str(date)] = value
    return dated


def _flat(figures: dict) -> dict:
    flat = {"total_cost_change_idr": figures["total_cost_change_idr"]}
    for key, program in figures["programs"].items():
        for measure, value in program.items():
            flat[f"{measure}_{key}"] = value
    flat.update(figures["poverty"])
    return flat


def reform_impacts(population, names, *, base_system=None, full_entitlement=False) -> dict:
    """Each scenario's figures and each reform's impact over a population, in one
    microsimulation: ``{"scenarios": {name: figures}, "impacts": {reform: impact}}``.

    Reforms inactive in the population's year (``active_in_year``) are not simulated: their
    impact is exactly zero. A structural reform's new program is counted under
    ``program_baru``. Used by the pinned-impact tests and
    tests/reforms/regenerate_pins.py.
    """
    base = base_system or default_baseline()
    loaded = {name: load_reform(name, base) for name in names}
    active = [r for r in loaded.values() if active_in_year(r, base, population.year)]
    result = Microsimulation(
        population,
        reforms=active,
        full_entitlement=full_entitlement,
        system=base,
        replicates=0,  # impacts are point figures
    ).run()
    scenarios = scenario_figures(result)
    impacts = {}
    for name, reform in loaded.items():
        is_active = reform in active
        figures = impact(scenarios, reform.name) if is_active else zero_impact(scenarios)
        impacts[name] = {"active": is_active, **figures}
    return {"scenarios": scenarios, "impacts": impacts}
