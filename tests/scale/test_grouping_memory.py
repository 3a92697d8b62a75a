"""The grouping check streams its two id columns: Arrow's memory stays about a batch however
long the files are (with Arrow's default pre-buffering, the reader kept every row group it had
read, 810 MB for a national registry)."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

PROBE = """
import json, sys
import pyarrow as pa
from pathlib import Path
from openfisca_indonesia_sosial.scale.grouping import family_sizes
folder = Path(sys.argv[1])
sizes = family_sizes(folder / "individu.parquet", folder / "keluarga.parquet")
print(json.dumps({"families": int(sizes.size), "persons": int(sizes.sum()),
                  "arrow_peak": pa.default_memory_pool().max_memory()}))
"""


def _write(folder, families: int) -> int:
    rng = np.random.default_rng(7)
    ids = rng.permutation(np.arange(10**9, 10**9 + 4 * families, dtype=np.int64))[:families]
    members = np.repeat(ids, rng.integers(1, 6, size=families))
    # row groups of 65,536 rows, as `population.write` makes them; random ids compress badly,
    # so the compressed columns are far larger than one batch
    pq.write_table(
        pa.table({"id_keluarga": ids}), folder / "keluarga.parquet", row_group_size=65_536
    )
    pq.write_table(
        pa.table({"id_keluarga": members}), folder / "individu.parquet", row_group_size=65_536
    )
    return members.size


def test_family_sizes_memory_does_not_grow_with_the_files(tmp_path):
    persons = _write(tmp_path, 3_000_000)
    compressed = sum((tmp_path / f"{t}.parquet").stat().st_size for t in ("individu", "keluarga"))
    assert compressed > 40 * 2**20  # the two files: more than a few batches of ids
    out = subprocess.run(
        [sys.executable, "-c", PROBE, str(tmp_path)], capture_output=True, text=True, check=True
    )
    probe = json.loads(out.stdout)
    assert (probe["families"], probe["persons"]) == (3_000_000, persons)
    # two batches of 2**20 ids (8 MB each) and their run encodings, not the files
    assert probe["arrow_peak"] < 40 * 2**20, probe["arrow_peak"]
