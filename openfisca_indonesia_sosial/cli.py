"""`bansos`: the command line of openfisca-indonesia-sosial."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.scale.limits import MAX_PARTITIONS, MAX_WORKERS
from openfisca_indonesia_sosial.situations.years import (
    DEFAULT_POPULATION_YEARS,
    HELP_SIMULATION_YEARS,
)

app = typer.Typer(
    name="bansos",
    help=(
        "Bantuan sosial Kemensos sebagai kode (PKH, Sembako, PBI-JK, ATENSI). "
        "Indonesian social assistance as code: compute families, simulate reforms, serve the API."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()


def _version(value: bool) -> None:
    if value:
        console.print(f"openfisca-indonesia-sosial {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Bantuan sosial sebagai kode / social assistance as code."""


@app.command()
def demo() -> None:
    """Compute the example families shipped in the package and print their benefits."""
    from openfisca_indonesia_sosial.demo import run_demo

    run_demo(console)


@app.command()
def calculate(
    situation: Path = typer.Argument(
        ..., help="Situation JSON (daftar_individu, daftar_keluarga)."
    ),
    reform: list[str] = typer.Option(
        [], "--reform", help="Shipped reform name, also computed beside the baseline (repeatable)."
    ),
    month: str | None = typer.Option(
        None, "--month", help="Month YYYY-MM: contract outputs when the situation asks for none."
    ),
    explain: bool = typer.Option(False, "--explain", help="Explain each program's result."),
    lang: str = typer.Option("id", "--lang", help="Language of explanations: id or en."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the results as JSON."),
) -> None:
    """Compute one or more families from a JSON situation, as the Web API's /calculate does."""
    from openfisca_indonesia_sosial.calculate import run_calculate

    raise typer.Exit(run_calculate(console, situation, reform, month, explain, lang, json_out))


@app.command()
def simulate(
    year: int = typer.Option(
        2025,
        "--year",
        help=f"Simulated year: {DEFAULT_POPULATION_YEARS[0]}-{DEFAULT_POPULATION_YEARS[1]} "
        "with the default population (the years it is calibrated for), "
        f"{HELP_SIMULATION_YEARS[0]}-{HELP_SIMULATION_YEARS[1]} with --population (the years "
        "the rules and the March poverty lines cover).",
    ),
    reform: list[str] = typer.Option(
        [], "--reform", help="Reform file or shipped reform name (repeatable)."
    ),
    population: Path | None = typer.Option(
        None, "--population", help="Population folder (default: the embedded synthetic one)."
    ),
    json_out: Path | None = typer.Option(None, "--json", help="Write the results as JSON."),
    csv_dir: Path | None = typer.Option(None, "--csv", help="Write the result tables as CSV."),
    report_out: Path | None = typer.Option(
        None, "--report", help="Write a self-contained HTML report with charts."
    ),
    full_entitlement: bool = typer.Option(
        False, "--full-entitlement", help="Ignore quotas and take-up: pay every entitlement."
    ),
    strict: bool = typer.Option(False, "--strict", help="Stop at the first rejected record."),
    partitions: int | None = typer.Option(
        None,
        "--partitions",
        min=1,
        max=MAX_PARTITIONS,
        help="Split the population into N blocks of whole families (bounded memory; the "
        "results are identical to the single-shot run). Default with --scheduler or --output: "
        "blocks of at most 100,000 families, two per worker at least.",
    ),
    scheduler: str | None = typer.Option(
        None,
        "--scheduler",
        help="Where partitions run: synchronous, threads, processes or tcp://HOST:PORT "
        "(a dask.distributed scheduler). Implies --partitions.",
    ),
    workers: int | None = typer.Option(
        None,
        "--workers",
        min=1,
        max=MAX_WORKERS,
        help="Local threads or processes (default: the CPU count).",
    ),
    output: Path | None = typer.Option(
        None,
        "--output",
        help="Folder for per-family results (Parquet), the manifest and work files; a run "
        "stopped part way resumes there (only if its inputs, options and law are unchanged). "
        "Implies --partitions.",
    ),
    restart: bool = typer.Option(
        False,
        "--restart",
        help="Discard the run held in --output (its results and work files) and start again.",
    ),
) -> None:
    """Simulate the baseline and each reform over a population; print and write the results."""
    from openfisca_indonesia_sosial.run import run_simulate

    code = run_simulate(
        console,
        year=year,
        reforms=reform,
        population=population,
        json_out=json_out,
        csv_dir=csv_dir,
        full_entitlement=full_entitlement,
        strict=strict,
        report_out=report_out,
        partitions=partitions,
        scheduler=scheduler,
        workers=workers,
        output=output,
        restart=restart,
    )
    raise typer.Exit(code)


def _register_subcommands() -> None:
    from openfisca_indonesia_sosial.api.cli import register as register_api
    from openfisca_indonesia_sosial.data.cli import register as register_data
    from openfisca_indonesia_sosial.population.cli import register as register_population
    from openfisca_indonesia_sosial.reform_cli import register as register_reforms

    register_data(app)
    register_population(app)
    register_reforms(app)
    register_api(app)
    from openfisca_indonesia_sosial.scale.cli import register as register_scale

    register_scale(app)


_register_subcommands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
