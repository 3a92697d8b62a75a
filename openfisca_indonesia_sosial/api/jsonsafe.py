"""JSON that never carries NaN or Infinity, and understands numpy, bytes and dates."""

from __future__ import annotations

import datetime
import json
import math

import numpy as np
from flask.json.provider import DefaultJSONProvider


def sanitize(value):
    """A copy of ``value`` with non-finite floats as ``None`` and numpy values as Python."""
    if isinstance(value, dict):
        return {str(key): sanitize(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [sanitize(item) for item in value]
    if isinstance(value, np.ndarray):
        return sanitize(value.tolist())
    if isinstance(value, float | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    return _plain(value)


def _plain(value):
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, bytes | np.bytes_):
        return bytes(value).decode("utf-8", errors="replace")
    if isinstance(value, np.datetime64):
        return str(value.astype("datetime64[D]"))
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, np.str_):
        return str(value)
    return value


def _default(value):
    plain = _plain(value)
    if plain is not value:
        return plain
    if isinstance(value, np.ndarray):
        return sanitize(value)
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def dumps(value, **kwargs) -> str:
    """``json.dumps`` refusing NaN/Infinity: they are replaced by ``null`` first."""
    kwargs.setdefault("ensure_ascii", False)
    try:
        return json.dumps(value, allow_nan=False, default=_default, **kwargs)
    except ValueError:
        return json.dumps(sanitize(value), allow_nan=False, default=_default, **kwargs)


class SafeJSONProvider(DefaultJSONProvider):
    """Flask JSON provider of the API: no NaN/Infinity in any response, keys in order."""

    sort_keys = False
    ensure_ascii = False

    def dumps(self, obj, **kwargs) -> str:
        kwargs.pop("default", None)
        kwargs.pop("allow_nan", None)
        kwargs.setdefault("sort_keys", self.sort_keys)
        return dumps(obj, **kwargs)
