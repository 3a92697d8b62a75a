"""NIK masking everywhere, and the ``validate`` command (exit codes, rejects file)."""

from __future__ import annotations

import pandas as pd
import pytest
import typer
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli.validate import register
from openfisca_indonesia_sosial.data import mask_nik, mask_text

BROKEN_NIKS = [
    "32010120090",  # P15 (11 digits)
    "9901011501010021",
    "3201013501020022",
    "3201011513030023",
    "3201011501040024",
    "3201014512650017",
    "3201014612680018",
]


@pytest.fixture(scope="module")
def app():
    app = typer.Typer()
    register(app)

    @app.command("other")
    def other() -> None:  # a second command keeps `validate` a subcommand, as in `bansos`
        """Placeholder."""

    return app


def test_mask_nik():
    assert mask_nik("3201234567890107") == "32**********07"
    assert mask_nik("32010120090") == "32**********90"
    assert mask_nik("123") == "****"
    assert mask_nik("") == ""
    assert mask_nik(None) == ""
    assert mask_text("NIK 3201234567890107, id 42") == "NIK 32**********07, id 42"


def test_rejects_summary_and_file_never_show_a_nik(broken_result, tmp_path):
    _, report = broken_result
    text = report.rejects.to_csv() + report.summary_text() + report.reasons().to_csv()
    path = report.write_rejects(tmp_path / "rejects.csv")
    text += path.read_text(encoding="utf-8")
    parquet = report.write_rejects(tmp_path / "rejects.parquet")
    text += pd.read_parquet(parquet).to_csv()
    for nik in BROKEN_NIKS:
        assert nik not in text
    assert "32**********24" in text


def test_write_rejects_formats(broken_result, tmp_path):
    _, report = broken_result
    csv = pd.read_csv(report.write_rejects(tmp_path / "r.csv"), dtype=str, keep_default_na=False)
    parquet = pd.read_parquet(report.write_rejects(tmp_path / "r.data", format="parquet"))
    assert len(csv) == len(parquet) == len(report.rejects)
    with pytest.raises(ValueError, match="unknown rejects format"):
        report.write_rejects(tmp_path / "r.xlsx")


def test_validate_clean_exits_0(app, populations):
    result = CliRunner().invoke(app, ["validate", str(populations / "clean"), "--year", "2024"])
    assert result.exit_code == 0, result.output
    assert "individu" in result.output and "all records valid" in result.output


def test_validate_broken_exits_1_and_writes_rejects(app, populations, tmp_path):
    out = tmp_path / "rejects.parquet"
    result = CliRunner().invoke(
        app, ["validate", str(populations / "broken"), "--year", "2024", "--rejects", str(out)]
    )
    assert result.exit_code == 1, result.output
    assert "keluarga_ditolak" in result.output
    assert "38" in result.output and "34" in result.output  # rows in / rejected
    rejects = pd.read_parquet(out)
    assert set(rejects["record_id"]) >= {"P15", "K11"}
    for nik in BROKEN_NIKS:
        assert nik not in result.output


def test_validate_strict_exits_1_with_a_clear_message(app, populations):
    result = CliRunner().invoke(
        app, ["validate", str(populations / "broken"), "--year", "2024", "--strict"]
    )
    assert result.exit_code == 1
    assert "P15" in result.output and "nik" in result.output
    assert "Traceback" not in result.output
    assert "32010120090" not in result.output


def test_validate_unreadable_exits_2(app, tmp_path):
    result = CliRunner().invoke(app, ["validate", str(tmp_path / "missing")])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    (tmp_path / "individu.csv").write_text("id_individu,id_keluarga,peran,warna\n", "utf-8")
    (tmp_path / "keluarga.csv").write_text("id_keluarga\n", "utf-8")
    result = CliRunner().invoke(app, ["validate", str(tmp_path)])
    assert result.exit_code == 2
    assert "warna" in result.output


def test_validate_warnings_only_exits_0(app, tmp_path):
    pd.DataFrame(
        {
            "id_individu": ["a"],
            "id_keluarga": ["k"],
            "peran": ["kepala_keluarga"],
            "nik": ["3201014512650017"],
            "jenis_kelamin": ["laki_laki"],
        }
    ).to_csv(tmp_path / "individu.csv", index=False)
    pd.DataFrame({"id_keluarga": ["k"]}).to_csv(tmp_path / "keluarga.csv", index=False)
    result = CliRunner().invoke(app, ["validate", str(tmp_path), "--year", "2024"])
    assert result.exit_code == 0, result.output
    assert "nik_beda_jenis_kelamin" in result.output
    assert "3201014512650017" not in result.output
