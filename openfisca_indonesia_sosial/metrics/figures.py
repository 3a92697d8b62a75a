"""The national figures of a run from its merged partial sums: recipients, costs, poverty and
inequality per scenario, their 95 % intervals, and each reform's difference from the baseline.

Recipients (the contract's definitions, see docs/guides/uncertainty.md and
docs/guides/analyst.md):

- ``recipient_families`` / ``recipient_persons``: the average, over the program's payment
  months of the year (:mod:`.payment_months`), of the units paid more than Rp 0 that month;
- ``recipient_*_year``: the units paid more than Rp 0 at least once in the year;
- ``peak_month_recipient_*``: the units paid more than Rp 0 in the largest payment month.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np

from openfisca_indonesia_sosial.metrics.exact import to_float, to_rupiah
from openfisca_indonesia_sosial.metrics.payment_months import payment_months
from openfisca_indonesia_sosial.metrics.poverty import gini
from openfisca_indonesia_sosial.metrics.replicates import (
    COUNT_SCALE,
    MONEY_QUANTUM,
    gini_replicates,
    interval,
)
from openfisca_indonesia_sosial.metrics.tables import tables
from openfisca_indonesia_sosial.programs import PROGRAMS

#: Threads computing the scenarios' Gini coefficients.
GINI_THREADS = 2
#: Replicates per task of the replicate Gini coefficients (tasks run on GINI_THREADS).
_GINI_PART = 50
POVERTY_KEYS = (("headcount_rate", 0), ("poverty_gap_index", 1), ("poverty_severity_index", 2))


class Replicated:
    """Replicate estimates from merged replicate sums, ratio-adjusted per replicate to the
    sample's weighted families (nationally, or in a province)."""

    def __init__(self, partial):
        self.n = partial.n_replicates
        self.sums = partial.replicates
        if not self.n:
            return
        sums = partial.sums
        self.national = _scale(
            sums[("replicate_base", "families")], self.sums[("population", "families")]
        )
        prefix = ("replicate_base", "province")
        self.province = {
            key[2]: _scale(value, self.sums[("province_families", key[2])])
            for key, value in sums.items()
            if key[:2] == prefix
        }

    def raw(self, key) -> np.ndarray:
        return self.sums.get(key, np.zeros(self.n))

    def count(self, key, province=None) -> np.ndarray:
        """Replicate weighted counts (families or persons) of ``key``."""
        return self.raw(key) / COUNT_SCALE * self._factor(province)

    def money(self, key, province=None) -> np.ndarray:
        """Replicate rupiah of ``key``."""
        return self.raw(key) * MONEY_QUANTUM * self._factor(province)

    def _factor(self, province):
        return self.national if province is None else self.province[province]


def _scale(base: int, replicate: np.ndarray) -> np.ndarray:
    """Quantised weighted families over each replicate's (0 where a replicate has none: its
    sums are all 0 there)."""
    replicate = np.asarray(replicate, dtype=np.float64)
    out = np.zeros_like(replicate)
    np.divide(float(base), replicate, out=out, where=replicate > 0)
    return out


def count_key(program) -> str:
    return "recipient_persons" if program.unit == "individu" else "recipient_families"


def finalize(
    year: int,
    scenario_labels: dict[str, str],
    systems: dict,
    partial,
    welfare: dict[str, np.ndarray] | None,
    person_weights: np.ndarray | None,
    orders: dict[str, np.ndarray] | None = None,
    ginis: dict | None = None,
):
    """``(figures per scenario, tables, population)`` from merged partial sums; ``welfare``
    and ``person_weights`` cover the whole population in population order (for the Gini),
    as do ``partial.replicate_keys``; ``orders``: each scenario's
    ``np.argsort(welfare, kind="stable")`` when known. ``ginis``: instead of ``welfare``,
    each scenario's ``(Gini, replicate Ginis or None)`` computed elsewhere (a partitioned
    run sorts each scenario outside memory)."""
    sums = partial.sums
    rep = Replicated(partial)
    denominator = to_float(sums[("poverty_denominator",)])
    names = list(scenario_labels)
    if ginis is None:
        ginis = _ginis(names, welfare, person_weights, partial, rep.n, dict(orders or {}))
    figures, replicates = {}, {}
    for name in names:
        figures[name], replicates[name] = _scenario(
            year, name, systems[name], sums, rep, denominator, ginis[name]
        )
        figures[name]["label"] = scenario_labels[name]
    for name in names[1:]:
        figures[name]["difference"] = _difference(
            figures[names[0]], figures[name], replicates[names[0]], replicates[name]
        )
    population = {
        "families": to_float(sums[("population", "families")]),
        "persons": to_float(sums[("population", "persons")]),
        "sample_families": int(sums[("population", "sample_families")]),
        "sample_persons": int(sums[("population", "sample_persons")]),
    }
    return figures, tables(year, names, systems, sums, rep), population


