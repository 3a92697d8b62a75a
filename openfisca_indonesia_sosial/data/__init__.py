"""Tabular populations: reading, validating and describing ``individu``/``keluarga`` tables.

This package is the only door through which tables enter the system (``bansos validate``,
``bansos simulate --population``, batch eligibility, the API bulk endpoint)::

    from openfisca_indonesia_sosial.data import load_population
    population, report = load_population("path/to/folder", year=2024)
    report.print_summary()
    report.write_rejects("rejects.csv")

See docs/data/schema.md.
"""

from openfisca_indonesia_sosial.data.errors import (
    PopulationError,
    PopulationReadError,
    PopulationRejectedError,
    PopulationSchemaError,
)
from openfisca_indonesia_sosial.data.privacy import mask_nik, mask_text
from openfisca_indonesia_sosial.data.reading import RawTables, read_tables
from openfisca_indonesia_sosial.data.report import REJECT_COLUMNS, TableCounts, ValidationReport
from openfisca_indonesia_sosial.data.schema import (
    ColumnSpec,
    PopulationSchema,
    VariableSpec,
    build_schema,
    schema_markdown,
)
from openfisca_indonesia_sosial.data.validation import (
    Population,
    load_population,
    validate_tables,
)

__all__ = [
    "REJECT_COLUMNS",
    "ColumnSpec",
    "Population",
    "PopulationError",
    "PopulationReadError",
    "PopulationRejectedError",
    "PopulationSchema",
    "PopulationSchemaError",
    "RawTables",
    "TableCounts",
    "ValidationReport",
    "VariableSpec",
    "build_schema",
    "load_population",
    "mask_nik",
    "mask_text",
    "read_tables",
    "schema_markdown",
    "validate_tables",
]
