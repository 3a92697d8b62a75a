"""A real HTTP server for the API tests: werkzeug's threaded server on a free local port."""

from __future__ import annotations

import threading

import pytest
import requests
from werkzeug.serving import make_server

from openfisca_indonesia_sosial.api import ApiConfig, create_app

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
    app = create_app(TEST_CONFIG)
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def api(server) -> Api:
    return Api(server)
