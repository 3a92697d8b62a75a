"""Every figure and table of a run as exact partial sums over a block of families.

A block (the whole population in a single-shot run, one partition in a partitioned run)
yields :class:`Partial`: exact scaled sums (:mod:`.exact`) keyed by what they measure, the
block's replicate sums (:mod:`.replicates`, one vector per key), and each family's welfare
for the Gini coefficient. Partials of disjoint blocks add exactly, so
:func:`~openfisca_indonesia_sosial.metrics.figures.finalize` gives the same numbers bit for
bit however the population was split. The Gini coefficient and the expenditure deciles need
a global order: the caller passes the deciles (computed on the whole population) in, and the
welfare arrays of every block, in population order, out to ``finalize``.

A unit counts as paid in a month when it is paid more than Rp 0 that month; the sums keep,
per program, the units paid in each month, the units paid at least once in the year, and per
family the number of the program's payment months (:mod:`.payment_months`) in which it was
paid, so that the headline (the average over the payment months) is exact in every table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.metrics.aggregate import consumption_transfers, per_family
from openfisca_indonesia_sosial.metrics.exact import (
    Terms,
    exact_sum,
    rupiah_money,
    rupiah_sums,
)
from openfisca_indonesia_sosial.metrics.payment_months import payment_months
from openfisca_indonesia_sosial.metrics.replicates import (
    ReplicateSums,
    count_values,
    money_values,
    multipliers,
)
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
#: The breakdowns' label columns in pairs, each pair's replicate sums made in one pass.
REPLICATE_PAIRS = (("provinsi", "area"), ("desil_dtsen", "expenditure_decile"))
#: Group label of families whose province or area the population does not give.
UNKNOWN = "tidak_diketahui"
#: The welfare measure of every poverty figure: a simulation needs this column.
EXPENDITURE = "pengeluaran_per_kapita"


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
    replicate_keys: np.ndarray | None = None  # per family (:func:`.replicates.family_keys`)
    replicates: int = 0


def block_facts(
    keluarga: pd.DataFrame, context, lines, deciles, percentile, replicate_keys=None
) -> BlockFacts:
    """:class:`BlockFacts` of a block from its ``keluarga`` table and delivery context.

    ``provinsi``, ``perkotaan`` and ``desil_dtsen`` are optional columns: a population
    without them is grouped under :data:`UNKNOWN` (province, area) or as not in DTSEN (0).
    ``replicate_keys``: ``(keys, replicates)`` for the intervals, None for none."""
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
    keys, replicates = replicate_keys if replicate_keys is not None else (None, 0)
    return BlockFacts(
        weights=context.weights,
        family_size=context.members,
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
        replicate_keys=keys,
        replicates=int(replicates) if keys is not None else 0,
    )


@dataclass
class Partial:
    """Exact scaled sums keyed by tuples, replicate sums (a vector per key), and per-scenario
    welfare and replicate keys of the block's families."""

    sums: dict = field(default_factory=lambda: defaultdict(int))
    welfare: dict[str, np.ndarray] = field(default_factory=dict)
    person_weights: np.ndarray | None = None
    replicates: dict = field(default_factory=dict)
    replicate_keys: np.ndarray | None = None
    n_replicates: int = 0
    #: The block's multipliers (replicates x families), kept for a single-shot run's Gini;
    #: a partitioned merge draws them again from the keys (the same draws).
    drawn: np.ndarray | None = field(default=None, repr=False)

    def add(self, other: Partial) -> None:
        for key, value in other.sums.items():
            self.sums[key] += value
        self.n_replicates = self.n_replicates or other.n_replicates
        for key, value in other.replicates.items():
            if key in self.replicates:
                self.replicates[key] = self.replicates[key] + value
            else:
                self.replicates[key] = value


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


def weighted_counts(terms: Terms, counts, codes=None, n_labels: int = 1) -> list[int]:
    """Exact scaled sums of weight x count per label (``counts``: small non-negative integers
    per unit of ``terms``): the weights are summed by (label, count) and each sum is
    multiplied by its count as a Python integer, so no product is rounded."""
    counts = np.asarray(counts, dtype=np.int64)
    top = int(counts.max(initial=0))
    if top == 0:
        return [0] * n_labels
    slots = counts if codes is None else np.asarray(codes, dtype=np.int64) * (top + 1) + counts
    by_slot = terms.where(counts > 0).sums(slots, n_labels * (top + 1))
    return [sum(k * by_slot[g * (top + 1) + k] for k in range(1, top + 1)) for g in range(n_labels)]


