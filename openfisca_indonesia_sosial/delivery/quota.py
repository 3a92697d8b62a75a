"""National quotas filled from the poorest eligible upward, by registry rank.

Each month and program: entitled units are ordered by the registry's ranking (DTSEN
decile, then a stable tie-break on the family id), families paid by the ``priority_after``
program that month first (PKH families are first in line for Sembako, Permensos 5/2021);
weighted units are admitted while the running total stays within the quota (parameters
``<program>.kuota``).
A reform that changes eligibility changes who fills the quota, not the quota. Then a take-up
rate keeps each selected unit with a probability drawn once per unit from its id, so the
same units take up in every scenario. Full-entitlement mode ignores quotas and take-up.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from openfisca_indonesia_sosial.delivery.context import DeliveryContext
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.simulation.engine import MONTHS, Entitlements
from openfisca_indonesia_sosial.simulation.parameters import parameter_at


@dataclass
class Delivered:
    """Month-by-unit paid flags and amounts (rupiah) for one scenario."""

    year: int
    paid: dict[str, np.ndarray] = field(default_factory=dict)
    amount: dict[str, np.ndarray] = field(default_factory=dict)
    quota_binding: dict[str, list[bool]] = field(default_factory=dict)


def _queue(order, eligible, first_in_line=None):
    """Eligible families in the order they are served: registry order, the families of
    ``first_in_line`` before the others."""
    ordered = order[eligible[order]]
    if first_in_line is not None:
        ordered = np.concatenate(
            [ordered[first_in_line[ordered]], ordered[~first_in_line[ordered]]]
        )
    return ordered


def _select_by_quota(order, unit_weight, eligible, quota, first_in_line=None):
    """Boolean over families: admitted while the cumulative weight stays within quota."""
    ordered = _queue(order, eligible, first_in_line)
    cumulative = np.cumsum(unit_weight[ordered])
    selected = np.zeros(eligible.shape[0], dtype=bool)
    selected[ordered[cumulative <= quota]] = True
    return selected


#: Registry positions per step of :func:`quota_cutoff`: its temporaries stay this size.
QUEUE_CHUNK = 1 << 18


class CutoffWalk:
    """The running quota selection of one program and month, fed the queue in registry order
    one step at a time (:func:`quota_cutoff` over arrays in memory; a partitioned run's global
    step over the queue streamed from disk): the cumulative weight runs on from one step to
    the next, so its sums are those of one ``np.cumsum`` over the whole queue.

    Each step gives the units of the current line class in registry order: ``labels`` (what
    identifies them in the cut-off: registry ranks), ``unit_weight`` and ``queued`` (eligible
    and in the class). :meth:`next_class` moves to the next class of the line when a class is
    exhausted; :attr:`done` is set at the first unit the quota does not reach."""

    def __init__(self, quota: float):
        self.quota = quota
        self.total = 0.0
        self.line_class = 0
        self.last = -1
        self.last_class = 0
        self.done = False

    def feed(self, labels: np.ndarray, unit_weight: np.ndarray, queued: np.ndarray) -> None:
        if self.done:
            return
        chosen = np.flatnonzero(queued)
        if not chosen.size:
            return
        running = np.cumsum(np.concatenate([[self.total], unit_weight[chosen]]))[1:]
        admitted = int(np.count_nonzero(running <= self.quota))
        if admitted:
            self.last, self.last_class = int(labels[chosen[admitted - 1]]), self.line_class
        if admitted < chosen.size:
            self.done = True
            return
        self.total = running[-1]

    def next_class(self) -> None:
        self.line_class += 1

    @property
    def cutoff(self) -> tuple[int, int]:
        """``(class, label)`` of the last unit admitted; ``(0, -1)`` when nobody is."""
        return (0, -1) if self.last < 0 else (self.last_class, self.last)


def quota_cutoff(
    order, unit_weight, eligible, quota, first_in_line=None, rank=None, chunk=QUEUE_CHUNK
) -> tuple[int, int]:
    """The last family admitted by :func:`_select_by_quota`, as ``(class, rank)``: class 0
    for families first in line (class 1 for the others when there is a line), rank its
    position in ``order``; ``(0, -1)`` when nobody is admitted. Since weights are not
    negative the admitted families are a prefix of the queue, so :func:`apply_cutoff` with
    this pair admits exactly the same families (the basis of partitioned runs).

    The queue is walked ``chunk`` registry positions at a time (:class:`CutoffWalk`), and the
    walk stops at the first family the quota does not reach."""
    classes = (None,) if first_in_line is None else (True, False)
    walk = CutoffWalk(quota)
    for line_class, first in enumerate(classes):
        if line_class:
            walk.next_class()
        for start in range(0, order.shape[0], chunk):
            positions = order[start : start + chunk]
            queued = eligible[positions]
            if first is not None:
                queued = queued & (first_in_line[positions] == first)
            walk.feed(positions, unit_weight[positions], queued)
            if walk.done:
                return _cutoff_pair(*walk.cutoff[::-1], order, rank)
    return _cutoff_pair(*walk.cutoff[::-1], order, rank)


def _cutoff_pair(last: int, line_class: int, order, rank) -> tuple[int, int]:
    if last < 0:
        return (0, -1)
    if rank is None:
        rank = registry_rank(order)
    return (line_class, int(rank[last]))


def registry_rank(order: np.ndarray) -> np.ndarray:
    """Each family's position in the registry ``order`` (the inverse permutation), in 32
    bits when the population allows."""
    n = order.shape[0]
    dtype = np.int32 if n < np.iinfo(np.int32).max else np.int64
    rank = np.empty(n, dtype=dtype)
    rank[order] = np.arange(n, dtype=dtype)
    return rank


def apply_cutoff(rank, eligible, cutoff, first_in_line=None) -> np.ndarray:
    """Families admitted under a :func:`quota_cutoff` pair, given each family's registry
    ``rank`` (global position in registry order): works on any block of families. A family
    is admitted when eligible and ahead of the cut-off: in an earlier class of the line, or
    in its class and at or before its rank."""
    line_class, last = cutoff
    reached = rank <= last
    if first_in_line is None:  # one class, class 0
        return eligible & (reached | (line_class > 0))
    if line_class == 0:
        return eligible & first_in_line & reached
    return eligible & (first_in_line | reached)


def same_delivery(year: int, program, base_system, system) -> bool:
    """Whether a program's quota and take-up rate are the same in both systems all year."""
    for month in MONTHS:
        instant = f"{year}-{month:02d}-01"
        for path in (program.quota, program.take_up):
            if parameter_at(base_system, path, instant) != parameter_at(system, path, instant):
                return False
    return True


