"""The global step over queue files on disk: the single-shot answer, in bounded memory."""

from __future__ import annotations

import subprocess
import sys
import tracemalloc

import numpy as np
import pytest
from scale_helpers import YEAR

from openfisca_indonesia_sosial.delivery.quota import apply_cutoff, quota_cutoff
from openfisca_indonesia_sosial.metrics.poverty import weighted_quantile_groups
from openfisca_indonesia_sosial.microsim.global_step import (
    DRAW,
    INDEX,
    KEY,
    SIZE,
    SPENDING,
    WEIGHT,
    eligible_column,
    members_column,
    month_mask,
)
from openfisca_indonesia_sosial.microsim.pipeline import quota_programs
from openfisca_indonesia_sosial.scale import global_step
from openfisca_indonesia_sosial.scale.passes import scenarios
from openfisca_indonesia_sosial.simulation.engine import MONTHS
from openfisca_indonesia_sosial.simulation.parameters import parameter_at

BANSOS = [sys.executable, "-m", "openfisca_indonesia_sosial.cli"]


@pytest.fixture(scope="module")
def population_30k(tmp_path_factory):
    from openfisca_indonesia_sosial.synthetic import write

    folder = tmp_path_factory.mktemp("pop30k") / "pop"
    write(folder, YEAR, 30_000, seed=11, chunk_families=5_000)
    return folder


@pytest.mark.parametrize("full_entitlement", [False, True])
def test_cli_json_is_byte_identical_to_the_single_shot_run(
    population_30k, tight_reform, tmp_path, full_entitlement
):
    """30,000 families in 6 partitions on 2 worker processes, a reform whose quotas bind (or
    full entitlement): ``bansos simulate --json`` writes the very bytes of the single-shot run
    (30,000 families run single-shot by default)."""
    common = ["simulate", "--population", str(population_30k), "--year", str(YEAR)]
    common += ["--reform", tight_reform, "--reform", "sembako_300rb"]
    if full_entitlement:
        common.append("--full-entitlement")
    single, parted = tmp_path / "single.json", tmp_path / "parted.json"
    run = subprocess.run([*BANSOS, *common, "--json", str(single)], capture_output=True)
    assert run.returncode == 0, run.stderr.decode()
    partitioned = ["--partitions", "6", "--scheduler", "processes", "--workers", "2"]
    partitioned += ["--output", str(tmp_path / "out"), "--json", str(parted)]
    run = subprocess.run([*BANSOS, *common, *partitioned], capture_output=True)
    assert run.returncode == 0, run.stderr.decode()
    assert parted.read_bytes() == single.read_bytes()
    plan = tmp_path / "out" / "_work" / "global" / "plan.parquet"
    assert plan.is_file()  # the per-family part of the plan was on disk, not in the driver
    assert len(list((tmp_path / "out" / "_work" / "pass1").glob("*.queue.parquet"))) == 6


def _queues(folder, n_blocks, per_block, seed):
    """Random queue files of one baseline scenario, and the concatenated columns."""
    rng = np.random.default_rng(seed)
    files, columns = [], []
    for part in range(n_blocks):
        n = per_block + part  # blocks of unequal sizes
        eligible = rng.random((12, n)) < 0.4
        members = rng.integers(0, 4, (12, n)).astype(np.uint16)
        block = {
            INDEX: np.arange(n, dtype=np.int32),
            # few distinct keys and expenditures: ties across blocks keep population order
            KEY: rng.integers(0, 5, n).astype(np.uint64),
            # national quotas bind on these 2,000 families of large weights
            WEIGHT: rng.choice([0.0, 0.5, 1.0, 2.5, 7.25], n) * 5e4,
            SIZE: rng.integers(1, 7, n).astype(np.uint16),
            SPENDING: rng.integers(0, 50, n).astype(np.float64),
            DRAW: rng.random(n),
            eligible_column(0, "pkh"): month_mask(eligible),
            eligible_column(0, "sembako"): month_mask(rng.random((12, n)) < 0.6),
        }
        for m in range(12):
            block[members_column(0, "pbi_jk", m)] = members[m]
        path = folder / f"part-{part:05d}.queue.parquet"
        global_step.write_queue(path, {"families": n, "columns": block}, part)
        files.append(path)
        columns.append(block)
    return files, {k: np.concatenate([c[k] for c in columns]) for k in columns[0]}


