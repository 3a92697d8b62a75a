"""Injected findings of every kind, at known counts, across partitions: 100 % recall and no
false finding, counts, provinces and the per-record list (registry/inject.py)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from openfisca_indonesia_sosial.registry import money
from openfisca_indonesia_sosial.registry.audit import run_audit
from openfisca_indonesia_sosial.registry.findings import FINDINGS
from openfisca_indonesia_sosial.registry.inject import inject
from openfisca_indonesia_sosial.synthetic import write

YEAR, MONTH, K = 2025, 4, 5


@pytest.fixture(scope="module")
def injected(tmp_path_factory):
    base = tmp_path_factory.mktemp("inject")
    write(base / "pop", YEAR, 3000, seed=11)
    expected = inject(base / "pop", base / "registry", k=K, year=YEAR, month=MONTH, seed=5)
    return base / "registry", expected


def test_the_clean_population_has_no_finding(tmp_path):
    write(tmp_path / "pop", YEAR, 3000, seed=11)
    clean = inject(tmp_path / "pop", tmp_path / "clean", k=0, year=YEAR, month=MONTH)
    result = run_audit(tmp_path / "clean", year=YEAR, month=MONTH, partitions=2)
    assert all(found["records"] == 0 for found in result["findings"].values())
    assert all(found["records"] == 0 for code, found in clean.items() if code in FINDINGS)
    assert result["money_at_stake_idr"]["total"] == 0
    assert result["families_computed"] == 0


def _check(result, expected, records):
    for code in FINDINGS:
        assert result["findings"][code] == expected[code], code
    # by hand: 2k + 2k + 2k + 2k NIK copies, 2k + 2k + 2k on two cards (inject.py's table)
    assert result["findings"]["nik_ganda"]["records"] == 8 * K
    assert result["findings"]["nik_kartu_ganda"]["records"] == 6 * K
    assert result["findings"]["meninggal"]["records"] == K
    listed = pd.read_csv(records, dtype=str)
    assert sorted(zip(listed["code"], listed["row"].astype(int), strict=True)) == expected["rows"]
    assert set(listed["table"]) == {"individu"}
    assert listed["nik"].str.fullmatch(r"\d\d\*{10}\d\d|").all()
    # a pair's partner is listed: every NIK-keyed finding names the other row
    paired = listed[listed["code"].isin(["nik_ganda", "id_ganda", "kepala_ganda"])]
    assert paired["collides_with"].str.fullmatch(r"individu:\d+( individu:\d+)*").all()


@pytest.mark.parametrize("partitions", [2, 3])
def test_every_injected_finding_is_found(injected, tmp_path, partitions):
    folder, expected = injected
    records = tmp_path / "records.csv"
    result = run_audit(folder, year=YEAR, month=MONTH, partitions=partitions, records=records)
    _check(result, expected, records)
    assert result["money_at_stake_idr"]["total"] > 0


def test_money_of_the_flagged_families_equals_computing_everyone(injected, monkeypatch):
    folder, _expected = injected
    fast = run_audit(folder, year=YEAR, month=MONTH, partitions=2)
    assert 0 < fast["families_computed"] < fast["rows"]["keluarga"] / 10

    def every_family(sizes, n_families, *_rows):
        return np.arange(n_families, dtype=np.int64)

    monkeypatch.setattr(money, "needed_families", every_family)
    full = run_audit(folder, year=YEAR, month=MONTH, partitions=3)
    assert full["families_computed"] == full["rows"]["keluarga"]
    assert full["money_at_stake_idr"] == fast["money_at_stake_idr"]


def test_on_a_dask_cluster(injected, tmp_path):
    distributed = pytest.importorskip("dask.distributed")
    folder, expected = injected
    records = tmp_path / "records.csv"
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster:
        result = run_audit(
            folder,
            year=YEAR,
            month=MONTH,
            partitions=3,
            scheduler=cluster.scheduler_address,
            records=records,
        )
    _check(result, expected, records)
