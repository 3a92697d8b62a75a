"""`bansos reforms`: the catalogue of shipped reforms (wired into cli.py by ``register``)."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table


def reforms(
    as_json: bool = typer.Option(False, "--json", help="Print the catalogue as JSON."),
) -> None:
    """List the shipped reforms: name, label and what each changes (parameters, variables)."""
    from openfisca_indonesia_sosial.reform.catalog import catalogue
    from openfisca_indonesia_sosial.reform.files import ReformError

    console = Console()
    try:
        entries = catalogue()
    except ReformError as error:
        console.print(f"[red]Reformasi tidak valid / invalid reform:[/red] {escape(str(error))}")
        raise typer.Exit(2) from error
    if as_json:
        payload = {"reforms": [item.to_dict() for item in entries]}
        typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))
        return
    table = Table(title="Reformasi tersedia / shipped reforms", show_lines=True)
    table.add_column("name", style="bold", overflow="fold", ratio=2)
    table.add_column("label", ratio=2)
    table.add_column("kind", ratio=1)
    table.add_column("what it changes", overflow="fold", ratio=4)
    for item in entries:
        table.add_row(item.name, item.label, item.kind, "\n".join(item.lines()))
    console.print(table)
    console.print(
        "Use: bansos simulate --reform NAME  ·  docs/reforms/catalogue.md  ·  "
        "docs/reforms/writing.md"
    )


def register(app: typer.Typer) -> None:
    """Add the ``reforms`` command to the ``bansos`` application."""
    app.command("reforms")(reforms)
