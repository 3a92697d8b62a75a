"""NIK pseudonyms for the work copy of a registry: no clear NIK on disk, same validation.

A run that regroups a registry writes a copy of it in its work folder, and the partitions are
validated from that copy. The copy holds a *pseudonym* in place of every NIK, chosen so that
every NIK check of the data layer gives the same verdict, and every rejects file the same
masked value, as on the original:

- a well-formed NIK (16 digits) keeps the digits the checks and the mask read: the province
  code (digits 1-2), the birth date and sex digits (7-12) and the last two digits (15-16);
  the regency/district digits (3-6) and the first two serial digits (13-14) are replaced by a
  rank among the distinct NIKs that share the kept digits. The replacement is one-to-one, so
  duplicate NIKs stay duplicates and distinct NIKs stay distinct; it never reproduces the
  replaced digits, so no pseudonym is the NIK it replaces;
- any other value of five characters or more keeps its first and last two characters (what
  the mask shows) and its length class (at most 16 characters or more); its middle becomes
  ``x`` and a code unique to the value, so it stays malformed and duplicates stay duplicates;
- shorter values (which cannot hold a NIK) and empty cells are kept.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from openfisca_indonesia_sosial.data.parsing import NIK_DIGITS, nik_shaped, parse_str

NIK = "nik"
_SHORT = 5
_KEPT_EDGE = 2
#: The replaced digits (3-6 and 13-14) as one number, 0 to 999,999.
_CODES = 10**6
_BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def pseudonymise(raw: pd.Series) -> pd.Series:
    """The ``nik`` column of a work copy (see the module docstring); text, index kept."""
    if pd.api.types.is_bool_dtype(raw.dtype) or pd.api.types.is_datetime64_any_dtype(raw.dtype):
        return raw  # no text in it: the type check rejects every cell either way
    text, _ = parse_str(raw)
    out = np.full(len(raw), None, dtype=object)
    # a cell that is not text (a fraction in a float column) stays unreadable as a NIK
    out[raw.notna().to_numpy() & text.isna().to_numpy()] = "?"
    present = np.flatnonzero(text.notna().to_numpy())
    values = pa.array(text.iloc[present].astype(str).to_numpy(dtype=object), type=pa.string())
    well = nik_shaped(values).to_numpy(zero_copy_only=False)
    result = values.to_numpy(zero_copy_only=False).astype(object)
    if well.any():
        whole = pc.cast(values.filter(pa.array(well)), pa.int64()).to_numpy()
        digits = pc.cast(pa.array(_well_formed(whole)), pa.string())
        result[well] = pc.utf8_lpad(digits, NIK_DIGITS, "0").to_numpy(zero_copy_only=False)
    lengths = pc.utf8_length(values).to_numpy(zero_copy_only=False)
    other = ~well & (lengths >= _SHORT)
    if other.any():
        result[other] = _malformed(pd.Series(result[other]))
    out[present] = result
    return pd.Series(out, index=raw.index, dtype=object)


def _well_formed(whole: np.ndarray) -> np.ndarray:
    province = whole // 10**14
    replaced = (whole // 10**10 % 10**4) * 100 + whole // 100 % 100
    birth = whole // 10**4 % 10**6
    last = whole % 100
    group = (province * 10**6 + birth) * 100 + last
    order = np.lexsort((whole, group))
    g, w = group[order], whole[order]
    new_group = np.concatenate([[True], g[1:] != g[:-1]])
    new_value = new_group | np.concatenate([[True], w[1:] != w[:-1]])
    distinct = np.cumsum(new_value) - 1
    rank = distinct - np.maximum.accumulate(np.where(new_group, distinct, 0))
    code = np.empty_like(whole)
    code[order] = _CODES - 1 - rank
    clash = np.unique(group[code == replaced])
    for key in clash:  # rare: re-deal the group's codes, skipping each value's own digits
        members = np.flatnonzero(group == key)
        candidate = _CODES - 1
        for value in np.unique(whole[members]):
            own = (value // 10**10 % 10**4) * 100 + value // 100 % 100
            candidate -= candidate == own
            code[members[whole[members] == value]] = candidate
            candidate -= 1
    pseudonym = province * 10**14 + (code // 100) * 10**10 + birth * 10**4
    return pseudonym + (code % 100) * 100 + last


def _malformed(values: pd.Series) -> np.ndarray:
    codes, _ = pd.factorize(values)
    out = []
    for value, code in zip(values.tolist(), codes.tolist(), strict=True):
        middle = "x" + _base36(code)
        middle = middle.ljust(len(value) - 2 * _KEPT_EDGE, "x")
        out.append(value[:_KEPT_EDGE] + middle + value[-_KEPT_EDGE:])
    return np.array(out, dtype=object)


def _base36(number: int) -> str:
    digits = ""
    while True:
        number, rest = divmod(number, 36)
        digits = _BASE36[rest] + digits
        if not number:
            return digits
