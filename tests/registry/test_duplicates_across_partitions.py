"""Duplicate ids and NIKs in different partitions: the rejects of a single-shot run."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.data.privacy import mask_text_series
from openfisca_indonesia_sosial.scale.batch import run_batch
from openfisca_indonesia_sosial.synthetic import write

YEAR = 2025
COLUMNS = ["table", "row", "record_id", "field", "code", "severity", "alasan", "reason", "value"]


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    """1,000 synthetic families; the last persons reuse a NIK and an id of the first family,
    so with three partitions the two copies are in the first and the last partition."""
    base = tmp_path_factory.mktemp("dup")
    write(base / "pop", YEAR, 1000, seed=3)
    persons = pd.read_parquet(base / "pop" / "individu.parquet")
    families = pd.read_parquet(base / "pop" / "keluarga.parquet")
    last = len(persons) - 1
    persons.loc[last, "nik"] = persons.loc[0, "nik"]
    persons.loc[last - 3, "id_individu"] = persons.loc[1, "id_individu"]
    folder = base / "registry"
    folder.mkdir()
    for name, frame in (("individu", persons), ("keluarga", families)):
        table = pa.Table.from_pandas(frame, preserve_index=False)
        pq.write_table(table, folder / f"{name}.parquet", row_group_size=500)
    _, report = validate_tables(persons, families, year=YEAR)
    single = report.rejects.copy()
    for column in ("record_id", "value", "alasan", "reason"):
        single[column] = mask_text_series(single[column])
    return folder, single, report.counts


def _canonical(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame[COLUMNS].astype({"row": "int64"})
    return frame.sort_values(COLUMNS).reset_index(drop=True)


def _batch_rejects(out: Path) -> pd.DataFrame:
    parts = sorted((out / "rejects").glob("part-*.parquet"))
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)


def _check_same_as_single_shot(manifest, out, single, counts):
    for table, total in manifest["totals"].items():
        assert total["rejected"] == counts[table].rejected, table
    rejects = _batch_rejects(out)
    # the injected pairs are rejected in both partitions, with the single-shot reasons
    assert (rejects["code"] == "nik_ganda").sum() == 2
    assert (rejects["code"] == "id_ganda").sum() == 2
    pd.testing.assert_frame_equal(_canonical(rejects), _canonical(single))


def test_each_partition_alone_would_miss_them(injected):
    folder, single, _counts = injected
    persons = pd.read_parquet(folder / "individu.parquet")
    families = pd.read_parquet(folder / "keluarga.parquet")
    _, report = validate_tables(persons.iloc[:1500], families.iloc[:500], year=YEAR)
    assert "nik_ganda" not in set(report.rejects["code"])
    assert {"nik_ganda", "id_ganda"} <= set(single["code"])


def test_batch_finds_them_across_partitions(injected, tmp_path):
    folder, single, counts = injected
    manifest = run_batch(folder, year=YEAR, month=4, output=tmp_path / "out", partitions=3)
    _check_same_as_single_shot(manifest, tmp_path / "out", single, counts)
    # the duplicate query wrote row numbers, never a NIK
    nik = pd.read_parquet(folder / "individu.parquet", columns=["nik"])["nik"].iloc[0]
    for path in (tmp_path / "out").rglob("*"):
        if path.is_file():
            assert nik.encode() not in path.read_bytes(), path


def test_on_a_dask_cluster_of_two_workers(injected, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    folder, single, counts = injected
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit="2GiB",
    ) as cluster:
        manifest = run_batch(
            folder,
            year=YEAR,
            month=4,
            output=tmp_path / "out",
            partitions=4,
            scheduler=cluster.scheduler_address,
        )
        with distributed.Client(cluster.scheduler_address) as client:
            assert len(client.scheduler_info()["workers"]) == 2
    _check_same_as_single_shot(manifest, tmp_path / "out", single, counts)


def test_partitioned_simulation_rejects_them(injected):
    from openfisca_indonesia_sosial.scale import run_partitioned

    folder, _single, counts = injected
    result = run_partitioned(folder, year=YEAR, partitions=3)
    assert result.run_info["rejected"] == {t: c.rejected for t, c in counts.items()}


def test_a_family_id_listed_twice_in_a_csv_registry(tmp_path):
    """A CSV registry is regrouped: a family id listed twice no longer stops the run, and
    both families and all their members are rejected, as in a single-shot run."""
    persons = pd.DataFrame(
        {
            "id_individu": ["p1", "p2", "p3", "p4"],
            "id_keluarga": ["K1", "K2", "K1", "K3"],
            "peran": ["kepala_keluarga"] * 4,
            "tanggal_lahir": ["1980-01-01"] * 4,
        }
    )
    families = pd.DataFrame({"id_keluarga": ["K1", "K2", "K3", "K1"], "provinsi": "32"})
    folder = tmp_path / "csv"
    folder.mkdir()
    persons.to_csv(folder / "individu.csv", index=False)
    families.to_csv(folder / "keluarga.csv", index=False)
    _, report = validate_tables(persons, families, year=YEAR)
    manifest = run_batch(folder, year=YEAR, month=4, output=tmp_path / "out", partitions=3)
    for table, total in manifest["totals"].items():
        assert total["rejected"] == report.counts[table].rejected == 2, table
    rejects = _batch_rejects(tmp_path / "out")
    families_id_ganda = rejects[(rejects["table"] == "keluarga") & (rejects["code"] == "id_ganda")]
    assert sorted(families_id_ganda["row"]) == [0, 3]