@dataclass
class _Block:
    """What every scenario of a block shares: split weights (:class:`Terms`, split once for
    their many masked and grouped sums), the breakdown codes and the replicate sums."""

    facts: BlockFacts
    families: Terms  # family weights
    persons: Terms  # person-weighted families (weight x members)
    members: Terms  # each person's family weight
    member_weights: np.ndarray
    groups: dict[str, tuple[np.ndarray, list]]
    money_codes: dict[str, np.ndarray]  # codes of rupiah_money terms (whole, then fraction)
    replicate: ReplicateSums | None = None


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
    for _, column in GROUP_TABLES:
        codes, labels = groups[column]
        counts = np.bincount(codes, minlength=len(labels)).tolist()
        _add(sums, ("group_sample", column), labels, counts)
    if facts.replicates:
        _replicate_bases(partial, block, person_weights)
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
            months = payment_months(system, key, year)
            if (
                key in same
                and band == _band(base.system, program, instant)
                and months == payment_months(base.system, key, year)
            ):
                local, columns = base.programs[key]
                for sum_key, value in local.items():
                    sums[_renamed(sum_key, name)] += value
                if block.replicate is not None:
                    for rep_key, _, grouping, _ in columns:
                        if isinstance(grouping, tuple):  # a pair of prefixes
                            renamed = tuple(_renamed(k, name) for k in rep_key)
                        else:
                            renamed = _renamed(rep_key, name)
                        block.replicate.alias(renamed, rep_key, grouping)
                continue
            local: dict = defaultdict(int)
            columns: list = []
            amount = (delivered.amount[key], yearly[key], amounts[key])
            _program(local, columns, name, program, amount, months, band, block)
            for sum_key, value in local.items():
                sums[sum_key] += value
            if block.replicate is not None:
                for rep_key, values, grouping, support in columns:
                    block.replicate.add(rep_key, values, grouping, support)
            if name == base.name:
                base.programs[key] = (local, [(k, None, g, None) for k, _, g, _ in columns])
        if name != base.name:
            _winners(sums, name, change, block)
    if block.replicate is not None:
        partial.replicates = block.replicate.finish()
    return partial


def _replicate_bases(partial: Partial, block: _Block, person_weights) -> None:
    """The replicate multipliers of the block's families, and the quantised weighted families
    and persons (nationally and per province) that ratio-adjust each replicate."""
    facts, sums = block.facts, partial.sums
    partial.replicate_keys = facts.replicate_keys
    partial.n_replicates = facts.replicates
    rep = ReplicateSums(multipliers(facts.replicate_keys, facts.replicates), block.groups)
    block.replicate = rep
    partial.drawn = rep.r8
    families = count_values(facts.weights)
    persons = count_values(person_weights)
    rep.add(("population", "families"), families)
    rep.add(("population", "persons"), persons)
    rep.add(("province_families",), families, "provinsi")
    rep.add(("province_persons",), persons, "provinsi")
    # integers below 2**53 held in float64: their float sums are exact
    sums[("replicate_base", "families")] += int(families.sum())
    codes, labels = block.groups["provinsi"]
    totals = np.bincount(codes, weights=families, minlength=len(labels))
    _add(sums, ("replicate_base", "province"), labels, [int(t) for t in totals])


@dataclass
class _Scenario:
    """The baseline's figures of a block that a reform may share."""

    name: str
    system: object
    delivered: object
    yearly: dict
    amounts: dict
    transfers: np.ndarray
    programs: dict = field(default_factory=dict)  # program -> (sums, replicate columns)


