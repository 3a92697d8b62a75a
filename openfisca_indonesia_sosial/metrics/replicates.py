"""Replicate weights for the 95 % intervals of every weighted estimate.

Method (see docs/guides/uncertainty.md): a Poisson bootstrap. Replicate ``b`` gives each
sample family the multiplier ``r[b, f]``, a Poisson(1) draw that is a pure function of the
seed, ``b`` and the family's id (a counter-based hash): the same family gets the same draws in
a single-shot run, in any partitioning and in every scenario, so a reform and its baseline
share their draws and their difference is measured on paired replicates. Totals are
ratio-adjusted per replicate to the sample's weighted families (nationally, and per province
for the province table), which turns the Poisson bootstrap into the bootstrap of a design
with a fixed number of families per stratum (the weights of the population are calibrated
to known totals). The interval is the estimate plus or minus 1.96 replicate standard
deviations.

A block's replicate sums are exact and partition-independent: each family's contribution is
rounded once to an integer multiple of a quantum (:data:`MONEY_QUANTUM` rupiah,
1/:data:`COUNT_SCALE` of a unit), so every product and partial sum of the replicate
matrix products is an integer below 2**53, which float64 adds exactly in any order.
Memory stays bounded: a block holds its families' multipliers as bytes (replicates x
families), its results ``R`` floats per key.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.delivery.hashing import hash_text
from openfisca_indonesia_sosial.metrics import kernels
from openfisca_indonesia_sosial.metrics.defaults import (  # noqa: F401 - re-exported
    DEFAULT_REPLICATES,
    DEFAULT_SEED,
    MAX_REPLICATES,
)

#: The normal quantile of a two-sided 95 % interval.
Z95 = 1.959963984540054
#: Rupiah per unit of a replicate money sum.
MONEY_QUANTUM = 1000.0
#: Units of a replicate count per family or person counted.
COUNT_SCALE = 1024.0
#: Columns of a grouping summed in one matrix product.
BATCH = 32
#: Families per step of the replicate products (temporaries of replicates x this size).
CHUNK = 8192
#: Poisson(1) cumulative probabilities, k = 0..19 (the tail beyond is below 2**-53).
_POISSON_CDF = np.cumsum([math.exp(-1.0) / math.factorial(k) for k in range(20)])
#: The same as 53-bit integers: a draw's 53 high bits are compared without rounding.
_THRESHOLDS = np.floor(_POISSON_CDF * 2.0**53).astype(np.uint64)


def _draw_table() -> np.ndarray:
    """The draw of each bucket of hashes sharing their ``kernels.TABLE_BITS`` high bits, or
    ``kernels.UNDECIDED`` where a threshold falls inside the bucket (8 of 65,536 buckets): a
    lookup instead of a search for all but about one draw in 8,000, with the same draws."""
    width = np.uint64(53 - kernels.TABLE_BITS)
    lowest = np.arange(2**kernels.TABLE_BITS, dtype=np.uint64) << width
    highest = lowest + ((np.uint64(1) << width) - np.uint64(1))
    low = np.searchsorted(_THRESHOLDS, lowest, side="right")
    high = np.searchsorted(_THRESHOLDS, highest, side="right")
    return np.where(low == high, low, kernels.UNDECIDED).astype(np.uint8)


_TABLE = _draw_table()


def family_keys(family_ids, seed: int = DEFAULT_SEED) -> np.ndarray:
    """A 64-bit key per family id, a pure function of the id and the seed."""
    text = pd.Series(family_ids).astype(str)
    salt = hashlib.sha256(f"replicate-{seed}".encode()).hexdigest()[:16]
    return hash_text(text, salt).astype(np.uint64)


def multipliers(keys: np.ndarray, replicates: int, first: int = 0) -> np.ndarray:
    """Poisson(1) multipliers, ``replicates`` x families, as bytes: the draw of family ``f``
    in replicate ``b`` is the inverse Poisson(1) distribution function at the 53 high bits
    of ``mix(key_f + b x golden ratio)`` (splitmix64's finaliser; looked up by its high bits,
    :func:`_draw_table`; see :func:`.kernels.draw_multipliers`); ``first``: the rows of
    replicates ``first`` to ``first + replicates - 1`` of the full draw."""
    out = np.empty((replicates, np.shape(keys)[0]), dtype=np.uint8)
    kernels.draw_multipliers(keys, first, _TABLE, _THRESHOLDS, out)
    return out


def describe(replicates: int, seed: int) -> dict:
    """The replicate design of a run, as its JSON states it."""
    if not replicates:
        return {"replicates": 0}
    return {
        "method": "poisson_bootstrap",
        "adjustment": "totals ratio-adjusted per replicate to the weighted families "
        "(nationally; per province in the province table)",
        "interval": "normal: estimate +/- 1.96 replicate standard deviations",
        "level": 0.95,
        "replicates": int(replicates),
        "seed": int(seed),
    }


def money_values(amounts, weights) -> np.ndarray:
    """Each family's weighted rupiah in replicate quanta (integers held in float64)."""
    return np.round(np.asarray(amounts, dtype=np.float64) * weights / MONEY_QUANTUM)


