"""Every figure and table of a run as exact partial sums over a block of families.

A block (the whole population in a single-shot run, one partition in a partitioned run)
yields :class:`Partial`: exact scaled sums (:mod:`.exact`) keyed by what they measure, plus
each family's welfare for the Gini coefficient. Partials of disjoint blocks add exactly, so
:func:`finalize` gives the same numbers bit for bit however the population was split. The
Gini coefficient and the expenditure deciles need a global order: the caller passes the
deciles (computed on the whole population) in, and the welfare arrays of every block, in
population order, out to :func:`finalize`.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.metrics.aggregate import consumption_transfers, per_family
from openfisca_indonesia_sosial.metrics.exact import (
    Terms,
    exact_sum,
    rupiah_money,
    rupiah_sums,
    to_float,
    to_rupiah,
)
from openfisca_indonesia_sosial.metrics.poverty import gini
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.simulation.parameters import parameter_at

#: Registry band used to judge targeting when a program has no DTSEN band of its own.
TARGET_BAND_SOURCE = {"bantuan_tambahan": "sembako"}
#: Breakdown tables: (table name, label column).
GROUP_TABLES = (
    ("by_province", "provinsi"),
    ("by_registry_decile", "desil_dtsen"),
    ("by_expenditure_decile", "expenditure_decile"),
    ("by_area", "area"),
)
DECILES = tuple(range(1, 11))
#: Group label of families whose province or area the population does not give.
UNKNOWN = "tidak_diketahui"
#: The welfare measure of every poverty figure: a simulation needs this column.
EXPENDITURE = "pengeluaran_per_kapita"
#: Threads computing the scenarios' Gini coefficients.
GINI_THREADS = 2


@dataclass
class BlockFacts:
    """Scenario-independent facts of a block of families (family order of the block)."""

    weights: np.ndarray
    family_size: np.ndarray
    person_family: np.ndarray
    expenditure: np.ndarray  # pengeluaran_per_kapita
    lines: np.ndarray  # poverty line per family
    labels: dict[str, np.ndarray]  # provinsi, desil_dtsen, expenditure_decile, area
    percentile: np.ndarray  # person-weighted percentile group (1-100) of expenditure


def block_facts(keluarga: pd.DataFrame, context, lines, deciles, percentile) -> BlockFacts:
    """:class:`BlockFacts` of a block from its ``keluarga`` table and delivery context.

    ``provinsi``, ``perkotaan`` and ``desil_dtsen`` are optional columns: a population
    without them is grouped under :data:`UNKNOWN` (province, area) or as not in DTSEN (0)."""
    n = len(keluarga)
    registry = (
        keluarga["desil_dtsen"].to_numpy(np.int64)
        if "desil_dtsen" in keluarga
        else np.zeros(n, dtype=np.int64)
    )
    province = (
        keluarga["provinsi"].astype(str).to_numpy()
        if "provinsi" in keluarga
        else np.full(n, UNKNOWN, dtype=object)
    )
    area = (
        np.where(keluarga["perkotaan"].to_numpy(bool), "perkotaan", "perdesaan")
        if "perkotaan" in keluarga
        else np.full(n, UNKNOWN, dtype=object)
    )
    return BlockFacts(
        weights=context.weights,
        family_size=context.family_size,
        person_family=context.person_family,
        expenditure=keluarga[EXPENDITURE].to_numpy(np.float64),
        lines=np.asarray(lines, dtype=np.float64),
        labels={
            "provinsi": province,
            "desil_dtsen": registry,
            "expenditure_decile": np.asarray(deciles, dtype=np.int64),
            "area": area,
        },
        percentile=np.asarray(percentile, dtype=np.int64),
    )


@dataclass
class Partial:
    """Exact scaled sums keyed by tuples, and per-scenario welfare of the block's families."""

    sums: dict = field(default_factory=lambda: defaultdict(int))
    welfare: dict[str, np.ndarray] = field(default_factory=dict)
    person_weights: np.ndarray | None = None

    def add(self, other: Partial) -> None:
        for key, value in other.sums.items():
            self.sums[key] += value


def _codes(labels) -> tuple[np.ndarray, list]:
    codes, uniques = pd.factorize(labels, sort=False)
    return codes, [_plain(label) for label in uniques]


def _add(sums, prefix, labels, totals) -> None:
    for label, total in zip(labels, totals, strict=True):
        sums[(*prefix, label)] += total


def _plain(label):
    return label.item() if hasattr(label, "item") else label


