"""The pipeline over blocks of families: two passes and a global quota step between them.

Where the blocks live, how they are read and stored and which worker runs them is
:mod:`openfisca_indonesia_sosial.scale`'s concern; here are the steps, on values in memory.

Pass 1, per block (:func:`entitle_block`): compute every scenario's entitlements month by
month, and return the block's *state* (entitlements in compact form, ids, weights, draws)
and its *queue* (what the global step needs: registry sort keys, weights, member counts,
per-capita expenditure, take-up draws, and for each scenario, quota program and month who is
eligible).

Global step (:func:`global_plan`): concatenate the queues in population order, sort the
registry once (the same sort as a single-shot run), compute expenditure deciles and
percentiles, and for every scenario, program and month the *cut-off* of the national quota:
the queue position of the last family admitted, found by the same cumulative sum over the
same weights in the same order as the single-shot run (so float rounding agrees bit for
bit). PKH payments decided there give Sembako's first-in-line families.

Pass 2, per block (:func:`deliver_block`): the pipeline's delivery with the cut-offs (a family
is admitted iff eligible and at or before the cut-off), then its measure: exact partial sums
of every figure (:mod:`openfisca_indonesia_sosial.metrics.partial`) and the block's welfare
(for the Gini). :func:`merge` adds the blocks' sums and finishes: identical to
``Microsimulation.run()``.
"""

from __future__ import annotations

from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery import DeliveryContext
from openfisca_indonesia_sosial.delivery.context import registry_keys
from openfisca_indonesia_sosial.delivery.quota import (
    apply_cutoff,
    quota_cutoff,
    registry_rank,
    reusable_programs,
)
from openfisca_indonesia_sosial.metrics.partial import EXPENDITURE, Partial
from openfisca_indonesia_sosial.metrics.poverty import weighted_quantile_groups
from openfisca_indonesia_sosial.metrics.replicates import DEFAULT_SEED
from openfisca_indonesia_sosial.microsim.compact import pack, unpack
from openfisca_indonesia_sosial.microsim.pipeline import (
    Named,
    deliver_scenarios,
    finish,
    measure,
    quota_programs,
    require_families,
)
from openfisca_indonesia_sosial.microsim.result import Result
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.simulation.engine import (
    MONTHS,
    Entitlements,
    compute_scenarios,
)
from openfisca_indonesia_sosial.simulation.parameters import parameter_at

if TYPE_CHECKING:
    import pyarrow as pa

#: Threads of the global step (the workers are idle meanwhile).
GLOBAL_THREADS = 2
#: Columns of ``keluarga`` kept in the block state for the figures.
FACT_COLUMNS = ("pengeluaran_per_kapita", "perkotaan", "provinsi", "desil_dtsen")


# --- pass 1 -----------------------------------------------------------------------------------


def entitle_block(population, named: Named) -> tuple[dict, dict]:
    """Pass 1 of one block (a validated ``Population``): ``(state, queue)``."""
    context = DeliveryContext.from_population(population, registry_order=False)
    n_families = len(population.keluarga)
    # persons are grouped by family: the sizes give back each person's family
    sizes = context.family_size.astype(np.min_scalar_type(context.family_size.max(initial=0)))
    state = {
        "family_ids": context.family_ids.to_numpy(dtype=object),
        "weights": context.weights,
        "family_size": sizes,
        "counted_size": context.counted_size,
        "draw_family": context.draw_family,
        "draw_person": context.draw_person,
        "keluarga": population.keluarga[
            [c for c in FACT_COLUMNS if c in population.keluarga.columns]
        ].copy(),
        "scenarios": {},
    }
    keys = registry_keys(population.keluarga)
    spending = population.keluarga[EXPENDITURE].to_numpy(np.float64)
    queue = {
        "families": n_families,
        "persons": len(population.individu),
        "keys": keys,
        "keys_order": local_order(keys),
        "weights": context.weights,
        "family_size": context.members.astype(sizes.dtype),  # counted <= listed: it fits
        "expenditure": spending,
        "expenditure_order": local_order(spending),
        "draw_family": context.draw_family,
        "eligible": {},
    }
    computed = compute_scenarios([system for _, _, system in named], population)
    for (name, _label, _system), entitlements in zip(named, computed, strict=True):
        own = [p for p in PROGRAMS if p.key not in entitlements.shared]
        # what a reform shares with the baseline is stored once, as the baseline's (see
        # unpack_entitlements)
        state["scenarios"][name] = {
            "shared": sorted(entitlements.shared),
            "same_eligibility": sorted(entitlements.same_eligibility),
            "eligible": {
                p.key: pack(entitlements.eligible[p.key])
                for p in own
                if p.key not in entitlements.same_eligibility
            },
            "amount": {p.key: pack(entitlements.amount[p.key]) for p in own},
            "components": {
                p.key: {n: pack(v) for n, v in entitlements.components[p.key].items()}
                for p in own
                if p.key in entitlements.components
            },
        }
        eligible = {}
        for program in quota_programs():
            if program.key in entitlements.same_eligibility:
                continue
            e = entitlements.eligible[program.key]
            if program.unit == "individu":  # eligible members per family, month by month
                eligible[program.key] = [
                    pack(
                        np.bincount(
                            context.person_family, weights=row, minlength=n_families
                        ).astype(np.int32)
                    )
                    for row in e
                ]
            else:
                eligible[program.key] = [pack(row) for row in e]
        queue["eligible"][name] = eligible
    return state, queue


