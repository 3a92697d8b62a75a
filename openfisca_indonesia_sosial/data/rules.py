"""Record rules: what each rejection code means, and the domain checks of named columns.

Every check is a vectorised function of the *parsed* column (see parsing.py) returning a
boolean array, True where the record passes. Missing or unreadable cells always pass here:
they are reported once, as ``nilai_kosong`` or ``tipe_tidak_valid``. The checks run inside
pandera schemas built by validation.py.

Reasons are plain Indonesian (``alasan``) and English (``reason``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from openfisca_indonesia_sosial.data.parsing import (
    dictionary_codes,
    nik_shaped,
    to_arrow_strings,
)
from openfisca_indonesia_sosial.law.wilayah import PROVINSI_BPS, PROVINSI_KEMENDAGRI

ERROR = "error"
WARNING = "warning"

MAX_UMUR = 120
NIK_WOMAN_DAY_OFFSET = 40

#: Every code, with a generic reason (Indonesian, English) used in summaries.
CODES: dict[str, tuple[str, str]] = {
    "nilai_kosong": ("nilai kosong", "missing value"),
    "tipe_tidak_valid": ("tipe nilai tidak valid", "invalid value type"),
    "nilai_tidak_dikenal": ("nilai tidak dikenal", "unknown value"),
    "terlalu_panjang": ("teks terlalu panjang", "text too long"),
    "id_seperti_nik": ("id berbentuk NIK", "id shaped like a NIK"),
    "di_luar_rentang": ("nilai di luar rentang yang diizinkan", "value out of the allowed range"),
    "tanggal_lahir_setelah_periode": (
        "tanggal lahir setelah akhir periode simulasi",
        "date of birth after the end of the simulated period",
    ),
    "meninggal_sebelum_lahir": (
        "tanggal meninggal sebelum tanggal lahir",
        "date of death before the date of birth",
    ),
    "meninggal_sebelum_periode": (
        "meninggal sebelum periode simulasi: temuan pembersihan data, tidak dihitung",
        "died before the simulated period: a cleansing finding, not counted",
    ),
    "provinsi_tidak_dikenal": ("kode provinsi BPS tidak dikenal", "unknown BPS province code"),
    "nik_format": ("NIK harus tepat 16 angka", "NIK must be exactly 16 digits"),
    "nik_kode_provinsi": (
        "dua angka pertama NIK bukan kode provinsi Kemendagri",
        "the first two NIK digits are not a Kemendagri province code",
    ),
    "nik_tanggal": (
        "angka tanggal (01–31 atau 41–71) atau bulan (01–12) NIK tidak valid",
        "NIK day (01–31 or 41–71) or month (01–12) digits are invalid",
    ),
    "nik_ganda": (
        "NIK tumpang tindih: dipakai oleh lebih dari satu record",
        "duplicate NIK: used by more than one record",
    ),
    "nik_beda_tanggal_lahir": (
        "tanggal lahir dalam NIK berbeda dengan tanggal_lahir (NIK tidak berubah setelah koreksi)",
        "birth date in the NIK differs from tanggal_lahir (a NIK never changes after a correction)",
    ),
    "nik_beda_jenis_kelamin": (
        "jenis kelamin dalam NIK (tanggal + 40 = perempuan) berbeda dengan jenis_kelamin",
        "sex in the NIK (day + 40 = female) differs from jenis_kelamin",
    ),
    "id_ganda": ("id ganda: dipakai oleh lebih dari satu record", "duplicate id"),
    "keluarga_tidak_ditemukan": (
        "keluarga tidak ditemukan di tabel keluarga",
        "family not found in the keluarga table",
    ),
    "keluarga_tanpa_anggota": ("keluarga tanpa anggota", "family without members"),
    "tanpa_kepala_keluarga": ("keluarga tanpa kepala_keluarga", "family without a head"),
    "kepala_keluarga_ganda": (
        "keluarga dengan lebih dari satu kepala_keluarga",
        "family with more than one head",
    ),
    "pasangan_ganda": (
        "keluarga dengan lebih dari satu pasangan",
        "family with more than one spouse",
    ),
    "peran_melebihi_batas": (
        "jumlah anggota dengan peran ini melebihi batas",
        "more members with this role than allowed",
    ),
    "anggota_ditolak": ("anggota keluarga ditolak", "a family member was rejected"),
    "keluarga_ditolak": ("keluarganya ditolak", "the person's family was rejected"),
    "pemeriksaan_gagal": ("pemeriksaan gagal", "check failed"),
}

#: Codes reported as warnings (the record is kept).
WARNING_CODES = frozenset(
    {"nik_beda_tanggal_lahir", "nik_beda_jenis_kelamin", "meninggal_sebelum_periode"}
)


@dataclass(frozen=True)
class RuleContext:
    """What a rule may look at besides its own column."""

    year: int
    parsed: dict[str, pd.Series] = field(default_factory=dict)  # other parsed columns
    cache: dict = field(default_factory=dict)  # shared intermediate results (NIK digits)


@dataclass(frozen=True)
class Rule:
    code: str
    test: Callable[[pd.Series, RuleContext], np.ndarray]
    alasan: str = ""
    reason: str = ""
    doc: str = ""

    @property
    def severity(self) -> str:
        return WARNING if self.code in WARNING_CODES else ERROR

    def messages(self) -> tuple[str, str]:
        generic = CODES[self.code]
        return (self.alasan or generic[0], self.reason or generic[1])


def _passes(mask: pd.Series | np.ndarray) -> np.ndarray:
    """Boolean array; missing results (missing inputs) pass."""
    if isinstance(mask, pd.Series):
        return mask.fillna(True).to_numpy(dtype=bool)
    return np.asarray(mask, dtype=bool)


def between(low: float | None, high: float | None, label: str) -> Rule:
    def test(values: pd.Series, _context: RuleContext) -> np.ndarray:
        ok = pd.Series(True, index=values.index)
        if low is not None:
            ok &= values >= low
        if high is not None:
            ok &= values <= high
        return _passes(ok)

    if high is None:
        text = (f"{label} harus ≥ {low}", f"{label} must be ≥ {low}")
    else:
        text = (f"{label} harus {low}–{high}", f"{label} must be {low}–{high}")
    return Rule("di_luar_rentang", test, *text, doc=text[1])


def positive(label: str) -> Rule:
    def test(values: pd.Series, _context: RuleContext) -> np.ndarray:
        return _passes(values > 0)

    return Rule("di_luar_rentang", test, f"{label} harus > 0", f"{label} must be > 0", doc="> 0")


def unique(code: str, integers: np.ndarray | None = None) -> Rule:
    """Every record sharing a value fails. ``integers``: the column's cells as integers when it
    was stored so (``columns.signed_integers``): equal texts are equal integers, and integers
    are counted without hashing text."""

    def test(values: pd.Series, _context: RuleContext) -> np.ndarray:
        if integers is not None:
            codes, _ = pd.factorize(integers)
            return np.bincount(codes)[codes] == 1
        if pd.api.types.is_string_dtype(values.dtype):
            codes, _ = dictionary_codes(values)  # Arrow hashing, then counting integers
            counts = np.bincount(codes[codes >= 0], minlength=1)
            return (codes < 0) | (counts[codes.clip(0)] == 1)
        return ~(values.duplicated(keep=False) & values.notna()).to_numpy(dtype=bool)

    doc = "unique: every record sharing a value is rejected"
    return Rule(code, test, doc=doc)


#: Codes of the uniqueness rules. A partition of a registry is told which of its rows share
#: their key with a row of another partition (``validate_tables(known_duplicates=...)``).
DUPLICATE_CODES = frozenset({"id_ganda", "nik_ganda"})


def also_known(rule: Rule, known: np.ndarray | None) -> Rule:
    """``rule``, also failing the rows ``known`` to share their key with a record elsewhere
    in the registry (unchanged when nothing is known or the rule is not a uniqueness rule)."""
    if known is None or rule.code not in DUPLICATE_CODES:
        return rule

    def test(values: pd.Series, context: RuleContext) -> np.ndarray:
        return np.asarray(rule.test(values, context), dtype=bool) & ~known

    return Rule(rule.code, test, rule.alasan, rule.reason, rule.doc)


def _provinsi_bps(values: pd.Series, _context: RuleContext) -> np.ndarray:
    return _passes(values.isin(list(PROVINSI_BPS)) | values.isna())


def _born_by_end(values: pd.Series, context: RuleContext) -> np.ndarray:
    end = pd.Timestamp(year=context.year, month=12, day=31)
    return _passes(values <= end)


def _age_at_start_at_most(values: pd.Series, context: RuleContext) -> np.ndarray:
    # completed years on 1 January of the simulated year
    age = context.year - values.dt.year - ((values.dt.month > 1) | (values.dt.day > 1))
    return _passes(age <= MAX_UMUR)


# --- NIK ----------------------------------------------------------------------------------


def _nik_parts(
    values: pd.Series, context: RuleContext
) -> tuple[np.ndarray, pd.Series, pd.Series, pd.Series]:
    return _nik_split_cached(values, context)[:4]


def _nik_split_cached(values: pd.Series, context: RuleContext) -> tuple:
    key = ("nik_parts", id(values))
    if key not in context.cache:
        context.cache[key] = (values, _split_nik(values))
    return context.cache[key][1]


def _split_nik(values: pd.Series) -> tuple:
    """Well-formed mask and the day, month and 2-digit year digits (NaN if not well-formed).

    Done in Arrow: one shape test (:func:`nik_shaped`), one cast of the 16-digit strings to
    int64, then integer arithmetic on the digits.
    """
    text = to_arrow_strings(values)
    matches = nik_shaped(text).fill_null(False)
    well_formed = matches.to_numpy(zero_copy_only=False)
    numbers = pc.cast(pc.if_else(matches, text, "0"), pa.int64())
    whole = numbers.to_numpy(zero_copy_only=False).astype(np.int64)  # exact: never via float

    def digits(shift: int) -> pd.Series:
        two = ((whole // 10**shift) % 100).astype("float64")
        return pd.Series(two, index=values.index).where(well_formed)

    return well_formed, digits(8), digits(6), digits(4), whole


def _nik_readable(values: pd.Series, context: RuleContext) -> tuple[np.ndarray, pd.Series]:
    """Well-formed NIKs whose day and month digits are valid (the only ones compared with
    ``tanggal_lahir`` and ``jenis_kelamin``), and their day digits."""
    well_formed, day, month, _ = _nik_parts(values, context)
    return well_formed & _day_month_ok(day, month), day


def _day_month_ok(day: pd.Series, month: pd.Series) -> np.ndarray:
    day_ok = day.between(1, 31) | day.between(1 + NIK_WOMAN_DAY_OFFSET, 31 + NIK_WOMAN_DAY_OFFSET)
    return (day_ok & month.between(1, 12)).fillna(False).to_numpy(dtype=bool)


def _nik_unique(values: pd.Series, context: RuleContext) -> np.ndarray:
    """Tumpang tindih: well-formed NIKs compared as int64 (fast), the others as text."""
    well_formed, *_, whole = _nik_split_cached(values, context)
    numbers = pd.Series(np.where(well_formed, whole, -1 - np.arange(len(whole))))
    duplicated = numbers.duplicated(keep=False).to_numpy().copy()
    others = values[~well_formed & values.notna().to_numpy()]
    if len(others):
        duplicated[np.flatnonzero(~well_formed & values.notna().to_numpy())] = others.duplicated(
            keep=False
        ).to_numpy()
    return ~duplicated


def _nik_format(values: pd.Series, context: RuleContext) -> np.ndarray:
    well_formed, *_ = _nik_parts(values, context)
    return well_formed | values.isna().to_numpy()


def _nik_provinsi(values: pd.Series, context: RuleContext) -> np.ndarray:
    well_formed, *_ = _nik_parts(values, context)
    known = values.astype("str").str[:2].isin(list(PROVINSI_KEMENDAGRI)).to_numpy(dtype=bool)
    return ~well_formed | known


def _died_after_birth(values: pd.Series, context: RuleContext) -> np.ndarray:
    born = context.parsed.get("tanggal_lahir")
    if born is None:
        return np.ones(len(values), dtype=bool)
    return _passes(values >= born)


def _died_in_or_after_period(values: pd.Series, context: RuleContext) -> np.ndarray:
    return _passes(values >= pd.Timestamp(year=context.year, month=1, day=1))


def _nik_day_month(values: pd.Series, context: RuleContext) -> np.ndarray:
    well_formed, day, month, _ = _nik_parts(values, context)
    return ~well_formed | _day_month_ok(day, month)


def _nik_matches_birth_date(values: pd.Series, context: RuleContext) -> np.ndarray:
    born = context.parsed.get("tanggal_lahir")
    if born is None:
        return np.ones(len(values), dtype=bool)
    readable, _ = _nik_readable(values, context)
    _, day, month, year2 = _nik_parts(values, context)
    real_day = day.where(day <= NIK_WOMAN_DAY_OFFSET, day - NIK_WOMAN_DAY_OFFSET)
    same = (real_day == born.dt.day) & (month == born.dt.month) & (year2 == born.dt.year % 100)
    return ~readable | _passes(same) | born.isna().to_numpy()


def _nik_matches_sex(values: pd.Series, context: RuleContext) -> np.ndarray:
    sex = context.parsed.get("jenis_kelamin")
    if sex is None:
        return np.ones(len(values), dtype=bool)
    readable, day = _nik_readable(values, context)
    woman_in_nik = day > NIK_WOMAN_DAY_OFFSET
    woman = pd.Series(sex == "perempuan", index=values.index).where(sex.notna())
    return ~readable | _passes(woman_in_nik.eq(woman).where(woman.notna() & day.notna()))


#: Domain rules of named columns (variables or structural columns). Columns not listed get
#: only the generic checks (type, no empty cell, length of text).
COLUMN_RULES: dict[str, tuple[Rule, ...]] = {
    "umur": (between(0, MAX_UMUR, "umur"),),
    "desil_dtsen": (between(0, 10, "desil_dtsen"),),
    "pengeluaran_per_kapita": (between(0, None, "pengeluaran_per_kapita"),),
    "bobot": (positive("bobot"),),
    "provinsi": (
        Rule(
            "provinsi_tidak_dikenal",
            _provinsi_bps,
            doc="a BPS province code (openfisca_indonesia_sosial.law.wilayah.PROVINSI_BPS)",
        ),
    ),
    "tanggal_lahir": (
        Rule(
            "tanggal_lahir_setelah_periode",
            _born_by_end,
            doc="not after 31 December of the simulated year",
        ),
        Rule(
            "di_luar_rentang",
            _age_at_start_at_most,
            "umur pada 1 Januari tahun simulasi lebih dari 120 tahun",
            "age on 1 January of the simulated year above 120",
            doc="age on 1 January of the simulated year at most 120",
        ),
    ),
    "tanggal_meninggal": (
        Rule("meninggal_sebelum_lahir", _died_after_birth, doc="not before tanggal_lahir"),
        Rule(
            "meninggal_sebelum_periode",
            _died_in_or_after_period,
            doc="warning only: died before 1 January of the simulated year (counted nowhere)",
        ),
    ),
    "nik": (
        Rule("nik_format", _nik_format, doc="exactly 16 digits"),
        Rule(
            "nik_kode_provinsi",
            _nik_provinsi,
            doc="digits 1-2 a Kemendagri province code (wilayah.PROVINSI_KEMENDAGRI)",
        ),
        Rule(
            "nik_tanggal",
            _nik_day_month,
            doc="digits 7-8 a day 01-31 (41-71 for women), digits 9-10 a month 01-12",
        ),
        Rule(
            "nik_ganda",
            _nik_unique,
            doc="unique (tumpang tindih): every record sharing a NIK is rejected",
        ),
        Rule(
            "nik_beda_tanggal_lahir",
            _nik_matches_birth_date,
            doc="warning only: NIK birth digits differ from tanggal_lahir",
        ),
        Rule(
            "nik_beda_jenis_kelamin",
            _nik_matches_sex,
            doc="warning only: day > 40 in the NIK but not perempuan, or the reverse",
        ),
    ),
}


def rule_descriptions(column: str) -> list[str]:
    """Documentation of the domain rules of ``column`` (for the schema table)."""
    return [rule.doc or rule.messages()[1] for rule in COLUMN_RULES.get(column, ())]


def value_rules(name: str) -> tuple[Rule, ...]:
    """The domain rules of variable ``name``, for a table column or a situation value alike.

    The Web API's situation checks run these on the values of a JSON situation (as a parsed
    column of that variable), so /calculate and /bulk refuse the same values for the same
    reason.
    """
    return COLUMN_RULES.get(name, ())
