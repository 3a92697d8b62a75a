"""Tabular populations: reading, validating and describing ``individu``/``keluarga`` tables.

This package is the only door through which tables enter the system (``bansos validate``,
``bansos simulate --population``, batch eligibility, the API bulk endpoint)::

    from openfisca_indonesia_sosial.data import load_population
    population, report = load_population("path/to/folder", year=2024)
    report.print_summary()
    report.write_rejects("rejects.csv")

See docs/data/schema.md.
"""

from importlib import import_module

#: Where each public name lives. They are imported on first use: the situation checks share the
#: value rules (``data.rules``) without paying for the table machinery (pandera, the readers).
_HOMES = {
    "PopulationError": "errors",
    "PopulationReadError": "errors",
    "PopulationRejectedError": "errors",
    "PopulationSchemaError": "errors",
    "mask_nik": "privacy",
    "mask_text": "privacy",
    "RawTables": "reading",
    "read_tables": "reading",
    "REJECT_COLUMNS": "report",
    "TableCounts": "report",
    "ValidationReport": "report",
    "ColumnSpec": "schema",
    "PopulationSchema": "schema",
    "VariableSpec": "schema",
    "build_schema": "schema",
    "schema_markdown": "schema",
    "Population": "validated",
    "load_population": "validation",
    "validate_tables": "validation",
}


def __getattr__(name: str):
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{home}"), name)


def __dir__() -> list[str]:
    return sorted([*globals(), *_HOMES])


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
