"""The breakdown tables of a run (province, registry decile, expenditure decile, area,
winners and losers, targeting, poverty by province) from its merged sums, with 95 %
intervals (``*_ci95_low`` / ``*_ci95_high``, when the run has replicates) and the number of
sample families behind each cell. :data:`DEFINITIONS` says what each table counts.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.metrics.exact import to_float, to_rupiah
from openfisca_indonesia_sosial.metrics.partial import DECILES, GROUP_TABLES, TARGET_BAND_SOURCE
from openfisca_indonesia_sosial.metrics.payment_months import payment_months
from openfisca_indonesia_sosial.metrics.replicates import interval
from openfisca_indonesia_sosial.programs import PROGRAMS
from openfisca_indonesia_sosial.simulation.parameters import parameter_at

#: Unit of a program's recipients: KK (Kartu Keluarga, a family) or jiwa (a person).
UNIT = {"keluarga": "KK", "individu": "jiwa"}

_RECIPIENTS = (
    "recipients: average over the program's payment months of the units (recipient_unit) "
    "paid more than Rp 0 that month (as the ministry reports KPM); recipients_year: units "
    "paid more than Rp 0 at least once in the year; cost_idr: rupiah paid in the year"
)
_SAMPLE_FAMILIES = "sample_families: sample families in the cell"
_SAMPLE = f"{_SAMPLE_FAMILIES}; sample_recipients: those paid in the year"
_CI = "*_ci95_low/high: 95 % interval (replicate weights, docs/guides/uncertainty.md)"
#: What each table counts, by table (also written as definitions.csv beside the CSV tables).
DEFINITIONS = {
    "programs": (
        "recipients: average over the program's payment months of the units (recipient_unit: "
        "KK or jiwa) paid more than Rp 0 that month; recipients_year: paid more than Rp 0 at "
        "least once in the year; peak_month_recipients: the largest month; payment_months: "
        f"the months in which the program pays under the rules. {_CI}"
    ),
    **{
        table: f"{_RECIPIENTS}; grouped by {column}. {_SAMPLE}. {_CI}"
        for table, column in GROUP_TABLES
    },
    "winners_losers": (
        "shares of families (KK, weighted) in each expenditure decile whose yearly "
        "consumption transfers rise, fall or stay the same under the reform; "
        f"average_change_idr: the average yearly change per family. {_SAMPLE_FAMILIES}. {_CI}"
    ),
    "targeting": (
        "families (KK) on the headline definition: recipients = average over the payment "
        "months of families with a unit paid that month; inclusion_error: share of those "
        "family-months outside the target band (target_deciles: poorest deciles of "
        "per-capita expenditure); exclusion_error: share of the band's family-months not "
        f"paid. {_CI}"
    ),
    "poverty_by_province": (
        f"headcount_rate: share of persons (jiwa) below the poverty line. {_SAMPLE_FAMILIES}. {_CI}"
    ),
}


def _labels(sums, prefix) -> list:
    n = len(prefix)
    return sorted({key[n] for key in sums if key[:n] == prefix})


def _with_ci(row: dict, field: str, point, vector, money=False, share=False) -> None:
    """Put ``field`` and, when replicates exist, its interval bounds into ``row``
    (``share``: a share, within [0, 1]; else a count or rupiah, at least 0)."""
    row[field] = point
    if vector is None:
        return
    low, high = interval(
        point,
        vector,
        floor=None if field.startswith("average_change") else 0.0,
        ceiling=1.0 if share else None,
    )
    if money:
        low, high = round(low), round(high)
    row[f"{field}_ci95_low"], row[f"{field}_ci95_high"] = low, high


def _share(numerator, denominator) -> float:
    return float(numerator / denominator) if denominator else 0.0


def _shares(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    out = np.zeros_like(numerator, dtype=np.float64)
    np.divide(numerator, denominator, out=out, where=denominator > 0)
    return out


def tables(year, names, systems, sums, rep) -> dict[str, pd.DataFrame]:
    out = {table: _group_table(year, names, systems, sums, rep, c) for table, c in GROUP_TABLES}
    out["winners_losers"] = _winners(names, sums, rep)
    out["targeting"] = _targeting(year, names, systems, sums, rep)
    out["poverty_by_province"] = _poverty(names, sums, rep)
    return out


def _group_table(year, names, systems, sums, rep, column) -> pd.DataFrame:
    rows = []
    for name in names:
        for program in PROGRAMS:
            key = program.key
            months = len(payment_months(systems[name], key, year)) or 1
            prefix = ("group_recipients", column, name, key)
            for label in _labels(sums, prefix):
                province = label if column == "provinsi" else None
                row = {
                    "scenario": name,
                    "program": key,
                    column: label,
                    "recipient_unit": UNIT[program.unit],
                }
                keys = {
                    "recipients": ("group_recipients_avg", column, name, key, label),
                    "recipients_year": (*prefix, label),
                    "cost_idr": ("group_cost", column, name, key, label),
                }
                average = to_float(sums[keys["recipients"]]) / months
                vectors = dict.fromkeys(keys)
                if rep.n:
                    vectors = {
                        "recipients": rep.count(keys["recipients"], province) / months,
                        "recipients_year": rep.count(keys["recipients_year"], province),
                        "cost_idr": rep.money(keys["cost_idr"], province),
                    }
                _with_ci(row, "recipients", average, vectors["recipients"])
                year_count = to_float(sums[keys["recipients_year"]])
                _with_ci(row, "recipients_year", year_count, vectors["recipients_year"])
                cost = to_rupiah(sums[keys["cost_idr"]])
                _with_ci(row, "cost_idr", cost, vectors["cost_idr"], money=True)
                row["sample_families"] = int(sums[("group_sample", column, label)])
                row["sample_recipients"] = int(
                    sums[("group_sample_recipients", column, name, key, label)]
                )
                rows.append(row)
    return pd.DataFrame(rows).sort_values(["scenario", "program", column]).reset_index(drop=True)


def _winners(names, sums, rep) -> pd.DataFrame:
    rows = []
    for name in names[1:]:
        for decile in DECILES:
            total = to_float(sums.get(("winners", name, "total", decile), 0))
            row = {"scenario": name, "decile": decile}
            rep_total = rep.count(("winners", name, "total", decile)) if rep.n else None
            for kind, field in (
                ("gain", "share_gaining"),
                ("loss", "share_losing"),
                ("same", "share_unchanged"),
            ):
                point = _share(to_float(sums.get(("winners", name, kind, decile), 0)), total)
                vector = None
                if rep.n:
                    vector = _shares(rep.count(("winners", name, kind, decile)), rep_total)
                _with_ci(row, field, point, vector, share=True)
            change = to_rupiah(sums.get(("winners", name, "change", decile), 0))
            vector = None
            if rep.n:
                vector = _shares(rep.money(("winners", name, "change", decile)), rep_total)
            _with_ci(row, "average_change_idr", change / total if total else 0.0, vector)
            row["sample_families"] = int(
                sums.get(("group_sample", "expenditure_decile", decile), 0)
            )
            rows.append(row)
    return pd.DataFrame(rows)


def _targeting(year, names, systems, sums, rep) -> pd.DataFrame:
    rows = []
    instant = f"{max(year, 2025)}-04-01"
    for name in names:
        for program in PROGRAMS:
            key = ("targeting", name, program.key)
            band_program = TARGET_BAND_SOURCE.get(program.key, program.key)
            band = parameter_at(systems[name], f"registri.desil_maksimum.{band_program}", instant)
            if band is None:
                continue
            months = len(payment_months(systems[name], program.key, year)) or 1
            recipients = to_float(sums.get((*key, "recipients"), 0))
            targeted = to_float(sums.get((*key, "targeted"), 0))
            row = {
                "scenario": name,
                "program": program.key,
                "target_deciles": int(band),
                "recipient_unit": "KK",
                "recipients": recipients / months,
                "targeted": targeted,
            }
            vectors = {"inclusion_error": None, "exclusion_error": None}
            if rep.n:
                vectors = {
                    "inclusion_error": _shares(
                        rep.count((*key, "inclusion")), rep.count((*key, "recipients"))
                    ),
                    "exclusion_error": _shares(
                        rep.count((*key, "exclusion")), months * rep.count((*key, "targeted"))
                    ),
                }
            inclusion = _share(to_float(sums.get((*key, "inclusion"), 0)), recipients)
            exclusion = _share(to_float(sums.get((*key, "exclusion"), 0)), months * targeted)
            _with_ci(row, "inclusion_error", inclusion, vectors["inclusion_error"], share=True)
            _with_ci(row, "exclusion_error", exclusion, vectors["exclusion_error"], share=True)
            rows.append(row)
    return pd.DataFrame(rows)


def _poverty(names, sums, rep) -> pd.DataFrame:
    rows = []
    for name in names:
        for label in _labels(sums, ("province_poor", name)):
            persons = to_float(sums[("province_persons", label)])
            point = (
                float(to_float(sums[("province_poor", name, label)]) / persons)
                if persons
                else float("nan")
            )
            row = {"scenario": name, "provinsi": label}
            vector = None
            if rep.n:
                vector = _shares(
                    rep.raw(("province_poor", name, label)), rep.raw(("province_persons", label))
                )
            _with_ci(row, "headcount_rate", point, vector, share=True)
            row["persons"] = persons
            row["sample_families"] = int(sums.get(("group_sample", "provinsi", label), 0))
            rows.append(row)
    return pd.DataFrame(rows).sort_values(["scenario", "provinsi"]).reset_index(drop=True)
