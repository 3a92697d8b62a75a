"""`bansos batch`: batch eligibility of a whole registry for one month (see batch.py)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT
from openfisca_indonesia_sosial.cli.options import (
    partitions_option,
    scheduler_option,
    workers_option,
)
from openfisca_indonesia_sosial.situations.years import HELP_RULES_YEARS


def register(app: typer.Typer) -> None:
    @app.command()
    def batch(
        registry: Path = typer.Argument(..., help="Registry folder (individu + keluarga)."),
        year: int = typer.Option(
            ...,
            "--year",
            help="Year of the month computed: one the rules cover "
            f"({HELP_RULES_YEARS[0]}-{HELP_RULES_YEARS[1]} in this release).",
        ),
        month: int = typer.Option(..., "--month", min=1, max=12, help="Month (1-12)."),
        output: Path = typer.Option(
            ...,
            "--output",
            help="Output folder (Parquet). A batch stopped part way resumes there, only if its "
            "registry, options and law are unchanged.",
        ),
        partitions: int | None = partitions_option(
            "Blocks of families (default: blocks of at most 100,000 families, two per "
            "worker at least)."
        ),
        scheduler: str = scheduler_option(),
        workers: int | None = workers_option(),
        reform: str | None = typer.Option(
            None, "--reform", help="Compute under a reform (file or shipped name)."
        ),
        restart: bool = typer.Option(
            False,
            "--restart",
            help="Discard the batch held in --output (its results and work files) and start again.",
        ),
    ) -> None:
        """Eligibility and amounts of every family and person of a registry for one month,
        written as partitioned Parquet with a rejects file per partition (resumable). A
        national registry: add --scheduler processes --workers <cores> (one block per core)."""
        from openfisca_indonesia_sosial.data import PopulationError
        from openfisca_indonesia_sosial.data.privacy import one_line
        from openfisca_indonesia_sosial.reform.files import ReformError
        from openfisca_indonesia_sosial.scale.batch import run_batch
        from openfisca_indonesia_sosial.scale.resume import ScaleError
        from openfisca_indonesia_sosial.situations.years import rules_years, year_problem

        console = Console()

        def fail(error) -> None:
            console.print(
                f"[red]Tidak dapat dijalankan / cannot run:[/red] {escape(one_line(error))}",
                highlight=False,
                soft_wrap=True,
            )
            raise typer.Exit(EXIT_BAD_INPUT)

        problem = year_problem(year, rules_years(), "aturan / rules")
        if problem is not None:
            fail(problem)
        try:
            manifest = run_batch(
                registry,
                year=year,
                month=month,
                output=output,
                partitions=partitions,
                scheduler=scheduler,
                workers=workers,
                reform=reform,
                restart=restart,
            )
        except (PopulationError, ScaleError, ReformError, ValueError) as error:
            fail(error)
        except OSError as error:
            fail(f"{error.filename or output}: {error.strerror or error}")
        for table, total in manifest["totals"].items():
            console.print(
                f"{table}: {total['rows_in']:,} baris / rows, {total['computed']:,} dihitung / "
                f"computed, {total['rejected']:,} ditolak / rejected"
            )
        console.print(f"{escape(str(output))} ({manifest['seconds']:.1f} s)", highlight=False)
        raise typer.Exit(0)
