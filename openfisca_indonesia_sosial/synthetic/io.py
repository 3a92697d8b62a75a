"""Generating to memory or to Parquet (streamed in blocks), reading back, and the cache of
the embedded default population."""

from __future__ import annotations

import hashlib
import json
import math
import os
import shutil
import tempfile
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.synthetic.generator import (
    GENERATOR_VERSION,
    MIN_FAMILIES,
    generate_block,
)

INDIVIDU_FILE = "individu.parquet"
KELUARGA_FILE = "keluarga.parquet"
METADATA_KEY = b"openfisca_indonesia_sosial.synthetic"
#: Families per generated block when writing; bounds the memory of ``write``.
DEFAULT_CHUNK_FAMILIES = 500_000
#: Rows per Parquet row group: a partitioned run reads whole row groups, so small groups
#: let each partition decode little more than its own rows.
ROW_GROUP_ROWS = 1 << 16
#: Size of the embedded default population.
DEFAULT_FAMILIES = 100_000
DEFAULT_SEED = 0


def _frames(individu: pa.Table, keluarga: pa.Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    return individu.to_pandas(), keluarga.to_pandas()


def generate(year: int, families: int, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A synthetic population of ``families`` families for ``year`` (2019-2026), in memory.

    Returns ``(individu, keluarga)`` in the contract's tabular format; ``keluarga.bobot``
    sums to the year's number of families and ``bobot`` x family size to the BPS population.
    Deterministic: the same arguments give identical frames.
    """
    block = generate_block(year, families, seed)
    return _frames(block.individu, block.keluarga)


def _chunk_sizes(families: int, chunk_families: int) -> list[int]:
    n_chunks = max(1, math.ceil(families / chunk_families))
    base, extra = divmod(families, n_chunks)
    sizes = [base + (1 if i < extra else 0) for i in range(n_chunks)]
    if min(sizes) < MIN_FAMILIES:
        raise ValueError(f"families must be at least {MIN_FAMILIES}, got {families}")
    return sizes


def write(
    out_dir: str | Path,
    year: int,
    families: int,
    seed: int = 0,
    *,
    chunk_families: int = DEFAULT_CHUNK_FAMILIES,
) -> Path:
    """Generate and write ``individu.parquet`` and ``keluarga.parquet`` into ``out_dir``.

    Populations larger than ``chunk_families`` are generated and written block by block
    (each block calibrated to its share of the national totals), so memory stays bounded
    whatever ``families`` is. Same arguments => byte-identical files.
    """
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sizes = _chunk_sizes(families, chunk_families)
    meta = {
        "year": year,
        "families": families,
        "seed": seed,
        "chunk_families": chunk_families,
        "generator_version": GENERATOR_VERSION,
    }
    writers: dict[str, pq.ParquetWriter] = {}
    family_offset = person_offset = 0
    try:
        for index, size in enumerate(sizes):
            block = generate_block(
                year,
                size,
                seed,
                scale=size / families,
                chunk_index=index,
                n_chunks=len(sizes),
                family_offset=family_offset,
                person_offset=person_offset,
            )
            for name, table in ((INDIVIDU_FILE, block.individu), (KELUARGA_FILE, block.keluarga)):
                if name not in writers:
                    schema = table.schema.with_metadata({METADATA_KEY: json.dumps(meta)})
                    writers[name] = pq.ParquetWriter(
                        out / name, schema, compression="zstd", write_statistics=True
                    )
                writers[name].write_table(table, row_group_size=ROW_GROUP_ROWS)
            family_offset += size
            person_offset += block.individu.num_rows
            del block
    finally:
        for writer in writers.values():
            writer.close()
    return out


def metadata(folder: str | Path) -> dict:
    """Generation metadata (year, families, seed, version) stored in a written population."""
    schema = pq.read_schema(Path(folder) / KELUARGA_FILE)
    raw = (schema.metadata or {}).get(METADATA_KEY)
    return json.loads(raw) if raw else {}


def read(folder: str | Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read ``(individu, keluarga)`` from a folder (Parquet, or CSV when no Parquet)."""
    folder = Path(folder)
    frames = []
    for stem in ("individu", "keluarga"):
        parquet, csv = folder / f"{stem}.parquet", folder / f"{stem}.csv"
        if parquet.is_file():
            frames.append(pq.read_table(parquet).to_pandas())
        elif csv.is_file():
            frames.append(pd.read_csv(csv, dtype={"nik": str, "provinsi": str}))
        else:
            raise FileNotFoundError(f"no {stem}.parquet or {stem}.csv in {folder}")
    return frames[0], frames[1]


def cache_dir() -> Path:
    """Root of the on-disk cache.

    ``$BANSOS_CACHE_DIR/population``, else ``~/.cache/openfisca-indonesia-sosial/population``.
    """
    root = os.environ.get("BANSOS_CACHE_DIR")
    base = Path(root) if root else Path.home() / ".cache" / "openfisca-indonesia-sosial"
    return base / "population"


def fingerprint() -> str:
    """Short hash of everything the output depends on besides (year, size, seed): the
    generator's code, its data files and the poverty-line parameters. Part of the cache key,
    so a changed generator or parameter never serves a stale cached population."""
    from openfisca_indonesia_sosial.simulation.parameters import POVERTY_LINES_DIR

    here = Path(__file__).resolve().parent
    files = [here / name for name in ("generator.py", "numeric.py", "targets.py")]
    files += sorted((here / "data").glob("*.csv"))
    files += sorted(POVERTY_LINES_DIR.glob("*.yaml"))
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def default_population_dir(
    year: int, families: int = DEFAULT_FAMILIES, seed: int = DEFAULT_SEED
) -> Path:
    """Folder of the cached default population for ``year`` (generated on first use)."""
    folder = cache_dir() / f"v{GENERATOR_VERSION}-{fingerprint()}" / f"{year}_f{families}_s{seed}"
    if (folder / INDIVIDU_FILE).is_file() and (folder / KELUARGA_FILE).is_file():
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        write(tmp, year, families, seed)
        tmp.chmod(0o755)  # mkdtemp makes it private; the cache may be shared
        try:
            tmp.rename(folder)
        except OSError:  # another process won the race: keep its files
            if not (folder / KELUARGA_FILE).is_file():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)
    return folder


def default_population(
    year: int, families: int = DEFAULT_FAMILIES, seed: int = DEFAULT_SEED
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The embedded default population for ``year``: ``(individu, keluarga)``, ~100,000
    families, generated offline on first use and cached on disk (see :func:`cache_dir`),
    keyed by year, size, seed and generator version."""
    return read(default_population_dir(year, families, seed))
