"""Shared fixtures of the data-layer tests (populations under tests/fixtures/populations)."""

from __future__ import annotations

from pathlib import Path

import pytest

POPULATIONS = Path(__file__).resolve().parents[1] / "fixtures" / "populations"
YEAR = 2024


@pytest.fixture(scope="session")
def populations() -> Path:
    return POPULATIONS


@pytest.fixture(scope="session")
def broken_result():
    from openfisca_indonesia_sosial.data import load_population

    return load_population(POPULATIONS / "broken", year=YEAR)


@pytest.fixture(scope="session")
def clean_result():
    from openfisca_indonesia_sosial.data import load_population

    return load_population(POPULATIONS / "clean", year=YEAR)
