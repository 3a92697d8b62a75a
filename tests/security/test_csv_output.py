"""CSV formula injection: no CSV the package writes holds a cell a spreadsheet would run.

Record ids and values copied from a registry (``=cmd|' /C calc'!A0``, ``@SUM(…)``, ``+…``,
``-…``, a leading tab or carriage return) are written with a leading single quote; numbers
stay numbers, negative ones included.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from openfisca_indonesia_sosial.data.csv_output import FORMULA_START, neutralise

from .conftest import ROOT, assert_clean, bansos

CLEAN = ROOT / "tests" / "fixtures" / "populations" / "clean"
CMD = "=cmd|' /C calc'!A0"
NUMBER = r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?"


def _hostile(folder: Path) -> Path:
    individu = pd.read_csv(CLEAN / "individu.csv", dtype=str, keep_default_na=False)
    keluarga = pd.read_csv(CLEAN / "keluarga.csv", dtype=str, keep_default_na=False)
    individu.loc[0, "id_individu"] = CMD
    individu.loc[1, "jenis_kelamin"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    individu.loc[2, "hamil"] = "+1+cmd|' /C calc'!A0"
    individu.loc[3, "jenjang_pendidikan"] = "\t=1+1"
    individu.loc[4, "status_yatim_piatu"] = "-2+3+cmd|' /C calc'!A0"
    individu["umur"] = "30"
    individu.loc[5, "umur"] = "-5"  # a negative number: rejected, and written as a number
    folder.mkdir(parents=True)
    individu.to_csv(folder / "individu.csv", index=False)
    keluarga.to_csv(folder / "keluarga.csv", index=False)
    return folder


def _cells(path: Path) -> list[str]:
    with path.open(newline="", encoding="utf-8") as handle:
        return [cell for row in csv.reader(handle) for cell in row]


def _assert_neutral(path: Path) -> list[str]:
    cells = _cells(path)
    for cell in cells:
        if cell.lstrip(" ").startswith(FORMULA_START):
            assert pd.Series([cell.strip()]).str.fullmatch(NUMBER).all(), (path.name, cell)
    return cells


def test_rejects_csv_of_validate_is_neutralised(tmp_path):
    folder = _hostile(tmp_path / "pop")
    rejects = tmp_path / "rejects.csv"
    result = bansos("validate", str(folder), "--year", "2025", "--rejects", str(rejects))
    assert result.returncode == 1, result.stdout + result.stderr
    assert_clean(result.stdout + result.stderr)
    cells = _assert_neutral(rejects)
    assert "'" + CMD in cells  # the record id, quoted: shown as text, never run
    assert "'@SUM(1+1)*cmd|' /C calc'!A0" in cells
    assert "'+1+cmd|' /C calc'!A0" in cells
    assert "'\t=1+1" in cells
    assert "'-2+3+cmd|' /C calc'!A0" in cells
    assert "-5" in cells  # the negative age stays a number
    frame = pd.read_csv(rejects)
    assert pd.api.types.is_integer_dtype(frame["row"])


def test_partitioned_rejects_and_simulate_tables_are_neutralised(tmp_path):
    # only family K002 is hostile: K001 and K003 are simulated
    individu = pd.read_csv(CLEAN / "individu.csv", dtype=str, keep_default_na=False)
    individu.loc[3, "id_individu"] = CMD
    individu.loc[4, "jenis_kelamin"] = "@SUM(1+1)*cmd|' /C calc'!A0"
    folder = tmp_path / "pop"
    folder.mkdir()
    individu.to_csv(folder / "individu.csv", index=False)
    (folder / "keluarga.csv").write_bytes((CLEAN / "keluarga.csv").read_bytes())
    reform = tmp_path / "turun.yaml"
    reform.write_text(
        "name: sembako_turun\nlabel: Sembako turun\ndescription: Lower.\n"
        "parameters:\n  sembako.nilai_bulanan:\n    2024-01-01: 100000\n",
        encoding="utf-8",
    )
    out, tables = tmp_path / "run", tmp_path / "tables"
    result = bansos(
        "simulate", "--population", str(folder), "--year", "2024", "--reform", str(reform),
        "--output", str(out), "--csv", str(tables),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    written = sorted(out.rglob("*.csv")) + sorted(tables.glob("*.csv"))
    assert any(path.parent.name == "rejects" for path in written)
    assert len(list(tables.glob("*.csv"))) >= 5
    rejects = [cell for path in written if path.parent.name == "rejects" for cell in _cells(path)]
    assert "'" + CMD in rejects
    for path in written:
        _assert_neutral(path)
    changes = pd.read_csv(tables / "winners_losers.csv")
    assert pd.api.types.is_float_dtype(changes["average_change_idr"])
    assert (changes["average_change_idr"] < 0).any()  # a loss, written as a negative number


def test_neutralise_keeps_numbers_numeric():
    frame = pd.DataFrame(
        {
            "text": [CMD, "-5", "-2+3", " @x", "\rx", "ok", None],
            "money": [-250_000, 1, 2, 3, 4, 5, 6],
            "kind": pd.Categorical(["=a", "b", "b", "b", "b", "b", "b"]),
        }
    )
    out = neutralise(frame)
    assert out["text"].tolist()[:6] == ["'" + CMD, "-5", "'-2+3", "' @x", "'\rx", "ok"]
    assert out["money"].dtype == frame["money"].dtype
    assert out["money"].tolist() == frame["money"].tolist()
    assert out["kind"].tolist()[0] == "'=a"
    assert neutralise(pd.DataFrame(columns=["=x"])).columns.tolist() == ["'=x"]
