"""`bansos serve` (registered through api.cli.register) and `openfisca serve` on the package."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time

import pytest
import requests
import typer
from typer.testing import CliRunner

from openfisca_indonesia_sosial import CountryTaxBenefitSystem
from openfisca_indonesia_sosial.api.cli import register
from openfisca_indonesia_sosial.api.openapi import install_open_api_config, open_api_config


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 40) -> requests.Response:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}")
        try:
            return requests.get(url, timeout=2)
        except requests.ConnectionError:
            time.sleep(0.3)
    raise AssertionError(f"no answer from {url}")


def test_register_adds_serve():
    app = typer.Typer()

    @app.command()
    def other() -> None:  # a second command, so typer keeps subcommands
        pass

    register(app)
    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--port" in result.output and "--host" in result.output


@pytest.mark.server
def test_serve_subprocess():
    port = _free_port()
    code = (
        "import typer; from openfisca_indonesia_sosial.api.cli import register; "
        "app = typer.Typer(); app.command('noop')(lambda: None); register(app); app()"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code, "serve", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        response = _wait(f"http://127.0.0.1:{port}/health", process)
        assert response.json()["status"] == "ok"
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.server
def test_openfisca_serve_country_package():
    openfisca = shutil.which("openfisca", path=os.path.dirname(sys.executable))
    if openfisca is None:
        pytest.skip("openfisca command not installed")
    port = _free_port()
    process = subprocess.Popen(
        [openfisca, "serve", "--country-package", "openfisca_indonesia_sosial",
         "--port", str(port), "--workers", "1"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        spec = _wait(f"http://127.0.0.1:{port}/spec", process).json()
        assert "/calculate" in spec["paths"]
        if CountryTaxBenefitSystem().open_api_config:  # system.py installs our examples
            example = spec["components"]["schemas"]["SituationInput"]["example"]
            assert "keluarga_1" in example["daftar_keluarga"]
        situation = {
            "daftar_individu": {"a": {"tanggal_lahir": {"ETERNITY": "1950-01-01"}}},
            "daftar_keluarga": {
                "k": {
                    "kepala_keluarga": "a",
                    "terdaftar_dtks": {"2024": True},
                    "pkh_bantuan": {"2024-01": None},
                }
            },
        }
        answer = requests.post(f"http://127.0.0.1:{port}/calculate", json=situation, timeout=30)
        assert answer.json()["daftar_keluarga"]["k"]["pkh_bantuan"]["2024-01"] == 600_000
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_open_api_config_for_the_system():
    config = open_api_config()
    assert config["variable_example"] == "pkh_bantuan"
    example = config["simulation_example"]
    assert example["daftar_keluarga"]["keluarga_1"]["pkh_bantuan"] == {"2024-01": None}

    class Bare:
        def __init__(self) -> None:
            self.open_api_config = {}

    system = Bare()
    install_open_api_config(system)
    assert system.open_api_config["parameter_example"] == "sembako.nilai_bulanan"
