"""`bansos simulate`: load (and validate) a population, run the microsimulation, report."""

from __future__ import annotations

import json
import os
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from openfisca_indonesia_sosial.metrics.defaults import DEFAULT_REPLICATES, MAX_REPLICATES
from openfisca_indonesia_sosial.scale import limits
from openfisca_indonesia_sosial.scale.limits import (
    AUTO_PARTITION_FAMILIES,
    AUTO_PARTITION_WORKERS,
    BLOCK_FAMILIES,
    MAX_PARTITIONS,
    MAX_WORKERS,
)
from openfisca_indonesia_sosial.situations.years import (
    DEFAULT_POPULATION_YEARS,
    HELP_SIMULATION_YEARS,
)


def load(population: Path | None, year: int, strict: bool, console: Console):
    from openfisca_indonesia_sosial.data import load_population, validate_tables

    if population is None:
        from openfisca_indonesia_sosial.synthetic import default_population

        with console.status(f"Populasi bawaan {year} / default population"):
            individu, keluarga = default_population(year)
            return validate_tables(
                individu, keluarga, year=year, strict=strict, source="default population"
            )
    return load_population(population, year=year, strict=strict)


def run_simulate(
    console: Console,
    *,
    year,
    reforms,
    population,
    json_out,
    csv_dir,
    full_entitlement,
    strict,
    report_out=None,
    partitions=None,
    scheduler=None,
    workers=None,
    output=None,
    restart=False,
    replicates=DEFAULT_REPLICATES,
) -> int:
    from openfisca_indonesia_sosial.data import PopulationError
    from openfisca_indonesia_sosial.microsim import Microsimulation
    from openfisca_indonesia_sosial.reform.files import ReformError
    from openfisca_indonesia_sosial.situations.years import simulation_years, year_problem

    problem = year_problem(
        year,
        simulation_years(default_population=population is None),
        "populasi bawaan / default population"
        if population is None
        else "aturan dan garis kemiskinan Maret / rules and March poverty lines",
    )
    if problem is not None:
        return fail(console, "Tahun tidak didukung / unsupported year", problem)
    if replicates == 1:
        return fail(
            console,
            "Opsi tidak valid / invalid option",
            "--replicates: 0 (tanpa interval / no intervals) atau / or at least 2",
        )
    if _large(population, partitions, scheduler, output):
        # identical results in bounded memory: one block per worker process at a time
        scheduler = "processes"
        workers = workers or min(os.cpu_count() or 1, AUTO_PARTITION_WORKERS)
    if partitions is not None or scheduler is not None or output is not None:
        result = _run_partitioned(
            console,
            year=year,
            reforms=reforms,
            population=population,
            full_entitlement=full_entitlement,
            partitions=partitions,
            scheduler=scheduler or "synchronous",
            workers=workers,
            output=output,
            strict=strict,
            restart=restart,
            replicates=replicates,
        )
        if isinstance(result, int):
            return result
        return _report(console, result, json_out, csv_dir, report_out, population)
    try:
        loaded, report = load(population, year, strict, console)
    except PopulationError as error:
        return fail(console, "Data ditolak / data rejected", error)
    if not report.ok:
        report.print_summary(console)
    try:
        microsimulation = Microsimulation(
            loaded, reforms=reforms, full_entitlement=full_entitlement, replicates=replicates
        )
    except ReformError as error:
        return fail(console, "Reformasi tidak valid / invalid reform", error)
    except PopulationError as error:
        return fail(console, "Data ditolak / data rejected", error)
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} skenario / scenarios"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("Menghitung / computing", total=len(microsimulation.scenarios))
        result = microsimulation.run(progress=lambda name: progress.advance(task))
    return _report(console, result, json_out, csv_dir, report_out, population)


def _large(population, partitions, scheduler, output) -> bool:
    """Whether a population folder, run without partitioning options, is too large for a
    single-shot run (more than ``scale.limits.AUTO_PARTITION_FAMILIES`` families)."""
    if population is None or partitions is not None or scheduler is not None or output:
        return False
    from openfisca_indonesia_sosial.scale.source import family_count

    families = family_count(population)
    return families is not None and families > limits.AUTO_PARTITION_FAMILIES


def fail(console: Console, label: str, error: object) -> int:
    """Print one line naming what is wrong (client text shown safely); the exit code 2."""
    from openfisca_indonesia_sosial.data.privacy import one_line

    console.print(f"[red]{label}:[/red] {escape(one_line(error))}", highlight=False, soft_wrap=True)
    return EXIT_BAD_INPUT


