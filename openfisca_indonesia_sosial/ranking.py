"""Rank of each person within his family, vectorised (a replacement for ``get_rank``).

openfisca-core's ``Population.get_rank`` builds a family-by-position matrix with one Python
call of ``value_nth_person`` per position and double-argsorts it: it dominated the PKH
formulas. :func:`rank_in_group` gives the same ranks with one stable sort of a composite
integer key (family, criterion), falling back to ``np.lexsort`` for non-integral criteria:

* rank 0 is the member with the smallest criterion; equal criteria are ordered by the
  member's position in the family (the order of the ``individu`` rows), as ``get_rank``
  orders them in families of fewer than 17 members;
* members outside ``condition`` get -1 and are not counted.
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
    if isinstance(group, projectors.Projector):
        group = group.reference_entity
    family = _family(group)
    n = family.shape[0]
    values = np.asarray(criteria, dtype=np.float64)
    condition = np.broadcast_to(np.asarray(condition, dtype=bool), (n,))
    chosen = np.flatnonzero(condition)
    rank = np.full(n, -1, dtype=np.int64)
    if chosen.size == 0:
        return rank
    sub_family = family[chosen]
    sub_values = values[chosen]
    order = _order(sub_family, sub_values, group.count)
    sorted_family = sub_family[order]
    positions = np.arange(chosen.size, dtype=np.int64)
    run_start = np.empty(chosen.size, dtype=np.int64)
    run_start[0] = 0
    boundary = sorted_family[1:] != sorted_family[:-1]
    run_start[1:] = np.where(boundary, positions[1:], 0)
    np.maximum.accumulate(run_start, out=run_start)
    rank[chosen[order]] = positions - run_start
    return rank


def _family(group) -> np.ndarray:
    """Each person's family as int64, converted once per family population."""
    ids = group.members_entity_id
    cached = getattr(group, "bansos_family_int64", None)
    if cached is not None and cached[0] is ids:
        return cached[1]
    family = np.asarray(ids, dtype=np.int64)
    group.bansos_family_int64 = (ids, family)
    return family


def _order(family, values, n_groups) -> np.ndarray:
    """Stable order of (family, criterion): ties keep the row order (the member order)."""
    low, high = values.min(), values.max()
    span = high - low + 1
    integral = np.isfinite(low) and np.isfinite(high) and np.array_equal(values, np.floor(values))
    if integral and span * (n_groups + 1) < _KEY_LIMIT:
        key = (values - low).astype(np.int64)
        key += family * int(span)
        return np.argsort(key, kind="stable")
    return np.lexsort((np.arange(family.shape[0]), values, family))


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
