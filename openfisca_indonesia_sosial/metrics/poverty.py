"""The Gini coefficient and weighted quantile groups, person-weighted."""

from __future__ import annotations

import numpy as np

#: Units per step of :func:`gini`'s running sums: its temporaries stay this size, whatever
#: the population (a national merge would otherwise hold ten arrays of every family).
GINI_CHUNK = 1 << 18
#: Largest piece of :class:`PairwiseSum` added by one ``np.sum``.
PAIRWISE_LEAF = 1 << 16


class PairwiseSum:
    """``np.sum`` of a float64 array of ``n`` units given piece by piece, bit for bit, in
    memory of one piece.

    numpy adds a contiguous float64 array by pairwise summation: more than 128 units are
    split at half their number rounded down to a multiple of 8, each side summed the same
    way and the two sums added (numpy's ``pairwise_sum``). The split points depend on ``n``
    only, so the tree is laid out up front: every subtree of at most ``leaf`` units is one
    ``np.sum`` of those units (numpy takes the same path through it) as soon as they have
    arrived, and the subtrees' sums are added up the tree at the end."""

    def __init__(self, n: int, leaf: int | None = None):
        # numpy splits no piece of 128 units or fewer: a leaf is at least that
        self.n, self.leaf = int(n), max(int(leaf or PAIRWISE_LEAF), 128)
        self._sizes: list[int] = []
        self._layout(self.n)
        self._sums: list[float] = []
        self._pending: list[np.ndarray] = []
        self._held = 0

    def _layout(self, n: int) -> None:
        if n <= self.leaf:
            self._sizes.append(n)
            return
        half = n // 2
        half -= half % 8
        self._layout(half)
        self._layout(n - half)

    def add(self, values: np.ndarray) -> None:
        """The next ``values`` of the array."""
        values = np.asarray(values, dtype=np.float64)
        if values.size == 0:
            return
        self._pending.append(values)
        self._held += values.size
        done = len(self._sums)
        if done == len(self._sizes) or self._held < self._sizes[done]:
            return
        held = np.concatenate(self._pending)  # a fresh aligned array: numpy's own path
        used = 0
        while done < len(self._sizes) and held.size - used >= self._sizes[done]:
            size = self._sizes[done]
            self._sums.append(held[used : used + size].sum())
            used, done = used + size, done + 1
        rest = held[used:]
        self._pending = [rest.copy()] if rest.size else []
        self._held = rest.size

    def total(self) -> float:
        """The sum (after all ``n`` units were added)."""
        if self.n == 0:
            return np.float64(0.0)
        if len(self._sums) != len(self._sizes) or self._held:
            raise ValueError(f"PairwiseSum: {self.n} units expected, other count given")
        if len(self._sums) == 1:
            return self._sums[0]
        sums = iter(self._sums)

        def node(n):
            if n <= self.leaf:
                return next(sums)
            half = n // 2
            half -= half % 8
            return node(half) + node(n - half)

        return 0.0 + node(self.n)  # numpy starts a sum from its identity


def _running(carry: float, values: np.ndarray) -> np.ndarray:
    """Cumulative sums of ``values`` continuing from ``carry``: the partial sums one
    ``np.cumsum`` over the whole array gives (it adds in order)."""
    return np.cumsum(np.concatenate([[carry], values]))[1:]


class GiniTotals:
    """First pass of :func:`gini_of_sorted` over the units in welfare order: the total
    weight (``np.sum`` of the sorted weights) and the total welfare mass."""

    def __init__(self, n: int):
        self.n = n
        self.weight = PairwiseSum(n)
        self.mass = 0.0

    def add(self, welfare: np.ndarray, weights: np.ndarray) -> None:
        """The next units in welfare order (``weights`` as float64)."""
        if weights.size:
            self.weight.add(weights)
            self.mass = _running(self.mass, welfare * weights)[-1]


