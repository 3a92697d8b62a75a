"""The vectorised rank within a family equals openfisca-core's get_rank."""

from __future__ import annotations

import numpy as np
import pytest

from openfisca_indonesia_sosial.data import validate_tables
from openfisca_indonesia_sosial.law.ranking import has_role, rank_in_group
from openfisca_indonesia_sosial.simulation.build import build_from_population
from openfisca_indonesia_sosial.synthetic import generate
from openfisca_indonesia_sosial.system import baseline


@pytest.fixture(scope="module")
def persons():
    individu, keluarga = generate(2025, 1000, seed=2)
    population, _ = validate_tables(individu, keluarga, year=2025)
    return build_from_population(baseline(), population).persons


@pytest.mark.parametrize("kind", ["int", "float", "dates"])
@pytest.mark.parametrize("with_condition", [False, True])
def test_rank_in_group_equals_get_rank(persons, kind, with_condition):
    rng = np.random.default_rng(len(kind) + with_condition)
    n = persons.count
    if kind == "int":
        criteria = rng.permutation(n).astype(np.int64)  # distinct: get_rank's tie order is
    elif kind == "float":  # unspecified (unstable sort)
        criteria = rng.normal(size=n)
    else:
        criteria = (np.datetime64("1950-01-01") + rng.permutation(n)).astype(np.int64)
    condition = rng.random(n) < 0.6 if with_condition else True
    expected = persons.get_rank(persons.keluarga, criteria, condition=condition)
    got = rank_in_group(persons.keluarga, criteria, condition=condition)
    assert (got == expected).all()


def test_ties_follow_member_order(persons):
    ranks = rank_in_group(persons.keluarga, np.zeros(persons.count))
    assert (ranks == persons.keluarga.reference_entity.members_position).all()


def test_has_role_equals_openfisca(persons):
    from openfisca_indonesia_sosial.law.entities import Keluarga

    for role in (Keluarga.KEPALA_KELUARGA, Keluarga.PASANGAN, Keluarga.ANAK):
        assert (has_role(persons, role) == persons.has_role(role)).all()
