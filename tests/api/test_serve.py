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
from openfisca_indonesia_sosial.api.config import ServerConfig
from openfisca_indonesia_sosial.api.openapi import install_open_api_config
from openfisca_indonesia_sosial.cli.serve import register
from openfisca_indonesia_sosial.examples import open_api_config


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


def test_serve_flags_for_every_limit():
    app = typer.Typer()
    app.command("noop")(lambda: None)
    register(app)
    result = CliRunner().invoke(app, ["serve", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for flag in (
        "--max-persons",
        "--max-families",
        "--max-bytes",
        "--cors",
        "--public-url",
        "--connection-limit",
        "--channel-timeout",
        "--max-header-bytes",
    ):
        assert flag in result.output, flag


@pytest.mark.parametrize(
    ("args", "env", "needle"),
    [
        ([], {"BANSOS_API_MAX_PERSONS": "many"}, "BANSOS_API_MAX_PERSONS"),
        ([], {"BANSOS_API_CHANNEL_TIMEOUT": "0"}, "at least 1"),
        (["--public-url", "javascript:alert(1)"], {}, "public URL"),
    ],
)
def test_serve_refuses_bad_settings_in_one_line(args, env, needle):
    app = typer.Typer()
    app.command("noop")(lambda: None)
    register(app)
    result = CliRunner().invoke(app, ["serve", "--port", "1", *args], env=env)
    assert result.exit_code == 2, result.output
    assert needle in result.output and "Traceback" not in result.output


def test_waitress_gets_the_connection_limits():
    options = ServerConfig(connection_limit=7, channel_timeout=3).waitress_options(1000)
    assert options["connection_limit"] == 7 and options["channel_timeout"] == 3
    assert options["cleanup_interval"] <= 3  # timeouts are checked at least that often
    assert options["max_request_body_size"] == 1000  # the app's limit, before buffering
    defaults = ServerConfig()
    assert defaults.connection_limit > 100 and defaults.channel_timeout < 120  # not waitress's


@pytest.mark.server
def test_serve_subprocess():
    port = _free_port()
    code = (
        "import typer; from openfisca_indonesia_sosial.cli.serve import register; "
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
