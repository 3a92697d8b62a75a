"""The generator's arithmetic: largest-remainder allocation, raking of weights, ranks, weighted
cut-offs. Pure numpy, no knowledge of families. (The Gini it calibrates expenditure to is
the package's one Gini, :func:`openfisca_indonesia_sosial.metrics.poverty.gini`.)"""

from __future__ import annotations

import numpy as np

from openfisca_indonesia_sosial.synthetic import portable


def allocate(total: int, shares: np.ndarray, minimum: int = 0) -> np.ndarray:
    """Integer counts summing to ``total``, proportional to ``shares`` (largest remainder);
    every cell with a positive share gets at least ``minimum``."""
    shares = np.asarray(shares, dtype=float)
    positive = shares > 0
    base = np.where(positive, minimum, 0)
    rest = total - base.sum()
    if rest < 0:
        raise ValueError("too few units for the minimum per cell")
    exact = shares / shares.sum() * rest
    counts = np.floor(exact).astype(np.int64)
    remainder = rest - counts.sum()
    order = np.argsort(-(exact - counts), kind="stable")
    counts[order[:remainder]] += 1
    return counts + base


def ranks_within(key: np.ndarray) -> np.ndarray:
    """0-based rank of each element among equal keys (stable: by position)."""
    order = np.argsort(key, kind="stable")
    sorted_key = key[order]
    start = np.ones(len(key), dtype=bool)
    start[1:] = sorted_key[1:] != sorted_key[:-1]
    position = np.arange(len(key))
    group_start = np.maximum.accumulate(np.where(start, position, 0))
    ranks = np.empty(len(key), dtype=np.int64)
    ranks[order] = position - group_start
    return ranks


def weighted_cutoff(draw: np.ndarray, weights: np.ndarray, mask: np.ndarray, share: float):
    """Threshold c such that the weighted share of ``mask`` elements with ``draw < c`` is
    ``share`` (to one element): an exact-total alternative to Bernoulli draws."""
    d, w = draw[mask], weights[mask]
    if len(d) == 0:
        return 0.0
    order = np.argsort(d, kind="stable")
    cum = np.cumsum(w[order]) / w.sum()
    k = int(np.searchsorted(cum - 0.5 * w[order] / w.sum(), share))
    return float(d[order][k]) if k < len(d) else 1.0


def rake(design, prov, size, dense, prov_targets, dense_targets, max_iter=100, tol=1e-10):
    """Raking (exponential calibration) of family weights.

    Constraints: per-province persons (``size`` summed by ``prov``) and the columns of
    ``dense`` (family-level totals). Returns weights ``design * exp(X lambda)``.

    Newton iterations whose Jacobian is estimated on a systematic subsample of at most
    50,000 families (the exact gradient decides convergence, so the fixed point is exact);
    no BLAS matrix product or LAPACK solver is used: that keeps it fast on busy multi-core
    machines, and its bits the same on every processor (:mod:`.portable`).
    """
    n_prov = len(prov_targets)
    n_dense = dense.shape[1]
    k = n_prov + n_dense
    lam = np.zeros(k)
    targets = np.concatenate([prov_targets, dense_targets])
    stride = max(1, len(design) // 50_000)
    sub = slice(None, None, stride)
    # column-major: the sums below run down each column
    dense = np.asfortranarray(dense, dtype=np.float64)
    sub_prov, sub_size, sub_dense = prov[sub], size[sub], np.asfortranarray(dense[sub])
    w = design.copy()
    for _ in range(max_iter):
        grad = (
            np.concatenate(
                [
                    np.bincount(prov, weights=w * size, minlength=n_prov),
                    portable.weighted_sums(dense, w),
                ]
            )
            - targets
        )
        err = np.max(np.abs(grad) / np.maximum(targets, 1e-9))
        if err < tol:
            return w
        sw = w[sub] * stride
        jac = np.zeros((k, k))
        jac[np.arange(n_prov), np.arange(n_prov)] = np.bincount(
            sub_prov, weights=sw * sub_size * sub_size, minlength=n_prov
        )
        wsize = sw * sub_size
        for j in range(n_dense):
            col = np.bincount(sub_prov, weights=wsize * sub_dense[:, j], minlength=n_prov)
            jac[:n_prov, n_prov + j] = col
            jac[n_prov + j, :n_prov] = col
        weighted = np.asfortranarray(sub_dense * sw[:, None])
        jac[n_prov:, n_prov:] = portable.cross_products(weighted, sub_dense)
        step = portable.solve_symmetric(jac, grad)
        lam -= np.clip(step, -2, 2)
        w = design * portable.exp(
            np.clip(size * lam[:n_prov][prov] + portable.combine(dense, lam[n_prov:]), -30, 30)
        )
    raise RuntimeError(f"weight calibration did not converge (max relative error {err:.2e})")
