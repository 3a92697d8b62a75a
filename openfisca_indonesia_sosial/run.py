"""`bansos simulate`: load (and validate) a population, run the microsimulation, report."""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from openfisca_indonesia_sosial.data import PopulationError, load_population, validate_tables
from openfisca_indonesia_sosial.microsim import Microsimulation
from openfisca_indonesia_sosial.reform_files import ReformError
from openfisca_indonesia_sosial.report.terminal import print_summary

EXIT_OK, EXIT_REJECTED, EXIT_BAD_INPUT = 0, 1, 2


def load(population: Path | None, year: int, strict: bool, console: Console):
    if population is None:
        from openfisca_indonesia_sosial.population import default_population

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
) -> int:
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
        )
        if isinstance(result, int):
            return result
        return _report(console, result, json_out, csv_dir, report_out)
    try:
        loaded, report = load(population, year, strict, console)
    except PopulationError as error:
        console.print(f"[red]Data ditolak / data rejected:[/red] {error}")
        return EXIT_BAD_INPUT
    if not report.ok:
        report.print_summary(console)
    try:
        microsimulation = Microsimulation(
            loaded, reforms=reforms, full_entitlement=full_entitlement
        )
    except ReformError as error:
        console.print(f"[red]Reformasi tidak valid / invalid reform:[/red] {error}")
        return EXIT_BAD_INPUT
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} skenario"),
        TimeElapsedColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    ) as progress:
        task = progress.add_task("Menghitung / computing", total=len(microsimulation.scenarios))
        result = microsimulation.run(progress=lambda name: progress.advance(task))
    return _report(console, result, json_out, csv_dir, report_out)


def _report(console: Console, result, json_out, csv_dir, report_out) -> int:
    summary = result.summary()
    print_summary(console, summary)
    if json_out is not None:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(summary, indent=2, ensure_ascii=False), encoding="utf-8")
        console.print(f"JSON: {json_out}")
    if csv_dir is not None:
        csv_dir.mkdir(parents=True, exist_ok=True)
        for name, table in result.tables().items():
            table.to_csv(csv_dir / f"{name}.csv", index=False)
        console.print(f"CSV: {csv_dir}")
    if report_out is not None:
        from openfisca_indonesia_sosial.report.html import write_report

        write_report(result, report_out, result.assumptions())
        console.print(f"HTML: {report_out}")
    return EXIT_OK


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
):
    """The partitioned run (``--partitions``/``--scheduler``/``--output``); identical results."""
    import os

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
                progress=advance,
            )
        except (ScaleError, ValueError) as error:
            console.print(f"[red]Tidak dapat dijalankan / cannot run:[/red] {error}")
            return EXIT_BAD_INPUT
        except PopulationError as error:
            console.print(f"[red]Data ditolak / data rejected:[/red] {error}")
            return EXIT_BAD_INPUT
        except ReformError as error:
            console.print(f"[red]Reformasi tidak valid / invalid reform:[/red] {error}")
            return EXIT_BAD_INPUT
    info = result.run_info
    rejected = sum(info["rejected"].values())
    console.print(
        f"{info['partitions']} partisi / partitions, {info['scheduler']} "
        f"({info['workers']} worker), {info['seconds']:.1f} s"
        + (f"; {rejected} baris ditolak / rows rejected" if rejected else "")
    )
    if output is not None:
        console.print(f"Per keluarga / per family: {output}/keluarga/")
    return result
