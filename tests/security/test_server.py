"""The HTTP layer under hostile input: sizes, connections, addresses, headers and echoes.

Each test sends the input over HTTP to a started server (the threaded werkzeug server of
conftest.py, or ``bansos serve`` under waitress for connection handling) and asserts the
status, the size of the answer, a generous time ceiling, no traceback and no clear NIK, and a
server still answering afterwards.
"""

from __future__ import annotations

import contextlib
import gzip
import http.client
import json
import logging
import os
import socket
import subprocess
import sys
import time
from dataclasses import replace

import pytest
import requests
from live_server import serving

from openfisca_indonesia_sosial.api import ApiConfig

from .conftest import CLEAR_NIK, ROOT, SECURITY_CONFIG, Client, Stopwatch, assert_clean

#: Ceiling of a refusal's body: one sentence, never the input quoted back.
SMALL = 2048
MASKED_NIK = CLEAR_NIK[:2] + "*" * 10 + CLEAR_NIK[-2:]


def refused(response: requests.Response, status: int, limit: int = SMALL) -> dict:
    """A small JSON refusal with ``status``: no traceback, no clear NIK."""
    assert response.status_code == status, (response.status_code, response.text[:300])
    assert len(response.content) <= limit, len(response.content)
    assert_clean(response.text)
    assert response.headers["Content-Type"].startswith("application/json"), response.headers
    return response.json()


def families(count: int, month: str = "2024-01") -> dict:
    """One person heading the first of ``count`` otherwise empty families."""
    keluarga = {f"k{i}": {} for i in range(count)}
    keluarga["k0"] = {"kepala_keluarga": "p", "pkh_bantuan": {month: None}}
    return {"daftar_individu": {"p": {}}, "daftar_keluarga": keluarga}


@contextlib.contextmanager
def served(config: ApiConfig):
    """A server for one configuration (the shared one has the security settings)."""
    with serving(config) as base:
        yield Client(base)


# --- entity counts ----------------------------------------------------------------------------


@pytest.mark.parametrize("count", [51, 20_000])
@pytest.mark.parametrize("path", ["/calculate", "/trace", "/explain"])
def test_families_are_limited_like_persons(client, path, count):
    situation = families(count)
    body = {"situation": situation, "month": "2024-01"} if path == "/explain" else situation
    with Stopwatch(20):
        answer = refused(client.post(path, json=body), 413)
    assert "daftar_keluarga" in answer["error"] and "50" in answer["error"], answer
    assert client.healthy()


def test_families_within_the_limit_compute(client):
    with Stopwatch(30):
        answer = client.post("/calculate", json=families(50))
    assert answer.status_code == 200, answer.text[:300]
    assert len(answer.content) < 10_000
    assert_clean(answer.text)
    assert answer.json()["daftar_keluarga"]["k0"]["pkh_bantuan"]["2024-01"] == 0
    assert client.healthy()


# --- paths, logs and echoes -------------------------------------------------------------------


def test_nik_in_a_path_is_masked_in_answers_and_logs(client, caplog):
    caplog.set_level(logging.INFO, logger="openfisca_indonesia_sosial.api")
    for path in (f"/variable/{CLEAR_NIK}", f"/parameter/{CLEAR_NIK}", f"/x/{CLEAR_NIK}"):
        with Stopwatch(10):
            answer = refused(client.get(path), 404)
        assert MASKED_NIK in answer["error"], answer
    answer = refused(client.post(f"/variable/{CLEAR_NIK}"), 405)
    assert MASKED_NIK in answer["error"]
    time.sleep(0.2)  # the server thread logs after it has answered
    logged = "\n".join(r.getMessage() for r in caplog.records if r.name.startswith("openfisca"))
    assert MASKED_NIK in logged and CLEAR_NIK not in logged, logged
    assert client.healthy()


def test_long_paths_and_escape_codes_are_not_echoed(client):
    answer = refused(client.get("/variable/" + "%1b[2J" + "x" * 50_000), 404)
    assert "\x1b" not in answer["error"] and "\\x1b" in answer["error"], answer
    assert "50," in answer["error"] or "characters" in answer["error"], answer
    assert client.healthy()


