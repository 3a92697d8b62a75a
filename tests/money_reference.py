"""An independent reference for exact money totals, used by the tests as an oracle.

The package sums in its own vectorised way (metrics/exact.py); these few lines say what
"exact" means, so a test can compare the two.

OpenFisca stores ``float`` variables as float32, which cannot hold every rupiah above
16,777,216 (Rp 123,456,789 becomes 123,456,792). So every money variable of this package
is an ``int`` variable in whole rupiah (int32 in OpenFisca: up to Rp 2,147,483,647 per
person or family per period, far above any benefit; a reform that could take a yearly total
beyond it is refused, see openfisca_indonesia_sosial.reform.values and .money), and totals
are summed here in 64 bits:

* unweighted sums: int64, exact;
* weighted sums (survey weights may be fractional): the integer part of the weights is
  summed exactly in int64, and the fractional remainder in float64, whose error is far
  below half a rupiah for national totals; the result is rounded to the rupiah.
"""

from __future__ import annotations

import numpy as np

INT64_MAX = np.iinfo(np.int64).max


def total_rupiah(amounts, weights=None) -> int:
    """Exact national total in rupiah of per-unit ``amounts`` weighted by ``weights``."""
    values = np.asarray(amounts)
    if values.dtype.kind == "f" and (
        not np.all(np.isfinite(values)) or np.any(values != np.round(values))
    ):
        raise ValueError("money amounts must be whole rupiah")
    values = values.astype(np.int64)
    if weights is None:
        return int(values.sum(dtype=np.int64))
    w = np.asarray(weights, dtype=np.float64)
    if values.shape != w.shape:
        raise ValueError(f"amounts {values.shape} and weights {w.shape} differ in shape")
    if np.any(w < 0) or not np.all(np.isfinite(w)):
        raise ValueError("weights must be finite and non-negative")
    whole = np.floor(w)
    fraction = w - whole
    if values.size and float(np.abs(values).max()) * float(whole.sum()) > INT64_MAX:
        raise OverflowError("weighted total exceeds 64-bit rupiah")
    exact = int((values * whole.astype(np.int64)).sum(dtype=np.int64))
    rest = float((values.astype(np.float64) * fraction).sum())
    return exact + round(rest)
