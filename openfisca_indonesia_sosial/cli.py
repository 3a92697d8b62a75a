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


@app.command()
def demo() -> None:
    """Compute the example families shipped in the package and print their benefits."""
    from openfisca_indonesia_sosial.demo import run_demo

    run_demo(console)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
