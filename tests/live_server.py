"""A real HTTP server for API tests: werkzeug's threaded server on a free loopback port."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from werkzeug.serving import make_server

from openfisca_indonesia_sosial.api import ApiConfig, create_app


@contextmanager
def serving(config: ApiConfig) -> Iterator[str]:
    """The API with ``config`` served on 127.0.0.1 until the block ends; yields its base URL."""
    httpd = make_server("127.0.0.1", 0, create_app(config), threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(timeout=10)
