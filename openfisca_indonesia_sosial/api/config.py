"""Settings of the Web API, from arguments or ``BANSOS_API_*`` environment variables."""

from __future__ import annotations

import os
from dataclasses import dataclass, field


def _env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def _env_origins(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = os.environ.get(name)
    if value is None:
        return default
    return tuple(origin.strip() for origin in value.split(",") if origin.strip())


@dataclass(frozen=True)
class ApiConfig:
    """Limits and CORS of one API instance.

    ``max_content_length``  bytes of one request body (larger: 413); ``BANSOS_API_MAX_BYTES``.
    ``max_persons``         persons in one situation (/calculate, /trace, /explain; larger: 413);
                            ``BANSOS_API_MAX_PERSONS``.
    ``max_bulk_persons``    ``individu`` rows in one /bulk request; ``BANSOS_API_MAX_BULK_PERSONS``.
    ``cors_origins``        origins allowed by CORS, ``("*",)`` for any, ``()`` for none;
                            ``BANSOS_API_CORS_ORIGINS`` (comma-separated).
    ``reform_cache_size``   reformed systems kept in memory (by content hash).
    """

    max_content_length: int = field(
        default_factory=lambda: _env_int("BANSOS_API_MAX_BYTES", 20 * 1024 * 1024)
    )
    max_persons: int = field(default_factory=lambda: _env_int("BANSOS_API_MAX_PERSONS", 500))
    max_bulk_persons: int = field(
        default_factory=lambda: _env_int("BANSOS_API_MAX_BULK_PERSONS", 200_000)
    )
    cors_origins: tuple[str, ...] = field(
        default_factory=lambda: _env_origins("BANSOS_API_CORS_ORIGINS", ("*",))
    )
    reform_cache_size: int = field(default_factory=lambda: _env_int("BANSOS_API_REFORM_CACHE", 16))
