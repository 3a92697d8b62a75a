"""Interactive charts of a run (Plotly figures): hover values, intervals as error bars.

Each function takes the summary (the ``--json`` document) and returns a
``plotly.graph_objects.Figure``; :mod:`.html` embeds them in one offline file.
"""

from __future__ import annotations

import plotly.graph_objects as go

from openfisca_indonesia_sosial.law.wilayah import PROVINSI_BPS
from openfisca_indonesia_sosial.report import figures, labels
from openfisca_indonesia_sosial.report.numbers import TRILLION

PALETTE = ["#1b6ca8", "#e07a1f", "#3a9d5d", "#b23a48", "#6c4f9c", "#8c8c8c"]
FEW_COLOR = "#c8c8c8"
FONT = "system-ui, sans-serif"


def _layout(figure: go.Figure, title: tuple[str, str], height: int = 420, **axes) -> go.Figure:
    """Common look. ``title`` (Indonesian, English) is kept in the layout's ``meta``: the
    page sets it above the chart as text (Plotly's own two-line titles clip)."""
    figure.update_layout(
        meta={"title": list(title)},
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        showlegend=True,
        font={"family": FONT, "size": 12},
        plot_bgcolor="white",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.01, "x": 0},
        hoverlabel={"align": "left"},
        barmode="group",
        **axes,
    )
    figure.update_xaxes(automargin=True, gridcolor="#eee", zerolinecolor="#444")
    figure.update_yaxes(automargin=True, gridcolor="#eee", zerolinecolor="#444")
    return figure


def _error(values: list[float], intervals: list, scale: float) -> dict | None:
    """Plotly error bars from ``[low, high]`` intervals (None where a value has none)."""
    if not any(intervals):
        return None
    plus = [(ci[1] - v) / scale if ci else 0 for v, ci in zip(values, intervals, strict=True)]
    minus = [(v - ci[0]) / scale if ci else 0 for v, ci in zip(values, intervals, strict=True)]
    return {"type": "data", "symmetric": False, "array": plus, "arrayminus": minus}


def _ci_text(ci, scale: float, digits: int = 2, unit: str = "") -> str:
    if not ci:
        return ""
    return f"<br>95 %: [{ci[0] / scale:,.{digits}f}; {ci[1] / scale:,.{digits}f}]{unit}"


def cost_by_program(summary: dict, shown: list[str]) -> go.Figure:
    figure = go.Figure()
    for index, (name, scenario) in enumerate(summary["scenarios"].items()):
        programs = [scenario["programs"][key] for key in shown]
        values = [p["cost_idr"] for p in programs]
        intervals = [figures.interval(p, "cost_idr") for p in programs]
        hover = [
            f"<b>{labels.label(key)}</b><br>{name}: Rp {v / TRILLION:,.2f} T"
            + _ci_text(ci, TRILLION, unit=" T")
            for key, v, ci in zip(shown, values, intervals, strict=True)
        ]
        figure.add_bar(
            x=[labels.short(key) for key in shown],
            y=[v / TRILLION for v in values],
            name=name,
            marker_color=PALETTE[index % len(PALETTE)],
            error_y=_error(values, intervals, TRILLION),
            hovertext=hover,
            hoverinfo="text",
        )
    return _layout(
        figure,
        ("Biaya per program, Rp triliun per tahun", "Cost by program, Rp trillion per year"),
        yaxis_title="Rp T / tahun",
    )


def _province_name(code) -> str:
    return PROVINSI_BPS.get(str(code), str(code))


def province_poverty(summary: dict) -> go.Figure:
    """Poverty by province, sorted: each reform's change in the headcount (pp) when the run
    has reforms, else the baseline's headcount. Cells on too few sample families are grey."""
    rows = figures.rows(summary, "poverty_by_province")
    reforms = figures.reforms(summary)
    base = {r["provinsi"]: r for r in rows if r["scenario"] == figures.BASELINE}
    figure = go.Figure()
    if not reforms:
        order = sorted(base, key=lambda p: -base[p]["headcount_rate"])  # poorest on top
        _province_trace(figure, order, [base[p] for p in order], None, "baseline", 0)
        title = ("Tingkat kemiskinan per provinsi (%)", "Poverty headcount by province (%)")
        return _layout(figure, title, height=max(420, 22 * len(order) + 120), xaxis_title="%")
    first = {r["provinsi"]: r for r in rows if r["scenario"] == reforms[0]}
    # largest fall in poverty at the top
    order = sorted(base, key=lambda p: _change(first.get(p), base[p])[0])
    for index, name in enumerate(reforms, start=1):
        these = {r["provinsi"]: r for r in rows if r["scenario"] == name}
        _province_trace(figure, order, [these.get(p) for p in order], base, name, index)
    title = (
        "Perubahan tingkat kemiskinan per provinsi (poin persen), penurunan terbesar di atas",
        "Change in the poverty headcount by province (percentage points), largest fall on top",
    )
    return _layout(
        figure,
        title,
        height=max(420, 22 * len(order) * max(1, len(reforms)) ** 0.5 + 140),
        xaxis_title="pp",
    )


def _change(row: dict | None, base_row: dict) -> tuple[float, tuple[float, float] | None]:
    """A reform's change in a province's headcount rate, and its paired interval if given."""
    if row is None:
        return 0.0, None
    if "headcount_rate_difference" in row:
        return row["headcount_rate_difference"], figures.interval(row, "headcount_rate_difference")
    return row["headcount_rate"] - base_row["headcount_rate"], None