def _fgt_values(welfare, line, alpha):
    shortfall = np.clip((line - welfare) / line, 0.0, None)
    return np.where(welfare < line, shortfall**alpha, 0.0)


@dataclass
class _Block:
    """What every scenario of a block shares: split weights (:class:`Terms`, split once for
    their many masked and grouped sums) and the breakdown codes."""

    facts: BlockFacts
    families: Terms  # family weights
    persons: Terms  # person-weighted families (weight x members)
    members: Terms  # each person's family weight
    member_weights: np.ndarray
    groups: dict[str, tuple[np.ndarray, list]]
    money_codes: dict[str, np.ndarray]  # codes of rupiah_money terms (whole, then fraction)


def block_partial(year: int, scenarios, facts: BlockFacts) -> Partial:
    """Partial sums of a block. ``scenarios``: ``(name, system, delivered, context)`` in run
    order, baseline first; ``delivered`` holds the block's month-by-unit payments."""
    partial = Partial()
    sums = partial.sums
    w = facts.weights
    size = np.maximum(facts.family_size, 1)
    person_weights = w * facts.family_size
    partial.person_weights = person_weights
    groups = {name: _codes(labels) for name, labels in facts.labels.items()}
    member_weights = w[facts.person_family]
    block = _Block(
        facts,
        Terms(w),
        Terms(person_weights),
        Terms(member_weights),
        member_weights,
        groups,
        {name: np.concatenate([codes, codes]) for name, (codes, _) in groups.items()},
    )
    persons = block.persons.total()
    sums[("population", "families")] += block.families.total()
    sums[("population", "persons")] += persons
    sums[("population", "sample_families")] += len(w)
    sums[("population", "sample_persons")] += len(facts.person_family)
    sums[("poverty_denominator",)] += persons
    codes, labels = groups["provinsi"]
    _add(sums, ("province_persons",), labels, block.persons.sums(codes, len(labels)))
    instant = f"{max(year, 2025)}-04-01"
    base = None
    for name, system, delivered, context in scenarios:
        # a reform's program whose payments are the baseline's very arrays (delivery reused
        # them) has the baseline's sums: copied, not summed again
        same = set()
        if base is not None:
            same = {
                p.key
                for p in PROGRAMS
                if delivered.paid[p.key] is base.delivered.paid[p.key]
                and delivered.amount[p.key] is base.delivered.amount[p.key]
            }
        yearly, amounts = {}, {}
        for program in PROGRAMS:
            key = program.key
            if key in same:
                yearly[key], amounts[key] = base.yearly[key], base.amounts[key]
            else:
                yearly[key] = delivered.amount[key].sum(axis=0, dtype=np.int64)
                amounts[key] = per_family(yearly[key], context, key)
        transfers = consumption_transfers(amounts)
        if base is None:
            base = _Scenario(name, system, delivered, yearly, amounts, transfers)
        change = transfers - base.transfers
        welfare = facts.expenditure + change / size / 12.0
        partial.welfare[name] = welfare
        _poverty(sums, name, welfare, person_weights, block)
        for program in PROGRAMS:
            key = program.key
            band = _band(system, program, instant)
            if key in same and band == _band(base.system, program, instant):
                for sum_key, value in base.programs[key].items():
                    sums[_renamed(sum_key, name)] += value
                continue
            local: dict = defaultdict(int)
            amount = (yearly[key], amounts[key])
            _program(local, name, program, delivered.paid[key], amount, block)
            if band is not None:
                target = facts.percentile <= int(band) * 10
                recipient = amounts[key] > 0
                masks = (recipient, target, recipient & ~target, target & ~recipient)
                totals, _ = block.families.each(np.stack(masks))
                labels = ("recipients", "targeted", "inclusion", "exclusion")
                _add(local, ("targeting", name, key), labels, totals)
            for sum_key, value in local.items():
                sums[sum_key] += value
            if name == base.name:
                base.programs[key] = local
        if name != base.name:
            _winners(sums, name, change, block)
    return partial


@dataclass
class _Scenario:
    """The baseline's figures of a block that a reform may share."""

    name: str
    system: object
    delivered: object
    yearly: dict
    amounts: dict
    transfers: np.ndarray
    programs: dict = field(default_factory=dict)  # program -> its sums (baseline's keys)


#: Position of the scenario name in the keys of a program's sums.
_NAME_AT = {
    "recipients": 1,
    "recipients_month": 1,
    "cost": 1,
    "targeting": 1,
    "group_recipients": 2,
    "group_cost": 2,
}


def _renamed(key: tuple, name: str) -> tuple:
    at = _NAME_AT[key[0]]
    return (*key[:at], name, *key[at + 1 :])