def test_a_trailing_slash_is_served_here_not_redirected(client):
    # Core redirected ``//evil.example/`` to ``/evil.example``-style targets and quoted the path
    # (a NIK) in the redirect; ``/x/`` is now answered as ``/x``, with no Location at all.
    host, port = client.base.removeprefix("http://").split(":")
    one = json.dumps(families(1)).encode()
    for method, path, status in (
        ("GET", "//evil.example/", 404),
        ("GET", f"/variable/{CLEAR_NIK}/", 404),
        ("GET", "/variable/pkh_bantuan/?x=1", 200),
        ("POST", "/calculate/", 200),
    ):
        connection = http.client.HTTPConnection(host, int(port), timeout=30)
        headers = {"Content-Type": "application/json"}
        with Stopwatch(20):
            connection.request(
                method, path, body=one if method == "POST" else None, headers=headers
            )
            response = connection.getresponse()
            body = response.read()
        connection.close()
        assert response.status == status, (path, response.status, body[:200])
        assert response.getheader("Location") is None
        assert len(body) < 20_000
        assert_clean(body.decode())
    assert client.healthy()


def test_405_names_the_allowed_methods(client):
    for method, path, allowed in (("GET", "/calculate", "POST"), ("POST", "/variables", "GET")):
        response = client.request(method, path)
        answer = refused(response, 405)
        assert allowed in response.headers.get("Allow", ""), response.headers
        assert "not allowed" in answer["error"]
    assert client.healthy()


# --- addresses, CORS, source links ------------------------------------------------------------


def test_published_addresses_never_come_from_the_host_header(client):
    forged = {"Host": "evil.example", "X-Forwarded-Host": "evil.example"}
    spec = client.get("/spec", headers=forged)
    assert spec.status_code == 200
    assert spec.json()["servers"] == [{"url": "/"}]
    for listing, prefix in (("/variables", "/variable/"), ("/parameters", "/parameter/")):
        response = client.get(listing, headers={"X-Forwarded-Host": "evil.example"})
        assert response.status_code == 200 and "evil.example" not in response.text
        assert all(v["href"].startswith(prefix) for v in response.json().values())
    public = "https://bansos.example.go.id/api"
    with served(replace(SECURITY_CONFIG, public_url=public)) as other:
        spec = other.get("/spec", headers=forged).json()
        assert spec["servers"] == [{"url": public}]
        hrefs = [v["href"] for v in other.get("/variables", headers=forged).json().values()]
        assert all(h.startswith(public + "/variable/") for h in hrefs), hrefs[:3]
        assert other.healthy()
    assert client.healthy()


def test_cross_origin_access_is_off_unless_configured(client, monkeypatch):
    monkeypatch.delenv("BANSOS_API_CORS_ORIGINS", raising=False)
    assert ApiConfig().cors_origins == ()
    origin = {"Origin": "https://evil.example"}
    preflight = {**origin, "Access-Control-Request-Method": "POST"}
    assert "Access-Control-Allow-Origin" not in client.get("/health", headers=origin).headers
    assert (
        "Access-Control-Allow-Origin"
        not in client.request("OPTIONS", "/calculate", headers=preflight).headers
    )
    monkeypatch.setenv("BANSOS_API_CORS_ORIGINS", "https://portal.example.go.id")
    with served(replace(SECURITY_CONFIG, cors_origins=ApiConfig().cors_origins)) as other:
        allowed = other.get("/health", headers={"Origin": "https://portal.example.go.id"})
        assert allowed.headers["Access-Control-Allow-Origin"] == "https://portal.example.go.id"
        other_origin = other.get("/health", headers=origin).headers
        assert "Access-Control-Allow-Origin" not in other_origin
    assert client.healthy()


def test_source_links_are_valid_or_absent(client):
    for path in ("/variable/pkh_bantuan", "/parameter/sembako.nilai_bulanan"):
        with Stopwatch(10):
            response = client.get(path)
        assert response.status_code == 200 and len(response.content) < 50_000
        assert_clean(response.text)
        assert "None/blob" not in response.text
        answer = response.json()
        sources = [answer.get("source")] + [
            formula.get("source") for formula in (answer.get("formulas") or {}).values() if formula
        ]
        assert all(s is None or s.startswith("https://") for s in sources), sources
    assert client.healthy()


# --- bodies, query strings, uploads -----------------------------------------------------------


def test_compressed_bodies_are_refused(client):
    bomb = gzip.compress(b" " * (50 * 1024 * 1024))
    for path in ("/calculate", "/bulk"):
        with Stopwatch(10):
            response = client.post(
                path,
                data=bomb,
                headers={"Content-Type": "application/json", "Content-Encoding": "gzip"},
            )
        assert "Content-Encoding" in refused(response, 415)["error"]
    assert client.healthy()


def test_a_chunked_body_over_the_limit_is_413(client):
    def chunks():
        yield b'{"daftar_individu": {"p": {"nama": "'
        for _ in range(300):
            yield b"x" * 10_000
        yield b'"}}}'

    with Stopwatch(20):
        response = client.post(
            "/calculate", data=chunks(), headers={"Content-Type": "application/json"}
        )
    assert "too large" in refused(response, 413)["error"]
    assert client.healthy()


