"""Calibration targets of the synthetic population, one set per year (2019-2026).

Every number comes from the package data files in ``data/``:

- ``calibration-targets.csv``: verbatim copy of ``shared/data/calibration-targets.csv``;
- ``supplement.csv``: further published values quoted in ``shared/data/indonesia-stats.md``
  (section B1/B2) and the fact sheet ``indonesia-rules.md`` (5.3), with their tags;
- ``provinces.csv``: the 38 provinces (BPS and Kemendagri codes, 2024 population, Mar 2025
  poverty rate, approximate urban share) with the two documented gap fills.

Years without a published figure are interpolated or extrapolated here, and each
:class:`YearTargets` records where every value came from (``sources``), so
:func:`openfisca_indonesia_sosial.synthetic.check` can say whether a target is published or
derived. See ``docs/population.md``.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from importlib import resources

import numpy as np

from openfisca_indonesia_sosial.synthetic import portable

YEARS = tuple(range(2019, 2027))

#: Five-year age groups of the BPS projection tables (lower bounds; the last is 75+).
AGE_GROUP_LOWER = np.arange(0, 80, 5)
AGE_GROUP_LABELS = tuple(
    [f"{lo}-{lo + 4}" for lo in AGE_GROUP_LOWER[:-1]] + [f"{AGE_GROUP_LOWER[-1]}+"]
)
# millions, indonesia-stats.md A4 (databoks citing BPS) [single source]
_AGE_2022_LOW = [22.09, 22.01, 22.09, 22.16, 22.49, 22.46, 22.07, 21.25]
_AGE_2022_HIGH = [20.3, 18.73, 16.5, 13.96, 11.06, 8.2, 5.27, 5.13]
_AGE_2022 = np.array([*_AGE_2022_LOW, *_AGE_2022_HIGH])

#: Age-specific fertility (births per 1,000 women a year), LF SP2020, 5-year groups 15-49.
#: 35-39 and 40-44 split the derived 76.3 (TFR 2.18 minus the published groups) 55/21.3.
ASFR = {15: 27.0, 20: 97.9, 25: 130.6, 30: 101.4, 35: 55.0, 40: 21.3, 45: 2.8}

#: Severe difficulty in any functional domain by age band, percent (SUPAS 2015, Kemensos
#: presentation): a survey measure, much broader than the PKH component below.
SUPAS_SEVERE_BANDS = ((2, 6, 1.27), (7, 18, 0.45), (19, 59, 0.89), (60, 200, 12.42))
#: Share of those persons who are recorded as ``disabilitas_berat`` in the sense of the PKH
#: severe-disability component (Permensos 1/2018; a person who depends on others for daily
#: life, as assessed and recorded in DTKS). Calibrated on the ministry's only published count:
#: 109,524 PKH members in the disability category in January 2021 (kemensos.go.id, 6 Jan
#: 2021), against 0.737 m members counted under the component in the families paid PKH when
#: every SUPAS-severe person was recorded (share 1); 0.15 gives 0.112 m. One figure, one
#: year: there is no out-of-sample check of it (docs/data/validation-gaps.md).
PKH_DISABILITY_SHARE = 0.15
#: Prevalence of ``disabilitas_berat`` by age band, percent (the two lines above).
DISABILITY_BANDS = tuple(
    (lo, hi, rate * PKH_DISABILITY_SHARE) for lo, hi, rate in SUPAS_SEVERE_BANDS
)

#: School participation (APS, all levels) by age band, 2023, and net enrolment (APM) by level.
APS = ((7, 12, 99.16), (13, 15, 96.10), (16, 18, 73.42), (19, 23, 28.96))
APM = {"sd": (7, 12, 97.5), "smp": (13, 15, 80.5), "sma": (16, 18, 61.5)}

#: DTKS size used for every year (Kepmensos 8/HUK/2019, ~99 m individuals) [confirmed by 2].
DTKS_PERSONS = 99_000_000

#: Susenas rounds whose depth of poverty (P1/P0, the mean shortfall of the poor as a share of
#: the line) calibrates the expenditure of the poor, one value held for every year: the depth
#: moved little (0.159-0.172 in the rounds published for 2021-2024), and the other rounds stay
#: out-of-sample checks on the validation page.
DEPTH_ROUNDS = ("2022-03", "2023-03")

#: Pregnancy point prevalence = births x this many years (9 months; indonesia-stats.md A6).
PREGNANCY_YEARS_PER_BIRTH = 0.75


def _data_path(name: str):
    return resources.files("openfisca_indonesia_sosial.synthetic").joinpath("data", name)


@functools.cache
def published_values() -> dict[tuple[str, str], dict[str, str]]:
    """(item, period) -> row, from calibration-targets.csv then supplement.csv."""
    values: dict[tuple[str, str], dict[str, str]] = {}
    for name in ("calibration-targets.csv", "supplement.csv"):
        with _data_path(name).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if row["value"] in ("", None):
                    continue
                values.setdefault(
                    (row["item"], row["year"] if "year" in row else row["period"]), row
                )
    return values


def published(item: str, period: str) -> float | None:
    row = published_values().get((item, period))
    if row is None:
        return None
    try:
        return float(row["value"])
    except ValueError:
        return None


def _tag(item: str, period: str) -> str:
    row = published_values()[(item, period)]
    return f"{item} {period}: {row['source']} [{row['confidence']}]"


@functools.cache
def provinces() -> dict[str, np.ndarray]:
    """Columns of provinces.csv as arrays (codes as 2-character strings)."""
    with _data_path("provinces.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        "bps_code": np.array([r["bps_code"] for r in rows]),
        "kemendagri_code": np.array([int(r["kemendagri_code"]) for r in rows]),
        "name": np.array([r["name"] for r in rows]),
        "pop_2024": np.array([float(r["pop_2024"]) for r in rows]),
        "pop_source": np.array([r["pop_source"] for r in rows]),
        "urban_share_approx": np.array([float(r["urban_share"]) / 100 for r in rows]),
        "poverty_2025": np.array([float(r["poverty_rate_2025_03"]) for r in rows]),
        "poverty_source": np.array([r["poverty_source"] for r in rows]),
    }


def _logit(p):
    p = np.clip(p, 1e-9, 1 - 1e-9)
    return portable.log(p / (1 - p))


def _expit(x):
    return 1 / (1 + portable.exp(-x))


def _shift_to_mean(rates: np.ndarray, weights: np.ndarray, target: float) -> np.ndarray:
    """Common logit shift of ``rates`` (fractions) so their weighted mean equals ``target``."""
    lo, hi = -10.0, 10.0
    base = _logit(rates)
    fixed = (rates <= 0) | (rates >= 1)
    for _ in range(100):
        mid = (lo + hi) / 2
        shifted = np.where(fixed, rates, _expit(base + mid))
        if np.average(shifted, weights=weights) < target:
            lo = mid
        else:
            hi = mid
    return np.where(fixed, rates, _expit(base + (lo + hi) / 2))


@dataclass(frozen=True)
class YearTargets:
    """Everything the generator calibrates to in one year, with provenance."""

    year: int
    population: float
    families: float
    province_code: np.ndarray
    province_kemendagri: np.ndarray
    province_name: np.ndarray
    province_population: np.ndarray
    province_urban_share: np.ndarray
    province_poverty: np.ndarray  # fraction, March round (year-adjusted)
    province_poverty_published: bool
    urban_share: float
    age_shares: np.ndarray  # 16 five-year groups, sum 1
    male_share: float
    births: float
    poverty_line: float
    poverty_line_urban: float
    poverty_line_rural: float
    poverty_rate: float  # fractions
    poverty_rate_urban: float
    poverty_rate_rural: float
    gini: float
    gini_urban: float
    gini_rural: float
    poverty_gap_ratio: float  # P1 / P0: mean shortfall of the poor, fraction of the line
    mean_expenditure: float | None
    bottom40_share: float | None
    dtks_persons: float
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def pregnant(self) -> float:
        return self.births * PREGNANCY_YEARS_PER_BIRTH


def _population(year: int, sources: dict[str, str]) -> float:
    series = {y: published("population_bps_midyear", str(y)) for y in range(2022, 2026)}
    census = published("population_census_SP2020", "2020-09")
    if series.get(year):
        sources["population"] = _tag("population_bps_midyear", str(year))
        return series[year]
    if year == 2020:
        sources["population"] = _tag("population_census_SP2020", "2020-09") + " (used as 2020)"
        return census
    if year == 2021:
        sources["population"] = "derived: geometric interpolation SP2020 (2020) - BPS 2022"
        return float(np.sqrt(census * series[2022]))
    if year == 2019:
        sources["population"] = "derived: SP2020 / 1.0125 (BPS growth 2010-2020 1.25 %/yr)"
        return census / 1.0125
    growth = series[2025] / series[2024]
    sources["population"] = "derived: BPS 2025 x growth 2024-2025 (extrapolated)"
    return series[2025] * growth ** (year - 2025)


def _families(year: int, sources: dict[str, str]) -> float:
    # (decimal date, families): Dukcapil KK Dec 2020; DTSEN Feb 2025, May 2025, Jan 2026.
    anchors = [
        (2020.96, published("kk_families_dukcapil", "2020-12")),
        (2025.13, published("dtsen_families", "2025-02")),
        (2025.37, published("families_dtsen", "2025-05")),
        (2026.06, published("dtsen_families", "2026-01")),
    ]
    t = np.array([a for a, _ in anchors])
    f = np.array([b for _, b in anchors])
    mid = year + 0.5
    slope = (f[-1] - f[0]) / (t[-1] - t[0])
    if mid < t[0]:
        value = f[0] + slope * (mid - t[0])
    elif mid > t[-1]:
        value = f[-1] + slope * (mid - t[-1])
    else:
        value = float(np.interp(mid, t, f))
    sources["families"] = (
        "derived: KK counts (Dukcapil Dec 2020 86.44 m; DTSEN Feb/May 2025, Jan 2026) "
        "interpolated linearly to mid-year; outside, the 2020-2026 trend"
    )
    return float(value)


def _age_shares(year: int, sources: dict[str, str]) -> np.ndarray:
    a2025 = np.array(
        [published(f"pop_age_{label}", "2025") for label in AGE_GROUP_LABELS], dtype=float
    )
    s22 = _AGE_2022 / _AGE_2022.sum()
    s25 = a2025 / a2025.sum()
    shares = np.clip(s22 + (year - 2022) / 3 * (s25 - s22), 1e-4, None)
    sources["age_shares"] = (
        "BPS 5-year groups 2022 (databoks) and 2025 (GoodStats) [single source each]"
        + ("" if year in (2022, 2025) else "; linear in time between/beyond them (derived)")
    )
    return shares / shares.sum()


def _urban_share(year: int, sources: dict[str, str]) -> float:
    # 2020 BPS projection basis 56.7; Susenas-implied 58.2 (2023), 58.8 (2024), 59.5 (2025).
    t = np.array([2020, 2023, 2024, 2025])
    s = np.array([56.7, 58.2, 58.8, 59.5])
    if year < t[0]:
        value = s[0] + 0.5 * (year - t[0])
    elif year > t[-1]:
        value = s[-1] + 0.6 * (year - t[-1])
    else:
        value = np.interp(year, t, s)
    sources["urban_share"] = (
        "BPS projection 2020 (56.7 %) and Susenas-implied 2023-2025 (derived); "
        "linear between, +-0.5-0.6 pp/yr outside"
    )
    return float(value) / 100


def _poverty(year: int, sources: dict[str, str]) -> dict[str, float]:
    """National, urban and rural P0, lines, Gini for the year's reference round."""
    out: dict[str, float] = {}
    # Reference round: March of the year; 2026 -> Sep 2025 (latest published).
    period = "2025-09" if year == 2026 else f"{year}-03"
    # Headline rate
    if year == 2021:
        a, b = published("poverty_rate", "2020-09"), published("poverty_rate", "2022-03")
        out["p0"] = a + (b - a) / 3
        sources["poverty_rate"] = "derived: Sep 2020 - Mar 2022 linear (Mar 2021 not in sources)"
    else:
        out["p0"] = published("poverty_rate", period)
        sources["poverty_rate"] = _tag("poverty_rate", period)
    # Lines
    gk = published("poverty_line_per_capita", period)
    out["gk"] = gk
    sources["poverty_line"] = _tag("poverty_line_per_capita", period)
    gku = published("poverty_line_urban", period)
    gkr = published("poverty_line_rural", period)
    if gku is not None and gkr is not None:
        out["gk_u"], out["gk_r"] = gku, gkr
        sources["poverty_line_urban_rural"] = _tag("poverty_line_urban", period)
    else:
        ref = "2022-03" if year < 2022 else "2025-03"
        ratio_u = published("poverty_line_urban", ref) / published("poverty_line_per_capita", ref)
        ratio_r = published("poverty_line_rural", ref) / published("poverty_line_per_capita", ref)
        out["gk_u"], out["gk_r"] = gk * ratio_u, gk * ratio_r
        sources["poverty_line_urban_rural"] = (
            f"derived: national line x urban/rural ratios of {ref}"
        )
    # The package's own poverty-line parameters win (the microsimulation measures poverty with
    # them, so the generated population must be calibrated to the same lines).
    lines = _parameter_lines(year)
    if lines is not None:
        out["gk"], out["gk_u"], out["gk_r"] = lines
        sources["poverty_line"] = (
            f"parameters kemiskinan.garis_kemiskinan in force on {year}-03-01 "
            "(BPS; see the YAML references)"
        )
        sources["poverty_line_urban_rural"] = sources["poverty_line"]
    # Urban / rural rates
    pu, pr = published("poverty_rate_urban", period), published("poverty_rate_rural", period)
    if pu is not None and pr is not None:
        out["p0_u"], out["p0_r"] = pu, pr
        sources["poverty_rate_urban_rural"] = _tag("poverty_rate_urban", period)
    else:
        ref = "2022-09"
        theta = float(
            _logit(published("poverty_rate_urban", ref) / 100)
            - _logit(published("poverty_rate_rural", ref) / 100)
        )
        out["theta"] = theta
        sources["poverty_rate_urban_rural"] = (
            f"derived: urban/rural odds ratio of {ref}, centred on the national rate"
        )
    # Gini
    gini_period = {2019: "2019-09", 2021: None, 2026: "2025-09"}.get(year, f"{year}-03")
    if gini_period is None:
        g = (published("gini", "2020-09") + published("gini", "2022-03")) / 2
        sources["gini"] = "derived: mean of Sep 2020 and Mar 2022"
    else:
        g = published("gini", gini_period)
        sources["gini"] = _tag("gini", gini_period)
    out["gini"] = g
    ur_period = {2019: "2020-03", 2021: None, 2022: "2022-09", 2026: "2025-09"}.get(
        year, f"{year}-03"
    )
    if ur_period is None:
        gu = (published("gini_urban", "2020-03") + published("gini_urban", "2022-09")) / 2
        gr = (published("gini_rural", "2020-03") + published("gini_rural", "2022-09")) / 2
        sources["gini_urban_rural"] = "derived: mean of Mar 2020 and Sep 2022"
    else:
        gu, gr = published("gini_urban", ur_period), published("gini_rural", ur_period)
        sources["gini_urban_rural"] = _tag("gini_urban", ur_period)
    out["gini_u"], out["gini_r"] = gu, gr
    # Depth of poverty: mean P1/P0 of the calibration rounds (BPS publishes P1 in points)
    ratios = [
        published("poverty_gap_index", r) / published("poverty_rate", r) for r in DEPTH_ROUNDS
    ]
    out["depth"] = sum(ratios) / len(ratios)
    sources["poverty_gap_ratio"] = "derived: mean P1/P0 of " + " and ".join(
        _tag("poverty_gap_index", r) for r in DEPTH_ROUNDS
    )
    # Expenditure distribution anchors (only where published for the year's round)
    out["mean"] = published("mean_per_capita_expenditure", period)
    if out["mean"] is not None:
        sources["mean_expenditure"] = _tag("mean_per_capita_expenditure", period)
    out["b40"] = published("bottom40_expenditure_share", period)
    if out["b40"] is not None:
        sources["bottom40_share"] = _tag("bottom40_expenditure_share", period)
    return out


