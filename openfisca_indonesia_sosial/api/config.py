"""Settings of the Web API, from arguments or ``BANSOS_API_*`` environment variables.

Two groups: the limits the app enforces on each request (:class:`ApiConfig`), and the limits
the HTTP server (waitress, under ``bansos serve``) enforces on connections
(:class:`ServerConfig`). Every value has a safe default; docs/security.md lists them all.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field


class ConfigError(ValueError):
    """An environment variable or option with a value that is not allowed."""


#: The year the web application's reform simulator opens with (webapp/js/simulator.js): the
#: population ``bansos serve`` preloads.
WEB_APP_YEAR = 2025


def _env_int(name: str, default: int, minimum: int = 1) -> int:
    value = os.environ.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError as error:
        raise ConfigError(f"{name} must be a whole number, got {value[:40]!r}") from error
    if number < minimum:
        raise ConfigError(f"{name} must be at least {minimum}, got {number}")
    return number


def _env_text(name: str, default: str | None) -> str | None:
    value = os.environ.get(name)
    return value.strip() or None if value is not None else default


def parse_origins(value: str) -> tuple[str, ...]:
    """``"https://a.example, https://b.example"`` as a tuple; ``""`` is no origin at all."""
    return tuple(origin.strip() for origin in value.split(",") if origin.strip())


def _env_origins(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = os.environ.get(name)
    return default if value is None else parse_origins(value)


@dataclass(frozen=True)
class ApiConfig:
    """Limits, CORS and public address of one API instance.

    ``max_content_length``  bytes of one request body (larger: 413); ``BANSOS_API_MAX_BYTES``.
    ``max_persons``         persons in one situation (/calculate, /trace, /explain; larger: 413);
                            ``BANSOS_API_MAX_PERSONS``.
    ``max_families``        families in one situation; ``BANSOS_API_MAX_FAMILIES``.
    ``max_bulk_persons``    ``individu`` rows in one /bulk request; ``BANSOS_API_MAX_BULK_PERSONS``.
    ``max_bulk_families``   ``keluarga`` rows in one /bulk request;
                            ``BANSOS_API_MAX_BULK_FAMILIES``.
    ``max_bulk_answer_cells`` cells (rows x columns) of one /bulk answer, counted before
                            computing; ``BANSOS_API_MAX_BULK_CELLS``.
    ``cors_origins``        origins allowed by CORS, ``()`` for none (the default: no web page
                            of another origin may call the API), ``("*",)`` for any;
                            ``BANSOS_API_CORS_ORIGINS`` (comma-separated).
    ``public_url``          the address clients reach the API at, published as ``servers`` in
                            /spec; ``None`` publishes a relative ``/`` (never the request's
                            ``Host`` header); ``BANSOS_API_PUBLIC_URL``.
    ``reform_cache_size``   reformed systems kept in memory (by content hash).
    ``max_jobs``            microsimulations queued or running at once (/simulate; more: 429);
                            ``BANSOS_API_MAX_JOBS``.
    ``job_workers``         microsimulations run at the same time; ``BANSOS_API_JOB_WORKERS``.
    ``job_ttl``             seconds a finished microsimulation's result is kept;
                            ``BANSOS_API_JOB_TTL``.
    ``docs_url``            address of the documentation site the web app links to (rule pages);
                            ``None`` gives site-relative page paths; ``BANSOS_API_DOCS_URL``.
    ``job_results``         finished microsimulations kept at most (oldest dropped first);
                            ``BANSOS_API_JOB_RESULTS``.
    ``preload_year``        the default population of this year is built in the background
                            when the server starts, so the first /simulate of that year does
                            not wait for it; ``None`` (the default; ``bansos serve`` sets the
                            latest year) builds it on first use; ``BANSOS_API_PRELOAD_YEAR``.
    """

    max_content_length: int = field(
        default_factory=lambda: _env_int("BANSOS_API_MAX_BYTES", 20 * 1024 * 1024)
    )
    max_persons: int = field(default_factory=lambda: _env_int("BANSOS_API_MAX_PERSONS", 500))
    max_bulk_persons: int = field(
        default_factory=lambda: _env_int("BANSOS_API_MAX_BULK_PERSONS", 200_000)
    )
    cors_origins: tuple[str, ...] = field(
        default_factory=lambda: _env_origins("BANSOS_API_CORS_ORIGINS", ())
    )
    reform_cache_size: int = field(default_factory=lambda: _env_int("BANSOS_API_REFORM_CACHE", 16))
    max_families: int = field(default_factory=lambda: _env_int("BANSOS_API_MAX_FAMILIES", 500))
    max_bulk_families: int = field(
        default_factory=lambda: _env_int("BANSOS_API_MAX_BULK_FAMILIES", 200_000)
    )
    max_bulk_answer_cells: int = field(
        default_factory=lambda: _env_int("BANSOS_API_MAX_BULK_CELLS", 5_000_000)
    )
    public_url: str | None = field(default_factory=lambda: _env_text("BANSOS_API_PUBLIC_URL", None))
    max_jobs: int = field(default_factory=lambda: _env_int("BANSOS_API_MAX_JOBS", 4))
    job_workers: int = field(default_factory=lambda: _env_int("BANSOS_API_JOB_WORKERS", 1))
    job_ttl: int = field(default_factory=lambda: _env_int("BANSOS_API_JOB_TTL", 3600))
    job_results: int = field(default_factory=lambda: _env_int("BANSOS_API_JOB_RESULTS", 32))
    docs_url: str | None = field(default_factory=lambda: _env_text("BANSOS_API_DOCS_URL", None))
    preload_year: int | None = field(
        default_factory=lambda: (
            _env_int("BANSOS_API_PRELOAD_YEAR", 0)
            if os.environ.get("BANSOS_API_PRELOAD_YEAR")
            else None
        )
    )

    def __post_init__(self) -> None:
        for what, url in (("public URL", self.public_url), ("docs URL", self.docs_url)):
            if url is not None and (
                not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", url) or len(url) > 200
            ):
                raise ConfigError(
                    f"the {what} must be http(s)://host[:port][/path], got {url[:80]!r}"
                )


@dataclass(frozen=True)
class ServerConfig:
    """Connection limits of waitress under ``bansos serve`` (flags override the environment).

    waitress reads requests in one event loop and hands only complete requests to the worker
    threads, so an idle or slow connection costs a file descriptor, not a thread; what it can
    exhaust is the connection limit. ``connection_limit`` is therefore generous (waitress's 100
    let 150 silent sockets lock every client out for two minutes), ``channel_timeout`` closes
    a connection silent that many seconds (checked every ``cleanup_interval`` seconds), and
    ``max_request_header_size`` bounds the header block. Bodies over the app's byte limit are
    refused by waitress before they are buffered (to memory or a temporary file).
    """

    threads: int = field(default_factory=lambda: _env_int("BANSOS_API_THREADS", 8))
    connection_limit: int = field(
        default_factory=lambda: _env_int("BANSOS_API_CONNECTION_LIMIT", 500)
    )
    channel_timeout: int = field(default_factory=lambda: _env_int("BANSOS_API_CHANNEL_TIMEOUT", 30))
    cleanup_interval: int = field(
        default_factory=lambda: _env_int("BANSOS_API_CLEANUP_INTERVAL", 10)
    )
    max_request_header_size: int = field(
        default_factory=lambda: _env_int("BANSOS_API_MAX_HEADER_BYTES", 64 * 1024)
    )

    def waitress_options(self, max_body: int) -> dict:
        """Keyword arguments of ``waitress.serve``; the body limit is the app's byte limit."""
        return {
            "threads": self.threads,
            "connection_limit": self.connection_limit,
            "channel_timeout": self.channel_timeout,
            # waitress checks timeouts once per cleanup interval: keep it under the timeout
            "cleanup_interval": max(1, min(self.cleanup_interval, self.channel_timeout)),
            "max_request_header_size": self.max_request_header_size,
            "max_request_body_size": max_body,
            # select() fails past 1024 descriptors; poll() has no such ceiling
            "asyncore_use_poll": True,
        }
