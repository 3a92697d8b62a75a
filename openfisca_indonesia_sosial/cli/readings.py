"""`bansos readings`: the open legal readings and the national price of each alternative.

Each reading (registry: ``reform/readings.yaml``) is printed with its question, the package's
default, the alternative, the parameters involved and the national change in cost and
recipients of switching to the alternative on the default population of the year. The baseline
and every alternative in force that year run in one microsimulation (the baseline computed
once); an alternative that changes nothing in the year is not simulated, its change is exactly
0. Progress goes to stderr; ``--json OUT`` writes the contract's list of rows.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import typer

from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK

DEFAULT_YEAR = 2025


def price(
    year: int,
    *,
    selected=None,
    population=None,
    progress: Callable[[str], None] | None = None,
) -> list[dict]:
    """The registry's rows (``reform.readings.row``) with the national change of each
    alternative in ``year``, on ``population`` (default: the default population of ``year``).
    ``selected``: reading names (default: all); ``progress``: called with a short text."""
    from openfisca_indonesia_sosial.microsim import Microsimulation
    from openfisca_indonesia_sosial.microsim.breakdown import (
        active_in_year,
        impact,
        scenario_figures,
        zero_impact,
    )
    from openfisca_indonesia_sosial.reform.files import load_reform
    from openfisca_indonesia_sosial.reform.readings import readings, row
    from openfisca_indonesia_sosial.system import baseline

    say = progress or (lambda text: None)
    base = baseline()
    chosen = [r for r in readings() if selected is None or r.name in selected]
    unknown = set(selected or ()) - {r.name for r in chosen}
    if unknown:
        raise ValueError(f"unknown reading(s): {', '.join(sorted(unknown))}")
    loaded = {r.name: load_reform(r.reform, base) for r in chosen}
    active = {name: active_in_year(reform, base, year) for name, reform in loaded.items()}
    for name, is_active in active.items():
        if not is_active:
            say(f"{name}: tidak berlaku {year}, perubahan 0 / not in force in {year}, change 0")
    if population is None:
        from openfisca_indonesia_sosial.data import validate_tables
        from openfisca_indonesia_sosial.synthetic import default_population

        say(f"populasi bawaan / default population {year}")
        individu, keluarga = default_population(year)
        population, _ = validate_tables(individu, keluarga, year=year, source="default population")
    scenarios = list({loaded[n].name: loaded[n] for n, on in active.items() if on}.values())
    say(f"simulasi / simulating: baseline + {len(scenarios)}")
    result = Microsimulation(population, reforms=scenarios, system=base, replicates=0).run(
        progress=lambda name: say(f"selesai / done: {name}")
    )
    figures = scenario_figures(result)
    rows = []
    for reading in chosen:
        name = reading.name
        found = impact(figures, loaded[name].name) if active[name] else zero_impact(figures)
        rows.append(row(reading, found["programs"], found["total_cost_change_idr"]))
    return rows


def _rupiah(value: int) -> str:
    sign = "+" if value > 0 else ("-" if value < 0 else "")
    return f"{sign}Rp {abs(value) / 1e12:,.2f} T" if value else "0"


def _changes(item: dict) -> str:
    lines = [f"total {_rupiah(item['cost_change_idr']['total'])}"]
    for program, cost in item["cost_change_idr"].items():
        count = item["recipient_change"].get(program, 0.0)
        if program != "total" and (cost or count):
            lines.append(f"{program}: {_rupiah(cost)}, {count:+,.0f}")
    return "\n".join(lines)


def _print(console, year: int, rows: list[dict]) -> None:
    """A summary that reads at 80 columns (one line per reading), then each reading's
    question, default and alternative as wrapped text: long prose never sits in a column."""
    from rich.table import Table

    summary = Table(title=f"Pembacaan hukum yang terbuka / open legal readings, {year}")
    summary.add_column("bacaan / reading", overflow="fold")
    summary.add_column("biaya / cost", justify="right", no_wrap=True)
    summary.add_column("penerima / recipients", justify="right", no_wrap=True)
    for item in rows:
        counts = {k: v for k, v in item["recipient_change"].items() if k != "total" and v}
        count = ", ".join(f"{k} {v:+,.0f}" for k, v in counts.items()) or "0"
        summary.add_row(item["name"], _rupiah(item["cost_change_idr"]["total"]), count)
    console.print(summary)
    for item in rows:
        console.rule(f"[bold]{item['name']}[/bold]")
        console.print(f"[bold]Pertanyaan / question:[/bold] {item['question']}")
        console.print(f"[bold]Bawaan / default:[/bold] {item['default']}")
        console.print(
            f"[bold]Alternatif / alternative[/bold] (--reform {item['reform']}): "
            f"{item['alternative']}"
        )
        console.print(f"[bold]Parameter:[/bold] {', '.join(item['parameters'])}")
        console.print(f"[bold]Perubahan / change:[/bold] {_changes(item).replace(chr(10), '; ')}")


def readings(
    year: int = typer.Option(DEFAULT_YEAR, "--year", help="Year of the default population."),
    json_out: Path = typer.Option(None, "--json", help="Write the rows as JSON to this file."),
) -> None:
    """Open legal readings: question, default, alternative, parameters, and the national
    change in cost and recipients of switching to the alternative (default population)."""
    from rich.console import Console

    from openfisca_indonesia_sosial.cli.simulate import fail
    from openfisca_indonesia_sosial.situations.years import simulation_years, year_problem

    console = Console()
    errors = Console(stderr=True)
    problem = year_problem(
        year, simulation_years(default_population=True), "populasi bawaan / default population"
    )
    if problem is not None:
        raise typer.Exit(fail(errors, "Tahun tidak didukung / unsupported year", problem))
    rows = price(year, progress=lambda text: print(f"[readings] {text}", file=sys.stderr))
    _print(console, year, rows)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        text = json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
        json_out.write_text(text, encoding="utf-8")
        console.print(f"JSON: {json_out}")
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add the ``readings`` command to the ``bansos`` application."""
    app.command("readings")(readings)


__all__ = ["EXIT_BAD_INPUT", "price", "readings", "register"]
