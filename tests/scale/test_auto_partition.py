"""A large population given to `bansos simulate` runs partitioned by itself, with the results
of the single-shot run; a small one, or one with partitioning options, runs as asked."""

from __future__ import annotations

import json

from rich.console import Console
from scale_helpers import YEAR, canonical

from openfisca_indonesia_sosial.cli.simulate import run_simulate
from openfisca_indonesia_sosial.scale import limits
from openfisca_indonesia_sosial.scale.source import family_count


def simulate(population_dir, tmp_path, reforms):
    console = Console(record=True, width=200)
    out = tmp_path / "summary.json"
    code = run_simulate(
        console,
        year=YEAR,
        reforms=list(reforms),
        population=population_dir,
        json_out=out,
        csv_dir=None,
        full_entitlement=False,
        strict=False,
    )
    assert code == 0
    return console.export_text(), json.loads(out.read_text(encoding="utf-8"))


def test_a_population_above_the_threshold_runs_partitioned(
    population_dir, tight_reform, single_shot, tmp_path, monkeypatch
):
    monkeypatch.setattr(limits, "AUTO_PARTITION_FAMILIES", 2_999)
    reforms = (tight_reform, "sembako_300rb")
    text, summary = simulate(population_dir, tmp_path, reforms)
    assert "partisi / partitions, processes" in text
    assert canonical(summary) == single_shot(reforms)


def test_a_population_at_the_threshold_runs_single_shot(
    population_dir, tight_reform, single_shot, tmp_path, monkeypatch
):
    monkeypatch.setattr(limits, "AUTO_PARTITION_FAMILIES", 3_000)
    reforms = (tight_reform, "sembako_300rb")
    text, summary = simulate(population_dir, tmp_path, reforms)
    assert "partitions" not in text
    assert canonical(summary) == single_shot(reforms)


def test_family_count_reads_parquet_and_csv(population_dir, tmp_path):
    import pandas as pd

    assert family_count(population_dir) == 3000
    csv = tmp_path / "csv"
    csv.mkdir()
    pd.read_parquet(population_dir / "keluarga.parquet").head(7).to_csv(
        csv / "keluarga.csv", index=False
    )
    (csv / "individu.csv").write_text("id_individu\n", encoding="utf-8")
    assert family_count(csv) == 7
    assert family_count(tmp_path / "missing") is None