def _report(console: Console, result, json_out, csv_dir, report_out, population=None) -> int:
    from openfisca_indonesia_sosial.report.terminal import print_summary

    summary = result.summary()
    print_summary(console, summary)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
        console.print(f"JSON: {json_out}")
    if csv_dir is not None:
        from openfisca_indonesia_sosial.data.csv_output import write_csv

        csv_dir.mkdir(parents=True, exist_ok=True)
        for name, table in result.tables().items():
            write_csv(table, csv_dir / f"{name}.csv")
        write_csv(_definitions(), csv_dir / "definitions.csv")
        console.print(f"CSV: {csv_dir}")
    if report_out is not None:
        from openfisca_indonesia_sosial.official.counterparts import headline_counterparts
        from openfisca_indonesia_sosial.report.html import write_report

        write_report(
            result,
            report_out,
            result.assumptions(),
            official=headline_counterparts(result.year) or None,
            population_info=_population_info(population, result.year),
        )
        console.print(f"HTML: {report_out}")
    return EXIT_OK


def _population_info(population: Path | None, year: int) -> dict:
    """Where the run's population comes from, for the report's "about" table."""
    if population is not None:
        return {"source": str(population)}
    from openfisca_indonesia_sosial.synthetic.io import default_population_dir, metadata

    return {"source": "default", **metadata(default_population_dir(year))}


def _definitions():
    """What each CSV table counts (recipient definitions, units, intervals)."""
    import pandas as pd

    from openfisca_indonesia_sosial.metrics.tables import DEFINITIONS

    return pd.DataFrame([{"table": name, "definition": text} for name, text in DEFINITIONS.items()])


def _run_partitioned(
    console: Console,
    *,
    year,
    reforms,
    population,
    full_entitlement,
    partitions,
    scheduler,
    workers,
    output,
    strict=False,
    restart=False,
    replicates=DEFAULT_REPLICATES,
):
    """The partitioned run (``--partitions``/``--scheduler``/``--output``, or a large
    population); identical results."""
    from openfisca_indonesia_sosial.data import PopulationError
    from openfisca_indonesia_sosial.reform.files import ReformError
    from openfisca_indonesia_sosial.scale import ScaleError, run_partitioned

    if workers is None and scheduler in ("threads", "processes"):
        workers = os.cpu_count() or 1
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} partisi"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        tasks = {}

        def advance(stage, done, total):
            if stage not in tasks:
                tasks[stage] = progress.add_task(f"{stage}", total=total)
            progress.update(tasks[stage], completed=done)

        try:
            result = run_partitioned(
                population,
                year=year,
                reforms=reforms,
                partitions=partitions,
                scheduler=scheduler,
                workers=workers,
                output=output,
                full_entitlement=full_entitlement,
                strict=strict,
                restart=restart,
                progress=advance,
                replicates=replicates,
            )
        except (ScaleError, ValueError) as error:
            return fail(console, "Tidak dapat dijalankan / cannot run", error)
        except PopulationError as error:
            return fail(console, "Data ditolak / data rejected", error)
        except ReformError as error:
            return fail(console, "Reformasi tidak valid / invalid reform", error)
    info = result.run_info
    rejected = sum(info["rejected"].values())
    console.print(
        f"{info['partitions']} partisi / partitions, {info['scheduler']} "
        f"({info['workers']} worker), {info['seconds']:.1f} s"
        + (f"; {rejected} baris ditolak / rows rejected" if rejected else "")
    )
    if output is not None:
        console.print(f"Per keluarga / per family: {escape(str(output))}/keluarga/")
    return result


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
        None,
        "--population",
        help="Population folder (default: the embedded synthetic one). A folder of more than "
        f"{AUTO_PARTITION_FAMILIES:,} families runs partitioned by itself, on "
        f"{AUTO_PARTITION_WORKERS} worker processes at most (bounded memory, identical "
        "results); --partitions, --scheduler or --output choose otherwise.",
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
        "results are identical to the single-shot run). Default with --scheduler or --output, "
        f"or a population of more than {AUTO_PARTITION_FAMILIES:,} families: blocks of at "
        f"most {BLOCK_FAMILIES:,} families, two per worker at least.",
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
    replicates: int = typer.Option(
        DEFAULT_REPLICATES,
        "--replicates",
        min=0,
        max=MAX_REPLICATES,
        help="Replicate weights behind the 95 % intervals of every figure (Poisson "
        "bootstrap, docs/guides/uncertainty.md); 0 turns the intervals off.",
    ),
) -> None:
    """Simulate the baseline and each reform over a population; print and write the results."""
    code = run_simulate(
        Console(),
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
        replicates=replicates,
    )
    raise typer.Exit(code)


def register(app) -> None:
    """Add ``simulate`` to the ``bansos`` command."""
    app.command("simulate")(simulate)
