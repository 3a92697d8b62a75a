"""Planning a registry in steps of families gives the partitions of one running count.

``plan`` takes the running member count a step of families at a time (no array of eight
bytes per family on the driver). The reference here is the direct reading of its rule: one
cumulative sum over every family, each cut one past the first family whose count reaches
``k / partitions`` of the persons, kept strictly increasing and leaving a family for every
later block.
"""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from openfisca_indonesia_sosial.scale import source as source_module
from openfisca_indonesia_sosial.scale.source import Partition, Source, plan


def _reference(sizes: list[int], partitions: int, extra_persons: int) -> list[Partition]:
    n = len(sizes)
    partitions = max(1, min(partitions, max(n, 1)))
    ends = np.cumsum(np.array(sizes, dtype=np.int64))
    total = int(ends[-1]) if n else 0
    cuts = [0]
    for k in range(1, partitions):
        target = total * k / partitions
        first = next((i for i in range(n) if ends[i] >= target), n)
        cuts.append(min(max(first + 1, cuts[-1] + 1), n - (partitions - k)))
    cuts.append(n)
    before = [0, *ends.tolist()]
    out = []
    for index in range(partitions):
        a, b = cuts[index], cuts[index + 1]
        stop = before[b] if index < partitions - 1 else total + extra_persons
        out.append(Partition(index, a, b, before[a], stop))
    return out


@settings(max_examples=150, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 9), min_size=1, max_size=60),
    partitions=st.integers(1, 12),
    step=st.integers(1, 7),
    extra=st.integers(0, 3),
    dtype=st.sampled_from([np.uint16, np.uint32, np.int64]),
)
def test_stepped_plan_matches_one_running_count(sizes, partitions, step, extra, dtype):
    persons = sum(sizes) + extra  # persons without a family are regrouped last
    source = Source("individu.parquet", "keluarga.parquet", len(sizes), persons)
    previous = source_module.PLAN_STEP
    source_module.PLAN_STEP = step
    try:
        got = plan(source, np.array(sizes, dtype=dtype), partitions)
    finally:
        source_module.PLAN_STEP = previous
    assert got == _reference(sizes, partitions, extra)


def test_counts_beyond_two_bytes_do_not_wrap():
    # 40,000 families of 60,000 members: 2.4e9 persons, past int32 and any two-byte sum
    sizes = np.full(40_000, 60_000, dtype=np.uint16)
    source = Source("i", "k", sizes.size, 2_400_000_000)
    blocks = plan(source, sizes, 4)
    assert [b.person_start for b in blocks] == [0, 600_000_000, 1_200_000_000, 1_800_000_000]
    assert [b.family_start for b in blocks] == [0, 10_000, 20_000, 30_000]
    assert blocks[-1].person_stop == 2_400_000_000


@settings(max_examples=100, deadline=None)
@given(
    sizes=st.lists(st.integers(0, 6), min_size=1, max_size=40),
    step=st.integers(1, 5),
    data=st.data(),
)
def test_stepped_lookups_match_the_member_runs(sizes, step, data):
    # the direct reading: family f's members are rows [before[f], before[f] + sizes[f])
    before = np.concatenate([[0], np.cumsum(sizes)])
    persons = int(before[-1])
    owner = np.repeat(np.arange(len(sizes)), sizes)
    rows = data.draw(st.lists(st.integers(0, persons + 3), max_size=30))
    positions = data.draw(st.lists(st.integers(0, len(sizes)), max_size=30))
    members = np.array(sizes, dtype=np.uint16)
    previous = source_module.PLAN_STEP
    source_module.PLAN_STEP = step
    try:
        found = source_module.families_of(members, np.array(rows, dtype=np.int64))
        starts = source_module.persons_before(members, np.array(positions, dtype=np.int64))
    finally:
        source_module.PLAN_STEP = previous
    expected = [owner[r] if r < persons else len(sizes) for r in rows]
    assert found.tolist() == expected
    assert starts.tolist() == [int(before[p]) for p in positions]
