"""Exact, order-independent sums of float64 arrays, so that totals merge across partitions.

A float sum depends on the order of its terms; two runs that add the same numbers in a
different order (one shot, or partition by partition) can differ in the last bits. Here each
float64 is split into an integer mantissa and a power of two, the mantissas are added per
power of two (in float64 ``bincount`` sums that stay exact), and the result is one Python
integer: the sum scaled by ``2**SCALE_BITS``, with no rounding at all. Such sums add exactly
(``int + int``) whatever the partitioning, and :func:`to_float` rounds once, correctly, at the
end. Vectorised: a few numpy passes per call.
"""

from __future__ import annotations

import numpy as np

#: Every float64 is an integer multiple of 2**-1074; mantissas carry 53 more bits.
SCALE_BITS = 1074 + 53
_EXPONENT_OFFSET = 1076  # frexp exponents lie in [-1073, 1024]
_EXPONENT_SLOTS = 2102
_HALF_BITS = 26
_TWO_53 = float(1 << 53)
_TWO_26 = float(1 << _HALF_BITS)
_INV_TWO_26 = 1.0 / _TWO_26
#: Elements per bincount call: a slot's sum of 27-bit halves then stays below 2**53.
_CHUNK = 1 << 25
_ONE = 1 << SCALE_BITS


def exact_sums(values, groups=None, n_groups: int = 1) -> list[int]:
    """Scaled exact sums of ``values`` per group (``groups``: ints in [0, n_groups))."""
    v = np.asarray(values, dtype=np.float64).ravel()
    if v.size and not np.isfinite(v).all():
        raise ValueError("exact_sums needs finite values")
    g = None if groups is None else np.asarray(groups, dtype=np.int64).ravel()
    nonzero = v != 0
    if v.size and np.count_nonzero(nonzero) < v.size // 2:  # zeros add nothing: skip them
        v = v[nonzero]
        g = None if g is None else g[nonzero]
    totals = [0] * n_groups
    for start in range(0, max(v.size, 1), _CHUNK):
        chunk = v[start : start + _CHUNK]
        if chunk.size == 0:
            break
        mantissa, exponent = np.frexp(chunk)
        # value = whole * 2**(e - 53), whole an integer below 2**53 held exactly in float64,
        # split into exact halves: whole = high * 2**26 + low with 0 <= low < 2**26.
        whole = mantissa * _TWO_53
        high = np.floor(whole * _INV_TWO_26)
        low = whole - high * _TWO_26
        slot = exponent.astype(np.int64)
        slot += _EXPONENT_OFFSET
        if g is not None:
            slot += g[start : start + _CHUNK] * _EXPONENT_SLOTS
        size = n_groups * _EXPONENT_SLOTS
        high = np.bincount(slot, weights=high, minlength=size)
        low = np.bincount(slot, weights=low, minlength=size)
        for index in np.flatnonzero((high != 0) | (low != 0)):
            group, exp_slot = divmod(int(index), _EXPONENT_SLOTS)
            part = (int(high[index]) << _HALF_BITS) + int(low[index])
            # value * 2**SCALE_BITS = whole * 2**(e - 53 + 1127) = whole << (e + 1074)
            totals[group] += part << (exp_slot - _EXPONENT_OFFSET + 1074)
    return totals


def exact_sum(values) -> int:
    """Scaled exact sum of all ``values`` (see :func:`exact_sums`)."""
    return exact_sums(values)[0]


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


def rupiah_terms(amounts, weights) -> tuple[np.ndarray, np.ndarray]:
    """The two float64 arrays whose exact sum is sum(amounts x weights) as
    :func:`openfisca_indonesia_sosial.money.total_rupiah` defines it: whole rupiah times the
    integer part of each weight (exact in float64 below 2**53), and times its fraction."""
    values = np.asarray(amounts)
    if values.dtype.kind == "f" and (
        not np.all(np.isfinite(values)) or np.any(values != np.round(values))
    ):
        raise ValueError("money amounts must be whole rupiah")
    values = values.astype(np.int64)
    w = np.asarray(weights, dtype=np.float64)
    if values.shape != w.shape:
        raise ValueError(f"amounts {values.shape} and weights {w.shape} differ in shape")
    if np.any(w < 0) or not np.all(np.isfinite(w)):
        raise ValueError("weights must be finite and non-negative")
    whole = np.floor(w)
    products = values * whole.astype(np.int64)
    if products.size and int(np.abs(products).max()) >= 1 << 53:
        raise OverflowError("a weighted amount exceeds 2**53 rupiah")
    return products.astype(np.float64), values.astype(np.float64) * (w - whole)


def rupiah_sums(amounts, weights, groups=None, n_groups: int = 1) -> list[int]:
    """Scaled exact weighted rupiah sums per group (round with :func:`to_rupiah`)."""
    whole, fraction = rupiah_terms(amounts, weights)
    a = exact_sums(whole, groups, n_groups)
    b = exact_sums(fraction, groups, n_groups)
    return [x + y for x, y in zip(a, b, strict=True)]