def local_order(values: np.ndarray) -> np.ndarray:
    """A block's stable sort order, so that the global step only merges sorted runs."""
    return np.argsort(values, kind="stable").astype(np.int32)


def stable_order(values: np.ndarray, runs: list, offsets: np.ndarray) -> np.ndarray:
    """``np.argsort(values, kind="stable")`` of the concatenated blocks, from each block's own
    stable order (``runs``, None when a block has none): the blocks' sorted runs, laid end to
    end in population order, are merged by a stable sort, which finds the runs (timsort)
    instead of sorting from scratch. Equal values keep block order, then order within the
    block: the population order, as a single sort gives."""
    if any(run is None for run in runs):
        return np.argsort(values, kind="stable")
    index_type = np.int32 if values.shape[0] < np.iinfo(np.int32).max else np.int64
    merged = np.concatenate(
        [
            run.astype(index_type) + index_type(start)
            for run, start in zip(runs, offsets[:-1], strict=True)
        ]
    )
    return merged[np.argsort(values[merged], kind="stable")]


# --- global step ------------------------------------------------------------------------------


@dataclass
class GlobalPlan:
    """What pass 2 needs from the whole population."""

    rank: np.ndarray
    deciles: np.ndarray
    percentile: np.ndarray
    cutoffs: dict  # scenario -> program -> [12 x (class, rank)]
    offsets: np.ndarray  # first global family index of each block
    reused: dict  # scenario -> quota programs whose cut-offs are the baseline's

    def block(self, index: int) -> BlockPlan:
        """What pass 2 of block ``index`` needs (its families' slices: a task sent to a
        worker carries its own block's ranks only)."""
        a, z = self.offsets[index], self.offsets[index + 1]
        return BlockPlan(
            self.rank[a:z], self.deciles[a:z], self.percentile[a:z], self.cutoffs, self.reused
        )


@dataclass
class BlockPlan:
    """The global plan as one block sees it (family order of the block)."""

    rank: np.ndarray
    deciles: np.ndarray
    percentile: np.ndarray
    cutoffs: dict
    reused: dict


def global_plan(year: int, named: Named, queues: list[dict], full_entitlement: bool) -> GlobalPlan:
    """The global step over every block's queue, in population order (the queues are
    emptied as they are read: the driver holds one copy of each field)."""
    sizes = [q["families"] for q in queues]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    require_families(int(offsets[-1]))

    def gather(name):  # concatenate one field of every queue and drop it from the queues
        return np.concatenate([q.pop(name) for q in queues])

    keys = gather("keys")
    weights = gather("weights")
    person_weights = weights * gather("family_size")
    expenditure = gather("expenditure")
    key_runs = [q.pop("keys_order", None) for q in queues]
    expenditure_runs = [q.pop("expenditure_order", None) for q in queues]
    with ThreadPoolExecutor(GLOBAL_THREADS) as pool:  # the two big sorts side by side
        sorting = pool.submit(stable_order, expenditure, expenditure_runs, offsets)
        order = stable_order(keys, key_runs, offsets)
        by_expenditure = sorting.result()
    del keys, key_runs, expenditure_runs
    rank = registry_rank(order)
    deciles, percentile = (
        weighted_quantile_groups(expenditure, person_weights, n, by_expenditure).astype(np.int8)
        for n in (10, 100)
    )
    del by_expenditure, expenditure, person_weights
    cutoffs: dict = {}
    reused: dict = {}
    if not full_entitlement:
        draw_family = gather("draw_family")
        base_name, _, base_system = named[0]
        base_result = None
        for name, _label, system in named:

            def eligible(key, m_index, name=name):
                # one month of one program at a time: the driver never unpacks a whole year;
                # a block that shares the baseline's arrays queued only the baseline's
                rows = [
                    q["eligible"][name].get(key) or q["eligible"][base_name][key] for q in queues
                ]
                return np.concatenate([unpack(row[m_index]) for row in rows])

            reuse = None
            if base_result is not None:
                same = {
                    p.key
                    for p in quota_programs()
                    if all(p.key not in q["eligible"][name] for q in queues)
                }
                reused[name] = reusable_programs(year, base_system, system, same)
                reuse = (base_result, reused[name])
            result = _scenario_cutoffs(
                year, system, order, rank, weights, draw_family, eligible, reuse
            )
            cutoffs[name] = result[0]
            if base_result is None:
                base_result = result
    return GlobalPlan(rank, deciles, percentile, cutoffs, offsets, reused)


