"""The benchmark scripts that measure a partitioned run still run against today's code.

They are never timed here (their figures go to docs/performance.md); each is run once on a
small generated population, as a user would run it, and what it prints is checked: a script
that falls behind an internal change (``merge_stage.py`` called the driver's merge with
round five's arguments until round eight) fails here instead of on the day it is needed.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from openfisca_indonesia_sosial.synthetic import write

ROOT = Path(__file__).resolve().parents[2]
YEAR = 2025
REFORM = "sembako_300rb"


def _script(name: str, *args, timeout: int = 300) -> str:
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / name), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr[-2000:]
    return completed.stdout


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


@pytest.fixture(scope="module")
def population(tmp_path_factory):
    return write(tmp_path_factory.mktemp("bench") / "pop", YEAR, 1_500, seed=11)


def test_merge_stage_gives_the_summary_of_the_run(population, tmp_path):
    from openfisca_indonesia_sosial.scale import run_partitioned

    output = tmp_path / "run"
    result = run_partitioned(population, year=YEAR, reforms=(REFORM,), partitions=3, output=output)
    summary = json.dumps(result.summary(), sort_keys=True).encode()
    [line] = _json_lines(
        _script("merge_stage.py", output, "--year", YEAR, "--reform", REFORM, "--workers", 1)
    )
    assert line["partitions"] == 3
    assert line["families"] == 1_500
    assert line["summary_sha256"] == hashlib.sha256(summary).hexdigest()


def test_block_profile_prints_every_stage(population):
    out = _script(
        "block_profile.py",
        "--population", population, "--year", YEAR, "--reform", REFORM,
        "--families", 500, "--repeat", 1,
    )  # fmt: skip
    medians = [line for line in out.splitlines() if line.startswith("median wall")]
    assert len(medians) == 1
    for stage in ("read", "validate", "compute", "pack", "global", "deliver"):
        assert f" {stage} " in medians[0], stage


def test_scale_partitioned_prints_its_stages(tmp_path):
    machine, line = _json_lines(
        _script(
            "scale.py",
            "partitioned",
            "--families",
            2_000,
            "--partitions",
            2,
            "--workers",
            1,
            "--cache",
            tmp_path,
            "--replicates",
            10,
        )
    )
    assert machine["machine"]["cores"] >= 1
    assert line["mode"] == "partitioned"
    assert line["families"] == 2_000 and line["partitions"] == 2
    assert set(line["stages_s"]) == {"plan", "pass1", "global", "pass2", "merge"}
    assert line["driver_peak_mb"] > 0
    from openfisca_indonesia_sosial.synthetic import GENERATOR_VERSION

    assert line["population_generator"] == GENERATOR_VERSION  # written by this run's --cache


def test_api_latency_measures_calculate_and_bulk_over_http(tmp_path):
    figures_path = tmp_path / "api.json"
    out = _script(
        "api_latency.py",
        "--requests", 3, "--clients", 2, "--families", 1_000, "--threads", 4,
        "--json", figures_path,
    )  # fmt: skip
    figures = json.loads(figures_path.read_text())
    assert figures["calculate"]["sequential"]["requests"] == 3
    assert figures["calculate"]["concurrent"]["clients"] == 2
    bulk = figures["bulk"]
    # every generated family was accepted by /bulk, in both upload forms
    assert bulk["parquet_upload"]["accepted_families"] == bulk["families"] >= 1_000
    assert bulk["json_records"]["accepted_families"] == bulk["families"]
    assert "| /bulk Parquet upload," in out


def test_bulk_throughput_answers_every_family_in_each_form():
    lines = _json_lines(_script("bulk_throughput.py", "--families", 1_000, "--repeat", 1))
    answers = {line["answer"]: line for line in lines}
    assert set(answers) == {
        "application/vnd.apache.parquet",
        "application/vnd.apache.arrow.stream",
        "application/json",
    }
    for line in lines:
        assert line["families"] == 1_000
        assert line["rows"] == 1_000, line  # one answer row per family sent
        assert line["families_per_s"] > 0


def test_batch_month_runs_bansos_batch_on_the_registry(population):
    [line] = _json_lines(_script("batch_month.py", population, "--workers", 1))
    assert line["families"] == 1_500
    assert line["partitions"] >= 1
    assert line["extrapolated"]["note"].startswith("linear extrapolation")


def test_registry_audit_finds_every_injected_finding(population, tmp_path):
    out = _script(
        "registry_audit.py", "--population", population, "--k", 1, "--work", tmp_path / "w"
    )
    assert "every injected finding found, no other: True" in out


def test_registry_audit_says_when_the_injection_failed(population, tmp_path):
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "registry_audit.py"),
         "--population", str(population), "--k", "50", "--work", str(tmp_path / "w")],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )  # fmt: skip
    assert completed.returncode != 0
    assert "injection failed" in completed.stderr
    assert "injected 50 of each kind" not in completed.stdout


def test_run_breakdown_prints_every_step_and_the_estimate(population):
    out = _script("run_breakdown.py", population, "--year", YEAR, "--replicates", 10)
    rows = {line[:36].strip(): line.split() for line in out.splitlines()}
    for step in ("pass-1 task", "validate", "of which OpenFisca's months", "pass-2 task"):
        assert step in rows, step
        assert int(rows[step][-4]) >= 1  # calls: one per block at least
    assert "kernel (a process, Parquet included)" in out
    assert "without OpenFisca's months (an estimate)" in out
