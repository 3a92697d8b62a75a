"""Compact, exact forms of a block's arrays (a partitioned run keeps them between passes).

Most monthly amounts are zero or one flat rate per month, so a block's entitlements and
eligibility shrink several times packed, which bounds what a pass-1 file and the driver's
global step hold.
"""

from __future__ import annotations

import numpy as np


def pack(array: np.ndarray) -> tuple:
    """A compact, exact form of an integer or boolean array (see :func:`unpack`).

    Most monthly amounts are a flat rate paid to some units: zero or one value per month
    (a row). Those are kept as one bit per unit and the row's value ("masked"); other arrays
    keep their nonzero cells when at most a third are nonzero ("sparse"), else every cell, in
    the narrowest integer type that holds them ("dense")."""
    array = np.asarray(array)
    if array.dtype == bool:
        return ("bits", array.shape, np.packbits(array.ravel()))
    if not array.size:
        return ("dense", array.shape, array.dtype.str, array.ravel())
    rows = array.reshape(1, -1) if array.ndim < 2 else array.reshape(array.shape[0], -1)
    paid = rows != 0
    counts = np.count_nonzero(paid, axis=1)
    if array.dtype.kind in "iu":
        # each row's first nonzero value (0 for a row of zeros): the row is "masked" when
        # every nonzero cell equals it
        value = rows[np.arange(rows.shape[0]), paid.argmax(axis=1)]
        if all(
            np.count_nonzero(row == v) == count
            for row, v, count in zip(rows, value, counts, strict=True)
            if count
        ):
            return ("masked", array.shape, array.dtype.str, np.packbits(paid.ravel()), value)
    flat = array.ravel()
    if counts.sum() * 3 < flat.size:
        nonzero = np.flatnonzero(paid)
        narrow = _narrow(flat[nonzero])
        return ("sparse", array.shape, array.dtype.str, nonzero.astype(np.int64), narrow)
    return ("dense", array.shape, array.dtype.str, _narrow(flat))


def unpack(packed: tuple) -> np.ndarray:
    kind, shape = packed[0], packed[1]
    size = int(np.prod(shape))
    if kind == "bits":
        # unpackbits gives 0 and 1 bytes: valid booleans as they are (no copy)
        return np.unpackbits(packed[2], count=size).view(bool).reshape(shape)
    if kind == "masked":
        value = packed[4]
        paid = np.unpackbits(packed[3], count=size).reshape(value.shape[0], -1)
        # the product is made in the array's own type (no temporary of another width)
        return np.multiply(paid, value[:, None], dtype=np.dtype(packed[2])).reshape(shape)
    if kind == "sparse":
        out = np.zeros(size, dtype=np.dtype(packed[2]))
        out[packed[3]] = packed[4]
        return out.reshape(shape)
    return packed[3].astype(np.dtype(packed[2])).reshape(shape)


def _narrow(values: np.ndarray) -> np.ndarray:
    if values.dtype.kind in "iu" and values.size:
        low, high = values.min(), values.max()
        for dtype in (np.int8, np.int16, np.int32):
            info = np.iinfo(dtype)
            if info.min <= low and high <= info.max:
                return values.astype(dtype)
    return values
