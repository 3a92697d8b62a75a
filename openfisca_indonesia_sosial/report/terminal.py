"""The summary printed by `bansos simulate`: readable in an 80-column terminal.

One block per scenario: the baseline's levels, then each reform's changes (with their 95 %
intervals on a second line when the run has them). Program names are the short names the
ministry uses and never wrap; a reform's name and label are printed in full above its block.
"""

from __future__ import annotations

from rich import box
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from openfisca_indonesia_sosial.report import figures, labels
from openfisca_indonesia_sosial.report.numbers import (
    TRILLION,
    bracket,
    informative,
    millions,
    signed,
)

POVERTY_ROWS = (
    ("headcount_rate", "P0 kemiskinan / headcount", 100, 2, "%"),
    ("poverty_gap_index", "P1 kedalaman / gap", 100, 3, "%"),
    ("poverty_severity_index", "P2 keparahan / severity", 100, 3, "%"),
    ("gini", "Gini", 1, 4, ""),
)
MODES = {
    "quotas_and_take_up": "kuota dan penyerapan / quotas and take-up",
    "full_entitlement": "hak penuh / full entitlement",
}


def _table(title: str | None = None) -> Table:
    return Table(
        title=title,
        title_justify="left",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
        show_edge=False,
    )


def _count(value: float, unit: str) -> str:
    return millions(value, unit)


def _with_ci(text: str, ci95, scale: float, digits: int, sign: bool) -> str:
    if not informative(ci95):
        return text
    return f"{text}\n[dim]{bracket(ci95[0] / scale, ci95[1] / scale, digits, sign)}[/dim]"


def _baseline(console: Console, summary: dict, shown: list[str], monthly: bool) -> None:
    base = summary["scenarios"][figures.BASELINE]
    console.print(
        f"\n[bold]Baseline[/bold]: {escape(figures.scenario_label(summary, figures.BASELINE))}",
        soft_wrap=False,
    )
    table = _table()
    table.add_column("Program", no_wrap=True)
    table.add_column("Penerima\nrecipients", justify="right", no_wrap=True)
    if monthly:
        table.add_column("Setahun\nyear", justify="right", no_wrap=True)
    table.add_column("Puncak\npeak", justify="right", no_wrap=True)
    table.add_column("Biaya T\ncost", justify="right", no_wrap=True)
    for key in shown:
        program = base["programs"][key]
        count = figures.count(program)
        row = [labels.short(key), _count(count.value, count.unit)]
        if monthly:
            row.append(_count(count.year, count.unit) if count.year is not None else "—")
        row.append(_count(count.peak, count.unit) if count.peak is not None else "—")
        row.append(f"{program['cost_idr'] / TRILLION:,.2f}")
        table.add_row(*row)
    total = f"[bold]{base['total_cost_idr'] / TRILLION:,.2f}[/bold]"
    table.add_row("[bold]Total[/bold]", *[""] * (3 if monthly else 2), total)
    console.print(table)
    poverty = _table()
    poverty.add_column("Kemiskinan / poverty", no_wrap=True)
    poverty.add_column("Baseline", justify="right", no_wrap=True)
    for key, name, scale, digits, unit in POVERTY_ROWS:
        if key in base["poverty"]:
            value = base["poverty"][key]
            text = f"{value * scale:.{digits}f}{unit}"
            ci95 = figures.interval(base["poverty"], key)
            poverty.add_row(name, _with_ci(text, ci95, 1 / scale, digits, False))
    console.print(poverty)


