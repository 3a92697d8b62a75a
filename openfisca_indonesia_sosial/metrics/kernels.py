"""The replicate intervals' two innermost loops, compiled (numba), each with a numpy twin.

A national run draws 100 Poisson(1) multipliers for each of 95 million families in pass 2,
and again along each scenario's welfare order for the replicate Gini coefficients, whose
running sums then walk every replicate through every family: about 2 x 10^10 draws and as
many steps of running sums. In numpy each step of these is a pass over memory of replicates
x families (the hash's six operations, the table lookup, two products, a cumulative sum and
three reductions): 0.73 s per million families and scenario, a tenth of a national run. A
compiled loop does each family and replicate in registers: 0.18 s.

The compiled loops and their numpy twins give the same bits, so a run's figures do not depend
on whether numba is installed (``tests/metrics/test_kernels.py`` checks them against each
other):

- a draw is integer arithmetic (:func:`draw_multipliers`);
- the Gini's four sums (:func:`add_gini_sums`) are defined as *sequential* sums, which the loop
  takes element by element and the twin with ``np.cumsum`` (an accumulation in order), both
  starting from -0.0 so that even the sign of a zero agrees. numba compiles without
  ``fastmath``: no reordering of a sum, no fused multiply-add.

numba comes with the ``microsim`` and ``scale`` installs; without it (or with
``BANSOS_NUMBA=0``: :func:`.delivery.hashing.jit`) the twins run. The loops are compiled on
first use and cached on disk (numba's ``cache=True``), so a process pays the compilation
once per machine.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from openfisca_indonesia_sosial.delivery import hashing
from openfisca_indonesia_sosial.delivery.hashing import MUL_1, MUL_2, SHIFT_1, SHIFT_2, SHIFT_3

#: Multiplier of the replicate counter (the golden ratio in 64 bits).
GOLDEN = 0x9E3779B97F4A7C15
#: High bits of a hash that index the draw table; low bits dropped to keep a 53-bit draw.
TABLE_BITS, UNDECIDED = 16, 255
_LOW_BITS = 11


@cache
def compiled():
    """``(draw, gini)``: the compiled loops, or None without numba (or with BANSOS_NUMBA=0)."""
    jit = hashing.jit()
    if jit is None:  # the numpy twins give the same figures
        return None
    return jit(_draw_loop), jit(_gini_loop)


def _draw_loop(keys, first, table, thresholds, out):  # pragma: no cover - compiled
    golden = np.uint64(GOLDEN)
    for b in range(out.shape[0]):
        counter = np.uint64(first + b + 1) * golden
        for f in range(keys.shape[0]):
            x = keys[f] + counter
            x = (x ^ (x >> np.uint64(SHIFT_1))) * np.uint64(MUL_1)
            x = (x ^ (x >> np.uint64(SHIFT_2))) * np.uint64(MUL_2)
            x = x ^ (x >> np.uint64(SHIFT_3))
            drawn = table[x >> np.uint64(64 - TABLE_BITS)]
            if drawn == UNDECIDED:
                drawn = np.searchsorted(thresholds, x >> np.uint64(_LOW_BITS), side="right")
            out[b, f] = drawn


def _gini_loop(r, weights, welfare, sum_w, sum_xw, twice_ws, w_xw):  # pragma: no cover
    for b in range(r.shape[0]):
        start = sum_xw[b]
        local, ws, wxw, total_w = -0.0, -0.0, -0.0, -0.0
        for i in range(r.shape[1]):
            w = r[b, i] * weights[i]
            xw = w * welfare[i]
            local += xw
            ws += w * (local + start)
            wxw += w * xw
            total_w += w
        twice_ws[b] += ws
        w_xw[b] += wxw
        sum_w[b] += total_w
        sum_xw[b] = local + start


def mix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser (numpy): a bijection of 64-bit integers."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(SHIFT_1))) * np.uint64(MUL_1)
        x = (x ^ (x >> np.uint64(SHIFT_2))) * np.uint64(MUL_2)
        return x ^ (x >> np.uint64(SHIFT_3))


#: Families per step of the numpy draws: their 64-bit hashes (replicates x this size) stay in
#: the processor's cache (8,192 took a third longer).
DRAW_STEP = 1024


def draw_numpy(keys, first, table, thresholds, out) -> None:
    """The draws of :func:`draw_multipliers` in numpy, ``DRAW_STEP`` families at a time."""
    with np.errstate(over="ignore"):
        counters = np.arange(first + 1, first + out.shape[0] + 1, dtype=np.uint64)[:, None]
        counters = counters * np.uint64(GOLDEN)
    for start in range(0, keys.shape[0], DRAW_STEP):
        part = slice(start, start + DRAW_STEP)
        with np.errstate(over="ignore"):
            hashed = mix(keys[None, part] + counters)
        drawn = table[(hashed >> np.uint64(64 - TABLE_BITS)).astype(np.intp)]
        undecided = np.flatnonzero(drawn == UNDECIDED)
        if undecided.size:
            high = hashed.reshape(-1)[undecided] >> np.uint64(_LOW_BITS)
            drawn.reshape(-1)[undecided] = np.searchsorted(thresholds, high, side="right")
        out[:, part] = drawn


def draw_multipliers(keys, first: int, table, thresholds, out: np.ndarray) -> None:
    """Fill ``out`` (replicates x families, uint8) with the draws of replicates ``first``,
    ``first + 1``, ... for the families ``keys``: the draw of family ``f`` in replicate ``b``
    is ``table`` at the high bits of ``mix(key_f + (b + 1) x golden)``, or, where the table
    says :data:`UNDECIDED`, the number of ``thresholds`` at or below its 53 high bits."""
    keys = np.ascontiguousarray(keys, dtype=np.uint64)
    loops = compiled()
    if loops is None:
        draw_numpy(keys, first, table, thresholds, out)
        return
    loops[0](keys, np.int64(first), table, thresholds, out)


def gini_numpy(r, weights, welfare, sum_w, sum_xw, twice_ws, w_xw, work) -> None:
    """:func:`add_gini_sums` in numpy; ``work(i)``: three C-contiguous float64 work arrays
    of ``r``'s shape."""
    w = np.multiply(r, weights, out=work(0))
    xw = np.multiply(w, welfare, out=work(1))
    running = np.cumsum(xw, axis=1, out=work(2))
    running += sum_xw[:, None]  # each running sum from the pieces before: local + start
    new_sum_xw = running[:, -1].copy()
    np.multiply(w, running, out=running)
    twice_ws += np.cumsum(running, axis=1, out=running)[:, -1]
    np.multiply(w, xw, out=xw)
    w_xw += np.cumsum(xw, axis=1, out=xw)[:, -1]
    sum_w += np.cumsum(w, axis=1, out=w)[:, -1]
    sum_xw[:] = new_sum_xw


def add_gini_sums(r, weights, welfare, sum_w, sum_xw, twice_ws, w_xw, work) -> None:
    """Add one piece of families (in welfare order) to every replicate's Gini sums, in place:
    with ``w = r[b] x weights`` and ``S`` the running sum of ``w x welfare`` from the first
    family of the first piece (``sum_xw[b]`` before this piece), ``sum_w += sum(w)``,
    ``twice_ws += sum(w x S)``, ``w_xw += sum(w x w x welfare)``, each a sequential sum over
    the piece added to the total; ``sum_xw`` becomes ``S`` at the piece's last family.
    ``work``: as :func:`gini_numpy` (used without numba)."""
    if not r.shape[1]:
        return
    loops = compiled()
    if loops is None:
        gini_numpy(r, weights, welfare, sum_w, sum_xw, twice_ws, w_xw, work)
        return
    # one layout for the loop (a sequential sum does not depend on it: the same bits)
    r = np.ascontiguousarray(r)
    weights = np.ascontiguousarray(weights, dtype=np.float64)
    welfare = np.ascontiguousarray(welfare, dtype=np.float64)
    loops[1](r, weights, welfare, sum_w, sum_xw, twice_ws, w_xw)
