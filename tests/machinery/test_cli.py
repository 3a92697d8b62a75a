"""The `bansos` command: help, version and the example families."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.cli import app

runner = CliRunner()


def test_help_lists_the_commands():
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "demo" in result.output


def test_version():
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"openfisca-indonesia-sosial {__version__}"
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", __version__)
