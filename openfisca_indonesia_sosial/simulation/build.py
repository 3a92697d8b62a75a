"""Vectorised construction of an OpenFisca simulation from the two population tables.

The JSON situation builder walks every person and family in Python and slows down
quadratically with size; here entities, roles and inputs are set as whole arrays, so the
cost is linear and dominated by numpy copies.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from openfisca_core.simulation_builder import SimulationBuilder


def build_from_population(system, population):
    """A simulation of ``population.year`` from a validated data-layer ``Population``.

    Inputs are ``population.input_arrays(table, system=system)``: the data layer's one
    table-to-input conversion, in its fast form (a plain column converted once, Enum columns
    encoded from their category codes).
    """
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("individu", np.arange(len(population.individu)))
    keluarga_population = builder.declare_entity("keluarga", np.arange(len(population.keluarga)))
    flattened = keluarga_population.entity.flattened_roles
    roles = _role_codes(population.individu["peran"], [role.key for role in flattened])
    # What SimulationBuilder.join_with_persons sets, without its per-person Python work
    # (a list of Role objects, a sort of the family ids): families are numbered 0..n-1 in
    # ``keluarga`` order and every family has members (the data layer rejects others).
    keluarga_population.members_entity_id = population.family_index()
    role_objects = np.empty(len(flattened), dtype=object)
    role_objects[:] = flattened
    keluarga_population._members_role = role_objects[roles]
    simulation = builder.build(system)
    simulation.populations["keluarga"].bansos_role_codes = roles
    for table in ("individu", "keluarga"):
        for name, period, values in population.input_arrays(table, system=system):
            simulation.set_input(name, period, values)
    return simulation


def _role_codes(peran: pd.Series, role_keys: list[str]) -> np.ndarray:
    """Index in ``role_keys`` of each person's role (the data layer checked the values)."""
    if isinstance(peran.dtype, pd.CategoricalDtype):
        lookup = np.array([role_keys.index(str(c)) for c in peran.cat.categories] or [0])
        return lookup[peran.cat.codes.to_numpy()].astype(np.int8)
    return pd.Categorical(peran.astype(str), categories=role_keys).codes.astype(np.int8)
