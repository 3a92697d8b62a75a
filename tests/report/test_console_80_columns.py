"""`bansos simulate` in an 80-column terminal, with a reform whose name is long: no line
wider than the terminal, no program name wrapped, the reform's name whole."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POPULATION = ROOT / "tests" / "fixtures" / "populations" / "clean"
NAME = "sembako_300rb_nama_reformasi_yang_panjang"
REFORM = f"""\
name: {NAME}
label: Sembako Rp300.000 per bulan untuk setiap KPM, kuota dan penebalan tidak berubah
description: Raises the monthly Sembako value to Rp 300,000 from 2024.
parameters:
  sembako.nilai_bulanan:
    2024-01-01: 300000
"""


def test_simulate_reads_well_at_80_columns(tmp_path):
    reform = tmp_path / "reform.yaml"
    reform.write_text(REFORM, encoding="utf-8")
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "openfisca_indonesia_sosial.cli",
            "simulate",
            "--population",
            str(POPULATION),
            "--year",
            "2024",
            "--reform",
            str(reform),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
        env={**os.environ, "COLUMNS": "80", "NO_COLOR": "1"},
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    lines = completed.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80, max(lines, key=len)
    assert "…" not in completed.stdout
    assert any(NAME in line for line in lines)
    for name in ("PKH", "Sembako/BPNT", "PBI-JK"):
        rows = [line for line in lines if line.startswith(name + " ")]
        assert len(rows) == 2, (name, completed.stdout)  # baseline block and reform block
    # the program names of the registry's long labels are never split over lines
    assert not any(line.strip() in ("Harapan (PKH)", "Sosial)", "struktural") for line in lines)
