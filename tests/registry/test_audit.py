"""The registry audit on a hand-made registry: each finding counted by hand (conftest.py)."""

from __future__ import annotations

import json

import pytest
from hand_registry import NIK_A, NIK_B, YEAR, write_registry
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli import app
from openfisca_indonesia_sosial.registry.audit import run_audit

# Sembako pays 200,000 a month to an eligible family in 2025 (parameters/sembako/
# nilai_bulanan.yaml); PBI-JK pays 42,000 a month per person (parameters/pbi_jk/
# iuran_bulanan.yaml). Every family here is poor (desil 1) and in the DTKS.
SEMBAKO = 200_000
PBI_JK = 42_000

#: Counted by hand from conftest.PERSONS / FAMILIES (rows 0-8, families K1-K5).
EXPECTED_APRIL = {
    # NIK A on rows 0 (K1) and 4 (K3), NIK B on rows 1 (K1) and 3 (K2)
    "nik_ganda": {"records": 4, "families": 3, "by_province": {"32": 3, "33": 1}},
    # id i5 on rows 5 (K4) and 8 (K5)
    "id_ganda": {"records": 2, "families": 2, "by_province": {"32": 2}},
    # row 5 died 10 February: before April; row 6 died 5 April: still counted in April
    "meninggal": {"records": 1, "families": 1, "by_province": {"32": 1}},
    # row 7: NIK 35 in a Jawa Barat (32) family; row 4: NIK 32 in a Jawa Tengah (33) family
    "nik_wilayah_berbeda": {"records": 2, "families": 2, "by_province": {"32": 1, "33": 1}},
    "nik_kartu_ganda": {"records": 4, "families": 3, "by_province": {"32": 3, "33": 1}},
    # K1 (A also on K3, B also on K2) and K3 (A also on K1); K2's head C is on no other card
    "keluarga_tercakup": {"records": 3, "families": 2, "by_province": {"32": 2, "33": 1}},
    # A heads K1 and K3
    "kepala_ganda": {"records": 2, "families": 2, "by_province": {"32": 1, "33": 1}},
}


@pytest.mark.parametrize("partitions", [1, 3])
def test_findings_counted_by_hand(registry, partitions):
    result = run_audit(registry, year=YEAR, month=4, partitions=partitions)
    assert result["findings"] == EXPECTED_APRIL
    # removed by a cleansing: rows 3 and 4 (second NIK B and A), 8 (second id i5), 5 (dead);
    # then K3 and K5, all of whose members are removed
    money = result["money_at_stake_idr"]
    assert money["sembako"] == 2 * SEMBAKO
    assert money["pbi_jk"] == 4 * PBI_JK
    assert money["pkh"] == 0  # K3 and K5: a head alone, no PKH component
    assert money["total"] == sum(v for k, v in money.items() if k != "total")
    assert result["deceased_column"] is True


def test_a_whole_year(registry):
    result = run_audit(registry, year=YEAR, partitions=2)
    # nobody died before 1 January 2025: no deceased finding; rows 3, 4, 8 removed, K3, K5
    assert result["findings"]["meninggal"]["records"] == 0
    money = result["money_at_stake_idr"]
    assert money["sembako"] == 12 * 2 * SEMBAKO
    assert money["pbi_jk"] == 12 * 3 * PBI_JK


def test_without_a_death_column(tmp_path):
    folder = write_registry(tmp_path / "r", deceased=False)
    result = run_audit(folder, year=YEAR, month=4)
    assert result["deceased_column"] is False
    assert result["findings"]["meninggal"] == {"records": 0, "families": 0, "by_province": {}}
    assert result["findings"]["nik_ganda"] == EXPECTED_APRIL["nik_ganda"]


def test_cli_json_and_report(registry, tmp_path):
    out, page = tmp_path / "audit.json", tmp_path / "audit.html"
    run = CliRunner().invoke(
        app,
        [
            "registry",
            "audit",
            str(registry),
            "--year",
            "2025",
            "--month",
            "4",
            "--json",
            str(out),
            "--report",
            str(page),
            "--partitions",
            "2",
        ],
    )
    assert run.exit_code == 0, run.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) >= {"findings", "money_at_stake_idr"}
    for code, found in data["findings"].items():
        assert set(found) == {"records", "families", "by_province"}, code
        assert all(isinstance(found[k], int) for k in ("records", "families"))
        assert all(isinstance(v, int) for v in found["by_province"].values())
    assert all(isinstance(v, int) for v in data["money_at_stake_idr"].values())
    assert "total" in data["money_at_stake_idr"]
    html = page.read_text(encoding="utf-8")
    assert "nik_wilayah_berbeda" in html and "<table>" in html
    for text in (run.output, out.read_text(encoding="utf-8"), html):
        assert NIK_A not in text and NIK_B not in text and NIK_A[:12] not in text


@pytest.mark.parametrize(
    ("arguments", "named"),
    [
        (["{missing}", "--year", "2025"], "not a population folder"),
        (["{registry}", "--year", "1990"], "1990"),
        (["{registry}", "--year", "2025", "--month", "13"], "--month"),
        (["{registry}", "--year", "2025", "--month", "0"], "--month"),
        (["{registry}", "--year", "abc"], "--year"),
        (["{registry}", "--year", "2025", "--scheduler", "bogus"], "scheduler"),
        (["{registry}", "--year", "2025", "--json", "{missing}/a.json"], "--json"),
    ],
)
def test_client_mistakes_exit_2(registry, tmp_path, arguments, named):
    values = {"registry": str(registry), "missing": str(tmp_path / "nowhere")}
    run = CliRunner().invoke(app, ["registry", "audit", *[a.format(**values) for a in arguments]])
    assert run.exit_code == 2
    assert named in run.output
    assert "Traceback" not in run.output
