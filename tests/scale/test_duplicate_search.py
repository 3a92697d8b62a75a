"""The duplicate search over a prepared registry: rows of each key, and none when none."""

from __future__ import annotations

import pandas as pd
import pytest

from openfisca_indonesia_sosial.scale.duplicates import KEYS, find_duplicates
from openfisca_indonesia_sosial.scale.source import prepare
from openfisca_indonesia_sosial.synthetic import write

YEAR = 2025


@pytest.fixture(scope="module")
def registry(tmp_path_factory):
    return write(tmp_path_factory.mktemp("dups") / "pop", YEAR, 1_000, seed=5)


def _found(folder, work):
    source, _ = prepare(folder, work)
    found, _seconds = find_duplicates(source, work)
    return found


def test_a_registry_without_duplicates_has_no_rows_for_any_key(registry, tmp_path):
    found = _found(registry, tmp_path / "work")
    assert found.counts() == {f"{table}.{column}": 0 for table, column in KEYS}
    for table, column in KEYS:
        assert found.rows(table, column).size == 0


def test_only_the_duplicated_key_lists_rows(registry, tmp_path):
    persons = pd.read_parquet(registry / "individu.parquet")
    last = len(persons) - 1
    persons.loc[last, "nik"] = persons.loc[2, "nik"]
    persons.loc[[5, 7], "nik"] = persons.loc[4, "nik"]  # three rows of one NIK
    folder = tmp_path / "registry"
    folder.mkdir()
    persons.to_parquet(folder / "individu.parquet", index=False)
    pd.read_parquet(registry / "keluarga.parquet").to_parquet(
        folder / "keluarga.parquet", index=False
    )
    found = _found(folder, tmp_path / "work")
    assert found.rows("individu", "nik").tolist() == [2, 4, 5, 7, last]
    assert found.rows("individu", "id_individu").size == 0
    assert found.rows("keluarga", "id_keluarga").size == 0
    assert found.counts()["individu.nik"] == 5
