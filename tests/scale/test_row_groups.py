"""Large Parquet row groups are re-cut before a partitioned run reads them.

A partition reads the whole row groups holding its rows; a registry written with row groups
of a million rows would make every block decode far more than its own rows. ``prepare``
streams such files into row groups of ``ROW_GROUP_ROWS`` (in the run's work folder), and
the rows, their order and the families' sizes stay the same.
"""

from __future__ import annotations

import pyarrow as pa
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.scale.source import plan, prepare, read_partition
from openfisca_indonesia_sosial.synthetic import io


def _write(folder, rows_per_group):
    folder.mkdir()
    persons = [f"K{i // 3:04d}" for i in range(300)]  # 100 families of 3
    families = [f"K{i:04d}" for i in range(100)]
    for name, table in (
        ("individu", pa.table({"id_keluarga": persons, "id_individu": list(range(300))})),
        ("keluarga", pa.table({"id_keluarga": families, "bobot": [1.5] * 100})),
    ):
        pq.write_table(table, folder / f"{name}.parquet", row_group_size=rows_per_group)
    return folder


def test_large_row_groups_are_recut_and_read_the_same(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "ROW_GROUP_ROWS", 16)
    folder = _write(tmp_path / "pop", rows_per_group=300)
    source, sizes = prepare(folder, tmp_path / "work")
    assert sizes.tolist() == [3] * 100
    assert source.individu != str(folder / "individu.parquet")  # a copy was made
    for path in (source.individu, source.keluarga):
        metadata = pq.ParquetFile(path).metadata
        assert max(metadata.row_group(i).num_rows for i in range(metadata.num_row_groups)) <= 16
    original = pq.read_table(folder / "individu.parquet").to_pandas()
    blocks = plan(source, sizes, 7)
    read = [read_partition(source, block)[0] for block in blocks]
    assert sum(len(frame) for frame in read) == 300
    rebuilt = [value for frame in read for value in frame["id_individu"].tolist()]
    assert rebuilt == original["id_individu"].tolist()


def test_small_row_groups_are_read_in_place(tmp_path, monkeypatch):
    monkeypatch.setattr(io, "ROW_GROUP_ROWS", 256)
    folder = _write(tmp_path / "pop", rows_per_group=100)
    source, _ = prepare(folder, tmp_path / "work")
    assert source.individu == str(folder / "individu.parquet")
    assert not (tmp_path / "work" / "input").exists()


def test_unchosen_partitions_keep_blocks_small(tmp_path, monkeypatch):
    """Left to the run, partitions are blocks of at most BLOCK_FAMILIES families (a national
    registry must not land on a worker in four blocks), two per worker at least."""
    from openfisca_indonesia_sosial.scale import source as source_module

    assert source_module.auto_partitions(95_000_000, 2) == 950
    assert source_module.auto_partitions(100_001, 1) == 2
    assert source_module.auto_partitions(34_000, 4) == 8
    assert source_module.auto_partitions(34_000, None) == 2
    monkeypatch.setattr(source_module, "BLOCK_FAMILIES", 30)
    source, sizes = prepare(_write(tmp_path / "pop", rows_per_group=300), tmp_path / "work")
    blocks = plan(source, sizes, source_module.auto_partitions(source.families, 1))
    assert len(blocks) == 4
    assert max(b.families for b in blocks) <= 30
