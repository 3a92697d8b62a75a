"""Fixtures: the hand-written summaries of :mod:`hand_summaries`."""

from __future__ import annotations

import pytest
from hand_summaries import add_intervals, hand_summary


@pytest.fixture
def summary() -> dict:
    return hand_summary()


@pytest.fixture
def summary_ci() -> dict:
    return add_intervals(hand_summary())
