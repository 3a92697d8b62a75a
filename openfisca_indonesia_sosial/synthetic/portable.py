"""The generator's floating-point functions, with the same bits on every machine.

A synthetic population is a pure function of (year, families, seed): its cache key says so,
and the figures the docs and tests quote come from it. numpy does not keep that promise by
itself. Its ``exp``, ``log`` and ``power`` of float64 have AVX-512 loops that differ from the
C library in the last bit (4.6 % of ``exp`` values on this project's machine), and its
matrix products and least squares go through OpenBLAS, which picks its kernels by processor:
the same seed gave four different populations with the processor features numpy and OpenBLAS
may use on one machine (``tests/synthetic/test_portable.py`` runs them).

Here the transcendental functions are the C library's: Python's ``math``, in a loop compiled
by numba where numba is installed (numba calls the same C functions, about 10 ns a value) and
one value at a time otherwise (about 0.1 µs a value; ``BANSOS_NUMBA=0`` chooses it too), the
same bits either way. Sums of products are numpy's element-wise products and sums, whose
order does not depend on the processor (numpy's pairwise sum and its reductions along an
axis add in a fixed order whatever the vector width). The small linear systems of the weight
calibration are solved by a symmetric elimination written here. What remains machine-bound
is the C library itself: the same glibc gives the same bits on any x86-64 processor with
FMA, with or without AVX-512.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np

from openfisca_indonesia_sosial.delivery.hashing import jit

_PYTHON = {
    "exp": np.frompyfunc(math.exp, 1, 1),
    "log": np.frompyfunc(math.log, 1, 1),
    "pow": np.frompyfunc(math.pow, 2, 1),
}


def _exp_loop(x, out):  # pragma: no cover - compiled
    for i in range(x.shape[0]):
        out[i] = math.exp(x[i])


def _log_loop(x, out):  # pragma: no cover - compiled
    for i in range(x.shape[0]):
        out[i] = math.log(x[i])


def _pow_loop(x, y, out):  # pragma: no cover - compiled
    for i in range(x.shape[0]):
        out[i] = math.pow(x[i], y[i])


@cache
def _compiled():
    """The compiled loops, or None: without numba or with ``BANSOS_NUMBA=0`` (the package's
    switch, :func:`~openfisca_indonesia_sosial.delivery.hashing.jit`), or with Intel's SVML
    (numba would then vectorise the loops with SVML's own functions, which round otherwise)."""
    compile_ = jit()
    if compile_ is None:
        return None
    try:
        from numba import config
    except ImportError:  # pragma: no cover - jit() found numba
        return None
    if config.USING_SVML:
        return None
    return {"exp": compile_(_exp_loop), "log": compile_(_log_loop), "pow": compile_(_pow_loop)}


def _floats(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float64)


def _apply(name: str, *arguments) -> np.ndarray:
    arrays = [_floats(a) for a in arguments]
    if len(arrays) > 1:  # copies: broadcast views are read-only and may repeat elements
        arrays = [np.array(a) for a in np.broadcast_arrays(*arrays)]
    shape = arrays[0].shape
    loops = _compiled()
    if loops is None:
        return _floats(_PYTHON[name](*arrays))
    flat = [np.ascontiguousarray(a).reshape(-1) for a in arrays]
    out = np.empty(flat[0].shape[0])
    loops[name](*flat, out)
    return out.reshape(shape)


def exp(x) -> np.ndarray:
    """``e ** x`` by the C library, element by element (inputs within its range)."""
    return _apply("exp", x)


def log(x) -> np.ndarray:
    """Natural logarithm by the C library (positive inputs)."""
    return _apply("log", x)


def power(base, exponent) -> np.ndarray:
    """``base ** exponent`` by the C library's ``pow``, broadcast (positive bases)."""
    return _apply("pow", base, exponent)


def weighted_sums(matrix: np.ndarray, weights: np.ndarray) -> np.ndarray:
    """``matrix.T @ weights``: each column's sum of products, in a fixed order."""
    matrix, weights = _floats(matrix), _floats(weights)
    return np.array([np.add.reduce(matrix[:, j] * weights) for j in range(matrix.shape[1])])


def combine(matrix: np.ndarray, coefficients: np.ndarray) -> np.ndarray:
    """``matrix @ coefficients``: the columns times their coefficients, added column by column."""
    matrix = _floats(matrix)
    total = np.zeros(matrix.shape[0])
    for j, coefficient in enumerate(_floats(coefficients)):
        total += matrix[:, j] * coefficient
    return total


def cross_products(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a.T @ b``: every pair of columns' sum of products."""
    a, b = _floats(a), _floats(b)
    return np.array(
        [[np.add.reduce(a[:, i] * b[:, j]) for j in range(b.shape[1])] for i in range(a.shape[1])]
    ).reshape(a.shape[1], b.shape[1])


def weighted_variance(x: np.ndarray, weights: np.ndarray) -> float:
    """``np.cov(x, aweights=weights)``: the weighted variance with numpy's correction for
    analytic weights, from sums of fixed order (``np.cov`` multiplies through BLAS)."""
    x, weights = _floats(x), _floats(weights)
    total = np.add.reduce(weights)
    centred = x - np.add.reduce(x * weights) / total
    return float(
        np.add.reduce(centred * weights * centred)
        / (total - np.add.reduce(weights * weights) / total)
    )


def solve_symmetric(matrix: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """A solution of ``matrix @ x = rhs`` for a symmetric positive semi-definite ``matrix``
    (LDL^T elimination, the largest remaining diagonal first). Directions whose pivot falls
    below ``eps x size x`` the largest diagonal carry no information (a province without a
    family in the calibration's subsample): their unknowns are 0, as in the minimum-norm
    least-squares solution when they are a matrix's zero rows and columns."""
    a = np.array(matrix, dtype=np.float64)
    b = np.array(rhs, dtype=np.float64)
    n = a.shape[0]
    scale = float(np.max(np.abs(np.diagonal(a)), initial=0.0))
    tiny = np.finfo(np.float64).eps * n * scale
    x = np.zeros(n)
    if scale == 0.0:
        return x
    left = list(range(n))
    steps = []  # (pivot row, its multipliers over the rows left after it)
    while left:
        diagonal = np.array([a[i, i] for i in left])
        best = int(np.argmax(diagonal))
        p = left.pop(best)
        if diagonal[best] <= tiny:
            break  # what is left carries no information: those unknowns stay 0
        rows = np.array(left, dtype=np.intp)
        factors = a[rows, p] / a[p, p]
        a[np.ix_(rows, rows)] -= factors[:, None] * a[p, rows][None, :]
        b[rows] -= factors * b[p]
        steps.append((p, rows))
    for p, rows in reversed(steps):
        x[p] = (b[p] - np.add.reduce(a[p, rows] * x[rows])) / a[p, p]
    return x
