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
    (``individu.keluarga`` or the family population) meeting ``condition``; -1 otherwise."""
    if isinstance(group, projectors.Projector):
        group = group.reference_entity
    family = np.asarray(group.members_entity_id, dtype=np.int64)
    n = family.shape[0]
    condition = np.broadcast_to(np.asarray(condition, dtype=bool), (n,))
    values = np.asarray(criteria, dtype=np.float64)
    order = _order(family, values, condition, group.count)
    counts = np.bincount(family, minlength=group.count)
    starts = np.cumsum(counts) - counts
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n, dtype=np.int64) - starts[family[order]]
    return np.where(condition, rank, -1)


def _order(family, values, condition, n_groups) -> np.ndarray:
    """Persons sorted by (family, criterion among ``condition``, row), stably."""
    chosen = values[condition]
    if chosen.size == 0:
        return np.argsort(family, kind="stable")
    low, high = chosen.min(), chosen.max()
    span = high - low + 2  # one more slot for the members outside the condition
    integral = np.isfinite(low) and np.isfinite(high) and np.all(chosen == np.round(chosen))
    if integral and span * (n_groups + 1) < _KEY_LIMIT:
        offset = np.where(condition, values - low, span - 1).astype(np.int64)
        key = family * int(span) + offset
        return np.argsort(key, kind="stable")
    filtered = np.where(condition, values, np.inf)
    return np.lexsort((np.arange(family.shape[0]), filtered, family))


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
