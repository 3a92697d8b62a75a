"""Options shared by the commands that run over partitions of a registry (``batch``,
``registry audit``): one declaration each, so their names, bounds and help stay alike."""

from __future__ import annotations

import typer

from openfisca_indonesia_sosial.scale.limits import MAX_PARTITIONS, MAX_WORKERS


def partitions_option(help_text: str):
    return typer.Option(None, "--partitions", min=1, max=MAX_PARTITIONS, help=help_text)


def scheduler_option():
    return typer.Option(
        "synchronous",
        "--scheduler",
        help="synchronous, threads, processes or tcp://HOST:PORT (dask.distributed).",
    )


def workers_option():
    return typer.Option(None, "--workers", min=1, max=MAX_WORKERS, help="Local workers.")
