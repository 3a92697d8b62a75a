"""``bansos serve``: the Web API on 127.0.0.1 (registered by the main command line)."""

from __future__ import annotations

import logging

import typer


def serve(
    port: int = typer.Option(5000, "--port", "-p", help="TCP port."),
    host: str = typer.Option(
        "127.0.0.1", "--host", help="Interface to listen on (0.0.0.0 exposes the API)."
    ),
    threads: int = typer.Option(8, "--threads", help="Worker threads (waitress)."),
    max_persons: int | None = typer.Option(
        None, "--max-persons", help="Persons per situation (default 500, BANSOS_API_MAX_PERSONS)."
    ),
    cors: str | None = typer.Option(
        None, "--cors", help="Allowed CORS origins, comma-separated ('' for none; default '*')."
    ),
) -> None:
    """Serve the Web API (OpenFisca endpoints plus /explain, /bulk, /reforms)."""
    from dataclasses import replace

    from openfisca_indonesia_sosial.api import ApiConfig, create_app

    config = ApiConfig()
    if max_persons is not None:
        config = replace(config, max_persons=max_persons)
    if cors is not None:
        origins = tuple(o.strip() for o in cors.split(",") if o.strip())
        config = replace(config, cors_origins=origins)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(config)
    typer.echo(f"bansos API on http://{host}:{port}/ (spec: /spec) — Ctrl+C to stop")
    try:
        from waitress import serve as waitress_serve
    except ImportError:  # waitress is optional: fall back to werkzeug's threaded server
        from werkzeug.serving import run_simple

        run_simple(host, port, app, threaded=True)
        return
    waitress_serve(app, host=host, port=port, threads=threads, ident="bansos")


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``bansos`` command."""
    app.command("serve")(serve)