def _parameter_lines(year: int) -> tuple[float, float, float] | None:
    """(national, urban, rural) lines in force on 1 March of ``year`` from the package
    parameters ``kemiskinan.garis_kemiskinan``, or None when they are not there."""
    from openfisca_indonesia_sosial.simulation.parameters import poverty_lines

    lines = poverty_lines(year)
    return None if lines is None else (lines.nasional, lines.perkotaan, lines.perdesaan)


def _births(year: int, sources: dict[str, str]) -> float:
    value = published("live_births", str(year))
    if value:
        sources["births"] = _tag("live_births", str(year))
        return value
    sources["births"] = _tag("live_births_estimate", "2022-2025")
    return published("live_births_estimate", "2022-2025")


@functools.cache
def targets(year: int) -> YearTargets:
    """Calibration targets for ``year`` (2019-2026)."""
    if year not in YEARS:
        raise ValueError(f"year must be in {YEARS[0]}-{YEARS[-1]}, got {year}")
    sources: dict[str, str] = {}
    prov = provinces()
    population = _population(year, sources)
    prov_pop = prov["pop_2024"] / prov["pop_2024"].sum() * population
    sources["province_population"] = (
        "BPS 2024 provincial table (33 provinces) + Papua split (derived), shares held "
        "constant and scaled to the year's national total"
    )
    urban = _urban_share(year, sources)
    approx = prov["urban_share_approx"]
    prov_urban = _shift_to_mean(np.where(approx >= 1, 1.0, approx), prov_pop, urban)
    sources["province_urban_share"] = (
        "approximate provincial urban shares (SP2020, from memory, unverified), common "
        "logit shift to the national share"
    )
    pov = _poverty(year, sources)
    p0 = pov["p0"] / 100
    prov_pov = _shift_to_mean(prov["poverty_2025"] / 100, prov_pop, p0)
    sources["province_poverty"] = (
        "BPS Mar 2025 provincial rates (Sulawesi Tengah gap filled: 11.23, derived), common "
        "logit shift to the year's national rate"
    )
    if "theta" in pov:
        u = urban
        lo, hi = -10.0, 10.0
        for _ in range(100):
            c = (lo + hi) / 2
            mix = u * _expit(c + pov["theta"] / 2) + (1 - u) * _expit(c - pov["theta"] / 2)
            lo, hi = (c, hi) if mix < p0 else (lo, c)
        pu = float(_expit(c + pov["theta"] / 2))
        pr = float(_expit(c - pov["theta"] / 2))
    else:
        pu, pr = pov["p0_u"] / 100, pov["p0_r"] / 100
    male_share = 102 / 202
    sources["male_share"] = _tag("sex_ratio_SP2020", "2020")
    sources["dtks_persons"] = _tag("dtks_individuals", "2019-2022") + " (held for all years)"
    return YearTargets(
        year=year,
        population=float(population),
        families=_families(year, sources),
        province_code=prov["bps_code"],
        province_kemendagri=prov["kemendagri_code"],
        province_name=prov["name"],
        province_population=prov_pop,
        province_urban_share=prov_urban,
        province_poverty=prov_pov,
        province_poverty_published=year == 2025,
        urban_share=urban,
        age_shares=_age_shares(year, sources),
        male_share=male_share,
        births=_births(year, sources),
        poverty_line=pov["gk"],
        poverty_line_urban=pov["gk_u"],
        poverty_line_rural=pov["gk_r"],
        poverty_rate=p0,
        poverty_rate_urban=pu,
        poverty_rate_rural=pr,
        gini=pov["gini"],
        gini_urban=pov["gini_u"],
        gini_rural=pov["gini_r"],
        poverty_gap_ratio=pov["depth"],
        mean_expenditure=pov["mean"],
        bottom40_share=None if pov["b40"] is None else pov["b40"] / 100,
        dtks_persons=float(DTKS_PERSONS),
        sources=sources,
    )


def poverty_lines(year: int) -> tuple[float, float, float]:
    """(national, urban, rural) BPS poverty line in rupiah per person per month for ``year``."""
    t = targets(year)
    return t.poverty_line, t.poverty_line_urban, t.poverty_line_rural