def test_plan_equals_the_in_memory_computation(tmp_path, monkeypatch):
    """Cut-offs, ranks, deciles and percentiles of the external step equal the in-memory
    functions of the single-shot run over the concatenated population, with batches smaller
    than a block (the running sums cross batches) and quotas binding in the middle."""
    monkeypatch.setattr(global_step, "BATCH", 97)
    files, whole = _queues(tmp_path, 5, 400, seed=5)
    named = scenarios(())
    plan = global_step.global_plan(YEAR, named, files, list(range(5)), tmp_path / "g", False)
    n = whole[KEY].size
    order = np.argsort(whole[KEY], kind="stable")
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    person_weight = whole[WEIGHT] * whole[SIZE]
    deciles = weighted_quantile_groups(whole[SPENDING], person_weight, 10)
    percentile = weighted_quantile_groups(whole[SPENDING], person_weight, 100)
    got = {"rank": [], "deciles": [], "percentile": []}
    for i in range(5):
        block = plan.block(i)
        got["rank"].append(block.rank)
        got["deciles"].append(block.deciles)
        got["percentile"].append(block.percentile)
    assert np.array_equal(np.concatenate(got["rank"]), rank)
    assert np.array_equal(np.concatenate(got["deciles"]), deciles)
    assert np.array_equal(np.concatenate(got["percentile"]), percentile)

    # the cut-offs of the in-memory quota selection, month by month, PKH first in line
    system = named[0][2]
    for m, month in enumerate(MONTHS):
        instant = f"{YEAR}-{month:02d}-01"
        quota = {p.key: float(parameter_at(system, p.quota, instant)) for p in quota_programs()}
        pkh = ((whole[eligible_column(0, "pkh")] >> m) & 1).astype(bool)
        expected = quota_cutoff(order, whole[WEIGHT], pkh, quota["pkh"], None, rank)
        assert expected[1] not in (-1, n - 1)  # the quota binds part way
        assert plan.cutoffs["baseline"]["pkh"][m] == expected
        rate = parameter_at(system, "penyaluran.tingkat_penyerapan.pkh", instant)
        rate = 1.0 if rate is None else float(rate)
        paid = apply_cutoff(rank, pkh, expected) & (whole[DRAW] < rate)
        sembako = ((whole[eligible_column(0, "sembako")] >> m) & 1).astype(bool)
        expected = quota_cutoff(order, whole[WEIGHT], sembako, quota["sembako"], paid, rank)
        assert plan.cutoffs["baseline"]["sembako"][m] == expected
        counts = whole[members_column(0, "pbi_jk", m)]
        unit_weight = whole[WEIGHT] * counts
        expected = quota_cutoff(order, unit_weight, counts > 0, quota["pbi_jk"], None, rank)
        assert expected[1] not in (-1, n - 1)
        assert plan.cutoffs["baseline"]["pbi_jk"][m] == expected


def test_driver_memory_does_not_grow_with_the_families(tmp_path, monkeypatch):
    """Python-side allocations of the global step (numpy included) peak at the same size for
    4,000 and 40,000 families: nothing per family is held, only batches."""
    monkeypatch.setattr(global_step, "BATCH", 1_000)
    named = scenarios(())
    peaks = []
    for n_blocks, per_block in ((4, 1_000), (8, 5_000)):
        folder = tmp_path / f"n{n_blocks}"
        folder.mkdir()
        files, _ = _queues(folder, n_blocks, per_block, seed=n_blocks)
        tracemalloc.start()
        global_step.global_plan(YEAR, named, files, list(range(n_blocks)), folder / "g", False)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    small, large = peaks
    # ten times the families: the peak may differ by batches' sizes, not by 10x
    assert large < 2 * small + (1 << 20), peaks
