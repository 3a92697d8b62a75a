"""``bansos validate DIR``: check a population folder and report rejected records.

The lead's ``openfisca_indonesia_sosial/cli.py`` calls :func:`register` on its typer app.

Exit status: 0 when every record is valid (warnings allowed), 1 when a record was rejected
(or, with ``--strict``, at the first rejection), 2 when the input cannot be read (missing
folder or file, unreadable file, unknown or missing columns) or processed at all. Errors are
printed as one clear message, never as a Python traceback (whose locals could hold NIKs);
NIKs are masked everywhere.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from openfisca_indonesia_sosial.data.errors import (
    PopulationReadError,
    PopulationRejectedError,
)
from openfisca_indonesia_sosial.data.privacy import mask_text
from openfisca_indonesia_sosial.data.validation import load_population

EXIT_VALID = 0
EXIT_REJECTED = 1
EXIT_UNREADABLE = 2


def validate(
    directory: Annotated[
        Path, typer.Argument(help="Folder with individu and keluarga (.parquet or .csv).")
    ],
    year: Annotated[
        int | None,
        typer.Option("--year", help="Simulated year (default: year of month columns, else now)."),
    ] = None,
    rejects: Annotated[
        Path | None,
        typer.Option("--rejects", help="Write rejected records to this .csv or .parquet file."),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="Stop at the first rejected record.")
    ] = False,
) -> None:
    """Check a population folder and report rejected records (NIKs masked)."""
    out = Console()
    err = Console(stderr=True)
    try:
        _population, report = load_population(directory, year=year, strict=strict)
    except PopulationReadError as error:
        err.print(
            f"[bold red]Tidak dapat dibaca / unreadable input:[/] {escape(str(error))}",
            markup=True,
            highlight=False,
        )
        raise typer.Exit(EXIT_UNREADABLE) from None
    except PopulationRejectedError as error:
        err.print(f"[bold red]Ditolak / rejected:[/] {escape(str(error))}", highlight=False)
        raise typer.Exit(EXIT_REJECTED) from None
    except Exception as error:  # never a traceback: its locals may hold NIKs
        err.print(
            "[bold red]Tidak dapat diproses / cannot process input:[/] "
            f"{escape(mask_text(f'{type(error).__name__}: {error}'))}",
            highlight=False,
        )
        raise typer.Exit(EXIT_UNREADABLE) from None
    report.print_summary(out)
    if rejects is not None:
        try:
            path = report.write_rejects(rejects)
        except (OSError, ValueError) as error:
            err.print(
                f"[bold red]Gagal menulis / cannot write rejects:[/] {escape(mask_text(error))}"
            )
            raise typer.Exit(EXIT_UNREADABLE) from None
        out.print(f"Record ditolak ditulis ke / rejects written to: {path}", highlight=False)
    raise typer.Exit(EXIT_VALID if report.ok else EXIT_REJECTED)


def register(app: typer.Typer) -> None:
    """Add the ``validate`` command to ``app``."""
    app.command("validate")(validate)