@pytest.mark.parametrize("query", ["format=" + "x" * 5000, "lang=" + "y" * 5000, "format=pdf"])
def test_explain_query_choices_are_checked_first(client, query):
    with Stopwatch(10):
        answer = refused(client.post("/explain?" + query, json={}), 400)
    assert "format" in answer["error"] or "lang" in answer["error"]
    assert client.healthy()


def test_multipart_parts_and_names_are_bounded(client):
    many = {f"f{i}": ("a.csv", b"a") for i in range(3000)}
    with Stopwatch(20):
        refused(client.post("/bulk", files=many), 413)
    long_name = {"x" * 1_000_000: ("a.csv", b"a"), "month": (None, "2024-01")}
    with Stopwatch(20):
        refused(client.post("/bulk", files=long_name), 400)
    assert client.healthy()


# --- waitress: connections --------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def bansos_serve(*flags: str):
    """``bansos serve`` under waitress on a free loopback port; stopped at the end."""
    port = _free_port()
    env = {**os.environ, "BANSOS_API_MAX_BYTES": str(SECURITY_CONFIG.max_content_length)}
    process = subprocess.Popen(
        [sys.executable, "-m", "openfisca_indonesia_sosial.cli", "serve", "--port", str(port),
         "--threads", "2", *flags],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            if process.poll() is not None:
                raise AssertionError(process.stderr.read().decode()[-2000:])
            try:
                requests.get(base + "/health", timeout=2)
                break
            except requests.RequestException:
                assert time.monotonic() < deadline, "bansos serve did not start"
                time.sleep(0.5)
        yield port, Client(base)
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        stderr = process.stderr.read().decode(errors="replace")
        process.stderr.close()
        assert_clean(stderr)


def _silent_sockets(port: int, count: int) -> list[socket.socket]:
    """Connections that send nothing, or half a request, and then wait."""
    sockets = []
    for index in range(count):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        if index % 2:
            sock.sendall(b"POST /calculate HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{")
        sockets.append(sock)
    return sockets


@pytest.mark.server
def test_silent_connections_do_not_lock_clients_out():
    # waitress's own defaults (100 connections, 120 s) let 150 such sockets block every client.
    with bansos_serve() as (port, api):
        sockets = _silent_sockets(port, 150)
        try:
            with Stopwatch(10):
                assert api.get("/health", timeout=10).status_code == 200
        finally:
            for sock in sockets:
                sock.close()
    # With a small connection limit, the channel timeout frees the slots.
    with bansos_serve("--connection-limit", "10", "--channel-timeout", "2") as (port, api):
        sockets = _silent_sockets(port, 20)
        try:
            with Stopwatch(30):
                response = api.get("/health", timeout=30)
            assert response.status_code == 200
            sockets[0].settimeout(10)
            with Stopwatch(10):
                assert sockets[0].recv(1024) == b"", "a silent connection was left open"
        finally:
            for sock in sockets:
                sock.close()
        assert api.healthy()


def _send_chunked(port: int, path: str, chunks: int, size: int) -> bytes:
    """Send a chunked JSON body until done or refused; the server's answer (first 4 KiB)."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=20)
    sock.sendall(
        f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n".encode()
    )
    chunk = f"{size:x}\r\n".encode() + b" " * size + b"\r\n"
    with contextlib.suppress(OSError):  # the server may close while the client still sends
        for _ in range(chunks):
            sock.sendall(chunk)
        sock.sendall(b"0\r\n\r\n")
    try:
        return sock.recv(4096)
    finally:
        sock.close()


@pytest.mark.server
def test_waitress_bounds_headers_and_bodies_before_buffering():
    with bansos_serve() as (port, api):
        with Stopwatch(10):
            response = api.get("/health", headers={"X-Padding": "x" * 100_000}, timeout=10)
        assert response.status_code in (400, 431) and len(response.content) < SMALL
        # A declared body over the limit is refused from its header, before it is sent.
        sock = socket.create_connection(("127.0.0.1", port), timeout=10)
        sock.sendall(
            b"POST /bulk HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 10000000000\r\n\r\n"
        )
        with Stopwatch(10):
            head = sock.recv(4096)
        sock.close()
        assert head.startswith(b"HTTP/1.1 413"), head[:200]

        # A chunked body (no Content-Length) is cut off at the limit, not buffered whole.
        with Stopwatch(30):
            head = _send_chunked(port, "/calculate", chunks=300, size=10_000)
        assert head.startswith(b"HTTP/1.1 413") and len(head) < SMALL, head[:200]
        answer = api.get(f"/variable/{CLEAR_NIK}")
        refused(answer, 404)
        assert api.healthy()
