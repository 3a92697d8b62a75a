"""Column helpers of validation: pandera checks over results computed once per column, and
dense typed copies of parsed columns."""

from __future__ import annotations

import functools

import numpy as np
import pandas as pd
import pandera.pandas as pa

from openfisca_indonesia_sosial.data.parsing import dictionary_codes


def precomputed_check(result, code: str) -> pa.Check:
    """A pandera check whose vectorised result was computed on the parsed column. The result
    is computed once and kept on the check (``check.precomputed()``), so :func:`all_pass` can
    read it before pandera runs, and pandera reuses it."""

    @functools.cache
    def values() -> np.ndarray:
        return np.asarray(result(), dtype=bool)

    def run(series: pd.Series) -> pd.Series:
        passed = values()
        if len(series) != len(passed):  # a subset of rows: the index is the row position
            passed = passed[series.index.to_numpy()]
        return pd.Series(passed, index=series.index)

    # ignore_na=False: pandera hands over the whole column without copying it; every result
    # is already True on missing cells (those are reported once, by `nullable`).
    check = pa.Check(run, name=code, element_wise=False, ignore_na=False)
    check.precomputed = values
    return check


def all_pass(schema: pa.DataFrameSchema, frame: pd.DataFrame) -> bool:
    """Whether pandera would find nothing to report: no empty cell in a column that may not
    have one, and every check's precomputed result true on every row. A valid block then skips
    pandera, whose bookkeeping costs more than the checks (a quarter of a second per 100,000
    families); any failure, or a check that is not precomputed, lets pandera run and report it.
    """
    for name, column in schema.columns.items():
        if name not in frame.columns or column.dtype is not None or column.unique or column.regex:
            return False  # a feature this shortcut does not evaluate: pandera decides
        if not column.nullable and frame[name].isna().any():
            return False
        for check in column.checks:
            precomputed = getattr(check, "precomputed", None)
            if precomputed is None or not precomputed().all():
                return False
    return True


def take_cells(values: pd.Series, rows: np.ndarray) -> np.ndarray:
    """Selected cells as an object array, without converting the whole column."""
    if rows.dtype == bool:
        rows = np.flatnonzero(rows)
    return values.iloc[rows].to_numpy(dtype=object)


def passing(mask: pd.Series):
    values = mask.fillna(True).to_numpy(dtype=bool)
    return lambda: values


def dense(values: pd.Series, kind: str) -> pd.Series:
    if kind == "bool":
        return values.astype(bool)
    if kind == "int":
        return values.astype("int64")
    if kind == "float":
        return values.astype("float64")
    return values


def signed_integers(raw: pd.Series) -> np.ndarray | None:
    """The cells of a column stored as signed integers without a missing cell (a Parquet
    ``int64`` id), else None. Such a column's text is each integer's decimal form, one text per
    integer, so checks of that text (uniqueness, digit runs) can run on the integers, without
    hashing or scanning the text."""
    if isinstance(raw.dtype, np.dtype) and raw.dtype.kind == "i":
        return raw.to_numpy()
    return None


def id_codes(raws: list[pd.Series], text: pd.Series) -> tuple[np.ndarray, int]:
    """Integer codes (-1 = missing) of the ids ``text`` (the parsed ``raws``, concatenated) and
    the number of distinct ids: from the integers when every raw column is one."""
    integers = [signed_integers(raw) for raw in raws]
    if all(values is not None for values in integers):
        codes, distinct = pd.factorize(np.concatenate(integers))
        return codes.astype(np.int64), len(distinct)
    codes, distinct = dictionary_codes(text)
    return codes, len(distinct)
