"""Planning's grouping check: persons grouped by family in keluarga order, or None."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from openfisca_indonesia_sosial.scale import grouping
from openfisca_indonesia_sosial.scale.grouping import family_sizes


def _write(folder, persons, families, person_type=None, family_type=None, row_group=None):
    paths = []
    for name, ids, kind in (
        ("individu", persons, person_type),
        ("keluarga", families, family_type),
    ):
        path = folder / f"{name}.parquet"
        pq.write_table(
            pa.table({"id_keluarga": pa.array(ids, type=kind)}), path, row_group_size=row_group
        )
        paths.append(path)
    return paths


@pytest.fixture
def small_batches(monkeypatch):
    """Batches of 3 rows, so runs and families cross batch boundaries."""
    monkeypatch.setattr(grouping, "_BATCH", 3)


def _sizes(tmp_path, persons, families, **types):
    sizes = family_sizes(*_write(tmp_path, persons, families, **types))
    return None if sizes is None else sizes.tolist()


@pytest.mark.parametrize("batches", ["one", "small"])
def test_grouped_families_are_counted(tmp_path, request, batches):
    if batches == "small":
        request.getfixturevalue("small_batches")
    persons = [5, 5, 5, 5, 5, 2, 9, 9, 9, 9, 1, 1, 1, 7]  # runs of 5, 1, 4, 3, 1 rows
    assert _sizes(tmp_path, persons, [5, 2, 9, 1, 7]) == [5, 1, 4, 3, 1]


@pytest.mark.parametrize(
    ("persons", "families"),
    [
        ([1, 1, 2, 2, 1, 3], [1, 2, 3]),  # family 1 in two runs apart
        ([2, 2, 1, 3], [1, 2, 3]),  # persons not in keluarga order
        ([1, 1, 3, 3], [1, 2, 3]),  # a family without members
        ([1, 1, 2, 3], [1, 2]),  # a person whose family is not listed (at the end)
        ([1, 4, 2, 3], [1, 2, 3]),  # ... or in the middle
        ([1, 1, 2, 2], [1, 2, 2]),  # keluarga lists a family twice in a row
        ([], [1]),
        ([1], []),
    ],
)
@pytest.mark.parametrize("batches", ["one", "small"])
def test_ungrouped_populations_are_none(tmp_path, request, batches, persons, families):
    if batches == "small":
        request.getfixturevalue("small_batches")
    assert _sizes(tmp_path, persons, families, person_type=pa.int64()) is None


def test_runs_follow_keluarga_even_when_it_repeats_an_id(tmp_path, small_batches):
    # The check is run by run against keluarga, as before; a repeated family id is the
    # validation's to reject.
    assert _sizes(tmp_path, [1, 1, 2, 2, 1, 3], [1, 2, 1, 3]) == [2, 2, 1, 1]


def test_a_family_across_many_batches_and_row_groups(tmp_path, small_batches):
    persons = [1] * 2 + [2] * 10 + [3] + [4] * 7
    paths = _write(tmp_path, persons, [1, 2, 3, 4], row_group=4)
    assert family_sizes(*paths).tolist() == [2, 10, 1, 7]


def test_a_family_split_at_a_batch_boundary_by_another(tmp_path, small_batches):
    # family 2 ends the first batch and starts the third: two runs, not one
    assert _sizes(tmp_path, [1, 1, 2, 3, 3, 3, 2, 4], [1, 2, 3, 4]) is None


def test_ids_compare_as_text_across_types(tmp_path, small_batches):
    persons, families = ["10", "10", "7", "7", "7", "8"], [10, 7, 8]
    assert _sizes(tmp_path, persons, families) == [2, 3, 1]
    assert _sizes(tmp_path, [10, 10, 7], [10, 7], family_type=pa.int32()) == [2, 1]
    assert _sizes(tmp_path, ["a", "a", "b"], ["a", "b"]) == [2, 1]
    assert _sizes(tmp_path, ["a", "a", "b"], ["a", "c"]) is None


def test_missing_ids_match_only_missing_ids(tmp_path, small_batches):
    assert _sizes(tmp_path, [1, None, None, 2], [1, None, 2], person_type=pa.int64()) == [
        1,
        2,
        1,
    ]
    assert _sizes(tmp_path, [1, None, 2], [1, 3, 2], person_type=pa.int64()) is None


def test_a_file_without_the_id_column_is_regrouped(tmp_path):
    pq.write_table(pa.table({" id_keluarga": [1, 1]}), tmp_path / "individu.parquet")
    pq.write_table(pa.table({"id_keluarga": [1]}), tmp_path / "keluarga.parquet")
    assert family_sizes(tmp_path / "individu.parquet", tmp_path / "keluarga.parquet") is None


def test_matches_a_direct_count_on_a_generated_population(population_dir):
    persons = pq.read_table(population_dir / "individu.parquet", columns=["id_keluarga"])
    families = pq.read_table(population_dir / "keluarga.parquet", columns=["id_keluarga"])
    ids = persons.column(0).to_numpy()
    starts = np.flatnonzero(np.r_[True, ids[1:] != ids[:-1]])
    np.testing.assert_array_equal(ids[starts], families.column(0).to_numpy())
    sizes = family_sizes(population_dir / "individu.parquet", population_dir / "keluarga.parquet")
    assert sizes.dtype == np.uint16  # two bytes a family: no family here has 65,536 members
    np.testing.assert_array_equal(sizes, np.diff(np.r_[starts, ids.size]))


def test_a_family_beyond_two_bytes_widens_the_counts(tmp_path):
    # 70,000 members cannot be held in two bytes: the counts widen instead of wrapping
    persons = [1] * 3 + [2] * 70_000 + [3]
    assert _sizes(tmp_path, persons, [1, 2, 3]) == [3, 70_000, 1]
    sizes = family_sizes(tmp_path / "individu.parquet", tmp_path / "keluarga.parquet")
    assert sizes.dtype == np.uint32
