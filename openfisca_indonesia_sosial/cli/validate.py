"""``bansos validate DIR``: check a population folder and report rejected records.

``openfisca_indonesia_sosial.cli`` calls :func:`register` on its typer app.

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

from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK, EXIT_REJECTED
from openfisca_indonesia_sosial.data.errors import (
    PopulationReadError,
    PopulationRejectedError,
)
from openfisca_indonesia_sosial.data.privacy import one_line
from openfisca_indonesia_sosial.data.validation import load_population
from openfisca_indonesia_sosial.situations.years import HELP_RULES_YEARS


def validate(
    directory: Annotated[
        Path, typer.Argument(help="Folder with individu and keluarga (.parquet or .csv).")
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Simulated year, one the rules cover ("
            f"{HELP_RULES_YEARS[0]}-{HELP_RULES_YEARS[1]} in this release; default: the year "
            "of the month columns, else the current year).",
        ),
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
    if year is not None:
        from openfisca_indonesia_sosial.situations.years import rules_years, year_problem

        problem = year_problem(year, rules_years(), "aturan / rules")
        if problem is not None:
            _fail(err, "Tahun tidak didukung / unsupported year", problem)
    try:
        _population, report = load_population(directory, year=year, strict=strict)
    except PopulationReadError as error:
        _fail(err, "Tidak dapat dibaca / unreadable input", error)
    except PopulationRejectedError as error:
        _fail(err, "Ditolak / rejected", error, EXIT_REJECTED)
    except Exception as error:  # never a traceback: its locals may hold NIKs
        _fail(
            err, "Tidak dapat diproses / cannot process input", f"{type(error).__name__}: {error}"
        )
    report.print_summary(out)
    if rejects is not None:
        try:
            path = report.write_rejects(rejects)
        except (OSError, ValueError) as error:
            _fail(err, "Gagal menulis / cannot write rejects", error)
        out.print(
            f"Record ditolak ditulis ke / rejects written to: {escape(str(path))}", highlight=False
        )
    raise typer.Exit(EXIT_OK if report.ok else EXIT_REJECTED)


def _fail(err: Console, label: str, error: object, code: int = EXIT_BAD_INPUT) -> None:
    """One line (client text shown safely: NIKs masked, control characters escaped)."""
    err.print(f"[bold red]{label}:[/] {escape(one_line(error))}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def register(app: typer.Typer) -> None:
    """Add the ``validate`` command to ``app``."""
    app.command("validate")(validate)
