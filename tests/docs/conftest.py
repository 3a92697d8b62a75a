"""Shared fixtures of the documentation tests: the generated pages and one real site build."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from openfisca_indonesia_sosial.docs_gen import generate, repository_root

ROOT = repository_root()


@pytest.fixture(scope="session")
def generated(tbs):
    """Every generated page, as the mkdocs hook produces them."""
    return generate(system=tbs, docs_dir=ROOT / "docs")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """A real ``mkdocs build --strict`` of the repository's site into a temporary folder."""
    pytest.importorskip("mkdocs")
    pytest.importorskip("material")
    out = tmp_path_factory.mktemp("site")
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "-d", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        timeout=240,
    )
    return out, result
