"""Vectorised construction of an OpenFisca simulation from the two population tables.

The JSON situation builder walks every person and family in Python and slows down
quadratically with size; here entities, roles and inputs are set as whole arrays, so the
cost is linear and dominated by numpy copies.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from openfisca_core.indexed_enums import ENUM_ARRAY_DTYPE, Enum, EnumArray
from openfisca_core.periods import ETERNITY
from openfisca_core.periods import period as make_period
from openfisca_core.simulation_builder import SimulationBuilder

ID_COLUMNS = {
    "individu": ("id_individu", "id_keluarga", "peran"),
    "keluarga": ("id_keluarga", "bobot"),
}


def to_variable_array(variable, values: pd.Series | np.ndarray) -> np.ndarray:
    """Convert a table column to the array OpenFisca stores for ``variable``."""
    value_type = variable.value_type
    array = values.to_numpy() if isinstance(values, pd.Series) else np.asarray(values)
    if value_type is Enum:
        return variable.possible_values.encode(array.astype(str))
    if value_type is bool:
        return array.astype(bool)
    if value_type is int:
        return array.astype(np.int32)
    if value_type is float:
        return array.astype(np.float32)
    if value_type is str:
        return array.astype(object)
    # datetime.date
    return pd.to_datetime(pd.Series(array)).to_numpy().astype("datetime64[D]")


def build_simulation(
    system,
    individu: pd.DataFrame,
    keluarga: pd.DataFrame,
    year: int,
    monthly: Mapping[tuple[str, str], pd.Series | np.ndarray] | None = None,
):
    """A simulation of ``year`` for the families and persons of the tables.

    ``individu`` needs ``id_keluarga`` and ``peran``; ``keluarga`` needs ``id_keluarga``.
    Every other column named as a variable is an input: a MONTH variable's value holds for
    every month of ``year``; ``monthly[(variable, "YYYY-MM")]`` overrides one month. Tables
    reach this function only through the data layer, which has validated them.
    """
    builder = SimulationBuilder()
    builder.create_entities(system)
    builder.declare_person_entity("individu", np.arange(len(individu)))
    keluarga_population = builder.declare_entity("keluarga", np.arange(len(keluarga)))
    family_index = pd.Index(keluarga["id_keluarga"]).get_indexer(individu["id_keluarga"])
    if (family_index < 0).any():
        raise ValueError("individu rows reference families absent from keluarga")
    role_keys = [role.key for role in keluarga_population.entity.flattened_roles]
    roles = pd.Categorical(individu["peran"], categories=role_keys).codes
    if (roles < 0).any():
        raise ValueError("unknown peran in individu")
    builder.join_with_persons(keluarga_population, family_index, roles.astype(np.int64))
    simulation = builder.build(system)

    year_period = make_period(str(year))
    for table, entity in ((individu, "individu"), (keluarga, "keluarga")):
        for column in table.columns:
            if column in ID_COLUMNS[entity]:
                continue
            variable = system.get_variable(column, check_existence=True)
            values = to_variable_array(variable, table[column])
            target = ETERNITY if variable.definition_period == ETERNITY else year_period
            simulation.set_input(column, target, values)
    for (name, month), values in (monthly or {}).items():
        variable = system.get_variable(name, check_existence=True)
        simulation.set_input(name, month, to_variable_array(variable, values))
    return simulation


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
    role_keys = [role.key for role in keluarga_population.entity.flattened_roles]
    roles = pd.Categorical(population.individu["peran"].astype(str), categories=role_keys).codes
    builder.join_with_persons(
        keluarga_population, population.family_index(), roles.astype(np.int64)
    )
    simulation = builder.build(system)
    simulation.populations["keluarga"].bansos_role_codes = roles.astype(np.int8)
    for table in ("individu", "keluarga"):
        for name, period, values in _input_arrays(system, population, table):
            simulation.set_input(name, period, values)
    return simulation


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
    return to_variable_array(variable, column)
