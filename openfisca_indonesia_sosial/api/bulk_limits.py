"""What one /bulk request may make the server hold, checked before any table is built.

Rows per table (:class:`BulkLimits`, settings of the server), and limits of the machinery
(columns, name and cell lengths, cells per table, decoded bytes of a columnar upload, the
variables asked). Every check raises :class:`ApiError` with a 4xx status naming the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.situations.errors import ApiError

TABLES = ("individu", "keluarga")
ID_COLUMNS = {"individu": ["id_individu", "id_keluarga"], "keluarga": ["id_keluarga"]}
ROW_NOUNS = {"individu": "persons", "keluarga": "families"}
MONTH = re.compile(r"^\d{4}-\d{2}$")
#: A variable or column name: what the package's names look like, and never longer.
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")

# Limits of the machinery, not of the law. The schema has about 75 columns per table plus
# month-suffixed inputs (``hamil_2024_03``), so a thousand columns is already generous.
MAX_COLUMNS = 1_000
MAX_NAME_CHARS = 100
#: Longest cell: ids, dates, codes and numbers are short; a long cell is a mistake or an attack.
MAX_CELL_CHARS = 256
#: Cells of one table (rows x columns), whatever the row limits say.
MAX_TABLE_CELLS = 10_000_000
#: Decoded bytes of one columnar upload (compression and dictionaries expand it).
MAX_PARQUET_BYTES = 256 * 1024 * 1024
MAX_VARIABLES = 64
#: Rejected records and warnings listed in an answer (their totals are always given).
MAX_LISTED_REJECTS = 1_000
#: Longest data-layer message passed on (it lists every problem of a table's columns).
MAX_MESSAGE_CHARS = 2_000


@dataclass(frozen=True)
class BulkLimits:
    """Rows per table and cells of the answer one request may ask (``None``: unbounded)."""

    persons: int | None = None
    families: int | None = None
    answer_cells: int | None = None

    @classmethod
    def from_config(cls, config) -> BulkLimits:
        return cls(
            persons=config.max_bulk_persons,
            families=config.max_bulk_families,
            answer_cells=config.max_bulk_answer_cells,
        )

    def rows(self, table: str) -> int | None:
        return self.persons if table == "individu" else self.families


def check_rows(table: str, count: int, limits: BulkLimits | None, *, more: bool = False) -> None:
    """413 when ``table`` has more rows than allowed (``more``: the count is a lower bound)."""
    limit = limits.rows(table) if limits is not None else None
    if limit is not None and count > limit:
        rows = f"more than {limit:,}" if more else f"{count:,}"
        raise ApiError(
            f"too many {ROW_NOUNS[table]} in one bulk request: '{table}' has {rows} rows, "
            f"the limit is {limit:,}; split the tables or run `bansos batch`",
            status=413,
        )


def check_columns(table: str, names) -> None:
    """At most :data:`MAX_COLUMNS` columns, each named by short printable text."""
    names = list(names)
    if len(names) > MAX_COLUMNS:
        raise ApiError(
            f"'{table}' has {len(names):,} columns; at most {MAX_COLUMNS:,} are read",
            status=413,
        )
    for position, name in enumerate(names, start=1):
        text = name if isinstance(name, str) else ""
        if not text.strip() or len(text) > MAX_NAME_CHARS or not text.isprintable():
            raise ApiError(
                f"'{table}' column {position} is not named by printable text of at most "
                f"{MAX_NAME_CHARS} characters: '{shown(name)}'"
            )


def check_cells(table: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_TABLE_CELLS:
        raise ApiError(
            f"'{table}' has {rows:,} rows x {columns:,} columns; at most {MAX_TABLE_CELLS:,} "
            "cells are read per table",
            status=413,
        )


def check_decoded(table: str, size: int, what: str = "holds") -> None:
    """413 when a columnar upload decodes to more than :data:`MAX_PARQUET_BYTES` bytes."""
    if size > MAX_PARQUET_BYTES:
        raise ApiError(
            f"'{table}' {what} {size:,} bytes once decoded; at most {MAX_PARQUET_BYTES:,} are read",
            status=413,
        )


def long_cell(table: str, column: str, row: int, length: int) -> ApiError:
    return ApiError(
        f"{table} row {row}, column '{shown(column)}': a cell of {length:,} characters; "
        f"cells hold at most {MAX_CELL_CHARS}"
    )
