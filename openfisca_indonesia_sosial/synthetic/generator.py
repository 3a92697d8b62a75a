"""Vectorised generator of one calibrated block ("chunk") of synthetic families.

Pipeline (all numpy, no per-family Python loop):

1. allocate the sample over province x urban/rural cells (largest remainder);
2. build Kartu Keluarga families from four household types (single, couple, couple with
   children, single parent) plus other members (anggota_lain), with ages and sexes;
3. rake the family weights (``bobot``) so that weighted totals equal the year's population by
   province, families, persons by five-year age group, males and urban persons;
4. person attributes: birth date, pregnancy (ASFR-weighted, exact weighted count), school
   level by age (APS/APM), severe disability by age (SUPAS 2015, PKH-recorded share),
   orphan status, NIK;
5. per-capita expenditure: Singh-Maddala quantiles of a latent rank (correlated with family
   size), scaled per cell so that poverty rates match exactly, shape tuned to the Gini, the
   poor's distance to the line tuned to the depth of poverty (P1/P0);
6. registries: a noisy proxy-means score ranks families into DTSEN deciles and DTKS.

Everything absolute (totals, counts) is multiplied by ``scale`` (the chunk's share of the
sample) so that a population written in several chunks sums to the national totals.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from openfisca_indonesia_sosial.metrics.poverty import gini
from openfisca_indonesia_sosial.synthetic import portable
from openfisca_indonesia_sosial.synthetic import targets as tg
from openfisca_indonesia_sosial.synthetic.numeric import (
    allocate,
    rake,
    ranks_within,
    weighted_cutoff,
)

#: 1.2.0: the same bits on every processor (:mod:`.portable`); 1.1.0's populations differed
#: in the last bits of their weights between machines.
GENERATOR_VERSION = "1.2.0"

#: Minimum number of families of a generated block (every province x area cell needs a few).
MIN_FAMILIES = 1_000

# Family types
SINGLE, COUPLE, COUPLE_CHILDREN, SINGLE_PARENT = 0, 1, 2, 3
TYPE_PROBABILITIES = np.array([0.10, 0.13, 0.62, 0.15])
MAX_CHILDREN = 8

# Roles, in the order of the contract
PERAN = np.array(["kepala_keluarga", "pasangan", "anak", "anggota_lain"])
HEAD, SPOUSE, CHILD, OTHER = 0, 1, 2, 3
JENJANG = np.array(["tidak_sekolah", "paud", "sd", "smp", "sma", "perguruan_tinggi"])
NONE_, PAUD, SD, SMP, SMA, PT = range(6)
YATIM = np.array(["bukan", "yatim", "piatu", "yatim_piatu"])
SEX = np.array(["laki_laki", "perempuan"])

#: Expenditure model: Singh-Maddala Q(u) = b [(1-u)^(-1/q) - 1]^(1/a). (a, q) = (4.15, 0.5) fits
#: the Mar 2024 decile cuts of indonesia-stats.md B2; ``a`` is re-tuned per area to the Gini.
#: Below the line its lower tail alone leaves the poor too far below it (P1/P0 about 0.20
#: against BPS's 0.16-0.17), so each poor family's ratio to the line r becomes r**(1/k), one
#: ``k`` for both areas tuned to the depth target: the order of families, who is poor and the
#: distribution above the line are unchanged.
SM_Q = 0.5
#: Alternating rounds of the two tunings (``a`` to the Ginis, ``k`` to the depth).
SHAPE_ROUNDS = 2
#: Correlation of the latent welfare rank with -log(family size): larger families are poorer.
SIZE_RHO = 0.35
#: Expenditure floor and ceiling, as multiples of the area poverty line.
FLOOR_GK, CEILING_GK = 0.2, 60.0
#: Proxy-means score = log expenditure + noise; correlation with log expenditure.
PMT_CORRELATION_DTSEN = 0.75
PMT_CORRELATION_DTKS = 0.65
#: Correlation of the two registries' scoring errors. DTSEN was built from DTKS (with Regsosek
#: and P3KE), so a family DTKS misjudged tends to be misjudged by DTSEN too; with independent
#: errors the April 2025 switch would replace far more families than it did. An assumption:
#: no published figure measures the overlap.
PMT_NOISE_CORRELATION = 0.8
#: Share of families not (yet) in DTSEN (desil 0), drawn at random: an assumption.
NOT_IN_DTSEN = 0.01
#: Probability that a child of a widowed single parent has lost that parent.
WIDOWED_SHARE = 0.6


@dataclass
class Block:
    """A generated block: the ``individu`` and ``keluarga`` Arrow tables."""

    individu: pa.Table
    keluarga: pa.Table


# --------------------------------------------------------------------------------------------
# helpers


def sm_quantile(u: np.ndarray, a: float | np.ndarray, q: float = SM_Q) -> np.ndarray:
    """Singh-Maddala quantile with scale 1."""
    u = np.clip(u, 1e-12, 1 - 1e-12)
    return portable.power(portable.power(1 - u, -1 / q) - 1, 1 / np.asarray(a))


def _labels(labels: np.ndarray, codes: np.ndarray) -> pa.Array:
    """Arrow string array ``labels[codes]`` (built by Arrow's take, fast for millions)."""
    return pa.array(labels.tolist(), type=pa.string()).take(pa.array(codes.astype(np.int32)))


_TIMES: list = []


def _tick(label: str) -> None:
    """Stage timings on stderr when ``BANSOS_POPULATION_TIMING`` is set (benchmarking aid)."""
    if os.environ.get("BANSOS_POPULATION_TIMING"):
        import sys
        import time

        now = time.perf_counter()
        if _TIMES:
            print(f"  {_TIMES[-1][0]:20s} {now - _TIMES[-1][1]:7.2f} s", file=sys.stderr)
        _TIMES.append((label, now))
        if label == "end":
            _TIMES.clear()


def _truncnorm(rng, mean, sd, lo, hi, size):
    return np.clip(np.rint(rng.normal(mean, sd, size)), lo, hi).astype(np.int64)


# --------------------------------------------------------------------------------------------
# demography


def _families(rng: np.random.Generator, n: int, urban: np.ndarray):
    """Family structure: per-family counts and per-person arrays (family index, role, age,
    sex). Ages are completed years on 1 January of the simulated year."""
    kind = rng.choice(4, size=n, p=TYPE_PROBABILITIES)

    # head age by type
    head_age = np.empty(n, dtype=np.int64)
    mix = rng.random(n)
    m = kind == SINGLE
    young = m & (mix < 0.42)
    middle = m & (mix >= 0.42) & (mix < 0.55)
    old = m & (mix >= 0.55)
    head_age[young] = _truncnorm(rng, 27, 5, 18, 45, young.sum())
    head_age[middle] = rng.integers(40, 60, middle.sum())
    head_age[old] = np.clip(58 + rng.exponential(15, old.sum()).astype(np.int64), 58, 99)
    m = kind == COUPLE
    young_c = m & (mix < 0.25)
    old_c = m & (mix >= 0.25)
    head_age[young_c] = _truncnorm(rng, 27, 4, 18, 40, young_c.sum())
    head_age[old_c] = _truncnorm(rng, 63, 11, 40, 95, old_c.sum())
    m = kind == COUPLE_CHILDREN
    older = m & (mix < 0.28)
    m = m & ~older
    head_age[m] = _truncnorm(rng, 36, 7, 20, 80, m.sum())
    head_age[older] = _truncnorm(rng, 53, 8, 40, 85, older.sum())
    m = kind == SINGLE_PARENT
    head_age[m] = _truncnorm(rng, 56, 15, 20, 95, m.sum())

    # head sex (1 = female)
    sx = rng.random(n)
    p_female = np.select(
        [kind == SINGLE_PARENT, (kind == SINGLE) & (head_age >= 60), kind == SINGLE],
        [0.75, 0.60, 0.35],
        default=0.05,
    )
    head_female = sx < p_female

    # spouse
    has_spouse = (kind == COUPLE) | (kind == COUPLE_CHILDREN)
    gap = np.rint(rng.normal(4, 4, n)).astype(np.int64)
    spouse_age = np.where(head_female, head_age + gap, head_age - gap)
    spouse_age = np.clip(spouse_age, 17, 99)
    mother_age = np.where(
        has_spouse,
        np.where(head_female, head_age, spouse_age),
        np.where(head_female, head_age, head_age - 4),
    )

    # children: oldest born when the mother was ~23, then spaced 2-6 years
    with_children = (kind == COUPLE_CHILDREN) | (kind == SINGLE_PARENT)
    lam = np.where(urban, 1.3, 1.55)
    n_children = np.where(with_children, 1 + rng.poisson(lam), 0).clip(0, MAX_CHILDREN)
    first_birth = _truncnorm(rng, 24, 4.5, 16, 40, n)
    spacing = rng.integers(2, 7, size=(n, MAX_CHILDREN))
    spacing[:, 0] = 0
    ages = (mother_age - first_birth)[:, None] - np.cumsum(spacing, axis=1)
    slot = np.arange(MAX_CHILDREN)[None, :]
    leave = 1 / (1 + portable.exp(-(ages - 24) / 2.5))
    keep = (slot < n_children[:, None]) & (ages >= 0) & (rng.random((n, MAX_CHILDREN)) >= leave)

    # other members: an elderly parent, a grandchild or another relative
    other = rng.random(n) < 0.18
    other_kind = rng.random(n)
    grand = other & (head_age >= 48) & (other_kind < 0.6)
    parent = other & ~grand & (head_age < 55) & (other_kind < 0.75)
    relative = other & ~grand & ~parent
    other_age = np.zeros(n, dtype=np.int64)
    other_age[grand] = rng.integers(0, 18, grand.sum())
    other_age[parent] = np.clip(head_age[parent] + rng.integers(20, 32, parent.sum()), 60, 99)
    other_age[relative] = rng.integers(10, 45, relative.sum())
    other_female = np.where(parent, rng.random(n) < 0.62, rng.random(n) < 0.45)

    # person arrays: head, spouse, children (oldest first), other
    n_kids = keep.sum(axis=1)
    size = 1 + has_spouse + n_kids + other
    fam = np.repeat(np.arange(n), size)
    start = np.concatenate(([0], np.cumsum(size)[:-1]))
    pos = np.arange(len(fam)) - np.repeat(start, size)
    role = np.full(len(fam), CHILD, dtype=np.int8)
    age = np.zeros(len(fam), dtype=np.int64)
    female = np.zeros(len(fam), dtype=bool)

    is_head = pos == 0
    role[is_head] = HEAD
    age[is_head] = head_age
    female[is_head] = head_female
    spouse_pos = start[has_spouse] + 1
    role[spouse_pos] = SPOUSE
    age[spouse_pos] = spouse_age[has_spouse]
    female[spouse_pos] = ~head_female[has_spouse]
    kid_rows, kid_slots = np.nonzero(keep)
    # position of each kept child within its family's kids (keep is row-major, so ranks follow)
    first_kid = np.concatenate(([0], np.cumsum(n_kids)[:-1]))
    kid_rank = np.arange(len(kid_rows)) - first_kid[kid_rows]
    kid_pos = start[kid_rows] + 1 + has_spouse[kid_rows] + kid_rank
    age[kid_pos] = ages[kid_rows, kid_slots]
    female[kid_pos] = rng.random(len(kid_pos)) < 0.487
    other_pos = start[other] + size[other] - 1
    role[other_pos] = OTHER
    age[other_pos] = other_age[other]
    female[other_pos] = other_female[other]
    grandchild = np.zeros(len(fam), dtype=bool)
    grandchild[other_pos[grand[other]]] = True
    return {
        "kind": kind,
        "size": size,
        "fam": fam,
        "role": role,
        "age": age,
        "female": female,
        "head_female": head_female,
        "has_spouse": has_spouse,
        "grandchild": grandchild,
    }


def _age_group(age: np.ndarray) -> np.ndarray:
    return np.minimum(age // 5, len(tg.AGE_GROUP_LOWER) - 1)


# --------------------------------------------------------------------------------------------
# main entry


def generate_block(
    year: int,
    families: int,
    seed: int = 0,
    *,
    scale: float = 1.0,
    chunk_index: int = 0,
    n_chunks: int = 1,
    family_offset: int = 0,
    person_offset: int = 0,
) -> Block:
    """One calibrated block of ``families`` families (see module docstring)."""
    if families < MIN_FAMILIES:
        raise ValueError(f"families must be at least {MIN_FAMILIES}, got {families}")
    t = tg.targets(year)
    rng = np.random.default_rng([seed, year, chunk_index, n_chunks])
    n_prov = len(t.province_code)

    _tick("cells")
    # 1. cells: province x (urban, rural)
    cell_share = np.stack(
        [
            t.province_population * t.province_urban_share,
            t.province_population * (1 - t.province_urban_share),
        ],
        axis=1,
    ).ravel()
    cell_share = np.where(cell_share / cell_share.sum() < 1e-6, 0, cell_share)
    counts = allocate(families, cell_share, minimum=5)
    cell = np.repeat(np.arange(2 * n_prov), counts)
    prov = cell // 2
    urban = cell % 2 == 0

    _tick("families")
    # 2. families
    f = _families(rng, families, urban)
    size, fam, age, female, role = f["size"], f["fam"], f["age"], f["female"], f["role"]
    n_persons = len(fam)

    _tick("weights")
    # 3. weights
    group = _age_group(age)
    n_groups = len(tg.AGE_GROUP_LOWER)
    keep_group = group < n_groups - 1
    age_counts = (
        np.bincount(
            fam[keep_group] * (n_groups - 1) + group[keep_group],
            minlength=families * (n_groups - 1),
        )
        .reshape(families, n_groups - 1)
        .astype(float)
    )
    males = np.bincount(fam, weights=(~female).astype(float), minlength=families)
    dense = np.column_stack([np.ones(families), age_counts, males, size * urban])
    pop = t.population * scale
    dense_targets = np.concatenate(
        [[t.families * scale], t.age_shares[:-1] * pop, [t.male_share * pop], [t.urban_share * pop]]
    )
    design = np.full(families, t.families * scale / families)
    weights = rake(
        design, prov, size.astype(float), dense, t.province_population * scale, dense_targets
    )
    del age_counts, dense
    pw = weights[fam]  # person weights

    _tick("birth dates")
    # 4. person attributes
    jan1 = np.datetime64(f"{year}-01-01")
    offset_days = 1 + (rng.random(n_persons) * 364).astype(np.int64)
    birth_year_start = (np.int64(year) - age - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    born = birth_year_start - offset_days
    born = np.minimum(born, jan1 - np.timedelta64(1, "D"))

    _tick("pregnancy")
    # pregnancy: married women 15-49, propensity by ASFR, exact weighted total
    spouse_of = np.zeros(families, dtype=bool)
    spouse_of[f["has_spouse"]] = True
    married = ((role == SPOUSE) | ((role == HEAD) & spouse_of[fam])) & female
    asfr = np.zeros(n_persons)
    for lo, rate in tg.ASFR.items():
        asfr[(age >= lo) & (age < lo + 5)] = rate
    propensity = np.where(married, asfr, 0.0)
    draw = rng.random(n_persons)
    # pregnant when draw < k * propensity, k set so the weighted count is exact
    candidates = propensity > 0
    ratio = np.where(candidates, draw / np.where(candidates, propensity, 1.0), np.inf)
    share = t.pregnant * scale / pw[candidates].sum()
    hamil = candidates & (ratio < weighted_cutoff(ratio, pw, candidates, share))

    _tick("school")
    # school level by age: enrolment from APS, level from APM (others one level off); the
    # weighted shares are exact per band (weighted_cutoff), not Bernoulli draws
    level = np.full(n_persons, NONE_, dtype=np.int8)
    e = rng.random(n_persons)
    lvl = rng.random(n_persons)
    level[(age >= 3) & (age <= 4) & (e < 0.25)] = PAUD
    level[(age >= 5) & (age <= 6) & (e < 0.60)] = PAUD
    level[(age == 6) & (e < 0.15)] = SD
    for lo, hi, aps in tg.APS:
        in_band = (age >= lo) & (age <= hi)
        band = in_band & (e < weighted_cutoff(e, pw, in_band, aps / 100))
        if lo == 19:
            level[band] = np.where((age[band] <= 20) & (lvl[band] < 0.15), SMA, PT)
            continue
        name = {7: "sd", 13: "smp", 16: "sma"}[lo]
        own = {7: SD, 13: SMP, 16: SMA}[lo]
        right = band & (lvl < weighted_cutoff(lvl, pw, band, tg.APM[name][2] / aps))
        if lo == 7:
            other_level = np.where(age >= 11, SMP, np.where(age <= 8, PAUD, SD))
        elif lo == 13:
            other_level = np.where(age <= 14, SD, SMA)
        else:
            other_level = np.where(age <= 17, SMP, PT)
        level[band] = other_level[band]
        level[right] = own
    level[(age >= 24) & (age <= 29) & (e < 0.04)] = PT

    _tick("disability")
    # severe disability in the PKH sense by age band (SUPAS 2015 severe difficulty, scaled to
    # the share the PKH component records: targets.PKH_DISABILITY_SHARE)
    disab = np.zeros(n_persons, dtype=bool)
    d = rng.random(n_persons)
    for lo, hi, rate in tg.DISABILITY_BANDS:
        band = (age >= lo) & (age <= hi)
        disab |= band & (d < weighted_cutoff(d, pw, band, rate / 100))

    _tick("orphans")
    # orphans: children of widowed single parents; grandchildren living with grandparents
    orphan = np.zeros(n_persons, dtype=np.int8)
    single_parent = f["kind"][fam] == SINGLE_PARENT
    o = rng.random(n_persons)
    widowed_kid = (role == CHILD) & single_parent & (o < WIDOWED_SHARE)
    orphan[widowed_kid & f["head_female"][fam]] = 1  # father deceased
    orphan[widowed_kid & ~f["head_female"][fam]] = 2  # mother deceased
    g = f["grandchild"]
    orphan[g & (o < 0.25)] = 3
    orphan[g & (o >= 0.25) & (o < 0.40)] = 1
    orphan[g & (o >= 0.40) & (o < 0.48)] = 2

    _tick("expenditure ranks")
    # 5. expenditure
    gk_u, gk_r = t.poverty_line_urban, t.poverty_line_rural
    gk = np.where(urban, gk_u, gk_r)
    logsize = portable.log(size)
    zsize = (logsize - logsize.mean()) / max(logsize.std(), 1e-9)
    latent = -SIZE_RHO * zsize + math.sqrt(1 - SIZE_RHO**2) * rng.standard_normal(families)
    person_w = weights * size
    order = np.lexsort((latent, cell))
    cw = np.cumsum(person_w[order])
    cell_sorted = cell[order]
    cell_total = np.bincount(cell, weights=person_w, minlength=2 * n_prov)
    cell_start = np.concatenate(([0.0], np.cumsum(cell_total)[:-1]))
    u = np.empty(families)
    u[order] = (cw - 0.5 * person_w[order] - cell_start[cell_sorted]) / cell_total[cell_sorted]
    p0_cell = _cell_poverty(t, cell_total.reshape(n_prov, 2))
    # Realised cut per cell: a whole number of families, rounded with error diffusion (urban
    # cells first, then rural) so national and area totals stay within half a family.
    cum_sorted = cw - cell_start[cell_sorted]  # persons up to and including each family
    bounds = np.concatenate(([0], np.cumsum(np.bincount(cell, minlength=2 * n_prov))))
    realised = np.zeros(2 * n_prov)
    for area in (0, 1):
        carry = 0.0
        for c in range(area, 2 * n_prov, 2):
            if cell_total[c] <= 0:
                continue
            cum = np.concatenate(([0.0], cum_sorted[bounds[c] : bounds[c + 1]]))
            want = p0_cell[c] * cell_total[c] + carry
            k = int(np.clip(np.searchsorted(cum, want), 1, len(cum) - 1))
            k = k if abs(cum[k] - want) < abs(cum[k - 1] - want) else k - 1
            realised[c] = cum[k] / cell_total[c]
            carry = want - cum[k]
    p0_fam = realised[cell]  # decides who is poor
    p0_target = p0_cell[cell]  # sets the scale (the two differ by less than one family)

    def expenditure(a_u: float, a_r: float, k: float, idx=slice(None)) -> np.ndarray:
        a = np.where(urban[idx], a_u, a_r)
        g = gk[idx]
        b = g / sm_quantile(p0_target[idx], a)
        y = np.clip(b * sm_quantile(u[idx], a), FLOOR_GK * g, CEILING_GK * g)
        return np.where(y < g, g * portable.power(y / g, 1 / k), y)

    _tick("expenditure shapes")
    # shapes tuned on a systematic subsample: a per area to its Gini, then k to the depth
    stride = max(1, families // 100_000)
    sub = np.arange(0, families, stride)
    sub_u, sub_r = sub[urban[sub]], sub[~urban[sub]]
    poor_sub = u[sub] < p0_fam[sub]

    def depth(y: np.ndarray) -> float:
        gap = np.clip(1 - y / gk[sub], 0, 1) * poor_sub
        return float(np.sum(person_w[sub] * gap) / np.sum(person_w[sub] * poor_sub))

    k = 1.0
    for _ in range(SHAPE_ROUNDS):
        a_u, a_r = (
            _tune(lambda a, k=k, i=i: gini(expenditure(a, a, k, i), person_w[i]), target, 1.2)
            for i, target in ((sub_u, t.gini_urban), (sub_r, t.gini_rural))
        )
        k = _tune(lambda x, u_=a_u, r_=a_r: depth(expenditure(u_, r_, x, sub)), t.poverty_gap_ratio)
    _tick("expenditure values")
    spend = np.rint(expenditure(a_u, a_r, k)).astype(np.int64)
    # Families exactly at the cut are poor by construction of the cell quantile: make the
    # comparison strict for rounding (poor = spend < line).
    poor = u < p0_fam
    line = np.ceil(gk).astype(np.int64)
    spend = np.where(poor, np.minimum(spend, line - 1), np.maximum(spend, line))

    _tick("registries")
    # 6. registries
    logy = portable.log(spend)
    sd_logy = math.sqrt(portable.weighted_variance(logy, person_w))
    noise = rng.standard_normal((2, families))
    score_dtsen = logy + sd_logy * math.sqrt(1 / PMT_CORRELATION_DTSEN**2 - 1) * noise[0]
    noise_dtks = (
        PMT_NOISE_CORRELATION * noise[0] + math.sqrt(1 - PMT_NOISE_CORRELATION**2) * noise[1]
    )
    score_dtks = logy + sd_logy * math.sqrt(1 / PMT_CORRELATION_DTKS**2 - 1) * noise_dtks
    in_dtsen = rng.random(families) >= NOT_IN_DTSEN
    desil = np.zeros(families, dtype=np.int64)
    idx = np.nonzero(in_dtsen)[0]
    o_ = idx[np.argsort(score_dtsen[idx], kind="stable")]
    c = np.cumsum(person_w[o_])
    mid = (c - 0.5 * person_w[o_]) / c[-1]
    desil[o_] = np.minimum(10, np.floor(mid * 10).astype(np.int64) + 1)
    o_ = np.argsort(score_dtks, kind="stable")
    c = np.cumsum(person_w[o_])
    dtks = np.zeros(families, dtype=bool)
    dtks[o_] = (c - 0.5 * person_w[o_]) < t.dtks_persons * scale

    _tick("nik")
    # NIK: Kemendagri province, regency, district, birth date (+40 women), serial
    kem = t.province_kemendagri[prov]
    kota = urban & (rng.random(families) < 0.5)
    regency = np.where(kota, rng.integers(71, 75, families), rng.integers(1, 21, families))
    district = rng.integers(1, 31, families)
    day = born.astype("datetime64[D]") - born.astype("datetime64[M]")
    day = day.astype(np.int64) + 1 + 40 * female
    month = born.astype("datetime64[M]").astype(np.int64) % 12 + 1
    yy = (born.astype("datetime64[Y]").astype(np.int64) + 1970) % 100
    prefix = (
        ((kem[fam] * 100 + regency[fam]) * 100 + district[fam]) * 1_000_000
        + day * 10_000
        + month * 100
        + yy
    )
    serial = 1 + chunk_index + n_chunks * ranks_within(prefix)
    if serial.max() > 9999:
        raise RuntimeError("NIK serial overflow: too many people share a NIK prefix")
    nik = prefix * 10_000 + serial

    _tick("tables")
    # tables
    id_keluarga = family_offset + np.arange(1, families + 1, dtype=np.int64)
    individu = pa.table(
        {
            "id_individu": pa.array(person_offset + np.arange(1, n_persons + 1, dtype=np.int64)),
            "id_keluarga": pa.array(id_keluarga[fam]),
            "peran": _labels(PERAN, role),
            "tanggal_lahir": pa.array(born.astype("datetime64[D]"), type=pa.date32()),
            "jenis_kelamin": _labels(SEX, female.astype(np.int8)),
            "nik": pa.array(nik).cast(pa.string()),
            "hamil": pa.array(hamil),
            "jenjang_pendidikan": _labels(JENJANG, level),
            "disabilitas_berat": pa.array(disab),
            "status_yatim_piatu": _labels(YATIM, orphan),
        }
    )
    keluarga = pa.table(
        {
            "id_keluarga": pa.array(id_keluarga),
            "bobot": pa.array(weights),
            "provinsi": _labels(t.province_code, prov),
            "perkotaan": pa.array(urban),
            "pengeluaran_per_kapita": pa.array(spend),
            "terdaftar_dtks": pa.array(dtks),
            "desil_dtsen": pa.array(desil),
        }
    )
    _tick("end")
    return Block(individu=individu, keluarga=keluarga)


def _cell_poverty(t: tg.YearTargets, cell_persons: np.ndarray) -> np.ndarray:
    """Poverty rate of each (province, area) cell: province rates split into urban and rural
    with one common urban/rural logit gap, chosen so the national urban rate is met."""
    pop_u, pop_r = cell_persons[:, 0], cell_persons[:, 1]
    prov_rate = t.province_poverty
    base = tg._logit(prov_rate)

    def split(theta):
        lo, hi = np.full(len(base), -15.0), np.full(len(base), 15.0)
        for _ in range(80):
            c = (lo + hi) / 2
            mix = (pop_u * tg._expit(c + theta / 2) + pop_r * tg._expit(c - theta / 2)) / (
                pop_u + pop_r
            )
            lo = np.where(mix < prov_rate, c, lo)
            hi = np.where(mix < prov_rate, hi, c)
        c = (lo + hi) / 2
        return tg._expit(c + theta / 2), tg._expit(c - theta / 2)

    lo_t, hi_t = -5.0, 5.0
    for _ in range(60):
        theta = (lo_t + hi_t) / 2
        ru, _ = split(theta)
        urban_rate = np.sum(ru * pop_u) / pop_u.sum()
        lo_t, hi_t = (theta, hi_t) if urban_rate < t.poverty_rate_urban else (lo_t, theta)
    ru, rr = split((lo_t + hi_t) / 2)
    return np.stack([ru, rr], axis=1).ravel()


def _tune(measure, target, lo: float = 0.05, hi: float = 40.0) -> float:
    """Geometric bisection on a Singh-Maddala shape parameter whose ``measure`` (Gini or
    depth of poverty) falls as the parameter grows, so that the measure equals ``target``."""
    for _ in range(20):
        x = math.sqrt(lo * hi)
        lo, hi = (x, hi) if measure(x) > target else (lo, x)
    return math.sqrt(lo * hi)
