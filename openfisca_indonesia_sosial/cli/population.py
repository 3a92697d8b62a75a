"""``bansos population generate|check``: synthetic populations and their calibration report.

``openfisca_indonesia_sosial.cli`` calls :func:`register` on its typer app.

Exit status of ``check``: 0 when every target is within tolerance, 1 otherwise, 2 when the
folder cannot be read or the year is unknown. ``generate`` exits 2 on invalid arguments.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK, EXIT_REJECTED
from openfisca_indonesia_sosial.synthetic.generator import MIN_FAMILIES
from openfisca_indonesia_sosial.synthetic.targets import YEARS

#: Largest synthetic population one command writes: Indonesia has about 70 million families,
#: so more sample families than this is a typing slip, not a sample.
MAX_FAMILIES = 100_000_000


population_app = typer.Typer(
    name="population",
    help="Synthetic populations calibrated to BPS statistics (generate, check).",
    no_args_is_help=True,
)


@population_app.command("generate")
def generate_command(
    year: Annotated[
        int,
        typer.Option(
            "--year", help=f"Year, {YEARS[0]}-{YEARS[-1]} (the calibration targets' years)."
        ),
    ],
    families: Annotated[
        int,
        typer.Option(
            "--families",
            min=MIN_FAMILIES,
            max=MAX_FAMILIES,
            help=f"Number of sample families ({MIN_FAMILIES:,} to {MAX_FAMILIES:,}).",
        ),
    ],
    out: Annotated[Path, typer.Option("--out", help="Output folder (Parquet files).")],
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 0,
    chunk_families: Annotated[
        int,
        typer.Option(
            "--chunk-families",
            min=MIN_FAMILIES,
            help="Families per block (bounds memory).",
        ),
    ] = 500_000,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            help="Processes generating blocks at once (default: the machine's cores); "
            "the files are the same whatever the number.",
        ),
    ] = None,
) -> None:
    """Write individu.parquet and keluarga.parquet; weights sum to the national totals."""
    from openfisca_indonesia_sosial.data.privacy import one_line
    from openfisca_indonesia_sosial.situations.years import DEFAULT_POPULATION_YEARS, year_problem
    from openfisca_indonesia_sosial.synthetic.io import write

    console = Console()
    err = Console(stderr=True)
    problem = year_problem(year, DEFAULT_POPULATION_YEARS, "target kalibrasi / calibration targets")
    if problem is not None:
        err.print(f"[bold red]Error:[/] {escape(problem)}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    start = time.perf_counter()
    try:
        folder = write(
            out,
            year,
            families,
            seed,
            chunk_families=chunk_families,
            workers=workers or os.cpu_count() or 1,
        )
    except (ValueError, OSError) as error:
        err.print(f"[bold red]Error:[/] {escape(one_line(error))}", highlight=False, soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    console.print(
        f"{families:,} families for {year} (seed {seed}) written to {folder} "
        f"in {time.perf_counter() - start:.1f} s",
        highlight=False,
    )


def _fmt(value) -> str:
    if value is None or value != value:  # None or NaN
        return ""
    value = float(value)
    if abs(value) >= 1e5:
        return f"{value:,.0f}"
    return f"{value:.4g}"


@population_app.command("check")
def check_command(
    directory: Annotated[Path, typer.Argument(help="Population folder.")],
    year: Annotated[
        int | None, typer.Option("--year", help="Year (default: from the files' metadata).")
    ] = None,
    json_out: Annotated[
        Path | None, typer.Option("--json", help="Write the report as JSON to this file.")
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Show every row, not a summary.")] = False,
) -> None:
    """Compare a population with every calibration target of its year."""
    from openfisca_indonesia_sosial.synthetic.checks import check, to_json

    err = Console(stderr=True)
    try:
        report = check(directory, year)
    except (FileNotFoundError, ValueError, OSError) as error:
        err.print(f"[bold red]Error:[/] {error}", highlight=False)
        raise typer.Exit(EXIT_BAD_INPUT) from None
    doc = to_json(report, json_out)
    table = Table(
        title=f"Calibration {doc['year']}: {doc['targets'] - doc['failed']}/"
        f"{doc['targets']} targets within tolerance"
    )
    for column in ("group", "target", "published", "generated", "tolerance", "passed"):
        table.add_column(column)
    rows = (
        report
        if show_all
        else report[
            report["passed"].eq(False)
            | report["group"].isin(["population", "poverty", "inequality", "targeting"])
        ]
    )
    for row in rows.itertuples():
        passed = (
            ""
            if row.passed is None or row.passed != row.passed
            else ("[green]ok[/]" if row.passed else "[red]FAIL[/]")
        )
        table.add_row(
            row.group,
            row.target,
            _fmt(row.published),
            _fmt(row.generated),
            _fmt(row.tolerance),
            passed,
        )
    Console().print(table)
    if json_out is not None:
        Console().print(f"JSON report written to {json_out}", highlight=False)
    raise typer.Exit(EXIT_OK if doc["passed"] else EXIT_REJECTED)


def register(app: typer.Typer) -> None:
    """Add the ``population`` sub-app (``generate``, ``check``) to ``app``."""
    app.add_typer(population_app, name="population")
