"""The money step's family and person rows, worked by hand on a small registry."""

from __future__ import annotations

import numpy as np

from openfisca_indonesia_sosial.registry import money
from openfisca_indonesia_sosial.scale import source as source_module


def test_needed_families_and_their_member_rows(monkeypatch):
    # persons 0-1 | 2 | 3-5 | 6 | 7-10 are families 0 to 4; person 11 has no listed family
    sizes = np.array([2, 1, 3, 1, 4], dtype=np.uint16)
    monkeypatch.setattr(source_module, "PLAN_STEP", 2)  # the running count in three steps
    families = money.needed_families(
        sizes, 5, removed_persons=np.array([4, 11, 0, 6]), removed_families=np.array([4, 2])
    )
    assert families.tolist() == [0, 2, 3, 4]
    assert money.member_rows(sizes, families).tolist() == [0, 1, 3, 4, 5, 6, 7, 8, 9, 10]
    assert money.member_rows(sizes, np.array([1])).tolist() == [2]