def _reform(console: Console, summary: dict, name: str, index: int, shown: list[str]) -> None:
    reform = summary["scenarios"][name]
    base = summary["scenarios"][figures.BASELINE]
    change = figures.difference(summary, name)
    title = escape(figures.scenario_label(summary, name))
    console.print(f"\n[bold]Reformasi / reform {index}[/bold]: {title}")
    table = _table()
    table.add_column("Program", no_wrap=True)
    table.add_column("Penerima\nrecipients", justify="right", no_wrap=True)
    table.add_column("Selisih\nchange", justify="right", no_wrap=True)
    table.add_column("Biaya T\ncost", justify="right", no_wrap=True)
    table.add_column("Selisih T\nchange", justify="right", no_wrap=True)
    for key in shown:
        program = reform["programs"][key]
        count = figures.count(program)
        delta = change["programs"].get(key, {})
        counted = figures.count_key(program)
        delta_count = delta.get(counted, count.value - figures.count(base["programs"][key]).value)
        delta_cost = delta.get("cost_idr", program["cost_idr"] - base["programs"][key]["cost_idr"])
        table.add_row(
            labels.short(key),
            _count(count.value, count.unit),
            _with_ci(
                f"{signed(delta_count / 1e6)} jt {count.unit}",
                figures.interval(delta, counted),
                1e6,
                2,
                True,
            ),
            f"{program['cost_idr'] / TRILLION:,.2f}",
            _with_ci(
                signed(delta_cost / TRILLION),
                figures.interval(delta, "cost_idr"),
                TRILLION,
                2,
                True,
            ),
        )
    total, total_ci = figures.total_difference(summary, name)
    table.add_row(
        "[bold]Total[/bold]",
        "",
        "",
        f"[bold]{reform['total_cost_idr'] / TRILLION:,.2f}[/bold]",
        _with_ci(f"[bold]{signed(total / TRILLION)}[/bold]", total_ci, TRILLION, 2, True),
    )
    console.print(table)
    poverty = _table()
    poverty.add_column("Kemiskinan / poverty", no_wrap=True)
    poverty.add_column("Baseline", justify="right", no_wrap=True)
    poverty.add_column("Reformasi", justify="right", no_wrap=True)
    poverty.add_column("Selisih / change", justify="right", no_wrap=True)
    for key, label, scale, digits, unit in POVERTY_ROWS:
        if key not in reform["poverty"]:
            continue
        delta = change.get("poverty", {})
        value = delta.get(key, reform["poverty"][key] - base["poverty"][key])
        suffix = " pp" if unit else ""
        poverty.add_row(
            label,
            f"{base['poverty'][key] * scale:.{digits}f}{unit}",
            f"{reform['poverty'][key] * scale:.{digits}f}{unit}",
            _with_ci(
                f"{signed(value * scale, digits)}{suffix}",
                figures.interval(delta, key),
                1 / scale,
                digits,
                True,
            ),
        )
    console.print(poverty)


def print_summary(console: Console, summary: dict) -> None:
    """Print a run's summary (the ``--json`` document) as one block per scenario."""
    population = summary["population"]
    mode = MODES.get(summary.get("mode"), summary.get("mode", ""))
    console.print(
        f"[bold]Tahun / year {summary['year']}[/bold] — "
        f"{millions(population['families'], 'KK')}, {millions(population['persons'], 'jiwa')} "
        f"(sampel / sample {population['sample_families']:,} KK); {mode}"
    )
    shown = figures.visible_programs(summary)
    monthly = figures.monthly_average_counts(summary)
    _baseline(console, summary, shown, monthly)
    for index, name in enumerate(figures.reforms(summary), start=1):
        _reform(console, summary, name, index, shown)
    _footnotes(console, summary, shown, monthly)


def _footnotes(console: Console, summary: dict, shown: list[str], monthly: bool) -> None:
    hidden = [
        labels.short(key)
        for key in summary["scenarios"][figures.BASELINE]["programs"]
        if key not in shown
    ]
    if monthly:
        lines = [
            "Penerima = rata-rata per bulan pembayaran (KPM per tahap); setahun = dibayar "
            "sedikitnya sekali; puncak = bulan terbanyak.",
            "Recipients = average over payment months (KPM per round); year = paid at least "
            "once; peak = largest month.",
        ]
    else:
        lines = [
            "Penerima = dibayar sedikitnya sekali dalam setahun (lebih dari KPM per tahap); "
            "puncak = bulan terbanyak.",
            "Recipients = paid at least once in the year (more than KPM per round); peak = "
            "largest month.",
        ]
    lines.append(
        "jt = juta / million; KK = keluarga / families; jiwa = orang / persons; "
        "T = Rp triliun / trillion."
    )
    if figures.has_intervals(summary):
        lines.append("[...] = rentang 95 % / 95 % interval (selisih: sampel berpasangan / paired).")
    if hidden:
        lines.append(
            "Tanpa penerima di semua skenario / paying nobody in any scenario: "
            + ", ".join(hidden)
            + "."
        )
    for line in lines:
        console.print(f"[dim]{escape(line)}[/dim]")
