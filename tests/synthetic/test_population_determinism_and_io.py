"""Determinism, Parquet round trip, streaming in blocks, the cached default population."""

from __future__ import annotations

import pandas as pd
import pytest

from openfisca_indonesia_sosial.synthetic import (
    default_population,
    default_population_dir,
    generate,
    metadata,
    read,
    targets,
    write,
)


def test_same_seed_same_frames():
    a = generate(2023, 3_000, seed=7)
    b = generate(2023, 3_000, seed=7)
    pd.testing.assert_frame_equal(a[0], b[0])
    pd.testing.assert_frame_equal(a[1], b[1])
    c = generate(2023, 3_000, seed=8)
    assert not a[1]["pengeluaran_per_kapita"].equals(c[1]["pengeluaran_per_kapita"])


def test_same_seed_byte_identical_parquet(tmp_path):
    for name in ("a", "b"):
        write(tmp_path / name, 2024, 4_000, seed=1, chunk_families=2_000)
    for table in ("individu.parquet", "keluarga.parquet"):
        assert (tmp_path / "a" / table).read_bytes() == (tmp_path / "b" / table).read_bytes()


def test_write_read_round_trip(tmp_path):
    individu, keluarga = generate(2022, 2_000, seed=2)
    write(tmp_path, 2022, 2_000, seed=2)
    back_i, back_k = read(tmp_path)
    pd.testing.assert_frame_equal(back_i, individu)
    pd.testing.assert_frame_equal(back_k, keluarga)
    assert metadata(tmp_path)["year"] == 2022


def test_streamed_blocks_sum_to_national_totals(tmp_path):
    write(tmp_path, 2026, 7_001, seed=0, chunk_families=2_500)
    individu, keluarga = read(tmp_path)
    t = targets(2026)
    size = individu.groupby("id_keluarga").size().reindex(keluarga["id_keluarga"]).to_numpy()
    assert len(keluarga) == 7_001
    assert keluarga["bobot"].sum() == pytest.approx(t.families, rel=1e-9)
    assert (keluarga["bobot"].to_numpy() * size).sum() == pytest.approx(t.population, rel=1e-9)


def test_too_few_families():
    with pytest.raises(ValueError):
        generate(2024, 10)


def test_default_population_cached(cache_dir):
    first = default_population(2024, families=2_000)
    folder = default_population_dir(2024, families=2_000)
    assert str(folder).startswith(str(cache_dir))
    stamp = (folder / "keluarga.parquet").stat().st_mtime_ns
    second = default_population(2024, families=2_000)
    assert (folder / "keluarga.parquet").stat().st_mtime_ns == stamp  # read, not regenerated
    pd.testing.assert_frame_equal(first[1], second[1])
    pd.testing.assert_frame_equal(first[0], second[0])
    assert len(first[1]) == 2_000
