"""The per-record list (--records): rows of the input file, masked NIKs, safe cells."""

from __future__ import annotations

import pandas as pd
from hand_registry import NIK_A, NIK_B, write_registry
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli import app
from openfisca_indonesia_sosial.registry.audit import run_audit


def test_rows_are_those_of_the_input_file_when_the_registry_is_regrouped(tmp_path):
    folder = write_registry(tmp_path / "r")
    persons = pd.read_csv(folder / "individu.csv", dtype=str)
    # persons no longer grouped by family: the audit regroups them in its work copy
    persons = persons.iloc[[8, 3, 0, 6, 1, 5, 2, 7, 4]].reset_index(drop=True)
    persons.at[5, "id_individu"] = "=HYPERLINK(1)"  # the deceased i5: a formula-like id
    persons.to_csv(folder / "individu.csv", index=False)
    out = tmp_path / "records.csv"
    result = run_audit(folder, year=2025, month=4, partitions=2, records=out)
    listed = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert result["records_listed"] == len(listed)
    for _, record in listed[listed["table"] == "individu"].iterrows():
        source = persons.iloc[int(record["row"])]
        assert record["id_keluarga"] == source["id_keluarga"]
        assert record["nik"] == source["nik"][:2] + "*" * 10 + source["nik"][-2:]
    # the deceased (died 10 February) is input row 5 (i5 of K4)
    dead = listed[listed["code"] == "meninggal"]
    # (its id written as text, not a formula)
    assert dead[["row", "id", "removed"]].values.tolist() == [["5", "'=HYPERLINK(1)", "True"]]
    # NIK A: input rows 2 (K1) and 8 (K3), each naming the other
    heads = listed[listed["code"] == "kepala_ganda"].set_index("row")["collides_with"]
    assert heads.to_dict() == {"2": "individu:8", "8": "individu:2"}
    # the two i5 no longer collide: one id changed
    assert "id_ganda" not in set(listed["code"])


def test_cli_records(registry, tmp_path):
    out = tmp_path / "records.csv"
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
            "--records",
            str(out),
        ],
    )
    assert run.exit_code == 0, run.output
    text = out.read_text(encoding="utf-8")
    assert text.splitlines()[0] == (
        "code,table,row,id,nik,id_keluarga,provinsi,collides_with,removed"
    )
    # 4 + 2 + 1 + 2 + 4 + 3 + 2 rows (test_audit.EXPECTED_APRIL)
    assert len(text.splitlines()) == 1 + 18
    assert NIK_A not in text and NIK_B not in text
    bad = CliRunner().invoke(
        app,
        ["registry", "audit", str(registry), "--year", "2025", "--records", f"{tmp_path}/no/r.csv"],
    )
    assert bad.exit_code == 2 and "--records" in bad.output