def _scenario_cutoffs(
    year, system, order, rank, weights, draw_family, eligible, reuse=None
) -> tuple[dict, dict]:
    """Cut-offs of each quota program and month, in the order ``deliver`` fills quotas, and
    the paid rows of the programs others put first in line (packed bits).

    ``reuse``: ``((cutoffs, paid) of the baseline, programs whose payments are the
    baseline's in every block)`` (``delivery.quota.reusable_programs``): they keep the
    baseline's cut-offs."""
    cutoffs = {program.key: [] for program in quota_programs()}
    paid = {}
    first_in_line = {p.priority_after for p in quota_programs() if p.priority_after}
    n = weights.shape[0]
    for program in quota_programs():
        if reuse is not None and program.key in reuse[1]:
            (base_cutoffs, base_paid), _ = reuse
            cutoffs[program.key] = base_cutoffs[program.key]
            if program.key in base_paid:
                paid[program.key] = base_paid[program.key]
            continue

        def month_cutoff(m_index, program=program):
            instant = f"{year}-{MONTHS[m_index]:02d}-01"
            quota = parameter_at(system, program.quota, instant)
            e = eligible(program.key, m_index)
            if program.unit == "individu":  # e: eligible members per family
                units, unit_weight, first = e > 0, weights * e, None
            else:
                units, unit_weight = e.astype(bool), weights
                first = None
                if program.priority_after:
                    first = np.unpackbits(paid[program.priority_after][m_index], count=n)
                    first = first.astype(bool)
            cutoff = None
            if quota is not None:
                cutoff = quota_cutoff(order, unit_weight, units, float(quota), first, rank)
            if program.key not in first_in_line:
                return cutoff, None
            selected = units if cutoff is None else apply_cutoff(rank, units, cutoff, first)
            rate = parameter_at(system, program.take_up, instant)
            taken = selected & (draw_family < (1.0 if rate is None else float(rate)))
            return cutoff, np.packbits(taken)

        # months are independent once the programs ahead in line are decided, and numpy
        # releases the GIL in the gathers and sums: two threads use the idle workers' cores
        with ThreadPoolExecutor(GLOBAL_THREADS) as pool:
            months = list(pool.map(month_cutoff, range(len(MONTHS))))
        cutoffs[program.key] = [cutoff for cutoff, _ in months]
        if program.key in first_in_line:
            paid[program.key] = [row for _, row in months]
    return cutoffs, paid


# --- pass 2 -----------------------------------------------------------------------------------


def _cutoff_selector(rank: np.ndarray, cutoffs: dict):
    def select(key, m_index, _unit_weight, eligible, _quota, first_in_line):
        return apply_cutoff(rank, eligible, cutoffs[key][m_index], first_in_line)

    return select


def deliver_block(
    year: int,
    named: Named,
    state: dict,
    plan: BlockPlan,
    full_entitlement: bool,
    replicates: int = 0,
    seed: int = DEFAULT_SEED,
) -> tuple[list, Partial, DeliveryContext]:
    """Pass 2 of a block from its pass-1 ``state`` and its :meth:`GlobalPlan.block`: the
    pipeline's delivery under the cut-offs and its measure (with ``replicates`` replicate
    sums drawn with ``seed``). ``(delivered, partial, context)``."""
    rank = plan.rank
    family_ids = pd.Series(state["family_ids"], dtype=object)
    weights = state["weights"]
    family_size = state["family_size"].astype(np.int64)
    context = DeliveryContext(
        family_ids=family_ids,
        weights=weights,
        person_family=np.repeat(np.arange(len(weights), dtype=np.int64), family_size),
        family_size=family_size,
        registry_order=None,
        draw_family=state["draw_family"],
        draw_person=state["draw_person"],
        counted_size=state.get("counted_size"),
    )

    def entitlements():  # unpacked one scenario at a time, sharing the baseline's arrays
        base = None
        for name, _, _ in named:
            unpacked = unpack_entitlements(year, state["scenarios"][name], base)
            base = base or unpacked
            yield unpacked

    def select_for(name):
        return None if full_entitlement else _cutoff_selector(rank, plan.cutoffs[name])

    delivered = deliver_scenarios(
        year,
        named,
        entitlements(),
        context,
        full_entitlement,
        select_for=select_for,
        global_reuse=plan.reused,
    )
    partial = measure(
        year,
        delivered,
        state["keluarga"],
        context,
        plan.deciles,
        plan.percentile,
        replicates,
        seed,
    )
    return delivered, partial, context


