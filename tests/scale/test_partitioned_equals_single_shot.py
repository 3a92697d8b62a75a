"""A partitioned run gives exactly the single-shot answer, quotas included."""

from __future__ import annotations

import pandas as pd
import pytest
from scale_helpers import YEAR, canonical

from openfisca_indonesia_sosial.scale import run_partitioned


@pytest.mark.parametrize(
    ("partitions", "scheduler"),
    [(1, "synchronous"), (3, "synchronous"), (8, "synchronous"), (5, "threads")],
)
def test_identical_summary_and_tables(
    population_dir, tight_reform, single_shot, partitions, scheduler, tmp_path
):
    reforms = (tight_reform, "sembako_300rb")
    result = run_partitioned(
        population_dir,
        year=YEAR,
        reforms=reforms,
        partitions=partitions,
        scheduler=scheduler,
        workers=2,
        output=tmp_path / "run",
    )
    assert result.run_info["partitions"] == partitions
    assert canonical(result.summary()) == single_shot(reforms)


def test_quota_binds_in_the_test_reform(population_dir, tight_reform, single_shot):
    import json

    summary = json.loads(single_shot((tight_reform, "sembako_300rb")))
    tight = summary["scenarios"]["kuota_ketat"]["programs"]
    base = summary["scenarios"]["baseline"]["programs"]
    assert tight["pkh"]["recipient_families"] < base["pkh"]["recipient_families"]
    assert tight["sembako"]["recipient_families"] < base["sembako"]["recipient_families"]
    assert tight["pbi_jk"]["recipient_persons"] < base["pbi_jk"]["recipient_persons"]


def test_full_entitlement_mode(population_dir, single_shot):
    result = run_partitioned(
        population_dir,
        year=YEAR,
        reforms=("sembako_300rb",),
        partitions=4,
        full_entitlement=True,
    )
    assert canonical(result.summary()) == single_shot(("sembako_300rb",), True)


def test_per_family_output_has_every_family_once(population_dir, tight_reform, tmp_path):
    result = run_partitioned(
        population_dir, year=YEAR, reforms=(tight_reform,), partitions=4, output=tmp_path
    )
    families = pd.read_parquet(tmp_path / "keluarga")
    keluarga = pd.read_parquet(population_dir / "keluarga.parquet")
    for scenario in ("baseline", "kuota_ketat"):
        rows = families[families["scenario"] == scenario]
        assert sorted(rows["id_keluarga"]) == sorted(keluarga["id_keluarga"].astype(str))
        weighted = (rows["pkh_idr"].to_numpy() * keluarga["bobot"].to_numpy()).sum()
        cost = result.scenarios[scenario].figures["programs"]["pkh"]["cost_idr"]
        assert abs(weighted - cost) < 1e-6 * max(cost, 1) + 1


def test_ungrouped_csv_population_is_regrouped(population_dir, single_shot, tmp_path):
    """Persons not grouped by family (and CSV): rewritten grouped, same answer."""
    individu = pd.read_parquet(population_dir / "individu.parquet")
    keluarga = pd.read_parquet(population_dir / "keluarga.parquet")
    folder = tmp_path / "csv"
    folder.mkdir()
    individu.iloc[::-1].to_csv(folder / "individu.csv", index=False)
    keluarga.to_csv(folder / "keluarga.csv", index=False)
    from openfisca_indonesia_sosial.data import load_population
    from openfisca_indonesia_sosial.microsim import Microsimulation

    population, _ = load_population(folder, year=YEAR)
    expected = canonical(Microsimulation(population, reforms=["sembako_300rb"]).run().summary())
    result = run_partitioned(folder, year=YEAR, reforms=("sembako_300rb",), partitions=3)
    assert canonical(result.summary()) == expected


def test_partitions_that_share_unevenly_with_the_baseline(
    population_dir, tight_reform, single_shot, monkeypatch
):
    """What a reform shares with the baseline is decided per partition (on its own data):
    when one partition shares a program's eligibility and another does not, the global step
    mixes the two kinds of queue and must still find the single-shot cut-offs."""
    from openfisca_indonesia_sosial.microsim import blocks

    original = blocks.compute_scenarios
    calls = []

    def uneven(systems, population):
        results = original(systems, population)
        calls.append(len(population.keluarga))
        if len(calls) % 2 == 0:  # every other partition: its reforms share nothing
            for entitlements in results[1:]:
                entitlements.shared = frozenset()
                entitlements.same_eligibility = frozenset()
        return results

    monkeypatch.setattr(blocks, "compute_scenarios", uneven)
    reforms = (tight_reform, "sembako_300rb")
    result = run_partitioned(population_dir, year=YEAR, reforms=reforms, partitions=4)
    assert len(calls) == 4
    assert canonical(result.summary()) == single_shot(reforms)
