"""Shared generated populations (module-level cache keeps the suite fast)."""

from __future__ import annotations

import functools

import pytest

from openfisca_indonesia_sosial.synthetic import generate

CALIBRATION_FAMILIES = 30_000


@functools.cache
def population(year: int, families: int = CALIBRATION_FAMILIES, seed: int = 0):
    return generate(year, families, seed)


@pytest.fixture(scope="session")
def pop2025():
    return population(2025, 20_000)


@pytest.fixture(scope="session")
def population_of():
    """``population_of(year, families=30_000, seed=0)``: cached generated tables."""
    return population


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("BANSOS_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"
