"""`bansos`: the command line of openfisca-indonesia-sosial."""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT

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
    "validation",
    "registry",
    "readings",
)


def _register_subcommands() -> None:
    from importlib import import_module

    for name in COMMANDS:
        import_module(f"openfisca_indonesia_sosial.cli.{name}").register(app)


_register_subcommands()


#: The third-party modules each extra of setup.py brings (tests/machinery/test_extras.py keeps
#: the two in step): a command that misses one names the extra to install, not a traceback.
EXTRA_MODULES = {
    "microsim": ("plotly", "duckdb", "threadpoolctl", "numba"),
    "scale": ("plotly", "dask", "distributed", "duckdb", "threadpoolctl", "numba"),
    "api": ("waitress", "plotly"),
    "docs": ("mkdocs", "material"),
}
#: The extra a command is documented with; named first when it brings the missing module.
COMMAND_EXTRAS = {
    "simulate": "microsim",
    "readings": "microsim",
    "validation": "microsim",
    "batch": "scale",
    "registry": "scale",
    "serve": "api",
}
DISTRIBUTION = "openfisca-indonesia-sosial"


def missing_extra(module: str | None, command: str | None) -> str | None:
    """The extra that installs ``module`` (preferring ``command``'s own), or None."""
    top = (module or "").split(".")[0]
    preferred = COMMAND_EXTRAS.get(command or "")
    if preferred and top in EXTRA_MODULES[preferred]:
        return preferred
    return next((extra for extra, modules in EXTRA_MODULES.items() if top in modules), None)


def _command(argv: list[str]) -> str | None:
    return next((arg for arg in argv if not arg.startswith("-")), None)


def main() -> None:
    try:
        app()
    except ModuleNotFoundError as error:
        command = _command(sys.argv[1:])
        extra = missing_extra(error.name, command)
        if extra is None:
            raise
        print(
            f"error: bansos {command} needs the [{extra}] extra (module {error.name!r} is not "
            f"installed): pip install '{DISTRIBUTION}[{extra}]'",
            file=sys.stderr,
        )
        sys.exit(EXIT_BAD_INPUT)


if __name__ == "__main__":
    main()
