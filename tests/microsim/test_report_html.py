"""The HTML report opens in a real headless Chromium and shows its charts."""

from __future__ import annotations

import pytest

from openfisca_indonesia_sosial.microsim import Microsimulation
from openfisca_indonesia_sosial.report.html import write_report

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def report(hand_tables, tmp_path_factory):
    individu, keluarga = hand_tables
    result = Microsimulation.from_tables(individu, keluarga, 2024, reforms=["sembako_300rb"]).run()
    path = tmp_path_factory.mktemp("report") / "laporan.html"
    return write_report(result, path, result.assumptions())


def test_report_is_one_offline_file(report):
    text = report.read_text(encoding="utf-8")
    assert "http://" not in text and "https://" not in text
    assert text.count("data:image/png;base64,") == 4


def test_report_renders_with_its_charts(report, chromium, tmp_path):
    rendered = chromium(["--dump-dom", report.as_uri()], tmp_path / "dom")
    assert rendered.returncode == 0, rendered.stderr[-2000:]
    dom = rendered.stdout
    assert "Simulasi bantuan sosial 2024" in dom
    assert dom.count("<img") == 4
    assert "sembako_300rb" in dom
    screenshot = tmp_path / "laporan.png"
    chromium(
        [f"--screenshot={screenshot}", "--window-size=1100,2000", report.as_uri()],
        tmp_path / "shot",
    )
    data = screenshot.read_bytes()
    assert data.startswith(b"\x89PNG")
    assert len(data) > 50_000  # charts and tables, not a blank page
