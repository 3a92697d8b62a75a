"""The Gini coefficient and weighted quantile groups, person-weighted."""

from __future__ import annotations

import numpy as np

#: Units per step of :func:`gini`'s running sums: its temporaries stay this size, whatever
#: the population (a national merge would otherwise hold ten arrays of every family).
GINI_CHUNK = 1 << 18


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
    bit for bit; only the sorted weights and the trapezoids are held whole (their totals
    are ``np.sum``'s pairwise sums over the whole array, as before)."""
    if order is None:
        order = np.argsort(welfare, kind="stable")
    welfare = np.asarray(welfare, dtype=np.float64)
    w = np.asarray(weights, dtype=np.float64)[order]
    total_w = w.sum()
    steps = range(0, w.shape[0], chunk)

    def running(carry: float, values: np.ndarray) -> np.ndarray:
        return np.cumsum(np.concatenate([[carry], values]))[1:]

    total_xw = 0.0
    for start in steps:
        part = slice(start, start + chunk)
        total_xw = running(total_xw, welfare[order[part]] * w[part])[-1]
    trapezoids = np.empty_like(w)
    sum_w = sum_xw = last_w = last_l = 0.0
    for start in steps:
        part = slice(start, start + chunk)
        raw_w = running(sum_w, w[part])
        raw_xw = running(sum_xw, welfare[order[part]] * w[part])
        cum_w, lorenz = raw_w / total_w, raw_xw / total_xw
        previous_w = np.concatenate([[last_w], cum_w[:-1]])
        previous_l = np.concatenate([[last_l], lorenz[:-1]])
        trapezoids[part] = (cum_w - previous_w) * (lorenz + previous_l)
        sum_w, sum_xw, last_w, last_l = raw_w[-1], raw_xw[-1], cum_w[-1], lorenz[-1]
    area = trapezoids.sum() / 2.0
    return float(1.0 - 2.0 * area)


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
