"""Synthetic *valid* tables for tests and benchmarks (not a realistic population).

Families of 1-6 members (mean 3.5): a head, usually a spouse of the other sex, then children
and some other members, with NIKs consistent with birth date and sex, unique by construction.
Everything is vectorised so a million families take seconds. For realistic populations with
national weights use ``bansos population generate``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.data.csv_output import write_csv
from openfisca_indonesia_sosial.law.wilayah import PROVINSI_BPS, PROVINSI_KEMENDAGRI

MAX_FAMILY_SIZE = 6
_ENUM_PICKS = {
    "jenjang_pendidikan": ["tidak_sekolah", "sd", "smp", "sma"],
    "status_yatim_piatu": ["bukan", "bukan", "bukan", "yatim", "piatu"],
}


def _text(prefix: str, numbers: np.ndarray) -> pd.Series:
    return prefix + pd.Series(numbers).astype("str")


def _zfill(numbers: np.ndarray, width: int) -> pd.Series:
    return pd.Series(numbers).astype("str").str.zfill(width)


def synthetic_tables(
    n_families: int, year: int = 2024, seed: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """``(individu, keluarga)`` DataFrames of ``n_families`` valid families."""
    rng = np.random.default_rng(seed)
    size = rng.integers(1, MAX_FAMILY_SIZE + 1, n_families)
    n_persons = int(size.sum())
    family = np.repeat(np.arange(n_families), size)
    position = np.arange(n_persons) - np.repeat(np.cumsum(size) - size, size)
    roles = np.array(["kepala_keluarga", "pasangan", "anak", "anggota_lain"], dtype=object)
    role = np.where(position == 0, 0, np.where(position == 1, 1, 2))
    role[(role == 2) & (rng.random(n_persons) < 0.1)] = 3
    adult = role <= 1
    age = np.where(adult, rng.integers(20, 80, n_persons), rng.integers(0, 25, n_persons))
    start = np.datetime64(f"{year}-01-01", "D")
    born = (
        start
        - (age * 365.25).astype("timedelta64[D]")
        - rng.integers(0, 365, n_persons).astype("timedelta64[D]")
    )
    head_female = rng.random(n_families) < 0.2
    female = np.where(role == 1, ~head_female[family], rng.random(n_persons) < 0.5)
    female[role == 0] = head_female[family[role == 0]]
    born_series = pd.Series(born.astype("datetime64[s]"))
    day = born_series.dt.day.to_numpy() + np.where(female, 40, 0)
    kemendagri = np.array(sorted(PROVINSI_KEMENDAGRI), dtype=object)
    person_index = np.arange(n_persons)
    nik = (
        pd.Series(kemendagri[rng.integers(0, len(kemendagri), n_persons)])
        + _zfill(person_index // 10_000 % 10_000, 4)
        + _zfill(day, 2)
        + _zfill(born_series.dt.month.to_numpy(), 2)
        + _zfill(born_series.dt.year.to_numpy() % 100, 2)
        + _zfill(person_index % 10_000, 4)
    )
    family_ids = _text("K", np.arange(n_families))
    individu = pd.DataFrame(
        {
            "id_individu": _text("P", person_index),
            "id_keluarga": family_ids.to_numpy()[family],
            "peran": roles[role],
            "nik": nik,
            "tanggal_lahir": born_series,
            "jenis_kelamin": np.where(female, "perempuan", "laki_laki"),
            "hamil": female & adult & (rng.random(n_persons) < 0.03),
            "disabilitas_berat": rng.random(n_persons) < 0.01,
        }
    )
    for column, picks in _ENUM_PICKS.items():
        individu[column] = np.array(picks, dtype=object)[rng.integers(0, len(picks), n_persons)]
    bps = np.array(sorted(PROVINSI_BPS), dtype=object)
    keluarga = pd.DataFrame(
        {
            "id_keluarga": family_ids,
            "bobot": rng.uniform(10, 100, n_families).round(2),
            "perkotaan": rng.random(n_families) < 0.55,
            "pengeluaran_per_kapita": rng.integers(300_000, 3_000_000, n_families),
            "provinsi": bps[rng.integers(0, len(bps), n_families)],
            "desil_dtsen": rng.integers(0, 11, n_families),
            "terdaftar_dtks": rng.random(n_families) < 0.4,
        }
    )
    return individu, keluarga


def write_tables(
    individu: pd.DataFrame, keluarga: pd.DataFrame, folder, fmt: str = "parquet"
) -> None:
    """Write the two tables to ``folder`` as ``.parquet`` or ``.csv``."""
    from pathlib import Path

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in (("individu", individu), ("keluarga", keluarga)):
        if fmt == "csv":
            out = frame.copy()
            for column in out.columns:
                if pd.api.types.is_datetime64_any_dtype(out[column].dtype):
                    out[column] = out[column].dt.strftime("%Y-%m-%d")
                elif pd.api.types.is_bool_dtype(out[column].dtype):
                    out[column] = np.where(out[column], "true", "false")
            write_csv(out, folder / f"{name}.csv")
        else:
            frame.to_parquet(folder / f"{name}.parquet", index=False)
