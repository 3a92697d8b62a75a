"""Resumed runs: a changed registry, reform or option never reuses an earlier run's partitions.

Each case runs ``bansos batch`` or ``bansos simulate --output`` as a user would, changes one
input in place (same path, same size, same modification time) and runs again in the same
folder: the run is refused with one line naming the folder and ``--restart``, and
``--restart`` gives the figures of a fresh run.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from .conftest import ROOT, assert_clean, bansos

CLEAN = ROOT / "tests" / "fixtures" / "populations" / "clean"
YEAR, MONTH = "2024", "1"
REFORM = """name: sembako_naik
label: Sembako naik
description: A higher Sembako amount.
parameters:
  sembako.nilai_bulanan:
    2024-01-01: {amount}
"""


def _registry(folder: Path) -> Path:
    shutil.copytree(CLEAN, folder)
    return folder


def _change_in_place(path: Path, old: str, new: str) -> None:
    """Edit a file keeping its size and modification time (what a size+mtime check misses)."""
    assert len(old) == len(new)
    stat = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size


def _unregister_k001(registry: Path) -> None:
    """K001 (PKH-entitled) leaves the DTKS: no PKH any more. Same size, same mtime."""
    _change_in_place(registry / "keluarga.csv", "32,2,true\n", "32,2,0   \n")


def _pkh_sum(out: Path) -> int:
    return sum(
        int(pq.read_table(part, columns=["pkh_idr"]).column(0).to_numpy().sum())
        for part in sorted((out / "keluarga").glob("part-*.parquet"))
    )


def _refused(result, out: Path) -> None:
    assert result.returncode == 2, result.stdout + result.stderr
    text = result.stdout + result.stderr
    assert_clean(text)
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    assert "other inputs" in lines[0] and "--restart" in lines[0], text
    assert out.name in lines[0]


def _kill_after_first(out: Path, stage_files: list[Path]) -> None:
    """The state a run killed mid-way leaves: manifest not complete, some partitions done."""
    manifest = json.loads((out / "manifest.json").read_text())
    manifest["complete"] = False
    (out / "manifest.json").write_text(json.dumps(manifest))
    for path in stage_files:
        path.unlink()


def test_finished_batch_on_a_changed_registry_is_refused_then_restarted(tmp_path):
    registry = _registry(tmp_path / "registry")
    out = tmp_path / "out"
    args = ["batch", str(registry), "--year", YEAR, "--month", MONTH, "--output", str(out)]
    first = bansos(*args)
    assert first.returncode == 0, first.stdout + first.stderr
    assert _pkh_sum(out) > 0  # K001, DTSEN decile 2, is entitled to PKH
    _unregister_k001(registry)
    _refused(bansos(*args), out)
    fresh = tmp_path / "fresh"
    assert bansos(*args[:-1], str(fresh)).returncode == 0
    restarted = bansos(*args, "--restart")
    assert restarted.returncode == 0, restarted.stdout + restarted.stderr
    assert _pkh_sum(out) == _pkh_sum(fresh) == 0


def test_killed_batch_on_a_changed_registry_is_refused(tmp_path):
    registry = _registry(tmp_path / "registry")
    out = tmp_path / "out"
    args = ["batch", str(registry), "--year", YEAR, "--month", MONTH, "--output", str(out)]
    assert bansos(*args, "--partitions", "3").returncode == 0
    last = "part-00002"
    _kill_after_first(
        out, [out / "_work" / f"{last}.pkl", *(out / "keluarga").glob(f"{last}.parquet")]
    )
    _unregister_k001(registry)
    _refused(bansos(*args), out)


def test_killed_simulate_resumes_with_the_absolute_output_path(tmp_path):
    registry = _registry(tmp_path / "registry")
    fresh = tmp_path / "fresh.json"
    common = ["simulate", "--population", "registry", "--year", YEAR, "--partitions", "3"]
    assert bansos(*common, "--json", str(fresh), cwd=tmp_path).returncode == 0
    first = bansos(*common, "--output", "out", cwd=tmp_path)  # relative
    assert first.returncode == 0, first.stdout + first.stderr
    out = tmp_path / "out"
    _kill_after_first(out, [out / "_work" / "pass2" / "part-00001.pkl"])
    resumed_json = tmp_path / "resumed.json"
    resumed = bansos(
        *common, "--output", str(out.resolve()), "--json", str(resumed_json), cwd=tmp_path
    )
    assert resumed.returncode == 0, resumed.stdout + resumed.stderr
    assert json.loads(resumed_json.read_text()) == json.loads(fresh.read_text())
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["complete"] is True
    assert manifest["run_info"]["computed"]["pass2"] == [1]  # only the lost partition

    _kill_after_first(out, [out / "_work" / "pass2" / "part-00001.pkl"])
    _unregister_k001(registry)
    _refused(bansos(*common, "--output", "out", cwd=tmp_path), out)


def test_a_changed_reform_file_is_a_different_run(tmp_path):
    registry = _registry(tmp_path / "registry")
    reform = tmp_path / "naik.yaml"
    reform.write_text(REFORM.format(amount=300000), encoding="utf-8")
    out = tmp_path / "out"
    args = ["simulate", "--population", str(registry), "--year", YEAR, "--reform", str(reform)]
    assert bansos(*args, "--output", str(out)).returncode == 0
    reform.write_text(REFORM.format(amount=400000), encoding="utf-8")
    _refused(bansos(*args, "--output", str(out)), out)
    # an option changes the run too
    _refused(bansos(*args[:-2], "--output", str(out), "--full-entitlement"), out)
