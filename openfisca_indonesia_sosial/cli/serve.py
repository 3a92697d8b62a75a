"""``bansos serve``: the Web API on 127.0.0.1 (registered by the main command line).

Every limit has a flag and a ``BANSOS_API_*`` environment variable (the flag wins); the
defaults are safe for a server reachable by untrusted clients (docs/security.md).
"""

from __future__ import annotations

import logging
from dataclasses import replace

import typer

from openfisca_indonesia_sosial.api.config import (
    WEB_APP_YEAR,
    ApiConfig,
    ConfigError,
    ServerConfig,
    parse_origins,
)


def _option(default, flag: str, text: str, **kwargs):
    return typer.Option(default, flag, help=text, **kwargs)


def serve(
    port: int = _option(5000, "--port", "TCP port.", min=1, max=65535),
    host: str = _option("127.0.0.1", "--host", "Interface to listen on (0.0.0.0 exposes it)."),
    threads: int | None = _option(
        None, "--threads", "Worker threads (default 8, BANSOS_API_THREADS).", min=1
    ),
    max_persons: int | None = _option(
        None, "--max-persons", "Persons per situation (default 500, BANSOS_API_MAX_PERSONS).", min=1
    ),
    max_families: int | None = _option(
        None,
        "--max-families",
        "Families per situation (default 500, BANSOS_API_MAX_FAMILIES).",
        min=1,
    ),
    max_bytes: int | None = _option(
        None,
        "--max-bytes",
        "Bytes of one request body (default 20 MiB, BANSOS_API_MAX_BYTES).",
        min=1024,
    ),
    cors: str | None = _option(
        None,
        "--cors",
        "Origins allowed to call the API from a web page, comma-separated, or '*' for any "
        "(default none, BANSOS_API_CORS_ORIGINS).",
    ),
    public_url: str | None = _option(
        None,
        "--public-url",
        "Address clients reach the API at, published in /spec and in links "
        "(default: relative links, BANSOS_API_PUBLIC_URL).",
    ),
    connection_limit: int | None = _option(
        None,
        "--connection-limit",
        "Open connections at most; more wait to be accepted "
        "(default 500, BANSOS_API_CONNECTION_LIMIT).",
        min=1,
    ),
    channel_timeout: int | None = _option(
        None,
        "--channel-timeout",
        "Seconds a connection may stay silent before it is closed "
        "(default 30, BANSOS_API_CHANNEL_TIMEOUT).",
        min=1,
    ),
    max_jobs: int | None = _option(
        None,
        "--max-jobs",
        "Microsimulations (/simulate) queued or running at once; more get 429 "
        "(default 4, BANSOS_API_MAX_JOBS).",
        min=1,
    ),
    job_workers: int | None = _option(
        None,
        "--job-workers",
        "Microsimulations run at the same time (default 1, BANSOS_API_JOB_WORKERS).",
        min=1,
    ),
    docs_url: str | None = _option(
        None,
        "--docs-url",
        "Address of the documentation site the web app links rule pages to "
        "(default none, BANSOS_API_DOCS_URL).",
    ),
    preload: bool = typer.Option(
        True,
        "--preload/--no-preload",
        help="Build the web application's year's default population when the server starts, "
        "so the "
        "first /simulate of that year does not wait for it (BANSOS_API_PRELOAD_YEAR names "
        "another year).",
    ),
    max_header_bytes: int | None = _option(
        None,
        "--max-header-bytes",
        "Bytes of a request's header block (default 64 KiB, BANSOS_API_MAX_HEADER_BYTES).",
        min=1024,
    ),
) -> None:
    """Serve the web application at / and the Web API (OpenFisca endpoints plus /explain,
    /bulk, /reforms, /simulate) with waitress."""
    from waitress import serve as waitress_serve

    from openfisca_indonesia_sosial.api import create_app

    api_changes = {
        "max_persons": max_persons,
        "max_families": max_families,
        "max_content_length": max_bytes,
        "public_url": public_url,
        "max_jobs": max_jobs,
        "job_workers": job_workers,
        "docs_url": docs_url,
    }
    server_changes = {
        "threads": threads,
        "connection_limit": connection_limit,
        "channel_timeout": channel_timeout,
        "max_request_header_size": max_header_bytes,
    }
    try:
        config = replace(ApiConfig(), **{k: v for k, v in api_changes.items() if v is not None})
        if not preload:
            config = replace(config, preload_year=None)
        elif config.preload_year is None:
            config = replace(config, preload_year=WEB_APP_YEAR)
        if cors is not None:
            config = replace(config, cors_origins=parse_origins(cors))
        server = replace(
            ServerConfig(), **{k: v for k, v in server_changes.items() if v is not None}
        )
    except ConfigError as error:
        typer.echo(f"bansos serve: {error}", err=True)
        raise typer.Exit(2) from error
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(message)s")
    app = create_app(config)
    origins = ", ".join(config.cors_origins) or "none"
    typer.echo(
        f"bansos web app and API on http://{host}:{port}/ (spec: /spec; CORS origins: {origins}; "
        f"{server.connection_limit} connections, {server.channel_timeout} s idle timeout) "
        "— Ctrl+C to stop"
    )
    waitress_serve(
        app,
        host=host,
        port=port,
        ident="bansos",
        **server.waitress_options(config.max_content_length),
    )


def register(app: typer.Typer) -> None:
    """Add ``serve`` to the ``bansos`` command."""
    app.command("serve")(serve)