def _scenario(year, name, system, sums, rep, denominator, ginis):
    """One scenario's figures and the replicate estimates behind them (path -> vector)."""
    programs, replicates = {}, {}
    for program in PROGRAMS:
        key, unit = program.key, count_key(program)
        months = payment_months(system, key, year)
        monthly = [sums.get(("recipients_month", name, key, m), 0) for m in range(12)]
        paying = [monthly[m - 1] for m in months]
        # the largest payment month (the first of equal ones), index 0-11
        peak = months[int(np.argmax(paying))] - 1 if any(paying) else None
        average = to_float(sum(paying)) / len(months) if months else 0.0
        figures = {
            unit: average,
            f"{unit}_year": to_float(sums[("recipients", name, key)]),
            f"peak_month_{unit}": to_float(monthly[peak]) if peak is not None else 0.0,
            "cost_idr": to_rupiah(sums[("cost", name, key)]),
            "payment_months": list(months),
        }
        if rep.n:
            vectors = {
                unit: rep.count(("recipients_avg", name, key)) / max(len(months), 1),
                f"{unit}_year": rep.count(("recipients", name, key)),
                f"peak_month_{unit}": rep.count(("recipients_month", name, key, peak)),
                "cost_idr": rep.money(("cost", name, key)),
            }
            for field, vector in vectors.items():
                figures[f"{field}_ci95"] = _ci(figures[field], vector, field == "cost_idr")
                replicates[("programs", key, field)] = vector
        programs[key] = figures
    poverty = {
        field: float(to_float(sums[("poverty", name, alpha)]) / denominator)
        for field, alpha in POVERTY_KEYS
    }
    poverty["gini"] = ginis[0]
    total = sum(p["cost_idr"] for p in programs.values())
    out = {"programs": programs, "poverty": poverty, "total_cost_idr": total}
    if rep.n:
        persons = rep.count(("population", "persons"))
        for field, alpha in POVERTY_KEYS:
            vector = _ratio(rep.count(("poverty", name, alpha)), persons)
            poverty[f"{field}_ci95"] = interval(poverty[field], vector, ceiling=1.0)
            replicates[("poverty", field)] = vector
        poverty["gini_ci95"] = interval(poverty["gini"], ginis[1], ceiling=1.0)
        replicates[("poverty", "gini")] = ginis[1]
        vector = sum(replicates[("programs", p.key, "cost_idr")] for p in PROGRAMS)
        out["total_cost_idr_ci95"] = _ci(total, vector, True)
        replicates[("total_cost_idr",)] = vector
    return out, replicates


def _ratio(numerator, denominator) -> np.ndarray:
    out = np.zeros_like(numerator, dtype=np.float64)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def _ci(point, vector, money: bool, floor: float | None = 0.0) -> list:
    """The interval of a figure; rupiah as whole rupiah."""
    low, high = interval(point, vector, floor)
    if money:
        return [round(low), round(high)]
    return [low, high]


def _difference(base: dict, reform: dict, base_reps: dict, reform_reps: dict) -> dict:
    """Reform minus baseline in the shape of ``programs``, ``poverty`` and the total cost,
    with paired intervals: both scenarios' replicates use the same draws per family."""

    def one(path, point, money):
        out = {}
        if path in base_reps:
            vector = reform_reps[path] - base_reps[path]
            out = {"ci95": _ci(point, vector, money, floor=None)}
        return out

    programs = {}
    for program in PROGRAMS:
        key = program.key
        figures = {}
        for field, value in reform["programs"][key].items():
            if field.endswith("_ci95") or field == "payment_months":
                continue
            point = value - base["programs"][key][field]
            figures[field] = point
            extra = one(("programs", key, field), point, field == "cost_idr")
            if extra:
                figures[f"{field}_ci95"] = extra["ci95"]
        programs[key] = figures
    poverty = {}
    for field in ("headcount_rate", "poverty_gap_index", "poverty_severity_index", "gini"):
        point = reform["poverty"][field] - base["poverty"][field]
        poverty[field] = point
        extra = one(("poverty", field), point, False)
        if extra:
            poverty[f"{field}_ci95"] = extra["ci95"]
    total = reform["total_cost_idr"] - base["total_cost_idr"]
    out = {"programs": programs, "poverty": poverty, "total_cost_idr": total}
    extra = one(("total_cost_idr",), total, True)
    if extra:
        out["total_cost_idr_ci95"] = extra["ci95"]
    return out


def _ginis(names, welfare, person_weights, partial, n_replicates, orders) -> dict:
    """``{scenario: (Gini, replicate Ginis or None)}`` from the welfare in memory."""

    def point_gini(name):
        if name not in orders:  # one sort per scenario serves the replicates too
            orders[name] = np.argsort(welfare[name], kind="stable")
        return gini(welfare[name], person_weights, orders[name])

    parts = [
        (start, min(n_replicates, start + _GINI_PART))
        for start in range(0, n_replicates, _GINI_PART)
    ]

    def replicate_ginis(task):
        name, (start, stop) = task
        return gini_replicates(
            welfare[name],
            person_weights,
            partial.replicate_keys,
            stop - start,
            orders[name],
            partial.drawn,
            first=start,
        )

    # the global sorts, then the replicates' running sums, side by side (numpy releases the
    # GIL): the costliest steps of a national merge
    with ThreadPoolExecutor(GINI_THREADS) as pool:
        points = dict(zip(names, pool.map(point_gini, names), strict=True))
        tasks = [(name, part) for name in names for part in parts]
        done = list(pool.map(replicate_ginis, tasks))
    ginis = {}
    for name in names:
        vectors = [v for (task_name, _), v in zip(tasks, done, strict=True) if task_name == name]
        ginis[name] = (points[name], np.concatenate(vectors) if vectors else None)
    return ginis
