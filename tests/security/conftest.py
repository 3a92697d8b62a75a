"""Hostile inputs, sent the way an attacker or a careless client would.

Every test here sends one input named in the hardening review and asserts what a client sees:
the status, the size of the answer, a generous time ceiling (not a benchmark), no traceback,
no clear NIK, exact money, and a server still healthy afterwards.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests
from live_server import serving

from openfisca_indonesia_sosial.api import ApiConfig

ROOT = Path(__file__).resolve().parents[2]
#: A 16-digit NIK-shaped value; no output may ever hold it in clear.
CLEAR_NIK = "3174012301900001"
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+")

SECURITY_CONFIG = ApiConfig(
    max_content_length=2 * 1024 * 1024,
    max_persons=50,
    max_families=50,
    max_bulk_persons=2_000,
    max_bulk_families=2_000,
    cors_origins=(),
    reform_cache_size=4,
)


class Client:
    """``client.post("/calculate", json=...)`` against the running server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        kwargs.setdefault("timeout", 60)
        return self.session.request(method, self.base + path, **kwargs)

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.request("POST", path, **kwargs)

    def healthy(self) -> bool:
        return self.get("/health", timeout=30).status_code == 200


@pytest.fixture(scope="module")
def hostile_server():
    """A real threaded HTTP server on a free loopback port, one per test module."""
    with serving(SECURITY_CONFIG) as base:
        yield base


@pytest.fixture(scope="module")
def client(hostile_server) -> Client:
    return Client(hostile_server)


def assert_clean(text: str) -> None:
    """No traceback and no clear NIK in a response body, a log or a printed line."""
    assert not TRACEBACK.search(text), text[:2000]
    assert CLEAR_NIK not in text


def bansos(*args: str, timeout: float = 300, cwd: Path | None = None, **kwargs):
    """Run the ``bansos`` command line in a subprocess (as a user would)."""
    env = {**os.environ, "COLUMNS": "100", "NO_COLOR": "1"}
    return subprocess.run(
        [sys.executable, "-m", "openfisca_indonesia_sosial.cli", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=cwd or ROOT,
        env=env,
        **kwargs,
    )


class Stopwatch:
    """A generous ceiling on how long a refusal may take (a guard, not a benchmark)."""

    def __init__(self, ceiling: float) -> None:
        self.ceiling = ceiling

    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.elapsed = time.perf_counter() - self.start
        if exc[0] is None:
            assert self.elapsed < self.ceiling, f"took {self.elapsed:.1f} s > {self.ceiling} s"
