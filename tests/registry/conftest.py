"""Fixtures of the registry tests; the hand-made registry itself is in hand_registry.py (a
module name no other test folder uses, so test modules can import it in any collection order)."""

from __future__ import annotations

import pytest
from hand_registry import write_registry


@pytest.fixture
def registry(tmp_path):
    return write_registry(tmp_path / "registry")
