"""A real HTTP server for the API tests: werkzeug's threaded server on a free local port."""

from __future__ import annotations

import pytest
import requests
from live_server import serving

from openfisca_indonesia_sosial.api import ApiConfig

#: Small limits so the limit tests stay fast.
TEST_CONFIG = ApiConfig(
    max_content_length=2 * 1024 * 1024,
    max_persons=50,
    max_families=50,
    max_bulk_persons=2_000,
    max_bulk_families=2_000,
    cors_origins=("https://dashboard.example.org",),
    reform_cache_size=4,
)


class Api:
    """Tiny client: ``api.post("/calculate", json=...)`` against the running server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.session = requests.Session()

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.base + path, timeout=60, **kwargs)

    def post(self, path: str, **kwargs) -> requests.Response:
        return self.session.post(self.base + path, timeout=60, **kwargs)


@pytest.fixture(scope="session")
def server():
    with serving(TEST_CONFIG) as base:
        yield base


@pytest.fixture(scope="session")
def api(server) -> Api:
    return Api(server)
