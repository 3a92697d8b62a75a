"""Every CSV file the package writes goes through :func:`write_csv`: no cell is a formula.

A spreadsheet opening a CSV runs a cell that begins with ``=``, ``+``, ``-`` or ``@`` (and,
in some programs, a tab or a carriage return) as a formula: a record id or a value such as
``=cmd|' /C calc'!A0`` copied from a registry into a rejects file would run on the analyst's
computer. Following the OWASP advice on CSV injection, a *text* cell beginning with one of
those characters (after any spaces) is written with a single quote in front (``'=cmd…``),
which spreadsheets show as text. Numbers are left alone: a numeric column keeps its numbers
(``-250000`` stays a negative number), and a text cell that is a plain number (``-5``, as the
rejected value of a negative age) cannot be a formula and is written as it is. Column names
are treated like text cells.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

#: Characters that make a spreadsheet read a cell as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
QUOTE = "'"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def neutral_cell(value: object) -> object:
    """``value`` with a leading quote if it is text a spreadsheet would run as a formula."""
    if not isinstance(value, str):
        return value
    start = value.lstrip(" ")
    if not start.startswith(FORMULA_START) or _NUMBER.fullmatch(start.strip()):
        return value
    return QUOTE + value


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells and column names cannot run as formulas."""
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if isinstance(values.dtype, pd.CategoricalDtype):
            values = values.astype(object)
        if pd.api.types.is_object_dtype(values.dtype) or pd.api.types.is_string_dtype(values.dtype):
            out[column] = values.map(neutral_cell, na_action="ignore")
    out.columns = [neutral_cell(str(name)) for name in out.columns]
    return out


def write_csv(frame: pd.DataFrame, path: str | Path) -> Path:
    """Write ``frame`` as UTF-8 CSV without its index, every cell neutralised."""
    path = Path(path)
    neutralise(frame).to_csv(path, index=False)
    return path