class GiniArea:
    """Second pass of :func:`gini_of_sorted`: the trapezoids under the Lorenz curve."""

    def __init__(self, totals: GiniTotals):
        self.total_w, self.total_xw = totals.weight.total(), totals.mass
        self.trapezoids = PairwiseSum(totals.n)
        self.sum_w = self.sum_xw = self.last_w = self.last_l = 0.0

    def add(self, welfare: np.ndarray, weights: np.ndarray) -> None:
        """The same units as the first pass, in the same pieces or others."""
        if not weights.size:
            return
        raw_w = _running(self.sum_w, weights)
        raw_xw = _running(self.sum_xw, welfare * weights)
        cum_w, lorenz = raw_w / self.total_w, raw_xw / self.total_xw
        previous_w = np.concatenate([[self.last_w], cum_w[:-1]])
        previous_l = np.concatenate([[self.last_l], lorenz[:-1]])
        self.trapezoids.add((cum_w - previous_w) * (lorenz + previous_l))
        self.sum_w, self.sum_xw = raw_w[-1], raw_xw[-1]
        self.last_w, self.last_l = cum_w[-1], lorenz[-1]

    def gini(self) -> float:
        area = self.trapezoids.total() / 2.0
        return float(1.0 - 2.0 * area)


def gini_of_sorted(pieces, n: int) -> float:
    """Weighted Gini coefficient of ``n`` units given in welfare order: ``pieces()``
    yields ``(welfare, weights)`` pieces of them, in order, and is called twice (the
    trapezoids need the totals first). Memory: a piece, whatever ``n``."""
    totals = GiniTotals(n)
    for welfare, weights in pieces():
        totals.add(welfare, weights)
    area = GiniArea(totals)
    for welfare, weights in pieces():
        area.add(welfare, weights)
    return area.gini()


def gini(
    welfare: np.ndarray,
    weights: np.ndarray,
    order: np.ndarray | None = None,
    chunk: int = GINI_CHUNK,
) -> float:
    """Weighted Gini coefficient (trapezoid rule on the Lorenz curve); ``order``:
    ``np.argsort(welfare, kind="stable")`` when the caller already has it.

    The cumulative sums run ``chunk`` units at a time, each step starting from the last
    sum of the step before, so every partial sum is the one a single ``np.cumsum`` gives,
    bit for bit, and the totals are ``np.sum``'s over the whole arrays
    (:class:`PairwiseSum`): the value of the whole-array formula, in memory of a chunk."""
    if order is None:
        order = np.argsort(welfare, kind="stable")
    welfare = np.asarray(welfare, dtype=np.float64)
    weights = np.asarray(weights, dtype=np.float64)

    def pieces():
        for start in range(0, order.shape[0], chunk):
            rows = order[start : start + chunk]
            yield welfare[rows], weights[rows]

    return gini_of_sorted(pieces, order.shape[0])


def weighted_quantile_groups(
    values: np.ndarray, weights: np.ndarray, groups: int, order: np.ndarray | None = None
) -> np.ndarray:
    """Group number 1..groups of each unit by weighted rank of ``values`` (1 = lowest);
    ``order``: ``np.argsort(values, kind="stable")`` when the caller already has it."""
    if order is None:
        order = np.argsort(values, kind="stable")
    cum = np.cumsum(np.asarray(weights, dtype=np.float64)[order])
    share = (cum - 0.5 * np.asarray(weights, dtype=np.float64)[order]) / cum[-1]
    result = np.empty(len(values), dtype=np.int64)
    result[order] = np.minimum((share * groups).astype(np.int64) + 1, groups)
    return result


def poverty_lines(year: int, keluarga) -> np.ndarray:
    """Each family's poverty line per person per month: the BPS March line of ``year``, urban
    or rural by ``perkotaan``; the national line when the population does not give the area
    (an optional column)."""
    from openfisca_indonesia_sosial.simulation.parameters import poverty_lines as in_force

    lines = in_force(year)
    if lines is None:
        raise ValueError(f"no March {year} poverty lines in the parameters")
    if "perkotaan" not in keluarga:
        return np.full(len(keluarga), lines.nasional, dtype=np.float64)
    urban = keluarga["perkotaan"].to_numpy(bool)
    return np.where(urban, lines.perkotaan, lines.perdesaan).astype(np.float64)