def unpack_entitlements(year: int, packed: dict, base: Entitlements | None) -> Entitlements:
    """Entitlements from a block state; what it shares with the baseline is the baseline's."""
    shared = frozenset(packed.get("shared", ()))
    same = frozenset(packed.get("same_eligibility", ()))
    entitlements = Entitlements(
        year=year,
        eligible={k: unpack(v) for k, v in packed["eligible"].items()},
        amount={k: unpack(v) for k, v in packed["amount"].items()},
        components={
            k: {n: unpack(v) for n, v in parts.items()} for k, parts in packed["components"].items()
        },
        shared=shared,
        same_eligibility=same,
    )
    for key in same:
        entitlements.eligible[key] = base.eligible[key]
    for key in shared:
        entitlements.amount[key] = base.amount[key]
        if key in base.components:
            entitlements.components[key] = base.components[key]
    return entitlements


def block_sums(partial: Partial) -> dict:
    """What a block hands to :func:`merge`: its exact sums, welfare and sorted runs."""
    return {
        "sums": dict(partial.sums),
        "welfare": partial.welfare,
        "welfare_order": {name: local_order(v) for name, v in partial.welfare.items()},
        "person_weights": partial.person_weights,
        "replicates": partial.replicates,
        "replicate_keys": partial.replicate_keys,
        "n_replicates": partial.n_replicates,
    }


def merge(
    year: int, named: Named, parts, full_entitlement: bool, seed: int = DEFAULT_SEED
) -> Result:
    """The result of every block's :func:`block_sums`, in population order."""
    merged = Partial(sums=defaultdict(int))
    welfare = defaultdict(list)
    runs = defaultdict(list)
    person_weights = []
    keys = []
    for part in parts:
        for key, value in part["sums"].items():
            merged.sums[key] += value
        # replicate sums are integers in float64: they add exactly in any order
        merged.add(
            Partial(
                sums={},
                replicates=part.get("replicates", {}),
                n_replicates=part.get("n_replicates", 0),
            )
        )
        if part.get("replicate_keys") is not None:
            keys.append(part["replicate_keys"])
        for name, values in part["welfare"].items():
            welfare[name].append(values)
            runs[name].append(part.get("welfare_order", {}).get(name))
        person_weights.append(part["person_weights"])
    # accepted families of each block (rejected records are not in its welfare)
    sizes = [len(values) for values in next(iter(welfare.values()), [])]
    offsets = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    welfare = {name: np.concatenate(parts) for name, parts in welfare.items()}
    # the Gini's global sorts, from each block's sorted run (see stable_order)
    orders = {name: stable_order(welfare[name], runs[name], offsets) for name in welfare}
    merged.replicate_keys = np.concatenate(keys) if keys else None
    return finish(
        year,
        named,
        merged,
        welfare,
        np.concatenate(person_weights),
        full_entitlement,
        orders,
        seed=seed,
    )


def family_results(family_ids, delivered, context, partial: Partial) -> pa.Table:
    """One row per family and scenario: yearly paid rupiah and recipients of each program,
    and the per-capita monthly welfare used for poverty."""
    import pyarrow as pa

    from openfisca_indonesia_sosial.metrics.aggregate import family_yearly

    frames = []
    for name, _system, result, _ in delivered:
        columns = {"id_keluarga": family_ids.astype(str).to_numpy(), "scenario": name}
        for program in PROGRAMS:
            columns[f"{program.key}_idr"] = family_yearly(result, context, program.key)
            # a recipient of the year: paid more than Rp 0 at least once
            paid_any = (result.amount[program.key] > 0).any(axis=0)
            if program.unit == "individu":
                columns[f"{program.key}_recipients"] = np.bincount(
                    context.person_family, weights=paid_any, minlength=len(context.weights)
                ).astype(np.int16)
            else:
                columns[f"{program.key}_recipients"] = paid_any.astype(np.int16)
        columns["welfare_per_capita"] = partial.welfare[name]
        frames.append(pd.DataFrame(columns))
    return pa.Table.from_pandas(pd.concat(frames, ignore_index=True), preserve_index=False)
