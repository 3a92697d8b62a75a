"""The merge of a partitioned run in bounded memory: welfare sorted on disk, figures unchanged.

The Gini coefficient and its replicate intervals are computed from each block's welfare file
sorted by DuckDB and streamed back in pieces; the answer must be the in-memory one bit for
bit (numpy's own sums are the oracle), and a whole run's JSON the single-shot run's, byte for
byte.
"""

from __future__ import annotations

import pickle
import subprocess
import sys
from types import SimpleNamespace

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from scale_helpers import YEAR

from openfisca_indonesia_sosial.metrics import poverty
from openfisca_indonesia_sosial.metrics.poverty import PairwiseSum, gini
from openfisca_indonesia_sosial.metrics.replicates import family_keys, gini_replicates
from openfisca_indonesia_sosial.scale import sorted_welfare as sw

BANSOS = [sys.executable, "-m", "openfisca_indonesia_sosial.cli"]


@settings(max_examples=150, deadline=None)
@given(
    hnp.arrays(
        np.float64,
        st.integers(0, 3000),
        elements=st.floats(-1e6, 1e6, allow_nan=False, width=64),
    ),
    st.lists(st.integers(1, 700), min_size=1, max_size=8),
    st.sampled_from([128, 200, 1024]),
)
def test_pairwise_sum_in_pieces_is_numpys_sum(values, steps, leaf):
    total = PairwiseSum(values.size, leaf)
    start, i = 0, 0
    while start < values.size:
        step = steps[i % len(steps)]
        total.add(values[start : start + step])
        start, i = start + step, i + 1
    assert total.total() == np.sum(values)  # bit for bit


def test_pairwise_sum_refuses_a_wrong_count():
    total = PairwiseSum(10)
    total.add(np.ones(9))
    with pytest.raises(ValueError, match="10 units"):
        total.total()


def _blocks(rng, sizes, names):
    """Blocks of families with few distinct welfare values (ties across blocks, and -0.0
    beside 0.0): the order among equal values decides every running sum."""
    out = []
    start = 0
    for size in sizes:
        ids = [f"K{start + i:07d}" for i in range(size)]
        start += size
        welfare = {
            name: rng.choice([-0.0, 0.0, 150_000.0, 325_000.5, 1e6], size=size) * (1 + 0.5 * k)
            for k, name in enumerate(names)
        }
        out.append(
            SimpleNamespace(
                welfare=welfare,
                person_weights=rng.uniform(50, 900, size) * rng.integers(1, 7, size),
                replicate_keys=family_keys(ids, 11),
            )
        )
    return out


@pytest.mark.parametrize("replicates", [0, 7])
def test_sorted_welfare_gives_the_in_memory_figures(tmp_path, monkeypatch, replicates):
    # small pieces and pairwise leaves: several of each, as a national merge has
    monkeypatch.setattr(sw, "PIECE", 2 * 8192)
    monkeypatch.setattr(poverty, "PAIRWISE_LEAF", 1000)
    names = ["baseline", 'odd "name"']
    rng = np.random.default_rng(5)
    blocks = _blocks(rng, [9000, 0, 17000, 1, 12345], names)
    files = []
    for index, block in enumerate(blocks):
        if not replicates:
            block.replicate_keys = None
        files.append(tmp_path / f"part-{index:05d}{sw.SUFFIX}")
        sw.write_block(files[-1], block, index)
    weights = np.concatenate([b.person_weights for b in blocks])
    for name in names:
        point, replicate_ginis = sw.scenario_gini(files, name, replicates, tmp_path / "merge")
        assert not (tmp_path / "merge").exists()  # the scratch folder (spill, sorted rows)
        welfare = np.concatenate([b.welfare[name] for b in blocks])
        assert point == gini(welfare, weights)
        if replicates:
            keys = np.concatenate([b.replicate_keys for b in blocks])
            expected = gini_replicates(welfare, weights, keys, replicates)
            assert np.array_equal(replicate_ginis, expected)
            # a replicate's coefficient does not depend on which others are computed with it
            assert np.array_equal(
                replicate_ginis[2:5], gini_replicates(welfare, weights, keys, 3, first=2)
            )
        else:
            assert replicate_ginis is None


def _simulate(population, json_out, *extra):
    command = [
        *BANSOS,
        "simulate",
        "--population",
        str(population),
        "--year",
        str(YEAR),
        "--reform",
        "sembako_300rb",
        "--json",
        str(json_out),
        *extra,
    ]
    done = subprocess.run(command, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json_out.read_bytes()


def test_partitioned_json_is_the_single_shot_json_byte_for_byte(tmp_path_factory):
    from openfisca_indonesia_sosial.synthetic import write

    folder = tmp_path_factory.mktemp("merge") / "pop"
    write(folder, YEAR, 30_000, seed=23, chunk_families=5000)
    work = folder.parent
    single = _simulate(folder, work / "single.json")
    output = work / "run"
    split = _simulate(
        folder,
        work / "split.json",
        "--partitions",
        "6",
        "--scheduler",
        "synchronous",
        "--output",
        str(output),
    )
    assert b'"gini_ci95"' in single  # the replicate intervals are part of what is compared
    assert split == single
    # the merge read the blocks' welfare files; the sums' files hold no per-family array
    pass2 = output / "_work" / "pass2"
    assert len(list(pass2.glob(f"part-*{sw.SUFFIX}"))) == 6
    for path in pass2.glob("part-*[0-9].pkl"):
        sums = pickle.loads(path.read_bytes())
        assert set(sums) == {"sums", "replicates", "n_replicates"}
