"""Reading a run's summary (the ``--json`` document) for the reports.

The reports show a figure's 95 % interval (``<key>_ci95``) and a reform's ``difference``
block when the summary has them, and still work on a summary without them: a difference is
then reform minus baseline, without interval.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from openfisca_indonesia_sosial.report import labels

BASELINE = "baseline"
#: Cells resting on fewer sample families than this are flagged, not printed as a figure.
FEW_SAMPLE_FAMILIES = 30
#: Columns a breakdown table may carry with the number of sample families behind a cell.
SAMPLE_COLUMNS = ("sample_families", "sample_count", "sample_size", "n_sample")
POVERTY_KEYS = ("headcount_rate", "poverty_gap_index", "poverty_severity_index", "gini")


@dataclass(frozen=True)
class Count:
    """A program's recipients in one scenario."""

    value: float
    unit: str  # "KK" or "jiwa"
    ci95: tuple[float, float] | None
    year: float | None  # paid at least once in the year, when the summary has it apart
    peak: float | None


def interval(values: dict, key: str) -> tuple[float, float] | None:
    """The ``[low, high]`` 95 % interval of ``values[key]``: ``<key>_ci95`` (a pair), or the
    columns ``<key>_ci95_low`` / ``<key>_ci95_high`` of a table row; None when absent."""
    pair = values.get(f"{key}_ci95")
    if pair is None and f"{key}_ci95_low" in values:
        pair = (values[f"{key}_ci95_low"], values.get(f"{key}_ci95_high"))
    if pair is None or len(pair) != 2 or any(_missing(v) for v in pair):
        return None
    return float(pair[0]), float(pair[1])


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))


def sample_size(row: dict) -> int | None:
    """Sample families behind a table cell, when the table says."""
    for column in SAMPLE_COLUMNS:
        value = row.get(column)
        if not _missing(value):
            return int(value)
    return None


def too_few(row: dict) -> bool:
    size = sample_size(row)
    return size is not None and size < FEW_SAMPLE_FAMILIES


def count_key(program: dict) -> str:
    return "recipient_families" if "recipient_families" in program else "recipient_persons"


def count(program: dict) -> Count:
    key = count_key(program)
    return Count(
        value=float(program[key]),
        unit="KK" if key == "recipient_families" else "jiwa",
        ci95=interval(program, key),
        year=program.get(f"{key}_year"),
        peak=program.get(f"peak_month_{key}"),
    )


def monthly_average_counts(summary: dict) -> bool:
    """Whether the headline counts follow the KPM definition (average over payment months):
    such a summary carries the yearly count apart (``recipient_*_year``)."""
    base = summary["scenarios"][BASELINE]["programs"]
    return any(f"{count_key(p)}_year" in p for p in base.values())


def has_intervals(summary: dict) -> bool:
    base = summary["scenarios"][BASELINE]
    return any("cost_idr_ci95" in p for p in base["programs"].values()) or any(
        key.endswith("_ci95") for key in base.get("poverty", {})
    )


def visible_programs(summary: dict) -> list[str]:
    """Programs in registry order, without those that pay nobody in every scenario (the
    structural-reform slot under current law)."""
    keys = list(summary["scenarios"][BASELINE]["programs"])
    order = [k for k in labels.program_order() if k in keys]
    order += [k for k in keys if k not in order]
    shown = []
    for key in order:
        programs = [
            f["programs"][key] for f in summary["scenarios"].values() if key in f["programs"]
        ]
        if any(p.get("cost_idr") or p.get(count_key(p)) for p in programs):
            shown.append(key)
    return shown


def reforms(summary: dict) -> list[str]:
    return [name for name in summary["scenarios"] if name != BASELINE]


def scenario_label(summary: dict, name: str) -> str:
    """``name — label`` (the label alone for the baseline)."""
    label = summary["scenarios"][name].get("label") or ""
    if name == BASELINE:
        return label or "Kebijakan berlaku (baseline)"
    return f"{name} — {label}" if label and label != name else name


def difference(summary: dict, name: str) -> dict:
    """Reform minus baseline: the summary's ``difference`` block (with paired intervals) when
    present, else computed here from the levels (no interval)."""
    given = summary["scenarios"][name].get("difference")
    if given:
        return given
    base = summary["scenarios"][BASELINE]
    reform = summary["scenarios"][name]
    programs = {}
    for key, figures in reform["programs"].items():
        before = base["programs"][key]
        counted = count_key(figures)
        programs[key] = {
            "cost_idr": figures["cost_idr"] - before["cost_idr"],
            counted: figures[counted] - before[counted],
        }
    poverty = {
        key: reform["poverty"][key] - base["poverty"][key]
        for key in POVERTY_KEYS
        if key in reform["poverty"] and key in base["poverty"]
    }
    return {
        "programs": programs,
        "poverty": poverty,
        "total_cost_idr": reform["total_cost_idr"] - base["total_cost_idr"],
    }


def total_difference(summary: dict, name: str) -> tuple[float, tuple[float, float] | None]:
    """The reform's change in total cost, with its interval when the summary has one."""
    block = difference(summary, name)
    if "total_cost_idr" in block:
        return float(block["total_cost_idr"]), interval(block, "total_cost_idr")
    total = sum(p.get("cost_idr", 0) for p in block.get("programs", {}).values())
    return float(total), None


def rows(summary: dict, table: str) -> list[dict]:
    return list(summary.get("tables", {}).get(table, []))
