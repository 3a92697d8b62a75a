"""Charts of a microsimulation result, as PNG bytes (matplotlib, no display needed)."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from openfisca_indonesia_sosial.law.wilayah import PROVINSI_BPS
from openfisca_indonesia_sosial.programs import BY_KEY

PALETTE = ["#1b6ca8", "#e07a1f", "#3a9d5d", "#b23a48", "#6c4f9c", "#8c8c8c"]


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.tight_layout()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    return buffer.getvalue()


def cost_by_program(programs: pd.DataFrame) -> bytes:
    pivot = programs.pivot(index="program", columns="scenario", values="cost_idr") / 1e12
    pivot = pivot.loc[[k for k in BY_KEY if k in pivot.index]]
    figure, axis = plt.subplots(figsize=(8, 4))
    width = 0.8 / max(len(pivot.columns), 1)
    x = np.arange(len(pivot.index))
    for i, scenario in enumerate(pivot.columns):
        axis.bar(x + i * width, pivot[scenario], width, label=scenario, color=PALETTE[i % 6])
    axis.set_xticks(x + width * (len(pivot.columns) - 1) / 2)
    axis.set_xticklabels([k.replace("_", " ").upper() for k in pivot.index])
    axis.set_ylabel("Rp triliun / trillion per year")
    axis.set_title("Biaya per program / cost by program")
    axis.legend()
    return _png(figure)


def gain_by_decile(winners_losers: pd.DataFrame) -> bytes:
    figure, axis = plt.subplots(figsize=(8, 4))
    if winners_losers.empty:
        axis.text(0.5, 0.5, "Tidak ada reformasi / no reform", ha="center", va="center")
        axis.axis("off")
        return _png(figure)
    scenarios = list(pd.unique(winners_losers["scenario"]))
    width = 0.8 / len(scenarios)
    for i, scenario in enumerate(scenarios):
        rows = winners_losers[winners_losers["scenario"] == scenario]
        axis.bar(
            rows["decile"] + (i - (len(scenarios) - 1) / 2) * width,
            rows["average_change_idr"] / 1000,
            width,
            label=scenario,
            color=PALETTE[(i + 1) % 6],
        )
    axis.axhline(0, color="black", linewidth=0.8)
    axis.set_xticks(range(1, 11))
    axis.set_xlabel("Desil pengeluaran per kapita (1 = termiskin) / expenditure decile")
    axis.set_ylabel("Rp ribu per keluarga per tahun")
    axis.set_title("Rata-rata perubahan bantuan / average change in transfers")
    axis.legend()
    return _png(figure)


def poverty_change_by_province(poverty: pd.DataFrame) -> bytes:
    base = poverty[poverty["scenario"] == "baseline"].set_index("provinsi")["headcount_rate"]
    figure, axis = plt.subplots(figsize=(8, 9))
    scenarios = [s for s in pd.unique(poverty["scenario"]) if s != "baseline"]
    if not scenarios:
        values = base.sort_values() * 100
        axis.barh([PROVINSI_BPS.get(p, p) for p in values.index], values, color=PALETTE[0])
        axis.set_xlabel("Tingkat kemiskinan (%) / poverty headcount")
        axis.set_title("Kemiskinan per provinsi / poverty by province")
        return _png(figure)
    height = 0.8 / len(scenarios)
    order = base.sort_values().index
    y = np.arange(len(order))
    for i, scenario in enumerate(scenarios):
        rows = poverty[poverty["scenario"] == scenario].set_index("provinsi")["headcount_rate"]
        change = (rows.reindex(order) - base.reindex(order)) * 100
        axis.barh(y + i * height, change, height, label=scenario, color=PALETTE[(i + 1) % 6])
    axis.set_yticks(y + height * (len(scenarios) - 1) / 2)
    axis.set_yticklabels([PROVINSI_BPS.get(p, p) for p in order], fontsize=7)
    axis.axvline(0, color="black", linewidth=0.8)
    axis.set_xlabel("Perubahan tingkat kemiskinan (poin persen) / change in headcount (pp)")
    axis.set_title("Perubahan kemiskinan per provinsi / poverty change by province")
    axis.legend()
    return _png(figure)


def targeting_errors(targeting: pd.DataFrame) -> bytes:
    rows = targeting[targeting["scenario"] == targeting["scenario"].iloc[0]]
    figure, axis = plt.subplots(figsize=(8, 4))
    x = np.arange(len(rows))
    axis.bar(x - 0.2, rows["inclusion_error"] * 100, 0.4, label="inclusion", color=PALETTE[1])
    axis.bar(x + 0.2, rows["exclusion_error"] * 100, 0.4, label="exclusion", color=PALETTE[3])
    axis.set_xticks(x)
    axis.set_xticklabels([k.replace("_", " ").upper() for k in rows["program"]])
    axis.set_ylabel("%")
    axis.set_title("Kesalahan sasaran (baseline) / targeting errors")
    axis.legend()
    return _png(figure)
