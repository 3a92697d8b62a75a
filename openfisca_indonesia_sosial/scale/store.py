"""Files of a partitioned run: atomic writes, the manifest, compact arrays.

Every per-partition file is written to a temporary name in the same folder, flushed and then
renamed, so a file that exists is complete: a run killed at any point leaves either the whole
file or none of it. The manifest (``manifest.json``) records what the run is (population,
year, reforms, partition plan); a resumed run checks it matches and skips the partitions whose
files exist.
"""

from __future__ import annotations

import json
import os
import pickle
import tempfile
from pathlib import Path

import numpy as np

MANIFEST = "manifest.json"


def atomic_write_bytes(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def atomic_pickle(path: Path, value) -> None:
    atomic_write_bytes(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def load_pickle(path: Path):
    with open(path, "rb") as handle:
        return pickle.load(handle)


def atomic_parquet(path: Path, table) -> None:
    """Write a pyarrow Table to ``path`` atomically."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, compression="zstd")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_manifest(folder: Path, manifest: dict) -> None:
    atomic_write_bytes(
        folder / MANIFEST, json.dumps(manifest, indent=2, sort_keys=True).encode("utf-8")
    )


def read_manifest(folder: Path) -> dict | None:
    path = folder / MANIFEST
    if not path.is_file():
        return None
    return json.loads(path.read_text(encoding="utf-8"))


# --- compact arrays: most monthly amounts are zero -------------------------------------------


def pack(array: np.ndarray) -> tuple:
    """A compact, exact form of an integer or boolean array (see :func:`unpack`)."""
    array = np.asarray(array)
    if array.dtype == bool:
        return ("bits", array.shape, np.packbits(array.ravel()))
    flat = array.ravel()
    nonzero = np.flatnonzero(flat)
    if nonzero.size * 3 < flat.size:
        narrow = _narrow(flat[nonzero])
        return ("sparse", array.shape, array.dtype.str, nonzero.astype(np.int64), narrow)
    return ("dense", array.shape, array.dtype.str, _narrow(flat))


def unpack(packed: tuple) -> np.ndarray:
    kind, shape = packed[0], packed[1]
    size = int(np.prod(shape))
    if kind == "bits":
        return np.unpackbits(packed[2], count=size).astype(bool).reshape(shape)
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
