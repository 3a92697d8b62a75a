"""Exact, order-independent sums of float64 arrays, so that totals merge across partitions.

A float sum depends on the order of its terms; two runs that add the same numbers in a
different order (one shot, or partition by partition) can differ in the last bits. Here each
float64 is split, from its bits, into an integer mantissa and a power of two, the mantissas are
added per power of two (in float64 ``bincount`` sums that stay exact), and the result is one
Python integer: the sum scaled by ``2**SCALE_BITS``, with no rounding at all. Such sums add
exactly (``int + int``) whatever the partitioning, and :func:`to_float` rounds once, correctly,
at the end. :class:`Terms` splits an array once for many sums (by group, over masks).
"""

from __future__ import annotations

import numpy as np

#: Every float64 is an integer multiple of 2**-1074; mantissas carry 53 more bits.
SCALE_BITS = 1074 + 53
_HALF_BITS = 26
_MAGNITUDE = np.int64(0x7FFF_FFFF_FFFF_FFFF)
_FRACTION = np.int64((1 << 52) - 1)
_IMPLICIT = np.int64(1 << 52)
_LOW = np.int64((1 << _HALF_BITS) - 1)
#: Terms per bincount call: a slot's sum of 27-bit halves then stays below 2**53.
_CHUNK = 1 << 25
_ONE = 1 << SCALE_BITS


class Terms:
    """The nonzero values of a float64 array, each split exactly as
    ``sign * (high * 2**26 + low) * 2**(exponent - 1075)`` with integer halves below 2**27
    held in float64, so sums over groups or masks reuse one split."""

    def __init__(self, values, positions=None, size: int | None = None):
        """``values``, or the values at ``positions`` of an array of ``size`` zeros."""
        bits = np.ascontiguousarray(values, dtype=np.float64).ravel().view(np.int64)
        self.size = bits.size if positions is None else int(size)
        self.kept = positions  # positions of the values, None for all; zeros add nothing
        magnitude = bits & _MAGNITUDE
        if np.count_nonzero(magnitude) < bits.size:
            nonzero = np.flatnonzero(magnitude)
            bits, magnitude = bits[nonzero], magnitude[nonzero]
            self.kept = nonzero if positions is None else np.asarray(positions)[nonzero]
        exponent = magnitude >> 52
        self.base, self.span = 1, 1
        if exponent.size:
            if exponent.max() == 0x7FF:
                raise ValueError("exact_sums needs finite values")
            np.bitwise_and(magnitude, _FRACTION, out=magnitude)
            subnormal = exponent == 0
            if subnormal.any():  # no implicit bit, and the exponent of the smallest normal
                magnitude[~subnormal] |= _IMPLICIT
                exponent[subnormal] = 1
            else:
                magnitude |= _IMPLICIT
            self.base = int(exponent.min())
            self.span = int(exponent.max()) - self.base + 1
            exponent -= self.base
        self.slot = exponent
        self.low = (magnitude & _LOW).astype(np.float64)
        magnitude >>= _HALF_BITS
        self.high = magnitude.astype(np.float64)
        negative = bits < 0
        if negative.any():
            np.negative(self.high, out=self.high, where=negative)
            np.negative(self.low, out=self.low, where=negative)

    def total(self) -> int:
        return self.sums()[0]

    def sums(self, groups=None, n_groups: int = 1) -> list[int]:
        """Scaled exact sums per group (``groups``: ints in [0, n_groups))."""
        slot = self.slot
        if groups is not None:
            g = np.asarray(groups, dtype=np.int64).ravel()
            slot = (g if self.kept is None else g[self.kept]) * self.span + slot
        return self._collect(slot, self.high, self.low, n_groups)

    def where(self, mask) -> Terms:
        """The terms of the values where ``mask`` is true (the others count as zeros)."""
        chosen = np.asarray(mask, dtype=bool).ravel()
        chosen = np.flatnonzero(chosen if self.kept is None else chosen[self.kept])
        subset = object.__new__(Terms)
        subset.size, subset.base, subset.span = self.size, self.base, self.span
        subset.kept = chosen if self.kept is None else self.kept[chosen]
        subset.slot = self.slot[chosen]
        subset.high, subset.low = self.high[chosen], self.low[chosen]
        return subset

    def each(self, masks) -> tuple[list[int], int]:
        """Scaled exact sums over each row of a 2-D boolean ``masks`` (rows x values), and
        over the values in any row."""
        masks = np.atleast_2d(np.asarray(masks, dtype=bool))
        n_rows = masks.shape[0]
        if n_rows > 16:
            return [self.where(row).total() for row in masks], self.where(masks.any(0)).total()
        # One grouped sum by the pattern of rows each value is in, then each row adds the
        # sums of its patterns: one pass over the values however many rows.
        pattern = masks[0].astype(np.uint16)
        shifted = np.empty_like(pattern)
        for row in range(1, n_rows):
            np.left_shift(masks[row].view(np.uint8), row, out=shifted, dtype=np.uint16)
            pattern |= shifted
        if self.kept is not None:
            pattern = pattern[self.kept]
        chosen = np.flatnonzero(pattern)
        pattern = pattern[chosen]
        present = np.flatnonzero(np.bincount(pattern))
        compact = np.zeros(1 << n_rows, dtype=np.int64)
        compact[present] = np.arange(present.size)
        slot = compact[pattern] * self.span + self.slot[chosen]
        by_pattern = self._collect(slot, self.high[chosen], self.low[chosen], present.size)
        totals = [0] * n_rows
        for bits, total in zip(present.tolist(), by_pattern, strict=True):
            for row in range(n_rows):
                if bits >> row & 1:
                    totals[row] += total
        return totals, sum(by_pattern)

    def _collect(self, slot, high, low, n_groups: int) -> list[int]:
        totals = [0] * n_groups
        size = n_groups * self.span
        for start in range(0, slot.size, _CHUNK):
            part = slice(start, start + _CHUNK)
            high_sums = np.bincount(slot[part], weights=high[part], minlength=size)
            low_sums = np.bincount(slot[part], weights=low[part], minlength=size)
            cells = np.flatnonzero((high_sums != 0) | (low_sums != 0))
            groups, exponents = np.divmod(cells, self.span)
            for group, exponent, h, lo in zip(
                groups.tolist(),
                exponents.tolist(),
                high_sums[cells].tolist(),
                low_sums[cells].tolist(),
                strict=True,
            ):
                # value * 2**SCALE_BITS = (high * 2**26 + low) << (exponent + 52)
                totals[group] += ((int(h) << _HALF_BITS) + int(lo)) << (exponent + self.base + 52)
        return totals


