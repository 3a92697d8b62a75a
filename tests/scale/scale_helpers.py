"""Constants and helpers of the national-scale tests."""

from __future__ import annotations

import json

YEAR = 2025


def canonical(summary: dict) -> str:
    """A summary as text, so equality is bit-for-bit on every float."""
    return json.dumps(summary, sort_keys=True, allow_nan=True)