def reusable_programs(year: int, base_system, system, same_eligibility) -> set[str]:
    """Programs that pay the same units as in the baseline: the baseline's eligibility
    (``same_eligibility``; for a top-up, its very amounts), the same quota and take-up, and
    the same units ahead of them (the ``priority_after`` program, and for a top-up every
    program it follows, reusable too)."""
    reusable: set[str] = set()
    for program in PROGRAMS:  # programs are listed after those they depend on
        followed = [f for _, follows in program.components for f in follows]
        if program.priority_after:
            followed.append(program.priority_after)
        if (
            program.key in same_eligibility
            and all(f in reusable for f in followed)
            and same_delivery(year, program, base_system, system)
        ):
            reusable.add(program.key)
    return reusable


def deliver(
    system,
    entitlements: Entitlements,
    context: DeliveryContext,
    full_entitlement: bool = False,
    select=None,
    reuse: tuple[Delivered, set[str]] | None = None,
) -> Delivered:
    """Payments of one scenario. ``select(program, month_index, unit_weight, eligible, quota,
    first_in_line)`` replaces the quota selection over ``context.registry_order`` (a
    partitioned run passes global cut-offs; see :mod:`openfisca_indonesia_sosial.scale`).
    ``reuse``: the baseline's payments and the programs that pay the baseline's units
    (:func:`reusable_programs`): their paid flags are taken as they are, and their amounts
    too when the entitlements are the baseline's (``entitlements.shared``)."""
    year = entitlements.year
    if select is None:

        def select(_key, _month, unit_weight, eligible, quota, first_in_line):
            return _select_by_quota(
                context.registry_order, unit_weight, eligible, quota, first_in_line
            )

    out = Delivered(year=year)
    if reuse is not None:
        base, keys = reuse
        for key in keys:
            out.paid[key] = base.paid[key]
            out.quota_binding[key] = base.quota_binding[key]
            if key in entitlements.shared:
                out.amount[key] = base.amount[key]
            else:
                out.amount[key] = entitlements.amount[key] * base.paid[key]
    n_families = context.weights.shape[0]
    for program in PROGRAMS:
        if program.components or program.key in out.paid:
            continue
        eligible = entitlements.eligible[program.key]
        paid = np.zeros_like(eligible)
        binding = []
        for m_index, month in enumerate(MONTHS):
            instant = f"{year}-{month:02d}-01"
            e = eligible[m_index]
            if full_entitlement:
                paid[m_index] = e
                binding.append(False)
                continue
            quota = parameter_at(system, program.quota, instant)
            rate = parameter_at(system, program.take_up, instant)
            rate = 1.0 if rate is None else float(rate)
            if program.unit == "keluarga":
                if quota is None:
                    selected = e
                else:
                    first = None
                    if program.priority_after is not None:
                        first = out.paid[program.priority_after][m_index]
                    selected = select(program.key, m_index, context.weights, e, float(quota), first)
                chosen = selected & (context.draw_family < rate)
            else:
                if quota is None:
                    selected = e
                else:
                    eligible_members = np.bincount(
                        context.person_family, weights=e, minlength=n_families
                    )
                    family_selected = select(
                        program.key,
                        m_index,
                        context.weights * eligible_members,
                        eligible_members > 0,
                        float(quota),
                        None,
                    )
                    selected = e & family_selected[context.person_family]
                chosen = selected & (context.draw_person < rate)
            binding.append(bool(quota is not None and (selected.sum() < e.sum())))
            paid[m_index] = chosen
        out.paid[program.key] = paid
        out.amount[program.key] = entitlements.amount[program.key] * paid
        out.quota_binding[program.key] = binding
    for program in PROGRAMS:
        if not program.components or program.key in out.paid:
            continue
        total = np.zeros_like(entitlements.amount[program.key])
        for m_index, month in enumerate(MONTHS):
            rate = parameter_at(system, program.take_up, f"{year}-{month:02d}-01")
            takes_up = context.draw_family < (1.0 if rate is None else float(rate))
            for name, follows in program.components:
                amount = entitlements.components[program.key][name][m_index]
                if full_entitlement:
                    total[m_index] += amount
                    continue
                reached = takes_up.copy()
                if follows:
                    reached &= np.logical_or.reduce([out.paid[f][m_index] for f in follows])
                total[m_index] += amount * reached
        out.amount[program.key] = total
        out.paid[program.key] = total > 0
        out.quota_binding[program.key] = [False] * len(MONTHS)
    return out