def exact_sums(values, groups=None, n_groups: int = 1) -> list[int]:
    """Scaled exact sums of ``values`` per group (``groups``: ints in [0, n_groups))."""
    return Terms(values).sums(groups, n_groups)


def exact_sum(values) -> int:
    """Scaled exact sum of all ``values`` (see :func:`exact_sums`)."""
    return Terms(values).total()


def to_float(scaled: int) -> float:
    """The float64 nearest to a scaled exact sum (correctly rounded)."""
    return scaled / _ONE


def to_rupiah(scaled: int) -> int:
    """A scaled exact sum rounded to the whole rupiah (half to even, as ``round``)."""
    quotient, remainder = divmod(scaled, _ONE)
    twice = 2 * remainder
    if twice > _ONE or (twice == _ONE and quotient % 2 == 1):
        quotient += 1
    return int(quotient)


def _validated(amounts, weights) -> tuple[np.ndarray, np.ndarray]:
    values = np.asarray(amounts)
    if values.dtype.kind == "f" and (
        not np.all(np.isfinite(values)) or np.any(values != np.round(values))
    ):
        raise ValueError("money amounts must be whole rupiah")
    values = values.astype(np.int64, copy=False)
    w = np.asarray(weights, dtype=np.float64)
    if values.shape != w.shape:
        raise ValueError(f"amounts {values.shape} and weights {w.shape} differ in shape")
    if np.any(w < 0) or not np.all(np.isfinite(w)):
        raise ValueError("weights must be finite and non-negative")
    return values, w


def rupiah_money(amounts, weights) -> Terms:
    """:class:`Terms` whose exact sum is sum(amounts x weights) as
    :func:`money_reference.total_rupiah` defines it: whole rupiah times the
    integer part of each weight (exact in float64 below 2**53), then times its fraction. The
    terms lie end to end (whole parts, then fractions): group them by codes repeated twice."""
    values, w = _validated(amounts, weights)
    values, w, size = values.ravel(), w.ravel(), values.size
    # Most units are paid nothing: only the others have terms (validation saw them all).
    paid = np.flatnonzero(values)
    values, w = values[paid], w[paid]
    whole = np.floor(w)
    products = values * whole.astype(np.int64)
    if products.size and int(np.abs(products).max()) >= 1 << 53:
        raise OverflowError("a weighted amount exceeds 2**53 rupiah")
    fraction = values.astype(np.float64) * (w - whole)
    positions = np.concatenate([paid, paid + size])
    return Terms(np.concatenate([products.astype(np.float64), fraction]), positions, 2 * size)


def rupiah_sums(amounts, weights, groups=None, n_groups: int = 1) -> list[int]:
    """Scaled exact weighted rupiah sums per group (round with :func:`to_rupiah`)."""
    if groups is not None:
        groups = np.tile(np.asarray(groups, dtype=np.int64).ravel(), 2)
    return rupiah_money(amounts, weights).sums(groups, n_groups)
