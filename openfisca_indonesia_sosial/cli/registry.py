"""``bansos registry audit DIR --year Y``: the findings of a registry and what cleansing them
is worth (see openfisca_indonesia_sosial.registry and docs/data/registry-audit.md).

Exit status: 0 when the audit is done (findings are its answer, not a failure), 2 for a
client mistake (a missing folder, a year the rules do not cover, a bad option), named in one
line. The JSON and the page hold counts only: never a NIK or an id; the per-record list
(``--records``) names the records by row and id, with NIKs masked.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK
from openfisca_indonesia_sosial.cli.options import (
    partitions_option,
    scheduler_option,
    workers_option,
)
from openfisca_indonesia_sosial.situations.years import HELP_RULES_YEARS

registry_app = typer.Typer(
    help="Registri: audit pembersihan data / registry cleansing audit.",
    no_args_is_help=True,
)


@registry_app.command("audit")
def audit(
    directory: Path = typer.Argument(..., help="Registry folder (individu + keluarga)."),
    year: int = typer.Option(
        ...,
        "--year",
        help="Audited year: one the rules cover "
        f"({HELP_RULES_YEARS[0]}-{HELP_RULES_YEARS[1]} in this release).",
    ),
    month: int | None = typer.Option(
        None, "--month", min=1, max=12, help="Audited month (1-12; default: the whole year)."
    ),
    partitions: int | None = partitions_option(
        "Blocks of families for the money computation (default: blocks of at most "
        "100,000 families)."
    ),
    scheduler: str = scheduler_option(),
    workers: int | None = workers_option(),
    json_out: Path | None = typer.Option(None, "--json", help="Write the audit as JSON here."),
    report: Path | None = typer.Option(
        None, "--report", help="Write a self-contained HTML page here."
    ),
    records: Path | None = typer.Option(
        None,
        "--records",
        help="Write the per-record list here (CSV, one row per flagged record, NIK masked).",
    ),
) -> None:
    """Findings (duplicates across the whole registry, deceased, moved, overlapping cards),
    per province, and the money at stake per program."""
    from openfisca_indonesia_sosial.data import PopulationError
    from openfisca_indonesia_sosial.data.privacy import one_line
    from openfisca_indonesia_sosial.registry.audit import run_audit, write_html, write_json
    from openfisca_indonesia_sosial.registry.findings import FINDINGS
    from openfisca_indonesia_sosial.scale.resume import ScaleError
    from openfisca_indonesia_sosial.situations.years import rules_years, year_problem

    console = Console()
    err = Console(stderr=True)

    def fail(error) -> None:
        err.print(
            f"[red]Tidak dapat dijalankan / cannot run:[/red] {escape(one_line(error))}",
            highlight=False,
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_BAD_INPUT)

    problem = year_problem(year, rules_years(), "aturan / rules")
    if problem is not None:
        fail(problem)
    for option, path in (("--json", json_out), ("--report", report), ("--records", records)):
        if path is not None and not path.parent.is_dir():
            fail(f"{option}: {path.parent}: folder tidak ada / no such folder")
    try:
        result = run_audit(
            directory,
            year=year,
            month=month,
            partitions=partitions,
            scheduler=scheduler,
            workers=workers,
            records=records,
        )
        if json_out is not None:
            write_json(result, json_out)
        if report is not None:
            write_html(result, report)
    except (PopulationError, ScaleError, ValueError) as error:
        fail(error)
    except OSError as error:
        fail(f"{error.filename or directory}: {error.strerror or error}")
    except Exception as error:  # never a traceback: its locals may hold NIKs
        fail(f"{type(error).__name__}: {error}")
    console.print(f"Audit {escape(result['period'])}: {result['rows']['keluarga']:,} keluarga")
    for code, found in result["findings"].items():
        console.print(
            f"  {code:<20} {found['records']:>12,} record  {found['families']:>10,} keluarga"
            f"  ({escape(FINDINGS[code][1])})",
            highlight=False,
            soft_wrap=True,
        )
    for program, value in result["money_at_stake_idr"].items():
        console.print(f"  Rp {value:>20,}  {program}", highlight=False)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add the ``registry`` command group to ``app``."""
    app.add_typer(registry_app, name="registry")
