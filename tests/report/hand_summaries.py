"""Summaries written by hand, in the ``--json`` shape, with and without the interval keys.

The figures are round numbers chosen here (not a run's output), so each expected text in
the tests can be worked out by eye: Sembako rises from Rp 43.92 T to Rp 65.88 T (+21.96 T).
"""

from __future__ import annotations

import copy

LONG_REFORM = "sembako_300rb_dengan_nama_yang_panjang_sekali"
LONG_LABEL = "Sembako Rp300.000 per bulan untuk semua KPM mulai Januari, tanpa perubahan kuota"
T = 10**12

BASE_PROGRAMS = {
    "pkh": ("recipient_families", 10_000_000, 28 * T),
    "sembako": ("recipient_families", 18_300_000, 43_920_000_000_000),
    "bantuan_tambahan": ("recipient_families", 20_000_000, 10 * T),
    "program_baru": ("recipient_families", 0, 0),
    "pbi_jk": ("recipient_persons", 96_800_000, 48_787_200_000_000),
    "atensi": ("recipient_persons", 1_000_000, 2 * T),
}
POVERTY = {
    "baseline": {
        "headcount_rate": 0.0847,
        "poverty_gap_index": 0.01633,
        "poverty_severity_index": 0.00516,
        "gini": 0.3826,
    },
    LONG_REFORM: {
        "headcount_rate": 0.0772,
        "poverty_gap_index": 0.01402,
        "poverty_severity_index": 0.00422,
        "gini": 0.3792,
    },
}
PROVINCES = {  # code: (baseline P0, reform P0, sample families)
    "31": (0.040, 0.038, 1000),
    "94": (0.260, 0.230, 400),
    "65": (0.060, 0.060, 12),
}


def _programs(sembako_cost: int) -> dict:
    programs = {}
    for key, (count_key, count, cost) in BASE_PROGRAMS.items():
        cost = sembako_cost if key == "sembako" else cost
        programs[key] = {count_key: float(count), f"peak_month_{count_key}": float(count)}
        programs[key]["cost_idr"] = cost
    return programs


def _targeting(scenario: str) -> list[dict]:
    rows = []
    for key, band, inclusion, exclusion in (
        ("pkh", 4, 0.19, 0.73),
        ("sembako", 4, 0.26, 0.54),
        ("bantuan_tambahan", 4, 0.35, 0.33),
        ("pbi_jk", 5, 0.26, 0.37),
        ("atensi", 5, 0.26, 0.958),
    ):
        rows.append(
            {
                "scenario": scenario,
                "program": key,
                "target_deciles": band,
                "inclusion_error": inclusion,
                "exclusion_error": exclusion,
            }
        )
    return rows


def hand_summary() -> dict:
    scenarios = {}
    for name, label, sembako in (
        ("baseline", "Kebijakan berlaku (baseline)", 43_920_000_000_000),
        (LONG_REFORM, LONG_LABEL, 65_880_000_000_000),
    ):
        programs = _programs(sembako)
        scenarios[name] = {
            "label": label,
            "programs": programs,
            "poverty": dict(POVERTY[name]),
            "total_cost_idr": sum(p["cost_idr"] for p in programs.values()),
        }
    province_rows = []
    for code, (before, after, _) in PROVINCES.items():
        for name, rate in (("baseline", before), (LONG_REFORM, after)):
            province_rows.append(
                {"scenario": name, "provinsi": code, "headcount_rate": rate, "persons": 1e6}
            )
    winners = [
        {
            "scenario": LONG_REFORM,
            "decile": decile,
            "share_gaining": 0.5,
            "share_losing": 0.0,
            "share_unchanged": 0.5,
            "average_change_idr": 100_000.0 * (11 - decile),
        }
        for decile in range(1, 11)
    ]
    return {
        "year": 2025,
        "population": {
            "families": 93_450_000.0,
            "persons": 284_440_000.0,
            "sample_families": 100_000,
            "sample_persons": 300_431,
        },
        "mode": "quotas_and_take_up",
        "scenarios": scenarios,
        "tables": {
            "targeting": _targeting("baseline") + _targeting(LONG_REFORM),
            "poverty_by_province": province_rows,
            "winners_losers": winners,
        },
    }


def add_intervals(summary: dict) -> dict:
    """The keys the contract adds: the KPM definition's yearly count beside the headline,
    ``*_ci95`` on every estimate (here ±2 % of counts, ±3 % of costs), a ``difference`` block
    with paired intervals, interval and sample columns in the tables."""
    summary = copy.deepcopy(summary)
    for scenario in summary["scenarios"].values():
        for program in scenario["programs"].values():
            key = next(k for k in program if k.startswith("recipient_"))
            program[f"{key}_year"] = program[key] * 1.1
            program[f"{key}_ci95"] = [program[key] * 0.98, program[key] * 1.02]
            program["cost_idr_ci95"] = [program["cost_idr"] * 0.97, program["cost_idr"] * 1.03]
        for key, value in list(scenario["poverty"].items()):
            scenario["poverty"][f"{key}_ci95"] = [value - 0.002, value + 0.002]
    zero = {"cost_idr": 0, "cost_idr_ci95": [0, 0]}
    programs = {key: dict(zero) for key in BASE_PROGRAMS}
    for key, (count_key, _, _) in BASE_PROGRAMS.items():
        programs[key] |= {count_key: 0.0, f"{count_key}_ci95": [0.0, 0.0]}
    programs["sembako"] |= {"cost_idr": 21_960_000_000_000, "cost_idr_ci95": [21.5 * T, 22.4 * T]}
    programs["sembako"] |= {"recipient_families": 0.0, "recipient_families_ci95": [-5e4, 6e4]}
    summary["scenarios"][LONG_REFORM]["difference"] = {
        "programs": programs,
        "poverty": {
            "headcount_rate": -0.0075,
            "headcount_rate_ci95": [-0.0081, -0.0069],
            "poverty_gap_index": -0.00231,
            "poverty_gap_index_ci95": [-0.0025, -0.0021],
        },
        "total_cost_idr": 21_960_000_000_000,
        "total_cost_idr_ci95": [21.5 * T, 22.4 * T],
    }
    for row in summary["tables"]["poverty_by_province"]:
        before, after, sample = PROVINCES[row["provinsi"]]
        row["sample_families"] = sample
        if row["scenario"] != "baseline":
            row["headcount_rate_difference"] = after - before
            row["headcount_rate_difference_ci95"] = [after - before - 0.01, after - before + 0.01]
    return summary
