"""`bansos batch`: every input row is computed or rejected; amounts match a direct run."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from scale_helpers import YEAR
from typer.testing import CliRunner

from openfisca_indonesia_sosial.cli import app


@pytest.fixture(scope="module")
def registry(population_dir, tmp_path_factory):
    """The test population with two broken records (a bad sex code, a bad decile)."""
    folder = tmp_path_factory.mktemp("registry")
    individu = pd.read_parquet(population_dir / "individu.parquet")
    keluarga = pd.read_parquet(population_dir / "keluarga.parquet")
    individu["jenis_kelamin"] = individu["jenis_kelamin"].astype(str)
    individu.loc[10, "jenis_kelamin"] = "tidak_tahu"
    keluarga.loc[2000, "desil_dtsen"] = 42
    individu.to_parquet(folder / "individu.parquet", index=False)
    keluarga.to_parquet(folder / "keluarga.parquet", index=False)
    return folder, individu, keluarga


def test_every_row_is_computed_or_rejected(registry, tmp_path):
    folder, individu, keluarga = registry
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app,
        [
            "batch",
            str(folder),
            "--year",
            str(YEAR),
            "--month",
            "3",
            "--output",
            str(out),
            "--partitions",
            "3",
        ],
    )
    assert result.exit_code == 0, result.output
    families = pd.read_parquet(out / "keluarga")
    persons = pd.read_parquet(out / "individu")
    rejects = pd.read_parquet(out / "rejects")
    rejected = {
        table: set(rejects.loc[rejects["table"] == table, "row"])
        for table in ("individu", "keluarga")
    }
    assert len(families) + len(rejected["keluarga"]) == len(keluarga)
    assert len(persons) + len(rejected["individu"]) == len(individu)
    assert 2000 in rejected["keluarga"]
    bad_family = individu.loc[10, "id_keluarga"]
    assert str(bad_family) not in set(families["id_keluarga"])
    computed = set(families["id_keluarga"]) | {
        str(keluarga.loc[row, "id_keluarga"]) for row in rejected["keluarga"]
    }
    assert computed == set(keluarga["id_keluarga"].astype(str))


def test_amounts_equal_a_direct_simulation(population_dir, tmp_path):
    from openfisca_indonesia_sosial.data import load_population
    from openfisca_indonesia_sosial.scale.batch import run_batch
    from openfisca_indonesia_sosial.simulation.build import build_from_population
    from openfisca_indonesia_sosial.system import baseline

    run_batch(population_dir, year=YEAR, month=3, output=tmp_path, partitions=2)
    families = pd.read_parquet(tmp_path / "keluarga")
    persons = pd.read_parquet(tmp_path / "individu")
    population, _ = load_population(population_dir, year=YEAR)
    simulation = build_from_population(baseline(), population)
    for column, variable, frame in (
        ("pkh_idr", "pkh_bantuan", families),
        ("sembako_layak", "sembako_layak", families),
        ("pbi_jk_idr", "pbi_jk_iuran", persons),
        ("atensi_layak", "atensi_layak", persons),
    ):
        expected = np.asarray(simulation.calculate(variable, f"{YEAR}-03"))
        assert (frame[column].to_numpy() == expected).all(), column


def test_partitioned_simulation_drops_the_same_records(registry, tmp_path):
    """Rejected records leave a partitioned run exactly as they leave a single-shot run."""
    from scale_helpers import canonical

    from openfisca_indonesia_sosial.data import load_population
    from openfisca_indonesia_sosial.microsim import Microsimulation
    from openfisca_indonesia_sosial.scale import run_partitioned

    folder, _individu, _keluarga = registry
    population, report = load_population(folder, year=YEAR)
    assert not report.ok
    expected = canonical(Microsimulation(population).run().summary())
    result = run_partitioned(folder, year=YEAR, partitions=3, output=tmp_path)
    assert canonical(result.summary()) == expected
    assert result.run_info["rejected"]["keluarga"] >= 2
    assert list((tmp_path / "rejects").glob("part-*.csv"))


def test_strict_partitioned_run_stops_at_a_rejected_record(registry, tmp_path):
    from openfisca_indonesia_sosial.data import PopulationRejectedError
    from openfisca_indonesia_sosial.scale import run_partitioned

    folder, _individu, _keluarga = registry
    with pytest.raises(PopulationRejectedError):
        run_partitioned(folder, year=YEAR, partitions=2, strict=True, output=tmp_path)
