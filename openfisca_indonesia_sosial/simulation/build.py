"""Vectorised construction of an OpenFisca simulation from the two population tables.

The JSON situation builder walks every person and family in Python and slows down
quadratically with size; here entities, roles and inputs are set as whole arrays, so the
cost is linear and dominated by numpy copies.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from openfisca_core.indexed_enums import ENUM_ARRAY_DTYPE, EnumArray
from openfisca_core.simulation_builder import SimulationBuilder


def build_from_population(system, population):
    """A simulation of ``population.year`` from a validated data-layer ``Population``.

    Inputs are those of ``population.input_arrays`` (same values, same periods), converted
    faster: a plain column is converted once and the same read-only array is given to every
    month; Enum columns (categoricals) are encoded by mapping their category codes to the
    Enum's indices instead of matching strings person by person.
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
        for name, period, values in _input_arrays(system, population, table):
            simulation.set_input(name, period, values)
    return simulation


def _role_codes(peran: pd.Series, role_keys: list[str]) -> np.ndarray:
    """Index in ``role_keys`` of each person's role (the data layer checked the values)."""
    if isinstance(peran.dtype, pd.CategoricalDtype):
        lookup = np.array([role_keys.index(str(c)) for c in peran.cat.categories] or [0])
        return lookup[peran.cat.codes.to_numpy()].astype(np.int8)
    return pd.Categorical(peran.astype(str), categories=role_keys).codes.astype(np.int8)


def _input_arrays(system, population, table: str):
    """``population.input_arrays(table)``, with plain columns converted once (see above)."""
    variables = population.variables.get(table, {})
    overrides = population.monthly_overrides.get(table, {})
    frame = population.table(table)
    fast = {
        name
        for name, spec in variables.items()
        if name in frame.columns and (spec.period != "month" or name not in overrides)
    }
    for name in fast:
        spec = variables[name]
        values = _fast_array(system.get_variable(name), frame[name], spec.kind)
        values.flags.writeable = False
        if spec.period == "eternity":
            yield name, "ETERNITY", values
        elif spec.period != "month":
            yield name, str(population.year), values
        else:
            for month in range(1, 13):
                yield name, f"{population.year:04d}-{month:02d}", values
    if set(variables) - fast:  # monthly overrides: the data layer's own conversion
        for name, period, values in population.input_arrays(table):
            if name not in fast:
                yield name, period, values


def _fast_array(variable, column: pd.Series, kind: str) -> np.ndarray:
    if kind == "enum":
        items = variable.possible_values
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes = column.cat.codes.to_numpy()
            categories = [str(c) for c in column.cat.categories]
        else:
            codes, uniques = pd.factorize(column.astype(str))
            categories = [str(c) for c in uniques]
        lookup = np.array([items[c].index for c in categories] or [0], dtype=ENUM_ARRAY_DTYPE)
        return EnumArray(lookup[codes].astype(ENUM_ARRAY_DTYPE), items)
    if kind == "date":
        return column.to_numpy().astype("datetime64[D]")
    # bool, int, float, str: the dtypes OpenFisca stores (int32, float32, object strings).
    return column.to_numpy().astype(_SCALAR_DTYPES[variable.value_type])


_SCALAR_DTYPES = {bool: bool, int: np.int32, float: np.float32, str: object}
