"""A run killed part way (SIGKILL of a real process) resumes from its completed partitions."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
from scale_helpers import YEAR, canonical

BANSOS = [sys.executable, "-m", "openfisca_indonesia_sosial.cli"]


def _simulate(population_dir, output: Path, json_out: Path) -> list[str]:
    return [
        *BANSOS,
        "simulate",
        "--population",
        str(population_dir),
        "--year",
        str(YEAR),
        "--reform",
        "sembako_300rb",
        "--partitions",
        "10",
        "--scheduler",
        "synchronous",
        "--output",
        str(output),
        "--json",
        str(json_out),
    ]


def _done(output: Path, stage: str) -> set[str]:
    folder = output / "_work" / stage
    suffix = ".queue.pkl" if stage == "pass1" else ".pkl"
    return {p.name.removesuffix(suffix) for p in folder.glob(f"part-*{suffix}")}


def test_killed_run_resumes_without_recomputing(population_dir, single_shot, tmp_path):
    output, json_out = tmp_path / "run", tmp_path / "summary.json"
    process = subprocess.Popen(
        _simulate(population_dir, output, json_out),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 120
    while len(_done(output, "pass1")) < 3:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "no partition completed in time"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    survived = _done(output, "pass1")
    assert 3 <= len(survived) < 10, "the kill should land part way through pass 1"
    manifest = json.loads((output / "manifest.json").read_text())
    assert manifest["complete"] is False
    before = {
        name: (output / "_work" / "pass1" / f"{name}.queue.pkl").stat().st_mtime_ns
        for name in survived
    }

    resumed = subprocess.run(
        _simulate(population_dir, output, json_out), capture_output=True, text=True
    )
    assert resumed.returncode == 0, resumed.stderr
    manifest = json.loads((output / "manifest.json").read_text())
    assert manifest["complete"] is True
    recomputed = {f"part-{i:05d}" for i in manifest["run_info"]["computed"]["pass1"]}
    assert recomputed.isdisjoint(survived)
    assert recomputed | survived == {f"part-{i:05d}" for i in range(10)}
    for name, stamp in before.items():
        assert (output / "_work" / "pass1" / f"{name}.queue.pkl").stat().st_mtime_ns == stamp

    families = pd.read_parquet(output / "keluarga")
    expected = pd.read_parquet(population_dir / "keluarga.parquet")["id_keluarga"].astype(str)
    for scenario in ("baseline", "sembako_300rb"):
        ids = families.loc[families["scenario"] == scenario, "id_keluarga"]
        assert ids.is_unique and sorted(ids) == sorted(expected)
    assert canonical(json.loads(json_out.read_text())) == single_shot(("sembako_300rb",))


def test_batch_resumes_from_its_completed_partitions(population_dir, tmp_path):
    from openfisca_indonesia_sosial.scale.batch import run_batch

    output = tmp_path / "batch"
    first = run_batch(population_dir, year=YEAR, month=2, output=output, partitions=4)
    assert len(first["recomputed"]) == 4
    (output / "_work" / "part-00002.pkl").unlink()  # as if killed before it completed
    (output / "keluarga" / "part-00002.parquet").unlink()
    again = run_batch(population_dir, year=YEAR, month=2, output=output, partitions=4)
    assert again["recomputed"] == ["part-00002"]
    families = pd.read_parquet(output / "keluarga")
    assert families["id_keluarga"].is_unique and len(families) == 3000
