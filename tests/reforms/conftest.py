"""Reform tests: keep the pins file out of the YAML rule-test collector."""

from __future__ import annotations

from pathlib import Path

PINS = Path(__file__).with_name("pinned_impacts.yaml")


def pytest_ignore_collect(collection_path: Path, config):
    """pinned_impacts.yaml is data for test_pinned_impacts.py, not an OpenFisca test file."""
    if collection_path == PINS:
        return True
    return None
