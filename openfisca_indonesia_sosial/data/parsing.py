"""Vectorised conversion of raw columns (CSV text or Parquet types) to typed columns.

Each parser returns ``(values, ok)``: ``values`` is a nullable typed Series (missing where the
raw cell is missing *or* cannot be read), ``ok`` is False exactly where a present cell cannot
be read. No per-row Python loop: every step is a pandas/numpy vector operation.

Accepted spellings
    bool   ``true``/``false``, ``1``/``0``, ``ya``/``tidak``, ``yes``/``no`` (any case), or a
           boolean column
    int    whole numbers within the 32-bit range OpenFisca stores (``12``, ``12.0``)
    float  any finite number
    date   ISO ``YYYY-MM-DD`` text, or a date/datetime column (the time of day is dropped)
    str    text; an integer column is read as its decimal text
    enum   one of the Enum's item names (``perempuan``), exactly
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

INT32_MIN = int(np.iinfo(np.int32).min)
INT32_MAX = int(np.iinfo(np.int32).max)

BOOL_WORDS: dict[str, bool] = {
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "1.0": True,
    "0.0": False,
    "ya": True,
    "tidak": False,
    "yes": True,
    "no": False,
}


#: Why a cell of each kind could not be read (Indonesian, English).
TYPE_MESSAGES = {
    "bool": (
        "bukan nilai ya/tidak (true/false, 1/0, ya/tidak)",
        "not a boolean (true/false, 1/0, ya/tidak)",
    ),
    "int": ("bukan bilangan bulat 32-bit", "not a whole number within 32 bits"),
    "float": ("bukan angka", "not a finite number"),
    "date": ("bukan tanggal ISO YYYY-MM-DD", "not an ISO date YYYY-MM-DD"),
    "str": ("bukan teks", "not text"),
}


def _ok(raw: pd.Series, values: pd.Series) -> pd.Series:
    return raw.isna().to_numpy() | values.notna().to_numpy()


def parse_bool(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if pd.api.types.is_bool_dtype(raw.dtype):
        values = raw.astype("boolean")
    else:
        text = raw.astype("str").str.strip().str.lower()
        values = text.map(BOOL_WORDS).astype("boolean")
    return values, _ok(raw, values)


def parse_float(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if pd.api.types.is_bool_dtype(raw.dtype):
        values = pd.Series(np.nan, index=raw.index, dtype="float64")
    elif pd.api.types.is_numeric_dtype(raw.dtype):
        values = raw.astype("float64")
    else:
        values = pd.to_numeric(raw.astype("str").str.strip(), errors="coerce").astype("float64")
    values = values.where(np.isfinite(values))
    return values, _ok(raw, values)


def parse_int(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if pd.api.types.is_integer_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        numbers = raw.astype("Int64")
        inside = (numbers >= INT32_MIN) & (numbers <= INT32_MAX)
        values = numbers.where(inside.fillna(False), pd.NA)
    else:
        floats, _ = parse_float(raw)
        whole = (floats == np.floor(floats)) & (floats >= INT32_MIN) & (floats <= INT32_MAX)
        values = floats.where(whole).astype("Int64")
    return values, _ok(raw, values)


def parse_date(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        values = raw
        if getattr(values.dt, "tz", None) is not None:
            values = values.dt.tz_localize(None)
        values = values.dt.floor("D")
    elif pd.api.types.is_object_dtype(raw.dtype) and _inferred(raw) not in {"string", "empty"}:
        # date/datetime objects (Parquet date32 columns come back as datetime.date objects)
        values = pd.to_datetime(raw, errors="coerce").dt.floor("D")
    else:
        values = pd.to_datetime(raw.astype("str").str.strip(), format="%Y-%m-%d", errors="coerce")
    values = values.astype("datetime64[s]")
    return values, _ok(raw, values)


def parse_str(raw: pd.Series) -> tuple[pd.Series, np.ndarray]:
    if pd.api.types.is_bool_dtype(raw.dtype) or pd.api.types.is_datetime64_any_dtype(raw.dtype):
        values = pd.Series(pd.NA, index=raw.index, dtype="str")
    elif pd.api.types.is_integer_dtype(raw.dtype):
        values = raw.astype("Int64").astype("str")
    elif pd.api.types.is_float_dtype(raw.dtype):
        whole = raw.where(raw == np.floor(raw))
        values = whole.astype("Int64").astype("str")
    elif pd.api.types.is_string_dtype(raw.dtype) and not pd.api.types.is_object_dtype(raw.dtype):
        values = raw
    elif _inferred(raw) in {"string", "empty"}:
        values = raw.astype("str")
    elif _inferred(raw) == "integer":
        values = raw.astype("Int64").astype("str")
    else:  # mixed object column (only from in-memory frames): keep the text cells
        is_text = np.frompyfunc(lambda value: isinstance(value, str), 1, 1)(raw.to_numpy())
        values = raw.where(is_text.astype(bool)).astype("str")
    return values, _ok(raw, values)


def _inferred(raw: pd.Series) -> str:
    return pd.api.types.infer_dtype(raw, skipna=True)


def dictionary_codes(text: pd.Series) -> tuple[np.ndarray, pa.Array]:
    """Integer codes (-1 = missing) and the distinct values (an Arrow array: converting
    the values of an id column to Python strings would cost more than hashing them)."""
    encoded = pc.dictionary_encode(to_arrow_strings(text))
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks()
    codes = encoded.indices.fill_null(-1).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, encoded.dictionary


def to_arrow_strings(text: pd.Series) -> pa.Array:
    """An Arrow string array of a text Series (zero-copy when it is Arrow-backed)."""
    if isinstance(text.dtype, pd.StringDtype) and text.dtype.storage == "pyarrow":
        return pa.array(text)
    return pa.array(
        text.astype("object").to_numpy(dtype=object), type=pa.string(), from_pandas=True
    )


#: Digits of a well-formed NIK.
NIK_DIGITS = 16


def nik_shaped(text: pa.Array) -> pa.Array:
    """Whether each text is exactly :data:`NIK_DIGITS` ASCII digits (the regular expression
    ``^[0-9]{16}$``; null stays null): its byte length and an ASCII-decimal test, about ten
    times faster than the regular expression over 300,000 NIKs."""
    return pc.and_(
        pc.equal(pc.binary_length(text), NIK_DIGITS),
        pc.ascii_is_decimal(text),
    )


def parse_enum(raw: pd.Series, items: tuple[str, ...]) -> tuple[pd.Series, np.ndarray]:
    """Categorical of ``items``; the distinct values are mapped once, not each row."""
    if isinstance(raw.dtype, pd.CategoricalDtype) and _inferred(raw.cat.categories) == "string":
        # read as an Arrow dictionary (scale.source): the codes are there, no text to hash
        codes = raw.cat.codes.to_numpy().astype(np.int64)
        distinct = raw.cat.categories.tolist()
    else:
        text, _ = parse_str(raw)
        codes, distinct = dictionary_codes(text)
        distinct = distinct.to_pylist()
    position = {item: index for index, item in enumerate(items)}
    lookup = np.array([position.get(value, -1) for value in distinct] + [-1], dtype=np.int64)
    categorical = pd.Categorical.from_codes(lookup[codes], categories=list(items))
    values = pd.Series(categorical, index=raw.index)
    return values, _ok(raw, values)


def parse(raw: pd.Series, kind: str, items: tuple[str, ...] = ()) -> tuple[pd.Series, np.ndarray]:
    """Parse ``raw`` as ``kind`` (see the module docstring)."""
    if kind == "enum":
        return parse_enum(raw, items)
    return {
        "bool": parse_bool,
        "int": parse_int,
        "float": parse_float,
        "date": parse_date,
        "str": parse_str,
    }[kind](raw)
