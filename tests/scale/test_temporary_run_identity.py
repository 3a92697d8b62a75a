"""A run in a temporary folder is never resumed, so it does not digest its inputs (a national
registry's 5 GB); a run with --output does, and is refused when they change."""

from __future__ import annotations

from scale_helpers import YEAR

from openfisca_indonesia_sosial.scale import partitioned, resume, run_partitioned


def test_only_a_run_with_an_output_folder_digests_its_inputs(population_dir, tmp_path, monkeypatch):
    calls = []
    original = resume.identity

    def counted(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(partitioned.resume, "identity", counted)
    temporary = run_partitioned(population_dir, year=YEAR, partitions=2, replicates=0)
    assert calls == []
    kept = run_partitioned(
        population_dir, year=YEAR, partitions=2, replicates=0, output=tmp_path / "run"
    )
    assert calls == [1]
    assert kept.summary() == temporary.summary()
