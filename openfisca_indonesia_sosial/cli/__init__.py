"""`bansos`: the command line of openfisca-indonesia-sosial."""

from __future__ import annotations

import typer
from rich.console import Console

from openfisca_indonesia_sosial import __version__

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


#: The subcommands in the order ``bansos --help`` lists them; each module holds its command
#: and imports what it computes with only when it runs, so ``--help`` stays fast.
COMMANDS = (
    "demo",
    "calculate",
    "simulate",
    "validate",
    "population",
    "reforms",
    "serve",
    "batch",
)


def _register_subcommands() -> None:
    from importlib import import_module

    for name in COMMANDS:
        import_module(f"openfisca_indonesia_sosial.cli.{name}").register(app)


_register_subcommands()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
