"""The pipeline over blocks of families: two passes and a global quota step between them.

Where the blocks live, how they are read and stored and which worker runs them is
:mod:`openfisca_indonesia_sosial.scale`'s concern; here are the steps, on values in memory.

Pass 1, per block (:func:`entitle_block`): compute every scenario's entitlements month by
month, and return the block's *state* (entitlements in compact form, ids, weights, draws)
and its *queue* (what the global step needs, as columns: registry sort keys, weights, member
counts, per-capita expenditure, take-up draws, and for each scenario and quota program who is
eligible each month; see :mod:`.global_step`).

Global step (:mod:`openfisca_indonesia_sosial.scale.global_step`): the queues are sorted on
disk in registry and expenditure order and walked in steps; for every scenario, program and
month the *cut-off* of the national quota is the registry rank of the last family admitted,
found by the same cumulative sum over the same weights in the same order as the single-shot
run (so float rounding agrees bit for bit). PKH payments decided there give Sembako's
first-in-line families.

Pass 2, per block (:func:`deliver_block`): the pipeline's delivery with the cut-offs (a family
is admitted iff eligible and at or before the cut-off), then its measure: exact partial sums
of every figure (:mod:`openfisca_indonesia_sosial.metrics.partial`) and the block's welfare
(for the Gini). :func:`merge` adds the blocks' sums and finishes: identical to
``Microsimulation.run()``.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery import DeliveryContext
from openfisca_indonesia_sosial.delivery.context import registry_keys
from openfisca_indonesia_sosial.delivery.quota import apply_cutoff
from openfisca_indonesia_sosial.metrics.partial import EXPENDITURE, Partial
from openfisca_indonesia_sosial.metrics.replicates import DEFAULT_SEED
from openfisca_indonesia_sosial.microsim.compact import pack, unpack
from openfisca_indonesia_sosial.microsim.global_step import (
    DRAW,
    INDEX,
    KEY,
    SIZE,
    SPENDING,
    WEIGHT,
    BlockPlan,
    count_type,
    eligible_column,
    members_column,
    month_mask,
)
from openfisca_indonesia_sosial.microsim.pipeline import (
    Named,
    deliver_scenarios,
    finish,
    measure,
    quota_programs,
)
from openfisca_indonesia_sosial.microsim.result import Result
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.simulation.engine import Entitlements, compute_scenarios

if TYPE_CHECKING:
    import pyarrow as pa

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
        "family_ids": _stored_ids(context.family_ids),
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
    # counted <= listed members: the counts fit the type of the largest listed family
    counts = count_type(int(context.family_size.max(initial=0)))
    columns = {
        INDEX: np.arange(n_families, dtype=np.int32),
        KEY: registry_keys(population.keluarga),
        WEIGHT: context.weights,
        SIZE: context.members.astype(counts),
        SPENDING: population.keluarga[EXPENDITURE].to_numpy(np.float64),
        DRAW: context.draw_family,
    }
    queue = {"families": n_families, "persons": len(population.individu), "columns": columns}
    computed = compute_scenarios([system for _, _, system in named], population)
    for number, ((name, _label, _system), entitlements) in enumerate(
        zip(named, computed, strict=True)
    ):
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
        # who is eligible for each quota; a program whose eligibility is the baseline's has no
        # column of its own (the global step reads the baseline's)
        for program in quota_programs():
            if program.key in entitlements.same_eligibility:
                continue
            e = entitlements.eligible[program.key]
            if program.unit == "individu":  # eligible members per family, month by month
                for m_index, row in enumerate(e):
                    members = np.bincount(context.person_family, weights=row, minlength=n_families)
                    columns[members_column(number, program.key, m_index)] = members.astype(counts)
            else:
                columns[eligible_column(number, program.key)] = month_mask(e)
    return state, queue


def _stored_ids(ids: pd.Series):
    """The family ids as a block state keeps them: an Arrow array, which pickles as a few
    buffers (a 100,000-family state pickled in 11 ms and loaded in 6 ms with its ids as
    Python objects, in 5 and 1 ms so), or the objects themselves when Arrow cannot hold them
    as one type."""
    import pyarrow as pa

    try:
        return pa.Array.from_pandas(ids)
    except (pa.ArrowException, TypeError, ValueError):
        return ids.to_numpy(dtype=object)


def _loaded_ids(stored) -> pd.Series:
    """:func:`_stored_ids` back as pass 1 had them: the same pandas column (text or integers,
    Arrow-backed text staying in its buffers, which the ids' hashes read as they are)."""
    import pyarrow as pa

    if isinstance(stored, pa.Array):
        return stored.to_pandas()
    return pd.Series(stored, dtype=object)


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
    """Pass 2 of a block from its pass-1 ``state`` and its plan
    (:meth:`~.global_step.GlobalPlan.block`): the pipeline's delivery under the cut-offs and
    its measure (with ``replicates`` replicate sums drawn with ``seed``).
    ``(delivered, partial, context)``."""
    rank = plan.rank
    family_ids = _loaded_ids(state["family_ids"])
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
    """What a block hands to :func:`merge`: its exact sums and replicate sums (its welfare
    goes to a file of the run, sorted with the other blocks' at the merge:
    :mod:`openfisca_indonesia_sosial.scale.sorted_welfare`)."""
    return {
        "sums": dict(partial.sums),
        "replicates": partial.replicates,
        "n_replicates": partial.n_replicates,
    }


def merge(
    year: int,
    named: Named,
    parts,
    full_entitlement: bool,
    ginis: dict,
    seed: int = DEFAULT_SEED,
) -> Result:
    """The result of every block's :func:`block_sums`, in population order, and ``ginis``:
    each scenario's ``(Gini, replicate Ginis or None)`` over every block, computed by a sort
    outside memory (:func:`openfisca_indonesia_sosial.scale.sorted_welfare.scenario_gini`)."""
    merged = Partial(sums=defaultdict(int))
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
    return finish(year, named, merged, None, None, full_entitlement, seed=seed, ginis=ginis)


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
