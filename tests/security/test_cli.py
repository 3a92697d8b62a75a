"""Hostile and careless inputs to the command line: years, registries, options, work files.

Every refusal is exit code 2 with one line naming the field, no traceback, no clear NIK and no
control character from the input echoed to the terminal.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli import app

from .conftest import CLEAR_NIK, ROOT, TRACEBACK, Stopwatch, assert_clean, bansos

CLEAN = ROOT / "tests" / "fixtures" / "populations" / "clean"
OPTIONAL = {
    "individu": [
        "nik",
        "tanggal_lahir",
        "jenis_kelamin",
        "hamil",
        "jenjang_pendidikan",
        "disabilitas_berat",
        "status_yatim_piatu",
    ],
    "keluarga": [
        "bobot",
        "perkotaan",
        "pengeluaran_per_kapita",
        "provinsi",
        "desil_dtsen",
        "terdaftar_dtks",
    ],
}
ESCAPE = "\x1b"


def _one_line_refusal(result, *needles: str) -> str:
    text = result.stdout + result.stderr
    assert result.returncode == 2, text
    assert_clean(text)
    assert ESCAPE not in text and "\x07" not in text, repr(text)
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    for needle in needles:
        assert needle in lines[0], text
    return lines[0]


def _tables(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    return (
        pd.read_csv(CLEAN / "individu.csv", dtype=str, keep_default_na=False),
        pd.read_csv(CLEAN / "keluarga.csv", dtype=str, keep_default_na=False),
    )


def _write(folder: Path, individu: pd.DataFrame, keluarga: pd.DataFrame) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    individu.to_csv(folder / "individu.csv", index=False)
    keluarga.to_csv(folder / "keluarga.csv", index=False)
    return folder


# --- years --------------------------------------------------------------------------------------


@pytest.mark.parametrize("year", ["2010", "2018", "2027"])
def test_simulate_default_population_outside_its_years(year):
    line = _one_line_refusal(bansos("simulate", "--year", year), "--year", "2019-2026")
    assert year in line


def test_year_ranges_of_every_command(tmp_path):
    _one_line_refusal(bansos("simulate", "--population", str(CLEAN), "--year", "2017"), "2018-2030")
    _one_line_refusal(bansos("simulate", "--population", str(CLEAN), "--year", "9999"))
    _one_line_refusal(
        bansos("batch", str(CLEAN), "--year", "2016", "--month", "1", "--output", str(tmp_path)),
        "2017-2030",
    )
    for year in ("1", "99999"):
        _one_line_refusal(bansos("validate", str(CLEAN), "--year", year), "2017-2030")
    out = tmp_path / "gen"
    _one_line_refusal(
        bansos("population", "generate", "--year", "2010", "--families", "1000", "--out", str(out)),
        "2019-2026",
    )


def test_help_states_the_ranges_the_law_gives():
    from openfisca_indonesia_sosial.situations import years

    assert years.rules_years() == years.HELP_RULES_YEARS
    assert years.simulation_years() == years.HELP_SIMULATION_YEARS
    assert years.simulation_years(default_population=True) == years.DEFAULT_POPULATION_YEARS
    runner = CliRunner()
    text = " ".join(
        runner.invoke(app, ["simulate", "--help"], env={"COLUMNS": "200"}).output.split()
    )
    assert "2019-2026 with the default population" in text
    assert "2018-2030 with --population" in text
    text = " ".join(runner.invoke(app, ["batch", "--help"], env={"COLUMNS": "200"}).output.split())
    assert "2017-2030" in text


# --- optional columns -------------------------------------------------------------------------


def test_population_without_provinsi_simulates_with_an_unknown_province(tmp_path):
    individu, keluarga = _tables(CLEAN)
    folder = _write(tmp_path / "pop", individu, keluarga.drop(columns=["provinsi"]))
    out = tmp_path / "hasil.json"
    result = bansos("simulate", "--population", str(folder), "--year", "2025", "--json", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert not TRACEBACK.search(result.stdout + result.stderr)
    provinces = {
        row["provinsi"] for row in json.loads(out.read_text())["tables"]["poverty_by_province"]
    }
    assert provinces == {"tidak_diketahui"}


@pytest.mark.parametrize(
    ("table", "column"), [(t, c) for t, columns in OPTIONAL.items() for c in columns]
)
def test_every_optional_column_is_optional(tmp_path, table, column):
    individu, keluarga = _tables(CLEAN)
    frames = {"individu": individu, "keluarga": keluarga}
    frames[table] = frames[table].drop(columns=[column])
    folder = _write(tmp_path / "pop", frames["individu"], frames["keluarga"])
    runner = CliRunner()
    commands = {
        "validate": ["validate", str(folder), "--year", "2025"],
        "simulate": ["simulate", "--population", str(folder), "--year", "2025"],
        "partitioned": [
            "simulate",
            "--population",
            str(folder),
            "--year",
            "2025",
            "--output",
            str(tmp_path / "run"),
        ],
        "batch": [
            "batch",
            str(folder),
            "--year",
            "2025",
            "--month",
            "1",
            "--output",
            str(tmp_path / "batch"),
        ],
    }
    for name, args in commands.items():
        if args[-1] == "--output":
            args = [*args, str(tmp_path / name)]
        result = runner.invoke(app, args)
        text = result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), (
            name,
            repr(result.exception),
        )
        if column == "pengeluaran_per_kapita" and name in ("simulate", "partitioned"):
            # the welfare measure of every poverty figure: refused up front, by name
            assert result.exit_code == 2, (name, text)
            assert "pengeluaran_per_kapita" in text
            continue
        assert result.exit_code == 0, (name, text)


def test_no_family_to_simulate(tmp_path):
    individu, keluarga = _tables(CLEAN)
    folder = _write(tmp_path / "pop", individu.iloc[:0], keluarga.iloc[:0])
    _one_line_refusal(
        bansos("simulate", "--population", str(folder), "--year", "2025"), "no accepted family"
    )
    _one_line_refusal(
        bansos("simulate", "--population", str(folder), "--year", "2025", "--partitions", "2"),
        "no accepted family",
    )


# --- what is echoed ------------------------------------------------------------------------------


def test_escape_codes_in_a_column_name_are_not_sent_to_the_terminal(tmp_path):
    individu, keluarga = _tables(CLEAN)
    individu = individu.rename(columns={"hamil": "hamil\x1b[2J\x1b]0;pwned\x07"})
    folder = _write(tmp_path / "pop", individu, keluarga)
    for args in (
        ["validate", str(folder)],
        ["simulate", "--population", str(folder), "--year", "2025"],
        ["batch", str(folder), "--year", "2025", "--month", "1", "--output", str(tmp_path / "o")],
    ):
        line = _one_line_refusal(bansos(*args), "unknown column")
        assert "\\x1b[2J" in line  # shown, escaped: the reader sees what the file holds


def test_binary_files_are_named_not_echoed(tmp_path):
    individu, keluarga = _tables(CLEAN)
    png = _write(tmp_path / "png", individu, keluarga)
    (png / "individu.csv").write_bytes(
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x1b[31m" + bytes(range(256))
    )
    truncated = tmp_path / "truncated"
    truncated.mkdir()
    for name, frame in (("individu", individu), ("keluarga", keluarga)):
        frame.to_parquet(truncated / f"{name}.parquet")
    whole = (truncated / "individu.parquet").read_bytes()
    (truncated / "individu.parquet").write_bytes(whole[: len(whole) // 2])
    for folder, name in ((png, "individu.csv"), (truncated, "individu.parquet")):
        for args in (
            ["validate", str(folder)],
            ["simulate", "--population", str(folder), "--year", "2025", "--partitions", "2"],
            [
                "batch",
                str(folder),
                "--year",
                "2025",
                "--month",
                "1",
                "--output",
                str(tmp_path / "o"),
            ],
        ):
            result = bansos(*args)
            line = _one_line_refusal(result, name)
            assert "PNG" not in line and "\\x" not in line and "IHDR" not in line


# --- hostile values and options ----------------------------------------------------------------


def test_hostile_weights_ids_and_expenditure_are_rejected_by_field(tmp_path):
    individu, keluarga = _tables(CLEAN)
    keluarga.loc[0, "bobot"] = "1e300"
    keluarga.loc[1, "bobot"] = "-5"
    keluarga.loc[2, "pengeluaran_per_kapita"] = "99999999999999"
    individu.loc[5, "id_individu"] = "X" * 10_000_000
    folder = tmp_path / "pop"
    folder.mkdir()
    individu.to_parquet(folder / "individu.parquet")
    keluarga.to_parquet(folder / "keluarga.parquet")
    rejects = tmp_path / "rejects.csv"
    with Stopwatch(60):
        result = bansos("validate", str(folder), "--year", "2025", "--rejects", str(rejects))
    assert result.returncode == 1, result.stdout + result.stderr
    assert_clean(result.stdout + result.stderr)
    assert len(result.stdout + result.stderr) < 20_000
    assert rejects.stat().st_size < 100_000  # the 10 MB id is quoted cut, its length said
    found = pd.read_csv(rejects, dtype=str)
    direct = found[~found["code"].isin(["anggota_ditolak", "keluarga_ditolak"])]
    assert set(zip(direct["table"], direct["field"], direct["code"], strict=True)) == {
        ("keluarga", "bobot", "di_luar_rentang"),
        ("keluarga", "pengeluaran_per_kapita", "tipe_tidak_valid"),
        ("individu", "id_individu", "terlalu_panjang"),
    }
    assert (found["table"] == "keluarga").sum() >= 3  # every family is rejected
    assert found["record_id"].str.contains("10,000,000 characters").any()
    # the same 10 MB cell in a CSV file: refused as a file, in one line
    _write(tmp_path / "csv", individu, keluarga)
    _one_line_refusal(bansos("validate", str(tmp_path / "csv")), "individu.csv", "too long")


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--partitions", "0"),
        ("--partitions", str(10**9)),
        ("--workers", "0"),
        ("--workers", str(10**6)),
    ],
)
def test_option_bounds(tmp_path, option, value):
    for args in (
        ["simulate", "--population", str(CLEAN), "--year", "2025"],
        ["batch", str(CLEAN), "--year", "2025", "--month", "1", "--output", str(tmp_path / "o")],
    ):
        with Stopwatch(60):
            result = bansos(*args, option, value)
        assert result.returncode == 2, result.stdout + result.stderr
        assert_clean(result.stdout + result.stderr)
        assert option in result.stdout + result.stderr


def test_output_folders_that_cannot_hold_a_run(tmp_path):
    registry = tmp_path / "registry"
    shutil.copytree(CLEAN, registry)
    a_file = tmp_path / "a_file"
    a_file.write_text("not a folder")
    batch = ["batch", str(registry), "--year", "2025", "--month", "1", "--output"]
    simulate = ["simulate", "--population", str(registry), "--year", "2025", "--output"]
    for args in (batch, simulate):
        _one_line_refusal(bansos(*args, str(a_file)), "is not a folder")
        _one_line_refusal(bansos(*args, str(registry)), "holds the input tables")
    link = tmp_path / "link"
    link.symlink_to(a_file)
    _one_line_refusal(bansos(*batch, str(link)), "is not a folder")
    # a folder inside the registry folder is fine: the run reads only the two tables
    inside = bansos(*batch, str(registry / "hasil"))
    assert inside.returncode == 0, inside.stdout + inside.stderr
    assert sorted(p.name for p in registry.iterdir()) == ["hasil", "individu.csv", "keluarga.csv"]


# --- no clear NIK in any file a run leaves -----------------------------------------------------


def _registry_with_niks(folder: Path) -> Path:
    individu, keluarga = _tables(CLEAN)
    individu.loc[0, "nik"] = CLEAR_NIK  # P001, K001
    individu.loc[3, "nik"] = CLEAR_NIK  # P004, K002: a duplicate NIK
    individu.loc[5, "nik"] = CLEAR_NIK + "x"  # P006, K003: malformed, holds the NIK
    individu.loc[1, "nik"] = "3201015708900003"  # P002: born 17-08-1990, NIK agrees
    individu.loc[2, "nik"] = "3201010212150003"  # P003: NIK says 2 Dec, born 1 Dec: a warning
    # K004: a clean family, so a run has something to compute beside the rejects
    clean_head = {**individu.iloc[5].to_dict(), "id_individu": "P007", "id_keluarga": "K004"}
    clean_head["nik"] = "1101010101500007"
    individu = pd.concat([individu, pd.DataFrame([clean_head])], ignore_index=True)
    family = {
        **keluarga.iloc[2].to_dict(),
        "id_keluarga": "K004",
        "pengeluaran_per_kapita": "300000",
    }
    keluarga = pd.concat([keluarga, pd.DataFrame([family])], ignore_index=True)
    return _write(folder, individu, keluarga)


def _files_holding_the_nik(root: Path) -> list[str]:
    found = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        if path.suffix == ".parquet":
            text = pq.read_table(path).to_pandas().astype(str).to_csv()
        else:
            text = path.read_bytes().decode("latin-1")
        if CLEAR_NIK in text:
            found.append(str(path.relative_to(root)))
    return found


def test_batch_and_partitioned_runs_leave_no_clear_nik(tmp_path):
    registry = _registry_with_niks(tmp_path / "registry")
    out = tmp_path / "batch"
    result = bansos("batch", str(registry), "--year", "2025", "--month", "1", "--output", str(out))
    assert result.returncode == 0, result.stdout + result.stderr
    assert_clean(result.stdout + result.stderr)
    assert not (out / "_work" / "input").exists()  # the registry copy is gone
    assert _files_holding_the_nik(out) == []
    run = tmp_path / "run"
    result = bansos(
        "simulate", "--population", str(registry), "--year", "2025", "--output", str(run)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert_clean(result.stdout + result.stderr)
    assert not (run / "_work" / "input").exists()
    assert list((run / "rejects").glob("*.csv"))
    assert _files_holding_the_nik(run) == []


def test_the_work_copy_holds_pseudonyms_that_validate_alike(tmp_path):
    """What a killed run leaves (the work copy) holds no NIK, and validating it finds exactly
    what validating the registry finds (duplicates, malformed values, masked values)."""
    from openfisca_indonesia_sosial.data import load_population, validate_tables
    from openfisca_indonesia_sosial.scale.source import plan, prepare, read_partition

    registry = _registry_with_niks(tmp_path / "registry")
    work = tmp_path / "work"
    source, sizes = prepare(registry, work)
    assert _files_holding_the_nik(work) == []
    assert pq.read_table(source.individu).column("nik").to_pylist()[1] != "3201015708900003"
    original = load_population(registry, year=2025)[1].rejects
    (block,) = plan(source, sizes, 1)
    pseudonymous = validate_tables(*read_partition(source, block), year=2025)[1].rejects
    columns = ["table", "record_id", "field", "code", "severity", "value"]
    key = original[columns].sort_values(columns).reset_index(drop=True)
    assert key.equals(pseudonymous[columns].sort_values(columns).reset_index(drop=True))
    assert {"nik_ganda", "nik_format", "nik_beda_tanggal_lahir"} <= set(key["code"])
