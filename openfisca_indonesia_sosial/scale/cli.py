"""`bansos batch`: batch eligibility of a whole registry for one month (see batch.py)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console


def register(app: typer.Typer) -> None:
    @app.command()
    def batch(
        registry: Path = typer.Argument(..., help="Registry folder (individu + keluarga)."),
        year: int = typer.Option(..., "--year", help="Year of the month computed."),
        month: int = typer.Option(..., "--month", min=1, max=12, help="Month (1-12)."),
        output: Path = typer.Option(..., "--output", help="Output folder (Parquet)."),
        partitions: int | None = typer.Option(
            None,
            "--partitions",
            min=1,
            help="Blocks of families (default: blocks of at most 100,000 families, two per "
            "worker at least).",
        ),
        scheduler: str = typer.Option(
            "synchronous",
            "--scheduler",
            help="synchronous, threads, processes or tcp://HOST:PORT (dask.distributed).",
        ),
        workers: int | None = typer.Option(None, "--workers", min=1, help="Local workers."),
        reform: str | None = typer.Option(
            None, "--reform", help="Compute under a reform (file or shipped name)."
        ),
    ) -> None:
        """Eligibility and amounts of every family and person of a registry for one month,
        written as partitioned Parquet with a rejects file per partition (resumable)."""
        from openfisca_indonesia_sosial.data import PopulationError
        from openfisca_indonesia_sosial.scale.batch import run_batch
        from openfisca_indonesia_sosial.scale.partitioned import ScaleError

        console = Console()
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
            )
        except (PopulationError, ScaleError, ValueError) as error:
            console.print(f"[red]Tidak dapat dijalankan / cannot run:[/red] {error}")
            raise typer.Exit(2) from None
        for table, total in manifest["totals"].items():
            console.print(
                f"{table}: {total['rows_in']:,} baris / rows, {total['computed']:,} dihitung / "
                f"computed, {total['rejected']:,} ditolak / rejected"
            )
        console.print(f"{output} ({manifest['seconds']:.1f} s)")
        raise typer.Exit(0)
