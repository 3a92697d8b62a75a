"""The summary table printed by `bansos simulate`."""

from __future__ import annotations

from rich.console import Console
from rich.table import Table

from openfisca_indonesia_sosial.programs import BY_KEY


def _trillion(rupiah: float) -> str:
    return f"{rupiah / 1e12:,.2f}"


def _millions(count: float) -> str:
    return f"{count / 1e6:,.2f}"


def print_summary(console: Console, summary: dict) -> None:
    population = summary["population"]
    families, persons = _millions(population["families"]), _millions(population["persons"])
    console.print(
        f"[bold]Tahun / year {summary['year']}[/bold] — {families} juta keluarga, "
        f"{persons} juta jiwa (sampel {population['sample_families']:,} keluarga); "
        f"mode: {summary['mode']}"
    )
    scenarios = summary["scenarios"]
    table = Table(title="Penerima dan biaya setahun / recipients and cost per year")
    table.add_column("Program")
    for name in scenarios:
        table.add_column(f"{name}\npenerima (juta)", justify="right")
        table.add_column(f"{name}\nbiaya (Rp triliun)", justify="right")
    first = next(iter(scenarios.values()))
    for key in first["programs"]:
        row = [BY_KEY[key].label]
        for figures in scenarios.values():
            program = figures["programs"][key]
            count = program.get("recipient_families", program.get("recipient_persons"))
            unit = "KK" if "recipient_families" in program else "jiwa"
            row += [f"{_millions(count)} {unit}", _trillion(program["cost_idr"])]
        table.add_row(*row)
    total_row = ["[bold]Total[/bold]"]
    for figures in scenarios.values():
        total_row += ["", f"[bold]{_trillion(figures['total_cost_idr'])}[/bold]"]
    table.add_row(*total_row)
    console.print(table)
    poverty = Table(title="Kemiskinan dan ketimpangan / poverty and inequality")
    poverty.add_column("Ukuran / measure")
    for name in scenarios:
        poverty.add_column(name, justify="right")
    for key, label in (
        ("headcount_rate", "P0 tingkat kemiskinan (%)"),
        ("poverty_gap_index", "P1 indeks kedalaman (%)"),
        ("poverty_severity_index", "P2 indeks keparahan (%)"),
        ("gini", "Gini"),
    ):
        scale = 1 if key == "gini" else 100
        digits = 4 if key == "gini" else 3
        poverty.add_row(
            label, *(f"{f['poverty'][key] * scale:.{digits}f}" for f in scenarios.values())
        )
    console.print(poverty)
