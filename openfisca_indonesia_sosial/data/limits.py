"""Limits of the data layer on client values: machinery bounds, not rules of the law.

Record ids and weights flow into every figure and output file, so they are bounded here; the
rules of named variables live in rules.py.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.data.privacy import NIK_LIKE, NIK_LIKE_DIGITS
from openfisca_indonesia_sosial.data.rules import Rule, RuleContext

#: Longest record id: ids travel into every output and rejects file (machinery limit).
MAX_ID_CHARS = 256
#: Largest weight of one family record: more families than the country has (about 70
#: million) is a data error, and it keeps every weighted national figure finite and sane.
MAX_BOBOT = 100_000_000
#: Longest record id or value a rejects row quotes (a 10 MB cell is cut, its length said).
REJECT_TEXT_CHARS = 200


def not_nik_like(integers: np.ndarray | None = None) -> Rule:
    """Record ids hold no run of 12 digits or more: ids are written into every result file and
    answer as given (so results can be joined), and a NIK or KK number used as an id would
    travel in clear. Keep the NIK in the ``nik`` column, where it is checked and masked.

    ``integers``: the ids as integers when they were stored so (``columns.signed_integers``);
    an integer's decimal text holds such a run exactly when its magnitude has that many
    digits, so no text is scanned."""
    pattern = NIK_LIKE.pattern
    smallest = 10 ** (NIK_LIKE_DIGITS - 1)  # the smallest magnitude written with that many digits

    def test(values: pd.Series, _context: RuleContext) -> np.ndarray:
        if integers is not None:
            return (integers < smallest) & (integers > -smallest)
        return (
            (~values.astype("string").str.contains(pattern, regex=True))
            .fillna(True)
            .to_numpy(dtype=bool)
        )

    return Rule(
        "id_seperti_nik",
        test,
        f"id memuat {NIK_LIKE_DIGITS} angka atau lebih berturut-turut, seperti NIK; pakai nomor "
        "rekaman sebagai id dan isi NIK di kolom nik",
        f"id holds a run of {NIK_LIKE_DIGITS} or more digits, like a NIK; use a record number "
        "as the id and give the NIK in the nik column",
    )


def at_most(maximum: float, label: str) -> Rule:
    def test(values: pd.Series, _context: RuleContext) -> np.ndarray:
        return (values <= maximum).fillna(True).to_numpy(dtype=bool)

    return Rule(
        "di_luar_rentang",
        test,
        f"{label} harus ≤ {maximum:,}",
        f"{label} must be ≤ {maximum:,}",
    )


def cap_text(values: pd.Series) -> pd.Series:
    """Text cut to :data:`REJECT_TEXT_CHARS` characters, with the original length said."""
    lengths = values.str.len()
    long = (lengths > REJECT_TEXT_CHARS).fillna(False).to_numpy(dtype=bool)
    if not long.any():
        return values
    values = values.copy()
    cut = values[long].str[:REJECT_TEXT_CHARS]
    values[long] = cut + "… (" + lengths[long].map("{:,}".format) + " characters)"
    return values


def max_length(maximum: int) -> Rule:
    def test(values: pd.Series, _context: RuleContext) -> np.ndarray:
        return (values.str.len() <= maximum).fillna(True).to_numpy(dtype=bool)

    return Rule(
        "terlalu_panjang",
        test,
        f"lebih dari {maximum} karakter",
        f"longer than {maximum} characters",
    )
