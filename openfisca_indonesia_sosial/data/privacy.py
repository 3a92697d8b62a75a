"""Masking of the NIK (Nomor Induk Kependudukan), personal data under UU 27/2022.

A NIK is shown as its two-digit province code, ten asterisks and its last two digits:
``3201234567890107`` becomes ``32**********07``. The masked form has a fixed length, so it tells
neither the length of a malformed value nor its birth-date digits. Values shorter than five
characters are shown as ``****``.

:func:`mask_text` is the safety net applied to every message, reason, record id and value the
data layer emits: any run of 12 to 20 digits (a NIK, well-formed or not) is masked.
"""

from __future__ import annotations

import re

import pandas as pd

MASK_FILL = "*" * 10
SHORT_MASK = "****"
_MIN_MASKABLE = 5
_DIGIT_RUN = re.compile(r"(?<!\d)\d{12,20}(?!\d)")


def mask_nik(value: object) -> str:
    """Mask one NIK: province code + 10 asterisks + last two characters."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    text = str(value)
    if not text:
        return ""
    if len(text) < _MIN_MASKABLE:
        return SHORT_MASK
    return text[:2] + MASK_FILL + text[-2:]


def mask_nik_series(values: pd.Series) -> pd.Series:
    """Vectorised :func:`mask_nik` (missing values become empty strings)."""
    text = values.astype("str")
    masked = text.str[:2] + MASK_FILL + text.str[-2:]
    masked = masked.where(text.str.len() >= _MIN_MASKABLE, SHORT_MASK)
    return masked.where(values.notna() & (text.str.len() > 0), "")


def mask_text(text: object) -> str:
    """Mask every run of 12-20 digits in ``text`` as a NIK."""
    return _DIGIT_RUN.sub(lambda match: mask_nik(match.group(0)), str(text))


def mask_text_series(values: pd.Series) -> pd.Series:
    """Vectorised :func:`mask_text`."""
    text = values.astype("str")
    return text.str.replace(_DIGIT_RUN, lambda m: mask_nik(m.group(0)), regex=True)