def count_values(weighted) -> np.ndarray:
    """Each family's weighted count in replicate quanta (integers held in float64)."""
    return np.round(np.asarray(weighted, dtype=np.float64) * COUNT_SCALE)


class ReplicateSums:
    """Value columns of a block, summed per replicate, :data:`BATCH` columns at a time (one
    matrix product per batch; memory stays a batch of columns).

    ``add(key, values)`` registers a national column; ``add(prefix, values, grouping)`` one
    summed per label of ``groups[grouping]`` (keys ``(*prefix, label)``); with a pair of
    groupings and a pair of prefixes, one product per cell of the two serves both (half the
    work of two groupings); ``support``: the
    name of a set of families (:meth:`support`) outside which the column is 0, so that only
    those families enter its product (a program's columns live on its recipients).
    ``alias`` copies a column's sums under another key (a reform sharing the baseline's
    payments). A column equal, bit for bit, to one already added to its batch is not
    multiplied again: its sums are the other's (integers below 2**53, so the same exact
    values), which spares most of the work, as a program paying the same families every
    month has the same count column in each of its months."""

    def __init__(self, r8: np.ndarray, groups: dict):
        self.r8 = r8  # replicates x families
        self.groups = groups
        self.supports: dict = {None: None}
        self.pending: dict = defaultdict(list)
        self.aliases: list = []
        self.out: dict = {}
        self.buffers = _Buffers(r8.shape[0], 1)
        #: Per batch of a grouping: :meth:`_by_cell`'s order, bounds and multipliers.
        self.cells: dict = {}
        #: Per batch: the columns added so far by their fingerprint (:meth:`_twin`).
        self.seen: dict = defaultdict(lambda: defaultdict(list))
        self.probe = np.random.default_rng(0).random(r8.shape[1])

    def support(self, name, rows: np.ndarray) -> None:
        """Name the families ``rows`` (increasing positions in the block)."""
        for batch in [b for b in self.pending if b[1] == name]:  # gathered on the old rows
            self._flush(batch)
        self.supports[name] = np.asarray(rows, dtype=np.int64)
        for store in (self.cells, self.seen):  # ordered for, or gathered on, the old rows
            for batch in [b for b in store if b[1] == name]:
                del store[batch]

    def add(self, key: tuple, values: np.ndarray, grouping=None, support=None) -> None:
        if not values.any():  # a column of zeros sums to zeros (a program paying nothing)
            zero = np.zeros(self.r8.shape[0])
            pairs = [(key, grouping)]
            if isinstance(grouping, tuple):
                pairs = list(zip(key, grouping, strict=True))
            for prefix, one in pairs:
                labels = [None] if one is None else self.groups[one][1]
                self.out.update({prefix if g is None else (*prefix, g): zero for g in labels})
            return
        rows = self.supports[support]
        batch = (grouping, support)
        column = np.ascontiguousarray(values if rows is None else values[rows])
        twin = self._twin(batch, key, column)
        if twin is not None:
            self.alias(key, twin, grouping)
            return
        self.pending[batch].append((key, column))
        if len(self.pending[batch]) >= BATCH:
            self._flush(batch)

    def _twin(self, batch, key, column: np.ndarray):
        """The key of a column of ``batch`` equal to ``column`` bit for bit, or None (then
        ``column`` is remembered under ``key``). The fingerprint, a dot product with fixed
        random numbers, only chooses which columns to compare: equal columns have equal
        fingerprints, and a column is taken as a twin only when every byte is the same."""
        fingerprint = float(column @ self.probe[: column.shape[0]])
        candidates = self.seen[batch][fingerprint]
        for other, seen in candidates:
            if seen.dtype == column.dtype and np.array_equal(
                seen.view(np.uint8), column.view(np.uint8)
            ):
                return other
        candidates.append((key, column))
        return None

    def alias(self, key: tuple, source: tuple, grouping=None) -> None:
        if isinstance(grouping, tuple):
            for one, new, old in zip(grouping, key, source, strict=True):
                self.aliases.append((new, old, one))
            return
        self.aliases.append((key, source, grouping))

    def finish(self) -> dict:
        for batch in list(self.pending):
            self._flush(batch)
        out = self.out
        for key, source, grouping in self.aliases:
            if grouping is None:
                out[key] = out[source]
                continue
            for label in self.groups[grouping][1]:
                out[(*key, label)] = out[(*source, label)]
        return out

    def _flush(self, batch) -> None:
        grouping, support = batch
        columns = self.pending.pop(batch, [])
        if not columns:
            return
        keys = [key for key, _ in columns]
        matrix = np.stack([values for _, values in columns])  # columns x families
        rows = self.supports[support]
        if grouping is None:
            r8 = self.r8 if rows is None else np.take(self.r8, rows, axis=1)
            totals = _products(matrix, r8, self.buffers)
            self.out.update({key: totals[i] for i, key in enumerate(keys)})
            return
        pair = grouping if isinstance(grouping, tuple) else (grouping,)
        labels = self.groups[pair[0]][1]
        order, bounds, r8 = self._by_cell(batch)
        matrix = np.take(matrix, order, axis=1)
        sums = {}
        for cell in np.flatnonzero(np.diff(bounds)).tolist():
            part = slice(bounds[cell], bounds[cell + 1])
            sums[cell] = _products(matrix[:, part], r8[:, part], self.buffers)
        if len(pair) == 1:
            zero = np.zeros((len(keys), self.r8.shape[0]))
            for g, label in enumerate(labels):
                totals = sums.get(g, zero)
                self.out.update({(*key, label): totals[i] for i, key in enumerate(keys)})
            return
        n_second = len(self.groups[pair[1]][1])
        for side, one in enumerate(pair):
            for g, label in enumerate(self.groups[one][1]):
                members = [c for c in sums if (c // n_second if side == 0 else c % n_second) == g]
                # integers below 2**53: their float sum is exact in any order
                totals = sum((sums[c] for c in members), np.zeros((len(keys), self.r8.shape[0])))
                for i, key in enumerate(keys):
                    self.out[(*key[side], label)] = totals[i]

    def _by_cell(self, batch) -> tuple:
        """The families of a batch's support ordered by cell, the cells' bounds in that
        order and the multipliers so ordered: the same for every flush of the batch, so
        computed at its first (the reordered multipliers are the largest gather of a
        flush)."""
        if batch in self.cells:
            return self.cells[batch]
        grouping, support = batch
        pair = grouping if isinstance(grouping, tuple) else (grouping,)
        codes, labels = self.groups[pair[0]]
        cells = len(labels)
        if len(pair) == 2:  # cell = (label of the first) x (label of the second)
            second, second_labels = self.groups[pair[1]]
            codes = codes * len(second_labels) + second
            cells *= len(second_labels)
        rows = self.supports[support]
        codes = codes if rows is None else codes[rows]
        # the families by cell; codes (-1: no label) held in the smallest signed type, which
        # numpy sorts by radix: the same stable order in a sixth of the time
        order = np.argsort(codes.astype(np.min_scalar_type(-max(cells, 1))), kind="stable")
        bounds = np.searchsorted(codes[order], np.arange(cells + 1))
        # np.take gathers columns several times faster than fancy indexing
        r8 = np.take(self.r8, order if rows is None else rows[order], axis=1)
        self.cells[batch] = (order, bounds, r8)
        return self.cells[batch]


class _Buffers:
    """Float64 work arrays of ``rows`` x at most :data:`CHUNK`, allocated once: fresh
    temporaries of this size at every step would be mapped and faulted in anew each time."""

    def __init__(self, rows: int, count: int):
        self.flat = [np.empty(rows * CHUNK) for _ in range(count)]
        self.rows = rows

    def get(self, index: int, width: int) -> np.ndarray:
        """A C-contiguous ``rows`` x ``width`` view of buffer ``index``."""
        return self.flat[index][: self.rows * width].reshape(self.rows, width)


def _products(matrix: np.ndarray, r8: np.ndarray, buffers: _Buffers | None = None) -> np.ndarray:
    """``matrix @ r8.T`` (columns x replicates), exact: integers below 2**53 in float64
    (computed as ``r8 @ matrix.T``, the layout the BLAS multiplies fastest)."""
    buffers = buffers or _Buffers(r8.shape[0], 1)
    total = np.zeros((r8.shape[0], matrix.shape[0]), dtype=np.float64)
    for start in range(0, r8.shape[1], CHUNK):
        part = slice(start, start + CHUNK)
        draws = buffers.get(0, r8[:, part].shape[1])
        np.copyto(draws, r8[:, part], casting="unsafe")
        total += draws @ matrix[:, part].T
    return total.T


def standard_error(replicates: np.ndarray) -> float:
    """The bootstrap standard error: the replicate estimates' standard deviation."""
    values = np.asarray(replicates, dtype=np.float64)
    # a replicate that drew no family of a tiny group has no ratio: it is left out
    values = values[np.isfinite(values)]
    if values.size < 2:
        return 0.0
    return float(np.std(values, ddof=1))


def interval(
    point: float,
    replicates: np.ndarray,
    floor: float | None = 0.0,
    ceiling: float | None = None,
) -> list[float]:
    """``[low, high]``: the estimate plus or minus 1.96 standard errors, within the bounds a
    quantity cannot leave (``floor`` 0 for a count, a cost or a rate, None for a difference;
    ``ceiling`` 1 for a share)."""
    half = Z95 * standard_error(replicates)
    low, high = point - half, point + half
    if floor is not None:
        low = max(low, floor)
    if ceiling is not None:
        high = min(high, ceiling)
    return [float(low), float(high)]


class ReplicateGini:
    """The Gini coefficients of replicates ``first`` to ``first + replicates - 1`` from the
    units given in welfare order, :data:`CHUNK` at a time (each piece but the last exactly
    :data:`CHUNK` units, counted from the first: the pieces fix the order of the sums). Each
    replicate's sums run along its own row, so a replicate's Gini does not depend on which
    others are computed with it. Memory: three work arrays of replicates x :data:`CHUNK`."""

    def __init__(self, replicates: int, first: int = 0):
        self.replicates, self.first = replicates, first
        self.sum_w = np.zeros(replicates)
        self.sum_xw = np.zeros(replicates)
        self.twice_ws = np.zeros(replicates)  # sum of w_i * S_i
        self.w_xw = np.zeros(replicates)  # sum of w_i * x_i * w_i
        self.buffers = _Buffers(replicates, 3)

    def draws(self, keys: np.ndarray) -> np.ndarray:
        """The multipliers of these replicates for the families ``keys``."""
        return multipliers(keys, self.replicates, self.first)

    def add(self, welfare, person_weights, r: np.ndarray) -> None:
        """The next piece: its welfare, person weights and multipliers ``r`` (these
        replicates x the piece's families: :meth:`draws`, or the caller's own draws of
        them); see :func:`.kernels.add_gini_sums`."""
        width = r.shape[1]
        kernels.add_gini_sums(
            r,
            person_weights,
            welfare,
            self.sum_w,
            self.sum_xw,
            self.twice_ws,
            self.w_xw,
            lambda i: self.buffers.get(i, width),
        )

    def result(self) -> np.ndarray:
        # twice the Lorenz area, unnormalised:
        # sum of w_i (S_{i-1} + S_i) = 2 sum w_i S_i - w_i xw_i
        area = 2.0 * self.twice_ws - self.w_xw
        with np.errstate(divide="ignore", invalid="ignore"):
            return 1.0 - area / (self.sum_w * self.sum_xw)


def gini_replicates(
    welfare: np.ndarray,
    person_weights: np.ndarray,
    keys: np.ndarray,
    replicates: int,
    order: np.ndarray | None = None,
    drawn: np.ndarray | None = None,
    first: int = 0,
) -> np.ndarray:
    """The Gini coefficient of replicates ``first`` to ``first + replicates - 1``: one sort
    (shared), replicate weights streamed in sorted order ``CHUNK`` families at a time (the
    Gini needs no ratio adjustment: it does not change when every weight is scaled).
    ``drawn``: all the families' :func:`multipliers` when the caller holds them (a function
    of ``keys``: the same figures). See :class:`ReplicateGini`."""
    if order is None:
        order = np.argsort(welfare, kind="stable")
    welfare = np.asarray(welfare, dtype=np.float64)
    person_weights = np.asarray(person_weights, dtype=np.float64)
    sums = ReplicateGini(replicates, first)
    for start in range(0, order.shape[0], CHUNK):
        rows = order[start : start + CHUNK]
        r = sums.draws(keys[rows]) if drawn is None else drawn[first : first + replicates, rows]
        sums.add(welfare[rows], person_weights[rows], r)
    return sums.result()
