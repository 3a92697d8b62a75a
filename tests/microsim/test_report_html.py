"""The HTML report opens in a real headless Chromium, draws its Plotly charts and asks the
network for nothing."""

from __future__ import annotations

import re
import socket
import threading
from contextlib import contextmanager

import pytest

from openfisca_indonesia_sosial.microsim import Microsimulation
from openfisca_indonesia_sosial.report.html import write_report

pytestmark = pytest.mark.browser

#: Chromium waits this long (virtual time) for the page's scripts before dumping or shooting.
SCRIPT_BUDGET_MS = "10000"
#: The charts of a run with one reform: cost, province, deciles, targeting.
CHARTS = 4
#: Hosts headless Chromium calls on its own (clock, component updates, accounts), whatever
#: the page: not requests of the report.
BROWSER_SERVICES = {
    "accounts.google.com",
    "clients2.google.com",
    "clientservices.googleapis.com",
    "content-autofill.googleapis.com",
    "edgedl.me.gvt1.com",
    "optimizationguide-pa.googleapis.com",
    "redirector.gvt1.com",
    "safebrowsing.googleapis.com",
    "update.googleapis.com",
}


@pytest.fixture(scope="module")
def report(hand_tables, tmp_path_factory):
    individu, keluarga = hand_tables
    result = Microsimulation.from_tables(individu, keluarga, 2024, reforms=["sembako_300rb"]).run()
    path = tmp_path_factory.mktemp("report") / "laporan.html"
    return write_report(result, path, result.assumptions())


@contextmanager
def network_sink():
    """A loopback proxy that only counts the connections made to it: Chromium pointed at it
    sends every http(s) request there instead of the network."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(16)
    server.settimeout(0.2)
    seen = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                connection, _ = server.accept()
            except OSError:
                continue
            seen.append(connection.recv(200))
            connection.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield server.getsockname()[1], seen
    finally:
        stop.set()
        thread.join(timeout=5)
        server.close()


def _hosts(requests: list[bytes]) -> set[str]:
    """The hosts a proxy was asked for (``GET http://host/...`` or ``CONNECT host:443``)."""
    hosts = set()
    for request in requests:
        target = request.split(b"\r\n")[0].split(b" ")[1].decode()
        hosts.add(re.sub(r"^https?://", "", target).split("/")[0].split(":")[0])
    return hosts - BROWSER_SERVICES


def _dump(chromium, url, profile, port):
    return chromium(
        [
            f"--proxy-server=http://127.0.0.1:{port}",
            f"--virtual-time-budget={SCRIPT_BUDGET_MS}",
            "--dump-dom",
            url,
        ],
        profile,
    )


def test_report_renders_its_charts_offline(report, chromium, tmp_path):
    with network_sink() as (port, seen):
        # the sink sees a page that does load something: the check below can fail
        control = tmp_path / "control.html"
        control.write_text("<img src='http://example.invalid/x.png'>", encoding="utf-8")
        _dump(chromium, control.as_uri(), tmp_path / "control", port)
        assert _hosts(seen) == {"example.invalid"}, seen
        seen.clear()
        rendered = _dump(chromium, report.as_uri(), tmp_path / "dom", port)
        assert rendered.returncode == 0, rendered.stderr[-2000:]
        assert _hosts(seen) == set(), seen
    dom = rendered.stdout
    assert "Simulasi bantuan sosial 2024" in dom
    # Plotly drew each chart as SVG: one plot container with its main SVG layers per chart
    assert dom.count('class="plot-container plotly"') == CHARTS
    assert len(re.findall(r'<svg class="main-svg"', dom)) >= CHARTS
    # bars were drawn (one path per bar point), and the axis labels are the short names
    assert dom.count('class="point"') >= 10
    assert ">Sembako/BPNT<" in dom and ">PBI-JK<" in dom
    assert "sembako_300rb" in dom


def test_report_screenshot_is_not_blank(report, chromium, tmp_path):
    screenshot = tmp_path / "laporan.png"
    chromium(
        [
            f"--virtual-time-budget={SCRIPT_BUDGET_MS}",
            f"--screenshot={screenshot}",
            "--window-size=1280,2400",
            report.as_uri(),
        ],
        tmp_path / "shot",
    )
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 50_000  # charts and tables, not a blank page
