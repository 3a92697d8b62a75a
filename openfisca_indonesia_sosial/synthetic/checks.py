"""Compare a population with every calibration target of its year.

:func:`check` returns one row per target: published (or derived) value, generated weighted
value, absolute and relative error, tolerance and pass/fail. Rows with ``status == "info"``
are diagnostics (targeting errors of the registries, poor-family size...) without a
tolerance. Shares and rates are in percent.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.metrics.poverty import gini
from openfisca_indonesia_sosial.synthetic import targets as tg
from openfisca_indonesia_sosial.synthetic.generator import GENERATOR_VERSION

COLUMNS = [
    "group",
    "target",
    "published",
    "generated",
    "abs_error",
    "rel_error",
    "tolerance",
    "tolerance_kind",
    "passed",
    "status",
    "source",
]


def _status(source: str) -> str:
    text = source.lower()
    if "memory" in text:
        return "unverified"
    return "derived" if "derived" in text else "published"


class _Rows:
    def __init__(self):
        self.rows: list[dict] = []

    def add(self, group, target, published, generated, tol, kind="abs", source="", status=None):
        published = None if published is None else float(published)
        generated = float(generated)
        abs_err = None if published is None else generated - published
        rel_err = None if not published else abs_err / published
        if tol is None or published is None:
            passed = None
        elif kind == "rel":
            passed = abs(rel_err) <= tol
        else:
            passed = abs(abs_err) <= tol
        self.rows.append(
            {
                "group": group,
                "target": target,
                "published": published,
                "generated": generated,
                "abs_error": abs_err,
                "rel_error": rel_err,
                "tolerance": tol,
                "tolerance_kind": kind if tol is not None else None,
                "passed": passed,
                "status": status or ("info" if tol is None else _status(source)),
                "source": source,
            }
        )


INDIVIDU_COLUMNS = (
    "id_keluarga",
    "tanggal_lahir",
    "jenis_kelamin",
    "hamil",
    "jenjang_pendidikan",
    "disabilitas_berat",
    "status_yatim_piatu",
)
KELUARGA_COLUMNS = (
    "id_keluarga",
    "bobot",
    "provinsi",
    "perkotaan",
    "pengeluaran_per_kapita",
    "terdaftar_dtks",
    "desil_dtsen",
)


def _load(source, year) -> tuple[pa.Table, pa.Table, int]:
    """The columns ``check`` needs, as Arrow tables (a folder is read column-wise, so a
    10-million-family population does not need the NIK or role columns in memory)."""
    from openfisca_indonesia_sosial.synthetic import io

    if isinstance(source, (str, Path)):
        folder = Path(source)
        tables = []
        for stem, columns in (("individu", INDIVIDU_COLUMNS), ("keluarga", KELUARGA_COLUMNS)):
            path = folder / f"{stem}.parquet"
            if path.is_file():
                tables.append(pq.read_table(path, columns=list(columns)))
            else:
                frame = io.read(folder)[0 if stem == "individu" else 1]
                tables.append(pa.Table.from_pandas(frame[list(columns)], preserve_index=False))
        individu, keluarga = tables
        if year is None and (folder / io.KELUARGA_FILE).is_file():
            year = io.metadata(folder).get("year")
    else:
        frames = source
        individu = pa.Table.from_pandas(frames[0][list(INDIVIDU_COLUMNS)], preserve_index=False)
        keluarga = pa.Table.from_pandas(frames[1][list(KELUARGA_COLUMNS)], preserve_index=False)
    if year is None:
        raise ValueError("year is required (not found in the population's metadata)")
    return individu, keluarga, int(year)


def _np(table: pa.Table, name: str, dtype=None) -> np.ndarray:
    values = table.column(name).to_numpy()
    return values if dtype is None else values.astype(dtype)


def _eq(table: pa.Table, name: str, value: str) -> np.ndarray:
    column = table.column(name)
    if not pa.types.is_string(column.type) and not pa.types.is_large_string(column.type):
        column = pc.cast(column, pa.string())
    return pc.fill_null(pc.equal(column, value), False).to_numpy(zero_copy_only=False)


def _birth_dates(table: pa.Table) -> np.ndarray:
    column = table.column("tanggal_lahir")
    if not pa.types.is_date32(column.type):
        column = pc.cast(column, pa.date32(), safe=False)
    return pc.cast(column, pa.int32()).to_numpy().astype("datetime64[D]")


def _wshare(mask, w):
    return 100 * float(np.sum(w[mask])) / float(np.sum(w))


def check(source, year: int | None = None) -> pd.DataFrame:
    """Calibration report of a population: a folder or an ``(individu, keluarga)`` pair."""
    individu, keluarga, year = _load(source, year)
    t = tg.targets(year)
    s = t.sources
    r = _Rows()

    # family-level arrays (sorted by id)
    keluarga = keluarga.sort_by("id_keluarga")
    fid = _np(keluarga, "id_keluarga")
    w = _np(keluarga, "bobot", float)
    encoded = pc.dictionary_encode(pc.cast(keluarga.column("provinsi"), pa.string()))
    encoded = encoded.combine_chunks() if hasattr(encoded, "combine_chunks") else encoded
    prov = np.array(encoded.dictionary.to_pylist(), dtype=str)[
        encoded.indices.to_numpy(zero_copy_only=False)
    ]
    urban = _np(keluarga, "perkotaan", bool)
    spend = _np(keluarga, "pengeluaran_per_kapita", float)
    desil = _np(keluarga, "desil_dtsen", np.int64)
    dtks = _np(keluarga, "terdaftar_dtks", bool)
    fam = np.searchsorted(fid, _np(individu, "id_keluarga"))
    size = np.bincount(fam, minlength=len(fid)).astype(float)
    pw = w * size  # persons represented by each family
    iw = w[fam]  # person weights

    # person-level arrays
    born = _birth_dates(individu)
    by = born.astype("datetime64[Y]").astype(np.int64) + 1970
    after_jan1 = born != born.astype("datetime64[Y]").astype("datetime64[D]")
    age = year - by - after_jan1  # completed years on 1 January of the year
    female = _eq(individu, "jenis_kelamin", "perempuan")
    level_code = {
        name: _eq(individu, "jenjang_pendidikan", name)
        for name in ("tidak_sekolah", "sd", "smp", "sma")
    }
    disab = _np(individu, "disabilitas_berat", bool)
    hamil = _np(individu, "hamil", bool)
    orphan_is = {
        name: _eq(individu, "status_yatim_piatu", name)
        for name in ("yatim", "piatu", "yatim_piatu")
    }

    # --- population and families
    r.add(
        "population", "persons (BPS mid-year)", t.population, pw.sum(), 1e-6, "rel", s["population"]
    )
    r.add("population", "families (KK)", t.families, w.sum(), 1e-6, "rel", s["families"])
    r.add(
        "population",
        "persons per family",
        t.population / t.families,
        pw.sum() / w.sum(),
        1e-6,
        "rel",
        "derived: persons / families",
    )
    for code, name, target_pop, psource in zip(
        t.province_code,
        t.province_name,
        t.province_population,
        tg.provinces()["pop_source"],
        strict=True,
    ):
        src = s["province_population"] if "derived" not in psource else psource
        r.add(
            "province_population",
            f"{code} {name}",
            target_pop,
            pw[prov == code].sum(),
            1e-6,
            "rel",
            src,
        )
    r.add(
        "population",
        "urban share of persons",
        100 * t.urban_share,
        _wshare(urban, pw),
        0.05,
        "abs",
        s["urban_share"],
    )
    r.add(
        "population",
        "sex ratio (males per 100 females)",
        100 * t.male_share / (1 - t.male_share),
        100 * iw[~female].sum() / iw[female].sum(),
        0.2,
        "abs",
        s["male_share"],
    )

    # --- age
    group = np.minimum(age // 5, len(tg.AGE_GROUP_LOWER) - 1)
    for g, label in enumerate(tg.AGE_GROUP_LABELS):
        r.add(
            "age",
            f"share age {label}",
            100 * t.age_shares[g],
            _wshare(group == g, iw),
            0.05,
            "abs",
            s["age_shares"],
        )
    a = 100 * t.age_shares
    bins = {
        "0-6": (0, 6, a[0] + 0.4 * a[1]),
        "7-12": (7, 12, 0.6 * a[1] + 0.6 * a[2]),
        "13-15": (13, 15, 0.4 * a[2] + 0.2 * a[3]),
        "16-18": (16, 18, 0.6 * a[3]),
        "19-59": (19, 59, 0.2 * a[3] + a[4:12].sum()),
        "60-69": (60, 69, a[12] + a[13]),
        "70+": (70, 200, a[14] + a[15]),
    }
    for label, (lo, hi, value) in bins.items():
        r.add(
            "age",
            f"share age {label} (programme bin)",
            value,
            _wshare((age >= lo) & (age <= hi), iw),
            0.6,
            "abs",
            "derived: linear split of the year's five-year groups",
        )
    share60 = {
        2022: tg.published("share_60plus", "2022"),
        2024: tg.published("share_60plus", "2024"),
    }
    if share60.get(year):
        r.add(
            "elderly",
            "share 60+",
            share60[year],
            _wshare(age >= 60, iw),
            0.6,
            "abs",
            f"share_60plus {year}: BPS Statistik Penduduk Lanjut Usia",
        )
    old = age >= 60
    for label, lo, hi, value in (
        ("60-69", 60, 69, 65.56),
        ("70-79", 70, 79, 26.76),
        ("80+", 80, 200, 7.69),
    ):
        r.add(
            "elderly",
            f"elderly aged {label} (% of 60+)",
            value,
            100 * iw[(age >= lo) & (age <= hi)].sum() / iw[old].sum(),
            3.0,
            "abs",
            "indonesia-stats.md A9 (2022) [confirmed by 2], used for every year",
        )
    r.add(
        "elderly",
        "women among 60+ (%)",
        51.81,
        100 * iw[old & female].sum() / iw[old].sum(),
        3.0,
        "abs",
        "indonesia-stats.md A9 (2022) [single source], used for every year",
    )

    # --- pregnancy, school, disability, orphans
    r.add(
        "fertility",
        "pregnant women (point prevalence)",
        t.pregnant,
        iw[hamil].sum(),
        0.01,
        "rel",
        s["births"] + "; x 0.75 year (derived)",
    )
    enrolled = ~level_code["tidak_sekolah"]
    for lo, hi, aps in tg.APS:
        band = (age >= lo) & (age <= hi)
        r.add(
            "education",
            f"APS {lo}-{hi} (enrolled, any level)",
            aps,
            100 * iw[band & enrolled].sum() / iw[band].sum(),
            1.5,
            "abs",
            f"APS_{lo}_{hi} 2023 [single source], used for every year",
        )
    for lvl, (lo, hi, apm) in tg.APM.items():
        band = (age >= lo) & (age <= hi)
        r.add(
            "education",
            f"APM {lvl.upper()} (ages {lo}-{hi} at that level)",
            apm,
            100 * iw[band & level_code[lvl]].sum() / iw[band].sum(),
            2.0,
            "abs",
            f"APM_{lvl.upper()} 2023 (from memory, unverified)",
        )
    for lo, hi, rate in tg.DISABILITY_BANDS:
        band = (age >= lo) & (age <= hi)
        label = f"{lo}-{hi}" if hi < 200 else f"{lo}+"
        # the cut is exact up to a sample person's weight: a rare band may miss by two persons
        expected_persons = max(band.sum() * rate / 100, 1.0)
        r.add(
            "disability",
            f"severe disability rate age {label}",
            rate,
            100 * iw[band & disab].sum() / iw[band].sum(),
            max(0.1, 2 / expected_persons),
            "rel",
            "SUPAS 2015 via Kemensos (tempo.co) [single source] times the PKH-recorded share "
            f"{tg.PKH_DISABILITY_SHARE} (Kemensos, Jan 2021), used for every year",
        )
    child = age < 18
    for status in ("yatim", "piatu", "yatim_piatu"):
        r.add(
            "orphans",
            f"{status} among under-18s (%)",
            None,
            100 * iw[child & orphan_is[status]].sum() / iw[child].sum(),
            None,
            source="model (no published target)",
        )

    # --- expenditure and poverty
    gk = np.where(urban, t.poverty_line_urban, t.poverty_line_rural)
    poor = spend < gk
    pr = s["poverty_rate"]
    r.add("poverty", "poverty rate (%)", 100 * t.poverty_rate, _wshare(poor, pw), 0.1, "abs", pr)
    r.add(
        "poverty",
        "poverty rate urban (%)",
        100 * t.poverty_rate_urban,
        100 * pw[poor & urban].sum() / pw[urban].sum(),
        0.15,
        "abs",
        s["poverty_rate_urban_rural"],
    )
    r.add(
        "poverty",
        "poverty rate rural (%)",
        100 * t.poverty_rate_rural,
        100 * pw[poor & ~urban].sum() / pw[~urban].sum(),
        0.15,
        "abs",
        s["poverty_rate_urban_rural"],
    )
    period = "2025-09" if year == 2026 else f"{year}-03"
    poor_persons = tg.published("poor_persons", period)
    if poor_persons:
        r.add(
            "poverty",
            "poor persons",
            poor_persons,
            pw[poor].sum(),
            0.02,
            "rel",
            f"poor_persons {period}: BPS (Susenas population base differs slightly)",
        )
    r.add(
        "poverty",
        "poverty rate against the single national line (%)",
        None,
        _wshare(spend < t.poverty_line, pw),
        None,
        source="diagnostic",
    )
    shortfall = np.where(poor, 1 - spend / gk, 0.0)
    r.add(
        "poverty",
        "depth of poverty P1/P0 (% of the line)",
        100 * t.poverty_gap_ratio,
        100 * (shortfall * pw).sum() / pw[poor].sum(),
        0.5,
        "abs",
        s["poverty_gap_ratio"],
    )
    p2 = 100 * (shortfall**2 * pw).sum() / pw.sum()
    r.add("poverty", "poverty severity P2 (index points)", None, p2, None, source="diagnostic")
    for i, (code, name) in enumerate(zip(t.province_code, t.province_name, strict=True)):
        in_p = prov == code
        if not in_p.any():
            continue
        granularity = 100 * 2 * pw[in_p].max() / pw[in_p].sum()
        published = 100 * t.province_poverty[i]
        src = tg.provinces()["poverty_source"][i]
        if year == 2025 and "derived" not in src:
            published = tg.provinces()["poverty_2025"][i]
            src = f"{src} [see calibration-targets.csv]"
        else:
            src = s["province_poverty"] if "derived" not in src else src
        r.add(
            "poverty_province",
            f"{code} {name} (%)",
            published,
            100 * pw[in_p & poor].sum() / pw[in_p].sum(),
            round(0.5 + granularity, 3),
            "abs",
            src,
        )
    r.add("inequality", "Gini", t.gini, gini(spend, pw), 0.015, "abs", s["gini"])
    r.add(
        "inequality",
        "Gini urban",
        t.gini_urban,
        gini(spend[urban], pw[urban]),
        0.01,
        "abs",
        s["gini_urban_rural"],
    )
    r.add(
        "inequality",
        "Gini rural",
        t.gini_rural,
        gini(spend[~urban], pw[~urban]),
        0.01,
        "abs",
        s["gini_urban_rural"],
    )
    order = np.argsort(spend, kind="stable")
    cum = np.cumsum(pw[order]) / pw.sum()
    income = spend[order] * pw[order]
    b40 = 100 * income[cum <= 0.4].sum() / income.sum()
    if t.bottom40_share is not None:
        r.add(
            "inequality",
            "bottom-40 % expenditure share (%)",
            100 * t.bottom40_share,
            b40,
            1.5,
            "abs",
            s["bottom40_share"],
        )
    else:
        r.add(
            "inequality", "bottom-40 % expenditure share (%)", None, b40, None, source="diagnostic"
        )
    mean = np.average(spend, weights=pw)
    if t.mean_expenditure is not None:
        r.add(
            "expenditure",
            "mean per-capita expenditure (Rp/month)",
            t.mean_expenditure,
            mean,
            0.15,
            "rel",
            s["mean_expenditure"],
        )
    else:
        r.add(
            "expenditure",
            "mean per-capita expenditure (Rp/month)",
            None,
            mean,
            None,
            source="diagnostic",
        )
    r.add(
        "poverty",
        "mean size of poor families (KK, not RT)",
        None,
        pw[poor].sum() / w[poor].sum(),
        None,
        source="diagnostic: BPS poor households (RT) hold ~4.7-4.8 persons",
    )

    # --- registries
    in_dtsen = desil > 0
    for d in range(1, 11):
        r.add(
            "registry",
            f"DTSEN desil {d}: share of registered persons (%)",
            10.0,
            100 * pw[desil == d].sum() / pw[in_dtsen].sum(),
            0.5,
            "abs",
            "dtsen_persons_per_decile 2025: equal-population deciles (~28.7 m)",
        )
    r.add(
        "registry", "DTKS persons", t.dtks_persons, pw[dtks].sum(), 0.01, "rel", s["dtks_persons"]
    )
    cum_all = np.empty(len(spend))
    cum_all[order] = np.cumsum(pw[order]) / pw.sum()
    bottom40 = cum_all <= 0.4
    selected = (desil >= 1) & (desil <= 4)
    r.add(
        "targeting",
        "DTSEN desil 1-4: exclusion error vs bottom 40 % (%)",
        None,
        100 * pw[bottom40 & ~selected].sum() / pw[bottom40].sum(),
        None,
        source="diagnostic: noisy proxy-means score",
    )
    r.add(
        "targeting",
        "DTSEN desil 1-4: inclusion error vs bottom 40 % (%)",
        None,
        100 * pw[selected & ~bottom40].sum() / pw[selected].sum(),
        None,
        source="diagnostic: noisy proxy-means score",
    )
    r.add(
        "targeting",
        "poor persons in DTSEN desil 1-4 (%)",
        None,
        100 * pw[poor & selected].sum() / pw[poor].sum(),
        None,
        source="diagnostic",
    )
    r.add(
        "targeting",
        "poor persons in DTKS (%)",
        None,
        100 * pw[poor & dtks].sum() / pw[poor].sum(),
        None,
        source="diagnostic",
    )
    r.add(
        "targeting",
        "DTKS persons outside the bottom 40 % (%)",
        None,
        100 * pw[dtks & ~bottom40].sum() / pw[dtks].sum(),
        None,
        source="diagnostic",
    )
    r.add("sample", "sample families", None, len(w), None, source="diagnostic")
    r.add(
        "sample",
        "weight coefficient of variation",
        None,
        w.std() / w.mean(),
        None,
        source="diagnostic",
    )

    frame = pd.DataFrame(r.rows, columns=COLUMNS)
    frame.attrs["year"] = year
    return frame


def to_json(report: pd.DataFrame, path: str | Path | None = None) -> dict:
    """JSON form of a :func:`check` report; written to ``path`` when given."""
    rows = json.loads(report.to_json(orient="records"))
    checked = report["passed"].dropna()
    doc = {
        "year": report.attrs.get("year"),
        "generator_version": GENERATOR_VERSION,
        "targets": len(checked),
        "failed": int((~checked.astype(bool)).sum()),
        "passed": bool(checked.astype(bool).all()),
        "rows": rows,
    }
    if path is not None:
        Path(path).write_text(json.dumps(doc, indent=2, ensure_ascii=False), encoding="utf-8")
    return doc
