"""A plain (non-editable) wheel carries the law folders, declares its extras and computes in a
fresh venv."""

from __future__ import annotations

import shutil
import site
import subprocess
import sys
import textwrap
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parents[2]
#: What only an extra may bring: an integrator's core install holds none of it.
EXTRA_ONLY = {"dask", "distributed", "plotly", "duckdb", "waitress", "mkdocs", "mkdocs-material"}


def _assert_core_and_extras(wheel: zipfile.ZipFile) -> None:
    (name,) = [n for n in wheel.namelist() if n.endswith(".dist-info/METADATA")]
    message = Parser().parsestr(wheel.read(name).decode("utf-8"))
    assert set(message.get_all("Provides-Extra")) == {
        "microsim",
        "scale",
        "api",
        "docs",
        "all",
        "dev",
    }
    requirements = [Requirement(line) for line in message.get_all("Requires-Dist")]
    core = {canonicalize_name(r.name) for r in requirements if r.marker is None}
    assert "openfisca-core" in core
    assert not core & EXTRA_ONLY, core & EXTRA_ONLY

    def extra(name: str) -> set[str]:
        return {
            canonicalize_name(r.name)
            for r in requirements
            if r.marker is not None and r.marker.evaluate({"extra": name})
        }

    assert {"plotly", "duckdb", "threadpoolctl"} <= extra("microsim")
    # local pools are the standard library's; dask comes with the cluster extra only
    assert "dask" not in extra("microsim")
    assert {"waitress"} <= extra("api")
    assert EXTRA_ONLY - {"distributed"} <= extra("all")


def test_wheel_installs_and_computes(tmp_path):
    # setuptools reuses build/: a file deleted from the source would otherwise ship again.
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", tmp_path],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    shutil.rmtree(ROOT / "build", ignore_errors=True)
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "openfisca_indonesia_sosial/parameters/registri/pakai_dtsen.yaml" in names
    assert "openfisca_indonesia_sosial/variables/demografi/umur.py" in names
    assert "openfisca_indonesia_sosial/synthetic/data/calibration-targets.csv" in names
    assert "openfisca_indonesia_sosial/situation_examples/keluarga_pkh_2024.json" in names
    assert "openfisca_indonesia_sosial/official/figures.yaml" in names
    _assert_core_and_extras(zipfile.ZipFile(wheel))

    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    # Dependencies come from this environment; the package itself only from the wheel.
    (env_site,) = env_dir.glob("lib/python*/site-packages")
    (env_site / "deps.pth").write_text("\n".join(site.getsitepackages()) + "\n")
    subprocess.run(
        [python, "-m", "pip", "install", "--no-deps", "--no-index", wheel],
        check=True,
        capture_output=True,
    )
    script = textwrap.dedent(
        """
        import openfisca_indonesia_sosial as pkg
        from openfisca_indonesia_sosial.paths import PARAMETERS_DIR
        from openfisca_core.simulation_builder import SimulationBuilder
        system = pkg.CountryTaxBenefitSystem()
        sim = SimulationBuilder().build_from_entities(system, {
            "daftar_individu": {"a": {"tanggal_lahir": {"ETERNITY": "2000-06-02"}}},
            "daftar_keluarga": {"k": {"kepala_keluarga": "a"}}})
        print(pkg.__file__)
        print(PARAMETERS_DIR)
        print(int(sim.calculate("umur", "2025-06")[0]))
        """
    )
    out = subprocess.run(
        [python, "-c", script], cwd=tmp_path, check=True, capture_output=True, text=True
    ).stdout.split("\n")
    assert out[0].startswith(str(env_site)), out
    assert out[1] == str(env_site / "openfisca_indonesia_sosial" / "parameters")
    assert out[2] == "24"
