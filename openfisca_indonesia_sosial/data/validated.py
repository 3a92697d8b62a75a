"""The validated tables: what validation hands to the rest of the package.

A :class:`Population` holds only accepted records, typed, in family order; it turns its columns
into OpenFisca inputs (:meth:`Population.input_arrays`), the one table-to-input conversion the
simulation builder uses.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from openfisca_core.indexed_enums import ENUM_ARRAY_DTYPE, EnumArray

from openfisca_indonesia_sosial.data.schema import ID_KELUARGA, INDIVIDU, VariableSpec

NIK = "nik"
_OPENFISCA_DTYPES = {"bool": bool, "int": np.int32, "float": np.float32, "str": object}


def _family_positions(families: pd.Series, persons: pd.Series) -> np.ndarray:
    """Each person's family position. Persons come grouped in family order, so when every
    family has members the runs of ``persons`` are ``families`` itself: compare instead of
    looking each id up (a hash lookup per person)."""
    family_ids = families.to_numpy(dtype=object)
    person_ids = persons.to_numpy(dtype=object)
    if person_ids.size:
        starts = np.flatnonzero(np.concatenate([[True], person_ids[1:] != person_ids[:-1]]))
        if starts.size == family_ids.size and np.array_equal(person_ids[starts], family_ids):
            sizes = np.diff(np.append(starts, person_ids.size))
            return np.repeat(np.arange(family_ids.size, dtype=np.int64), sizes)
    return pd.Index(families).get_indexer(persons).astype(np.int64)


@dataclass(frozen=True)
class Population:
    """Accepted records, typed, ready for a simulation.

    ``individu``
        ``id_individu`` (str), ``id_keluarga`` (str), ``peran`` (categorical of the roles),
        then one column per plain variable column given: bool → ``bool``, int → ``int64``,
        float → ``float64``, date → ``datetime64[s]``, str → ``str``, Enum → categorical of the
        item names. Sorted by family (in ``keluarga`` order), file order within a family.
        No missing values. Index 0..n-1.
    ``keluarga``
        ``id_keluarga`` (str), ``bobot`` (float64; 1.0 when the column was absent), then the
        plain variable columns, typed as above. File order. Index 0..n-1.
    ``monthly_overrides``
        ``{table: {variable: DataFrame}}``: for each MONTH variable given with month columns,
        a frame aligned row by row with the table, one column per month (``'2024-03'``),
        nullable dtypes (``boolean``, ``Int64``, ``Float64``, ``datetime64[s]``, ``str``,
        categorical); a missing cell means "no override for that person/family and month".
    ``year``
        the simulated year.
    ``variables``
        ``{table: {name: VariableSpec}}`` of the variables given as columns (plain or monthly).
    """

    individu: pd.DataFrame
    keluarga: pd.DataFrame
    monthly_overrides: dict[str, dict[str, pd.DataFrame]]
    year: int
    variables: dict[str, dict[str, VariableSpec]] = field(default_factory=dict)

    def table(self, table: str) -> pd.DataFrame:
        return self.individu if table == INDIVIDU else self.keluarga

    def family_index(self) -> np.ndarray:
        """Position in ``keluarga`` of each person's family (non-decreasing; computed once)."""
        cached = self.__dict__.get("_family_index")
        if cached is None:
            cached = _family_positions(self.keluarga[ID_KELUARGA], self.individu[ID_KELUARGA])
            cached.flags.writeable = False
            self.__dict__["_family_index"] = cached
        return cached

    def input_arrays(
        self, table: str, *, include_nik: bool = False, system=None
    ) -> Iterator[tuple[str, str, np.ndarray]]:
        """``(variable, period, values)`` for ``simulation.set_input``, one array per period.

        ETERNITY variables get period ``'ETERNITY'``, YEAR variables ``'<year>'``. A MONTH
        variable gets one array per month (``'<year>-MM'``): the month column where given
        and not empty, else the plain column, else the variable's default value. Months with
        neither a plain column nor a month column are not yielded (formula or default apply).
        Values use OpenFisca dtypes (bool, int32, float32, datetime64[D], object str; Enum as
        item names, which ``set_input`` encodes). ``nik`` is left out unless asked for: no
        rule reads it, and a simulation need not hold personal data.

        With ``system`` (the simulation builder's call), a column without month columns is
        converted once, read-only, and the same array serves every period; Enum columns are
        encoded by mapping their category codes to the Enum's indices instead of matching
        item names person by person. The values are the same either way.
        """
        frame = self.table(table)
        overrides = self.monthly_overrides.get(table, {})
        for name, spec in self.variables.get(table, {}).items():
            if name == NIK and not include_nik:
                continue
            plain = frame[name] if name in frame.columns else None
            if plain is not None and spec.empty_is_default and plain.isna().any():
                plain = plain.astype("object").where(plain.notna(), spec.default)
            if system is not None and plain is not None and name not in overrides:
                values = _fast_array(system.get_variable(name), plain, spec.kind)
                values.flags.writeable = False
                for period in self._periods(spec):
                    yield name, period, values
                continue
            if spec.period == "eternity":
                yield name, "ETERNITY", _to_openfisca(plain, spec)
                continue
            if spec.period != "month":
                yield name, str(self.year), _to_openfisca(plain, spec)
                continue
            months = overrides.get(name)
            for month in range(1, 13):
                period = f"{self.year:04d}-{month:02d}"
                override = None if months is None else months.get(period)
                if override is None and plain is None:
                    continue
                if override is None:
                    yield name, period, _to_openfisca(plain, spec)
                    continue
                base = plain if plain is not None else pd.Series(spec.default, index=frame.index)
                filled = override.astype("object").where(override.notna(), base.astype("object"))
                yield name, period, _to_openfisca(filled, spec)

    def _periods(self, spec: VariableSpec) -> list[str]:
        if spec.period == "eternity":
            return ["ETERNITY"]
        if spec.period != "month":
            return [str(self.year)]
        return [f"{self.year:04d}-{month:02d}" for month in range(1, 13)]


def _to_openfisca(values: pd.Series, spec: VariableSpec) -> np.ndarray:
    if spec.kind == "date":
        return pd.to_datetime(values).to_numpy().astype("datetime64[D]")
    if spec.kind == "enum":
        return values.astype("object").to_numpy(dtype=object).astype(str)
    return values.to_numpy().astype(_OPENFISCA_DTYPES[spec.kind])


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
    return column.to_numpy().astype(_OPENFISCA_DTYPES[kind])
