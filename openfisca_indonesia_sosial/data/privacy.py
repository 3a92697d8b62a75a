"""Masking of the NIK (Nomor Induk Kependudukan), personal data under UU 27/2022.

A NIK is shown as its two-digit province code, ten asterisks and its last two digits:
``3201234567890107`` becomes ``32**********07``. The masked form has a fixed length, so it tells
neither the length of a malformed value nor its birth-date digits. Values shorter than five
characters are shown as ``****``.

:func:`mask_text` is the safety net applied to every message, reason, record id and value the
data layer emits: any run of 12 digits or more (a NIK, well-formed or not, or one hidden in a
longer run) is masked.
"""

from __future__ import annotations

import re

import pandas as pd

MASK_FILL = "*" * 10
SHORT_MASK = "****"
_MIN_MASKABLE = 5
#: Variables holding a personal identifier: masked wherever an answer would echo them.
PERSONAL_VARIABLES = frozenset({"nik"})
#: A run of this many digits or more reads as a NIK (or a KK number); a longer run may hide
#: one inside it, so it is masked whole.
NIK_LIKE_DIGITS = 12
NIK_LIKE = re.compile(rf"\d{{{NIK_LIKE_DIGITS},}}")
_DIGIT_RUN = re.compile(rf"(?<!\d)\d{{{NIK_LIKE_DIGITS},}}(?!\d)")


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


#: Longest piece of client text (an id, a name, a value) that a message quotes back.
SHOWN_CHARS = 80
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def shown(value: object, limit: int = SHOWN_CHARS) -> str:
    """Client text as a message may quote it: NIKs masked, control characters visible, short.

    A message echoes what the client sent so the client can find it, but never more than
    ``limit`` characters (a 10 MB name would otherwise travel back whole), never a clear NIK,
    and never a terminal escape sequence or bidirectional override that would rewrite what a
    person reading a log or a console sees: such characters are shown as ``\\x1b``-style escapes.
    """
    if isinstance(value, bytes | bytearray):
        value = bytes(value[: limit * 4]).decode("utf-8", errors="backslashreplace")
    text = str(value)
    cut = len(text) > limit
    # Mask on a window a little wider than the cut, so a NIK straddling it is masked whole.
    text = mask_text(text[: limit + 20])[:limit] if cut else mask_text(text)
    text = _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), text)
    if cut:
        text += f"… ({len(str(value)):,} characters)"
    return text


#: Longest error message the command line prints (a schema error lists every bad column).
MESSAGE_CHARS = 600


def one_line(message: object, limit: int = MESSAGE_CHARS) -> str:
    """An error message as a console line: whitespace runs (newlines included) become one
    space, then :func:`shown` (NIKs masked, control characters escaped, capped)."""
    return shown(" ".join(str(message).split()), limit)


def visible(text: object) -> str:
    """``text`` whole, NIKs masked and control characters escaped as :func:`shown` does:
    the safety net of exception messages that already cap what they quote."""
    masked = mask_text(text)
    return _CONTROL.sub(lambda m: m.group(0).encode("unicode_escape").decode("ascii"), masked)
