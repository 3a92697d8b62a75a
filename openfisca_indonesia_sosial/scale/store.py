"""Files of a partitioned run: atomic writes and the manifest.

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


def parquet_options(schema) -> dict:
    """Writer options of the run's Parquet files: zstd, and dictionaries for text columns
    only. Numbers (ids, weights, draws, amounts, ranks) are mostly distinct: building their
    dictionaries, which Arrow then drops, took half of a write's time (a 10-million-row file
    of ranks and shares: 1.28 s with them, 0.63 s and 4 % smaller without)."""
    import pyarrow as pa

    text = [
        field.name
        for field in schema
        if pa.types.is_string(field.type)
        or pa.types.is_large_string(field.type)
        or pa.types.is_dictionary(field.type)
    ]
    return {"compression": "zstd", "use_dictionary": text or False}


def atomic_parquet(path: Path, table) -> None:
    """Write a pyarrow Table to ``path`` atomically."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    try:
        pq.write_table(table, tmp, **parquet_options(table.schema))
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