#: Position of the scenario name in the keys of a program's sums.
_NAME_AT = {
    "recipients": 1,
    "recipients_avg": 1,
    "recipients_month": 1,
    "cost": 1,
    "targeting": 1,
    "group_recipients": 2,
    "group_recipients_avg": 2,
    "group_cost": 2,
    "group_sample_recipients": 2,
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
    poor = welfare < block.facts.lines
    poor_persons = block.persons.where(poor)
    sums[("poverty", name, 0)] += poor_persons.total()
    rep = block.replicate
    if rep is not None:
        rep.add(("poverty", name, 0), count_values(person_weights * poor))
    for alpha in (1, 2):
        values = _fgt_values(welfare, block.facts.lines, alpha) * person_weights
        sums[("poverty", name, alpha)] += exact_sum(values)
        if rep is not None:
            rep.add(("poverty", name, alpha), count_values(values))
    codes, labels = block.groups["provinsi"]
    totals = poor_persons.sums(codes, len(labels))
    _add(sums, ("province_poor", name), labels, totals)
    if rep is not None:
        rep.add(("province_poor", name), count_values(person_weights * poor), "provinsi")


def _program(local, columns, name, program, amount, months, band, block: _Block) -> None:
    """Recipients (by month, in the year, over the payment months ``months``), cost,
    breakdowns and targeting of one program; ``amount``: the month-by-unit paid amounts,
    the yearly amounts of its units and of the families. ``columns`` receives the replicate
    columns ``(key, values, grouping, support)``."""
    facts, key = block.facts, program.key
    monthly, yearly, family_amount = amount
    person = program.unit == "individu"
    n_families = len(facts.weights)
    w = facts.weights
    # Paid means paid more than Rp 0 in the month: a family admitted under the quota in a
    # month without a PKH tahap is not paid that month.
    positive = monthly > 0
    by_month, recipients = (block.members if person else block.families).each(positive)
    local[("recipients", name, key)] += recipients
    active = np.flatnonzero(positive.any(axis=1)).tolist()
    for month in active:
        local[("recipients_month", name, key, month)] += by_month[month]
    rows = [m - 1 for m in months]
    if person:  # per family: members paid in each month, in the year
        family_month = {
            m: np.bincount(facts.person_family, weights=positive[m], minlength=n_families).astype(
                np.int64
            )
            for m in active
        }
        year_count = np.bincount(
            facts.person_family, weights=positive.any(axis=0), minlength=n_families
        ).astype(np.int64)
    else:
        family_month = {m: positive[m].astype(np.int64) for m in active}
        year_count = positive.any(axis=0).astype(np.int64)
    zero = np.zeros(n_families, dtype=np.int64)
    # units-times-payment-months per family: its sum over the payment months' count
    paid_months = sum((family_month.get(m, zero) for m in rows), zero)
    # payment months in which the family had any unit paid (targeting judges families)
    family_months = sum(((family_month.get(m, zero) > 0).astype(np.int64) for m in rows), zero)
    money = rupiah_money(family_amount, w)
    if person or not np.issubdtype(yearly.dtype, np.integer):
        unit_w = block.member_weights if person else w
        local[("cost", name, key)] += rupiah_sums(yearly, unit_w)[0]
    else:  # the family amounts are the yearly amounts: the same terms
        local[("cost", name, key)] += money.total()
    for _, column in GROUP_TABLES:
        codes, labels = block.groups[column]
        n = len(labels)
        _add(
            local,
            ("group_recipients", column, name, key),
            labels,
            weighted_counts(block.families, year_count, codes, n),
        )
        _add(
            local,
            ("group_recipients_avg", column, name, key),
            labels,
            weighted_counts(block.families, paid_months, codes, n),
        )
        totals = money.sums(block.money_codes[column], n)
        _add(local, ("group_cost", column, name, key), labels, totals)
        sample = np.bincount(codes, weights=year_count > 0, minlength=n).astype(np.int64)
        _add(local, ("group_sample_recipients", column, name, key), labels, sample.tolist())
    if band is not None:
        _targeting(local, columns, name, key, family_months, len(rows), band, block)
    if block.replicate is None:
        return
    # every column below is 0 outside the families paid in the year: only they enter the
    # national replicate products
    support = (name, key)
    block.replicate.support(support, np.flatnonzero(year_count))
    cost = money_values(family_amount, w)
    year_values = count_values(w * year_count)
    avg_values = count_values(w * paid_months)
    columns += [
        (("cost", name, key), cost, None, support),
        (("recipients", name, key), year_values, None, support),
        (("recipients_avg", name, key), avg_values, None, support),
    ]
    for month in (m for m in rows if m in family_month):  # the peak is a payment month
        values = count_values(w * family_month[month])
        columns.append((("recipients_month", name, key, month), values, None, support))
    # grouped columns of every program share one product per label (larger products than
    # one per program and label), two tables at once (one per cell of the pair)
    for pair in REPLICATE_PAIRS:
        for kind, values in (
            ("group_recipients", year_values),
            ("group_recipients_avg", avg_values),
            ("group_cost", cost),
        ):
            prefixes = tuple((kind, column, name, key) for column in pair)
            columns.append((prefixes, values, pair, None))


def _targeting(local, columns, name, key, family_months, n_months, band, block) -> None:
    """Targeting on the headline definition: family-months paid over the payment months.
    ``recipients``: weight x paid payment months; ``inclusion``: those outside the target
    band; ``targeted``: weight of the families in the band; ``exclusion``: weight x payment
    months in which a family of the band was not paid."""
    facts = block.facts
    target = facts.percentile <= int(band) * 10
    missed = np.where(target, n_months - family_months, 0)
    outside = np.where(target, 0, family_months)
    local[("targeting", name, key, "recipients")] += weighted_counts(block.families, family_months)[
        0
    ]
    local[("targeting", name, key, "inclusion")] += weighted_counts(block.families, outside)[0]
    local[("targeting", name, key, "targeted")] += block.families.where(target).total()
    local[("targeting", name, key, "exclusion")] += weighted_counts(block.families, missed)[0]
    if block.replicate is not None:
        w = facts.weights
        for label, values in (
            ("recipients", w * family_months),
            ("inclusion", w * outside),
            ("targeted", w * target),
            ("exclusion", w * missed),
        ):
            columns.append((("targeting", name, key, label), count_values(values), None, None))


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
    rep = block.replicate
    if rep is not None:
        w = block.facts.weights
        for index, kind_name in enumerate(("gain", "loss", "same")):
            rep.add(
                ("winners", name, kind_name),
                count_values(w * (kind == index)),
                "expenditure_decile",
            )
        rep.add(("winners", name, "total"), count_values(w), "expenditure_decile")
        rep.add(("winners", name, "change"), money_values(change, w), "expenditure_decile")
