"""The same run on a real dask.distributed cluster (two worker processes)."""

from __future__ import annotations

import pytest
from scale_helpers import YEAR, canonical

from openfisca_indonesia_sosial.scale import run_partitioned

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        memory_limit="3GiB",
    ) as local:
        yield local


def test_local_cluster_gives_the_single_shot_answer(
    cluster, population_dir, tight_reform, single_shot, tmp_path
):
    reforms = (tight_reform, "sembako_300rb")
    result = run_partitioned(
        population_dir,
        year=YEAR,
        reforms=reforms,
        partitions=4,
        scheduler=cluster.scheduler_address,
        output=tmp_path / "run",
    )
    assert result.run_info["workers"] == 2
    assert sorted(result.run_info["computed"]["pass2"]) == [0, 1, 2, 3]
    assert canonical(result.summary()) == single_shot(reforms)
    # each scenario's welfare was sorted by a task of the cluster, not by the driver
    assert "scenario_gini" in cluster.scheduler.task_prefixes


def test_batch_on_the_cluster(cluster, population_dir, tmp_path):
    from openfisca_indonesia_sosial.scale.batch import run_batch

    manifest = run_batch(
        population_dir,
        year=YEAR,
        month=4,
        output=tmp_path / "batch",
        partitions=3,
        scheduler=cluster.scheduler_address,
    )
    assert manifest["totals"]["keluarga"]["computed"] == 3000


def _blas_threads(infos) -> set:
    return {info["num_threads"] for info in infos if info["user_api"] == "blas"}


@pytest.mark.parametrize("scheduler", ["processes", "threads", "cluster"])
def test_pool_workers_use_one_blas_thread(cluster, scheduler):
    # two workers on two cores: a BLAS thread per core in each would oversubscribe them
    threadpoolctl = pytest.importorskip("threadpoolctl")
    from openfisca_indonesia_sosial.scale.runner import Runner

    address = cluster.scheduler_address if scheduler == "cluster" else scheduler
    with (
        threadpoolctl.threadpool_limits(limits=2, user_api="blas"),
        Runner(address, 2) as runner,
    ):
        seen = runner.map(threadpoolctl.threadpool_info, [(), (), ()])
        assert all(_blas_threads(infos) == {1} for infos in seen)
    if scheduler == "threads":  # this process's library is given back its threads
        assert _blas_threads(threadpoolctl.threadpool_info()) == {2}
