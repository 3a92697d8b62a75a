"""Family-level helpers, vectorised: ranks within a family (a replacement for ``get_rank``)
and the few person -> family aggregates the hot PKH formulas need.

openfisca-core's ``Population.get_rank`` builds a family-by-position matrix with one Python
call of ``value_nth_person`` per position and double-argsorts it: it dominated the PKH
formulas. :func:`rank_in_group` gives the same ranks with one stable sort of a composite
integer key (family, criterion), falling back to ``np.lexsort`` for non-integral criteria:

* rank 0 is the member with the smallest criterion; equal criteria are ordered by the
  member's position in the family (the order of the ``individu`` rows), as ``get_rank``
  orders them in families of fewer than 17 members;
* members outside ``condition`` get -1 and are not counted.

:func:`order_in_families` and :func:`rank_among` expose the same order for callers that rank
several subsets of a few families with one sort (the PKH caps).
"""

from __future__ import annotations

import numpy as np
from openfisca_core import projectors

_KEY_LIMIT = 1 << 62


def rank_in_group(group, criteria, condition=True) -> np.ndarray:
    """Rank (0 = smallest ``criteria``) of each person among the members of his ``group``
    (``individu.keluarga`` or the family population) meeting ``condition``; -1 otherwise.

    Only the members meeting ``condition`` are sorted, so sparse conditions (the candidates
    of one PKH component group) cost little."""
    group = _population(group)
    family = family_index(group)
    n = family.shape[0]
    condition = np.broadcast_to(np.asarray(condition, dtype=bool), (n,))
    chosen = np.flatnonzero(condition)
    rank = np.full(n, -1, dtype=np.int64)
    if chosen.size == 0:
        return rank
    rank[chosen] = rank_rows(family[chosen], np.asarray(criteria)[chosen], group.count)
    return rank


def rank_rows(family, criteria, n_groups) -> np.ndarray:
    """:func:`rank_in_group` over the given persons only (``family`` as from
    :func:`family_index`): each one's rank among the given members of his family."""
    order = order_in_families(family, criteria, n_groups)
    rank = np.empty(family.shape[0], dtype=np.int64)
    rank[order] = np.arange(family.shape[0], dtype=np.int64) - _run_start(family[order])
    return rank


def order_in_families(family, criteria, n_groups) -> np.ndarray:
    """Stable order of (family, criterion) over the given persons (``family`` as from
    :func:`family_index`): ties keep the row order (the member order)."""
    values = np.asarray(criteria, dtype=np.float64)
    if values.size == 0:
        return np.zeros(0, dtype=np.int64)
    low, high = values.min(), values.max()
    span = high - low + 1
    integral = np.isfinite(low) and np.isfinite(high) and np.array_equal(values, np.floor(values))
    if integral and span * (n_groups + 1) < _KEY_LIMIT:
        key = (values - low).astype(np.int64)
        key += family * int(span)
        return np.argsort(key, kind="stable")
    return np.lexsort((np.arange(family.shape[0]), values, family))


def rank_among(sorted_family, flags) -> np.ndarray:
    """Along an order from :func:`order_in_families` (``sorted_family`` = the families in that
    order), how many members of the same family with ``flags`` come before each position: the
    rank among the flagged members, for the flagged positions."""
    before = np.cumsum(flags) - flags
    return before - before[_run_start(sorted_family)]


def _run_start(sorted_family) -> np.ndarray:
    """Index of the first position of each position's family run."""
    size = sorted_family.shape[0]
    positions = np.arange(size, dtype=np.int64)
    run_start = np.zeros(size, dtype=np.int64)
    run_start[1:] = np.where(sorted_family[1:] != sorted_family[:-1], positions[1:], 0)
    return np.maximum.accumulate(run_start)


def family_index(group) -> np.ndarray:
    """Each person's family as int64, converted once per family population."""
    group = _population(group)
    ids = group.members_entity_id
    cached = getattr(group, "bansos_family_int64", None)
    if cached is not None and cached[0] is ids:
        return cached[1]
    family = np.asarray(ids, dtype=np.int64)
    group.bansos_family_int64 = (ids, family)
    return family


def family_sum(group, values) -> np.ndarray:
    """``group.sum(values)``, float64 as openfisca-core gives it, adding the nonzero values
    only: PKH amounts are mostly 0, and adding 0.0 never changes a float sum."""
    group = _population(group)
    family = family_index(group)
    nonzero = np.flatnonzero(values)
    return np.bincount(family[nonzero], weights=values[nonzero], minlength=group.count)


def family_any(group, flags) -> np.ndarray:
    """``group.any(flags)`` without openfisca-core's loop over member positions."""
    group = _population(group)
    result = np.zeros(group.count, dtype=bool)
    result[family_index(group)[flags]] = True
    return result


def _population(group):
    if isinstance(group, projectors.Projector):
        return group.reference_entity
    return group


def rank_cached(individu, name: str, source: np.ndarray, compute) -> np.ndarray:
    """A rank that depends only on ``source`` (an ETERNITY input such as ``tanggal_lahir``)
    and fixed roles, computed once per simulation: later months reuse it while ``source`` is
    the same array."""
    cache = individu.__dict__.setdefault("bansos_rank_cache", {})
    cached = cache.get(name)
    if cached is None or cached[0] is not source:
        cached = (source, compute())
        cache[name] = cached
    return cached[1]


def has_role(individu, role) -> np.ndarray:
    """``individu.has_role(role)`` from integer role codes kept on the family population
    (set by the vectorised builder, else computed once), instead of comparing Role objects
    person by person every month."""
    group = individu.simulation.get_population(role.entity.plural)
    codes = getattr(group, "bansos_role_codes", None)
    if codes is None or codes.shape[0] != individu.count:
        codes = np.full(individu.count, -1, dtype=np.int8)
        for index, known in enumerate(group.entity.flattened_roles):
            codes[group.members_role == known] = index
        group.bansos_role_codes = codes
    keys = [sub.key for sub in role.subroles] if role.subroles else [role.key]
    indices = [
        index for index, known in enumerate(group.entity.flattened_roles) if known.key in keys
    ]
    return np.isin(codes, indices) if len(indices) > 1 else codes == indices[0]
