"""``bansos population generate|check`` (through register) and the data validator."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli.population import register


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()

    @app.callback()
    def main():  # a group, as in the lead's cli
        pass

    register(app)
    return app


def test_generate_and_check(app, tmp_path):
    runner = CliRunner()
    out = tmp_path / "pop"
    result = runner.invoke(
        app, ["population", "generate", "--year", "2025", "--families", "10000", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert (out / "individu.parquet").is_file() and (out / "keluarga.parquet").is_file()
    result = runner.invoke(
        app, ["population", "check", str(out), "--json", str(tmp_path / "r.json")]
    )
    assert result.exit_code == 0, result.output
    doc = json.loads((tmp_path / "r.json").read_text())
    assert doc["year"] == 2025 and doc["passed"]


def test_generate_rejects_bad_year(app, tmp_path):
    result = CliRunner().invoke(
        app,
        ["population", "generate", "--year", "2030", "--families", "2000", "--out", str(tmp_path)],
    )
    assert result.exit_code == 2


def test_check_missing_folder(app, tmp_path):
    result = CliRunner().invoke(app, ["population", "check", str(tmp_path / "nope")])
    assert result.exit_code == 2


def test_generated_population_passes_validation(tmp_path):
    data = pytest.importorskip("openfisca_indonesia_sosial.data")
    from openfisca_indonesia_sosial.synthetic import write

    write(tmp_path, 2024, 3_000, seed=5)
    _population, report = data.load_population(tmp_path, year=2024)
    assert report.ok
    assert report.rejects.empty, report.reasons().to_string()