def _band(system, program, instant):
    """The registry band that judges a program's targeting (None: not judged)."""
    band_program = TARGET_BAND_SOURCE.get(program.key, program.key)
    return parameter_at(system, f"registri.desil_maksimum.{band_program}", instant)


def _poverty(sums, name, welfare, person_weights, block: _Block) -> None:
    # The headcount (alpha 0) adds the person weights of the poor families.
    poor_persons = block.persons.where(welfare < block.facts.lines)
    sums[("poverty", name, 0)] += poor_persons.total()
    for alpha in (1, 2):
        values = _fgt_values(welfare, block.facts.lines, alpha) * person_weights
        sums[("poverty", name, alpha)] += exact_sum(values)
    codes, labels = block.groups["provinsi"]
    totals = poor_persons.sums(codes, len(labels))
    _add(sums, ("province_poor", name), labels, totals)


def _program(sums, name, program, paid, amounts, block: _Block) -> None:
    """Recipients (yearly and by month), cost and the breakdowns of one program; ``paid``
    by month and unit, ``amounts`` the yearly amounts of its units and of the families."""
    facts, key = block.facts, program.key
    yearly, family_amount = amounts
    person = program.unit == "individu"
    # Month by month too: the quotas bind each month, while the yearly count is every unit
    # paid at least once (families replaced during the year count twice).
    by_month, recipients = (block.members if person else block.families).each(paid)
    sums[("recipients", name, key)] += recipients
    for month in np.flatnonzero(paid.any(axis=1)).tolist():
        sums[("recipients_month", name, key, month)] += by_month[month]
    paid_any = paid.any(axis=0)
    money = rupiah_money(family_amount, facts.weights)
    if person or not np.issubdtype(yearly.dtype, np.integer):
        unit_w = block.member_weights if person else facts.weights
        sums[("cost", name, key)] += rupiah_sums(yearly, unit_w)[0]
    else:  # the family amounts are the yearly amounts: the same terms
        sums[("cost", name, key)] += money.total()
    # Breakdowns by family attributes: person programs are first summed per family
    # (recipients counted, rupiah added), then weighted once per family.
    if person:
        members = np.bincount(facts.person_family, weights=paid_any, minlength=len(facts.weights))
        family_recipients = Terms(facts.weights * members)
    else:
        family_recipients = block.families.where(paid_any)
    for _, column in GROUP_TABLES:
        codes, labels = block.groups[column]
        totals = family_recipients.sums(codes, len(labels))
        _add(sums, ("group_recipients", column, name, key), labels, totals)
        totals = money.sums(block.money_codes[column], len(labels))
        _add(sums, ("group_cost", column, name, key), labels, totals)


def _winners(sums, name, change, block: _Block) -> None:
    codes, labels = block.groups["expenditure_decile"]
    # Every family gains, loses or stays the same: one grouped sum by (decile, kind), and
    # the decile's total is their exact sum.
    kind = np.where(change > 0, 0, np.where(change < 0, 1, 2))
    by_kind = block.families.sums(codes * 3 + kind, 3 * len(labels))
    for index, label in enumerate(labels):
        gain, loss, same = by_kind[3 * index : 3 * index + 3]
        sums[("winners", name, "gain", label)] += gain
        sums[("winners", name, "loss", label)] += loss
        sums[("winners", name, "same", label)] += same
        sums[("winners", name, "total", label)] += gain + loss + same
    totals = rupiah_sums(change, block.facts.weights, codes, len(labels))
    _add(sums, ("winners", name, "change"), labels, totals)


def _group_labels(sums, prefix) -> list:
    n = len(prefix)
    return sorted({key[n] for key in sums if key[:n] == prefix})


