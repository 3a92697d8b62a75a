"""The injection streams the persons in batches (registry/inject.py): batches that cut
families, several NIK buckets and spans give the same registry as one batch, and a NIK that
the cleaning makes shared is emptied, so it is no finding."""

from __future__ import annotations

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from openfisca_indonesia_sosial.registry import inject as injection
from openfisca_indonesia_sosial.registry.audit import run_audit
from openfisca_indonesia_sosial.registry.findings import FINDINGS, region_pairs
from openfisca_indonesia_sosial.registry.inject import inject
from openfisca_indonesia_sosial.scale import source as source_module
from openfisca_indonesia_sosial.synthetic import write

YEAR, MONTH, K = 2025, 4, 3


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    return write(tmp_path_factory.mktemp("pop") / "pop", YEAR, 2000, seed=4)


def _small(monkeypatch):
    # 777 persons a batch cut families; 2,000 NIKs a bucket make several buckets; spans of
    # 300 families make several cumulative sums
    monkeypatch.setattr(injection, "BATCH_ROWS", 777)
    monkeypatch.setattr(injection, "BUCKET_ROWS", 2000)
    monkeypatch.setattr(source_module, "PLAN_STEP", 300)


def test_small_batches_give_the_same_registry(population, tmp_path, monkeypatch):
    whole = inject(population, tmp_path / "whole", k=K, year=YEAR, month=MONTH, seed=2)
    _small(monkeypatch)
    cut = inject(population, tmp_path / "cut", k=K, year=YEAR, month=MONTH, seed=2)
    assert cut == whole
    for name in ("individu.parquet", "keluarga.parquet"):
        assert pq.read_table(tmp_path / "cut" / name).equals(
            pq.read_table(tmp_path / "whole" / name)
        )
    assert pq.ParquetFile(tmp_path / "cut" / "individu.parquet").metadata.num_row_groups > 5
    result = run_audit(tmp_path / "cut", year=YEAR, month=MONTH, partitions=2)
    for code in FINDINGS:
        assert result["findings"][code] == cut[code], code


def test_a_nik_shared_after_cleaning_is_emptied(population, tmp_path, monkeypatch):
    persons = pq.read_table(population / "individu.parquet")
    families = pq.read_table(population / "keluarga.parquet").to_pandas()
    frame = persons.to_pandas()
    province = frame["id_keluarga"].map(families.set_index("id_keluarga")["provinsi"])
    # two persons of two families of one province: the second's NIK is the first's with
    # another province code, which the cleaning sets back to the first's
    first = frame.index[(province == "32") & (frame["peran"] == "kepala_keluarga")][0]
    other = frame.index[
        (province == "32") & (frame["id_keluarga"] != frame.at[first, "id_keluarga"])
    ][0]
    foreign = next(code for code, bps in region_pairs() if bps != "32")
    frame.at[other, "nik"] = foreign + frame.at[first, "nik"][2:]
    edited = tmp_path / "pop"
    edited.mkdir()
    pq.write_table(pa.Table.from_pandas(frame, preserve_index=False), edited / "individu.parquet")
    pq.write_table(pq.read_table(population / "keluarga.parquet"), edited / "keluarga.parquet")
    _small(monkeypatch)
    expected = inject(edited, tmp_path / "registry", k=K, year=YEAR, month=MONTH, seed=3)
    nik = pq.read_table(tmp_path / "registry" / "individu.parquet", columns=["nik"]).column(0)
    assert nik[int(first)].as_py() is None and nik[int(other)].as_py() is None
    assert pc.sum(pc.is_null(nik)).as_py() == 2
    result = run_audit(tmp_path / "registry", year=YEAR, month=MONTH, partitions=2)
    for code in FINDINGS:
        assert result["findings"][code] == expected[code], code
    assert result["findings"]["nik_ganda"]["records"] == 8 * K
