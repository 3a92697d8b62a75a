"""Synthetic Indonesian populations calibrated to published statistics.

Public API::

    generate(year, families, seed=0) -> (individu, keluarga)        # in memory
    write(out_dir, year, families, seed=0, *, chunk_families=...)   # Parquet, streamed
    read(folder) -> (individu, keluarga)
    check(folder_or_tables, year=None) -> DataFrame                 # calibration report
    default_population(year) -> (individu, keluarga)                # cached ~100k families

See docs/population.md for the method, sources and known limits.
"""

from openfisca_indonesia_sosial.synthetic.checks import check, to_json
from openfisca_indonesia_sosial.synthetic.generator import GENERATOR_VERSION
from openfisca_indonesia_sosial.synthetic.io import (
    DEFAULT_FAMILIES,
    cache_dir,
    default_population,
    default_population_dir,
    generate,
    metadata,
    read,
    write,
)
from openfisca_indonesia_sosial.synthetic.targets import YEARS, poverty_lines, targets

__all__ = [
    "DEFAULT_FAMILIES",
    "GENERATOR_VERSION",
    "YEARS",
    "cache_dir",
    "check",
    "default_population",
    "default_population_dir",
    "generate",
    "metadata",
    "poverty_lines",
    "read",
    "targets",
    "to_json",
    "write",
]
