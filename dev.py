#!/usr/bin/env python3
"""Developer entry point that needs nothing but Python 3.11+.

    python3 dev.py simulate  # the main job: baseline vs a reform on the default population
    python3 dev.py test      # every test: lint, YAML rule tests, pytest suites
    python3 dev.py demo | docs | lint | format

It creates ``.venv`` on first use with the package and every extra (``.[all,dev]``) and
reinstalls when setup.py or pyproject.toml change (a stamp file holds their hash), so both
Quick start commands work on a fresh machine and stay fast afterwards.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PY = BIN / "python"
STAMP = VENV / ".installed"
INSTALL_INPUTS = ("setup.py", "pyproject.toml")
#: Everything: the core install plus every extra and the test tools (see README.md, "Install").
INSTALL_TARGET = ".[all,dev]"


def run(*args: str | Path, **kwargs) -> None:
    print("+", " ".join(str(a) for a in args), flush=True)
    completed = subprocess.run([str(a) for a in args], cwd=ROOT, **kwargs)
    if completed.returncode != 0:
        sys.exit(completed.returncode)


def fingerprint() -> str:
    digest = hashlib.sha256(INSTALL_TARGET.encode())
    for name in INSTALL_INPUTS:
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    if sys.version_info < (3, 11):
        sys.exit("Python 3.11 or newer is required.")
    if not PY.exists():
        print(f"Creating virtual environment in {VENV}", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    if not STAMP.exists() or STAMP.read_text() != fingerprint():
        run(PY, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PY, "-m", "pip", "install", "--quiet", "-e", INSTALL_TARGET)
        STAMP.write_text(fingerprint())


#: Debian packages the test suite drives for real (headless browser for report and docs tests).
SYSTEM_PACKAGES = {"chromium": "chromium"}


def ensure_system_packages() -> None:
    """Install missing system tools with apt when running as root (CI, fresh machines)."""
    missing = [pkg for exe, pkg in SYSTEM_PACKAGES.items() if shutil.which(exe) is None]
    if not missing:
        return
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("apt-get") is None:
        print(f"warning: {', '.join(missing)} not found; browser tests will fail", flush=True)
        return
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    run("apt-get", "update", "-qq", env=env)
    run("apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing, env=env)


def tool(name: str) -> Path:
    return BIN / name


def cmd_lint() -> None:
    run(tool("ruff"), "check", ".")
    run(tool("ruff"), "format", "--check", ".")
    run(tool("yamllint"), "--strict", ".")


def cmd_format() -> None:
    run(tool("ruff"), "check", "--fix", ".")
    run(tool("ruff"), "format", ".")


def cmd_test() -> None:
    ensure_system_packages()
    cmd_lint()
    # What OpenFisca users run: every YAML rule test below tests/ through openfisca-core's own
    # runner (it would also collect the test_*.py files; pytest runs those next, in parallel).
    addopts = f"{os.environ.get('PYTEST_ADDOPTS', '')} --ignore-glob=*.py".strip()
    run(
        tool("openfisca"),
        "test",
        "tests",
        "--country-package",
        "openfisca_indonesia_sosial",
        env={**os.environ, "PYTEST_ADDOPTS": addopts},
    )
    workers = os.environ.get("BANSOS_TEST_WORKERS", "auto")
    run(tool("pytest"), "-n", workers, "-p", "no:cacheprovider")


def cmd_simulate() -> None:
    """The main job: baseline against an example reform on the embedded default population."""
    run(
        tool("bansos"),
        "simulate",
        "--year",
        "2025",
        "--reform",
        "sembako_300rb",
        "--json",
        "out/simulate-2025.json",
        "--csv",
        "out/simulate-2025",
        "--report",
        "out/simulate-2025.html",
    )


def cmd_demo() -> None:
    run(tool("bansos"), "demo")


def cmd_docs() -> None:
    """Build the documentation site into site/ (strict: any warning fails)."""
    run(tool("mkdocs"), "build", "--strict", env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


COMMANDS = {
    "simulate": cmd_simulate,
    "demo": cmd_demo,
    "docs": cmd_docs,
    "test": cmd_test,
    "lint": cmd_lint,
    "format": cmd_format,
}


def main(argv: list[str]) -> None:
    if len(argv) != 1 or argv[0] not in COMMANDS:
        print(__doc__)
        print("Commands:", ", ".join(COMMANDS))
        sys.exit(0 if argv in ([], ["--help"], ["-h"]) else 2)
    ensure_venv()
    COMMANDS[argv[0]]()


if __name__ == "__main__":
    main(sys.argv[1:])
