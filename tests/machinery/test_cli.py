"""The `bansos` command: help, version and the example families."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.cli import app
from openfisca_indonesia_sosial.examples import EXAMPLES_DIR

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


def test_calculate_an_example_family(tmp_path):
    # January 2024 tahap (fact sheet 1.2.2, a quarter of each annual index): SD 225,000 +
    # early childhood 750,000 + elderly 600,000; the mother's third pregnancy is beyond the
    # second-pregnancy limit. Sembako 200,000 and BLT Mitigasi Risiko Pangan 200,000.
    example = EXAMPLES_DIR / "keluarga_pkh_2024.json"
    out = tmp_path / "hasil.json"
    result = runner.invoke(
        app, ["calculate", str(example), "--month", "2024-01", "--json", str(out)]
    )
    assert result.exit_code == 0, result.output
    family = json.loads(out.read_text())["baseline"]["daftar_keluarga"]["keluarga_1"]
    assert family["pkh_bantuan"]["2024-01"] == 1_575_000
    assert family["sembako_bantuan"]["2024-01"] == 200_000
    assert family["bantuan_tambahan"]["2024-01"] == 200_000


def test_calculate_needs_a_month_when_nothing_is_asked():
    result = runner.invoke(app, ["calculate", str(EXAMPLES_DIR / "keluarga_pkh_2024.json")])
    assert result.exit_code == 2
    assert "--month" in result.output
