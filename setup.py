"""Packaging: the law folders at the repository root are installed inside the package.

``parameters/``, ``variables/`` and ``reforms/`` stay at the top of the repository for legal
reviewers; a wheel carries them as ``openfisca_indonesia_sosial/{parameters,variables,reforms}``
(see openfisca_indonesia_sosial/paths.py, which finds them in either layout).
"""

from pathlib import Path

from setuptools import find_packages, setup

ROOT = Path(__file__).parent
PACKAGE = "openfisca_indonesia_sosial"
LAW_DIRS = ("parameters", "variables", "reforms")
#: The package's public source repository (https://...), once it has one. openfisca-core builds
#: the ``source`` links of /variable and /parameter from it ("<url>/blob/<version>/<path>");
#: while it is empty the Web API leaves those links out instead of answering "None/blob/...".
REPOSITORY_URL = ""


#: What the law and its three doors need: the rules, ``hitung``/``hitung_tabel``/``jelaskan``,
#: ``bansos calculate|validate|population|reforms`` and openfisca-core's Web API
#: (``openfisca serve``). pandas and pyarrow are here because situations and tables share one set
#: of value checks (data/rules.py, vectorised with them); pandera types the tables.
CORE = [
    "openfisca-core[web-api] >=46.0.1, <47",
    "numpy >=2.0, <3",
    "pandas >=2.2, <4",
    "pyarrow >=15",
    "pandera >=0.20, <1",
    "pyyaml >=6",
    "typer >=0.12, <1",
    "rich >=13",
]
#: One extra per kind of user; README.md ("Install") says which to pick. The command line
#: names the extra a command misses (openfisca_indonesia_sosial/cli/__init__.py, EXTRA_MODULES).
EXTRAS = {
    # bansos simulate: the report's interactive charts, local processes for a partitioned run,
    # the registry-wide duplicate check of a partitioned run and the compiled loops of the
    # replicate intervals (metrics/kernels.py; without numba their numpy twins run, same bits)
    "microsim": ["plotly >=6", "duckdb >=1.1", "threadpoolctl >=3.1", "numba >=0.60"],
    # bansos batch, registry audit and simulate --scheduler tcp://...: a dask.distributed cluster
    "scale": [
        "plotly >=6",
        "dask[distributed] >=2024.1",
        "duckdb >=1.1",
        "threadpoolctl >=3.1",
        "numba >=0.60",
    ],
    # bansos serve: the Web API and web application (its charts: plotly.js from plotly)
    "api": ["waitress >=3", "plotly >=6"],
    # python3 dev.py docs / mkdocs build
    "docs": ["mkdocs >=1.6, <2", "mkdocs-material >=9.5, <10"],
}
ALL = sorted({requirement for extra in EXTRAS.values() for requirement in extra})
#: The test and lint tools; ``[dev]`` also installs ``[all]``, which the tests exercise.
DEV = [
    "pytest >=8",
    "pytest-xdist >=3.5",
    "hypothesis >=6.100",
    "ruff >=0.6",
    "yamllint >=1.35",
    "build >=1.2",
    "setuptools >=69",
    "wheel",
    "pillow >=10",
    "requests >=2.31",
    "openapi-spec-validator >=0.7",
    "schemathesis >=4",
    "playwright >=1.40",  # drives the system Chromium (executable_path): no browser download
]


def law_packages():
    """Every folder below the law dirs becomes a (data) subpackage of the main package."""
    packages, package_dir, package_data = [], {}, {}
    for law_dir in LAW_DIRS:
        for folder in sorted(
            p for p in [ROOT / law_dir, *(ROOT / law_dir).rglob("*")] if p.is_dir()
        ):
            if "__pycache__" in folder.parts:
                continue
            relative = folder.relative_to(ROOT)
            name = ".".join((PACKAGE, *relative.parts))
            packages.append(name)
            package_dir[name] = relative.as_posix()
            package_data[name] = ["*.yaml", "*.py", "*.md"]
    return packages, package_dir, package_data


law_pkgs, law_dirs, law_data = law_packages()

setup(
    name="openfisca-indonesia-sosial",
    version="0.1.0",
    description=(
        "OpenFisca rules of Indonesian social assistance: PKH, Sembako/BPNT, PBI-JK, ATENSI"
    ),
    long_description=(ROOT / "README.md").read_text(encoding="utf-8"),
    long_description_content_type="text/markdown",
    license="AGPL-3.0-or-later",
    url=REPOSITORY_URL or None,
    # core reads "Repository, <url>" when any Project-URL is set: only ever set it with one
    project_urls={"Repository": REPOSITORY_URL} if REPOSITORY_URL else {},
    python_requires=">=3.11",
    packages=find_packages(include=[PACKAGE, f"{PACKAGE}.*"]) + law_pkgs,
    package_dir={PACKAGE: PACKAGE, **law_dirs},
    package_data={
        PACKAGE: [
            "situation_examples/*.json",
            "webapp/*.html",
            "webapp/*.css",
            "webapp/js/*.js",
        ],
        f"{PACKAGE}.official": ["figures.yaml", "validation.json"],
        f"{PACKAGE}.reform": ["readings.yaml"],
        f"{PACKAGE}.docs_gen": ["readings_2025.json"],
        f"{PACKAGE}.synthetic": ["data/*.csv"],
        **law_data,
    },
    include_package_data=False,
    install_requires=CORE,
    extras_require={**EXTRAS, "all": ALL, "dev": ALL + DEV},
    entry_points={
        "console_scripts": ["bansos = openfisca_indonesia_sosial.cli:main"],
    },
    classifiers=[
        "Programming Language :: Python :: 3.11",
        "Topic :: Scientific/Engineering :: Information Analysis",
    ],
)