def _levels(base_row: dict, row: dict | None) -> str:
    """Hover lines: the province's headcount in the baseline and the reform, with intervals."""
    text = ""
    for name, values in (("baseline", base_row), ("reformasi / reform", row)):
        if values is None:
            continue
        rate = values["headcount_rate"]
        text += f"<br>P0 {name}: {rate * 100:.2f} %"
        text += _ci_text(figures.interval(values, "headcount_rate"), 0.01, unit=" %").replace(
            "<br>", " "
        )
    return text


def province_difference_intervals(summary: dict) -> bool:
    """Whether the province table gives each reform's change with a paired interval."""
    return any(
        figures.interval(row, "headcount_rate_difference") is not None
        for row in figures.rows(summary, "poverty_by_province")
    )


def _province_trace(figure, order, rows, base, name, index) -> None:
    values, intervals, hover, colors, marks = [], [], [], [], []
    color = PALETTE[index % len(PALETTE)]
    for province, row in zip(order, rows, strict=True):
        if base is None:
            value, ci = row["headcount_rate"], figures.interval(row, "headcount_rate")
        else:
            value, ci = _change(row, base[province])
        few = row is not None and figures.too_few(row)
        values.append(value * 100)
        intervals.append(ci)
        sample = figures.sample_size(row) if row else None
        text = f"<b>{_province_name(province)}</b><br>{name}: {value * 100:+.2f}"
        text = text if base is not None else text.replace("+", "")
        text += " pp" if base is not None else " %"
        text += _ci_text(ci, 0.01, unit=" pp" if base is not None else " %")
        if base is not None:
            text += _levels(base[province], row)
        if sample is not None:
            text += f"<br>sampel / sample: {sample:,} KK"
        if few:
            text += "<br><i>sampel terlalu kecil / too few sample families</i>"
        hover.append(text)
        colors.append(FEW_COLOR if few else color)
        # a bar of about zero would not show its grey: say it in words beside it
        marks.append(f"sampel < {figures.FEW_SAMPLE_FAMILIES} KK" if few else "")
    figure.add_bar(
        y=[_province_name(p) for p in order],
        x=values,
        orientation="h",
        name=name,
        marker_color=colors,
        text=marks,
        textposition="outside",
        cliponaxis=False,
        error_x=_error(values, [(c[0] * 100, c[1] * 100) if c else None for c in intervals], 1),
        hovertext=hover,
        hoverinfo="text",
    )
    figure.update_yaxes(autorange="reversed", tickfont={"size": 11})


def gain_by_decile(summary: dict) -> go.Figure | None:
    rows = figures.rows(summary, "winners_losers")
    if not rows:
        return None
    figure = go.Figure()
    for index, name in enumerate(figures.reforms(summary), start=1):
        these = sorted((r for r in rows if r["scenario"] == name), key=lambda r: r["decile"])
        values = [r["average_change_idr"] for r in these]
        intervals = [figures.interval(r, "average_change_idr") for r in these]
        hover = [
            f"<b>Desil / decile {r['decile']}</b><br>{name}: Rp {v:+,.0f} per KK per tahun"
            + _ci_text(ci, 1, 0)
            + f"<br>untung / gaining {r['share_gaining'] * 100:.1f} %, rugi / losing "
            f"{r['share_losing'] * 100:.1f} %"
            for r, v, ci in zip(these, values, intervals, strict=True)
        ]
        figure.add_bar(
            x=[r["decile"] for r in these],
            y=[v / 1000 for v in values],
            name=name,
            marker_color=PALETTE[index % len(PALETTE)],
            error_y=_error(values, intervals, 1000),
            hovertext=hover,
            hoverinfo="text",
        )
    figure.update_xaxes(tickmode="linear", dtick=1)
    return _layout(
        figure,
        (
            "Rata-rata perubahan bantuan per keluarga, menurut desil pengeluaran",
            "Average change in transfers per family, by expenditure decile",
        ),
        xaxis_title="Desil pengeluaran per kapita (1 = termiskin) / expenditure decile "
        "(1 = poorest)",
        yaxis_title="Rp ribu / thousand per tahun",
    )


def targeting_errors(summary: dict, shown: list[str]) -> go.Figure | None:
    rows = [
        r
        for r in figures.rows(summary, "targeting")
        if r["scenario"] == figures.BASELINE and r["program"] in shown
    ]
    if not rows:
        return None
    figure = go.Figure()
    for column, name, color in (
        ("inclusion_error", "inklusi / inclusion", PALETTE[1]),
        ("exclusion_error", "eksklusi / exclusion", PALETTE[3]),
    ):
        values = [r[column] * 100 for r in rows]
        intervals = [figures.interval(r, column) for r in rows]
        figure.add_bar(
            x=[labels.short(r["program"]) for r in rows],
            y=values,
            name=f"kesalahan {name} error",
            marker_color=color,
            error_y=_error(values, [(c[0] * 100, c[1] * 100) if c else None for c in intervals], 1),
            hovertext=[
                f"<b>{labels.label(r['program'])}</b><br>{name}: {v:.1f} %"
                + _ci_text(ci, 0.01, 1, " %")
                + f"<br>pembanding / yardstick: desil 1–{r['target_deciles']}"
                for r, v, ci in zip(rows, values, intervals, strict=True)
            ],
            hoverinfo="text",
        )
    return _layout(
        figure,
        ("Kesalahan sasaran (baseline), %", "Targeting errors (baseline), %"),
        yaxis_title="%",
        yaxis_range=[0, 100],
    )
