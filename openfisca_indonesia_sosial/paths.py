"""Where the law lives.

``parameters/``, ``variables/`` and ``reforms/`` sit at the repository root so that legal
reviewers find them at once. A wheel installs them inside this package; a source checkout
(editable install, tests) reads them from the repository root. Every other module asks
here, so the two layouts never leak into the rest of the code.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _law_dir(name: str) -> Path:
    installed = PACKAGE_DIR / name
    if installed.is_dir():
        return installed
    checkout = PACKAGE_DIR.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(
        f"'{name}/' was found neither in the installed package ({installed}) "
        f"nor in the source checkout ({checkout})."
    )


PARAMETERS_DIR = _law_dir("parameters")
VARIABLES_DIR = _law_dir("variables")
REFORMS_DIR = _law_dir("reforms")
