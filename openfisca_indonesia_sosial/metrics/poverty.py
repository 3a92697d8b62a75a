"""The Gini coefficient and weighted quantile groups, person-weighted."""

from __future__ import annotations

import numpy as np


def gini(welfare: np.ndarray, weights: np.ndarray, order: np.ndarray | None = None) -> float:
    """Weighted Gini coefficient (trapezoid rule on the Lorenz curve); ``order``:
    ``np.argsort(welfare, kind="stable")`` when the caller already has it."""
    if order is None:
        order = np.argsort(welfare, kind="stable")
    x = np.asarray(welfare, dtype=np.float64)[order]
    w = np.asarray(weights, dtype=np.float64)[order]
    cum_w = np.cumsum(w) / w.sum()
    cum_xw = np.cumsum(x * w)
    lorenz = cum_xw / cum_xw[-1]
    previous_w = np.concatenate([[0.0], cum_w[:-1]])
    previous_l = np.concatenate([[0.0], lorenz[:-1]])
    area = ((cum_w - previous_w) * (lorenz + previous_l)).sum() / 2.0
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