def finalize(
    year: int,
    scenario_labels: dict[str, str],
    systems: dict,
    partial: Partial,
    welfare: dict[str, np.ndarray],
    person_weights: np.ndarray,
    orders: dict[str, np.ndarray] | None = None,
):
    """``(figures per scenario, tables, population)`` from merged partial sums; ``welfare``
    and ``person_weights`` cover the whole population in population order (for the Gini);
    ``orders``: each scenario's ``np.argsort(welfare, kind="stable")`` when known."""
    sums = partial.sums
    denominator = to_float(sums[("poverty_denominator",)])
    names = list(scenario_labels)
    # one global sort per scenario, the costliest step of a national merge: side by side
    # (numpy releases the GIL while sorting)
    with ThreadPoolExecutor(max(1, min(len(names), GINI_THREADS))) as pool:
        orders = orders or {}
        values = pool.map(lambda name: gini(welfare[name], person_weights, orders.get(name)), names)
        ginis = dict(zip(names, values, strict=True))
    figures = {}
    for name in names:
        programs = {}
        for program in PROGRAMS:
            count_key = "recipient_persons" if program.unit == "individu" else "recipient_families"
            monthly = [
                to_float(sums[("recipients_month", name, program.key, month)])
                for month in range(12)
                if ("recipients_month", name, program.key, month) in sums
            ]
            programs[program.key] = {
                count_key: to_float(sums[("recipients", name, program.key)]),
                f"peak_month_{count_key}": max(monthly, default=0.0),
                "cost_idr": to_rupiah(sums[("cost", name, program.key)]),
            }
        poverty = {
            key: float(to_float(sums[("poverty", name, alpha)]) / denominator)
            for key, alpha in (
                ("headcount_rate", 0),
                ("poverty_gap_index", 1),
                ("poverty_severity_index", 2),
            )
        }
        poverty["gini"] = ginis[name]
        figures[name] = {"label": scenario_labels[name], "programs": programs, "poverty": poverty}
        figures[name]["total_cost_idr"] = sum(p["cost_idr"] for p in programs.values())
    population = {
        "families": to_float(sums[("population", "families")]),
        "persons": to_float(sums[("population", "persons")]),
        "sample_families": int(sums[("population", "sample_families")]),
        "sample_persons": int(sums[("population", "sample_persons")]),
    }
    return figures, _tables(year, names, systems, sums), population


def _tables(year, names, systems, sums) -> dict[str, pd.DataFrame]:
    tables = {}
    for table, column in GROUP_TABLES:
        rows = []
        for name in names:
            for program in PROGRAMS:
                prefix = ("group_recipients", column, name, program.key)
                for label in _group_labels(sums, prefix):
                    rows.append(
                        {
                            "scenario": name,
                            "program": program.key,
                            column: label,
                            "recipients": to_float(sums[(*prefix, label)]),
                            "cost_idr": to_rupiah(
                                sums[("group_cost", column, name, program.key, label)]
                            ),
                        }
                    )
        tables[table] = (
            pd.DataFrame(rows).sort_values(["scenario", "program", column]).reset_index(drop=True)
        )
    rows = []
    for name in names[1:]:
        for decile in DECILES:
            total = to_float(sums.get(("winners", name, "total", decile), 0))
            share = {
                kind: to_float(sums.get(("winners", name, kind, decile), 0)) / total
                if total
                else 0.0
                for kind in ("gain", "loss", "same")
            }
            change = to_rupiah(sums.get(("winners", name, "change", decile), 0))
            rows.append(
                {
                    "scenario": name,
                    "decile": decile,
                    "share_gaining": float(share["gain"]),
                    "share_losing": float(share["loss"]),
                    "share_unchanged": float(share["same"]),
                    "average_change_idr": change / total if total else 0.0,
                }
            )
    tables["winners_losers"] = pd.DataFrame(rows)
    rows = []
    instant = f"{max(year, 2025)}-04-01"
    for name in names:
        for program in PROGRAMS:
            key = ("targeting", name, program.key)
            band_program = TARGET_BAND_SOURCE.get(program.key, program.key)
            band = parameter_at(systems[name], f"registri.desil_maksimum.{band_program}", instant)
            if band is None:
                continue
            recipients = to_float(sums[(*key, "recipients")])
            targeted = to_float(sums[(*key, "targeted")])
            rows.append(
                {
                    "scenario": name,
                    "program": program.key,
                    "target_deciles": int(band),
                    "inclusion_error": float(to_float(sums[(*key, "inclusion")]) / recipients)
                    if recipients
                    else 0.0,
                    "exclusion_error": float(to_float(sums[(*key, "exclusion")]) / targeted)
                    if targeted
                    else 0.0,
                }
            )
    tables["targeting"] = pd.DataFrame(rows)
    rows = []
    for name in names:
        for label in _group_labels(sums, ("province_poor", name)):
            persons = to_float(sums[("province_persons", label)])
            rows.append(
                {
                    "scenario": name,
                    "provinsi": label,
                    "headcount_rate": float(
                        to_float(sums[("province_poor", name, label)]) / persons
                    )
                    if persons
                    else float("nan"),
                    "persons": persons,
                }
            )
    tables["poverty_by_province"] = (
        pd.DataFrame(rows).sort_values(["scenario", "provinsi"]).reset_index(drop=True)
    )
    return tables
