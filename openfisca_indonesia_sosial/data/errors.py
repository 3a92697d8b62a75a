"""Exceptions of the data layer.

Every message is bilingual (Indonesian first, English after ``/``) and passes through
:func:`~openfisca_indonesia_sosial.data.privacy.visible`, so no NIK ever appears in clear in
an exception, and no control character a terminal would obey, whatever the caller prints.
"""

from __future__ import annotations

from openfisca_indonesia_sosial.data.privacy import mask_text, shown, visible


class PopulationError(Exception):
    """Base class: a population cannot be used as given."""

    def __init__(self, message: str) -> None:
        super().__init__(visible(message))


class PopulationReadError(PopulationError):
    """The folder or a file cannot be read (missing, unreadable, not a table).

    The command line exits with status 2.
    """


class PopulationSchemaError(PopulationReadError):
    """A table's columns do not fit the schema: unknown column, missing id column, bad month
    suffix. Column problems concern the whole file, not one record, so nothing is validated.
    The command line exits with status 2.
    """


class PopulationRejectedError(PopulationError):
    """Strict mode: the first rejected record. The command line exits with status 1."""

    def __init__(
        self,
        *,
        table: str,
        record_id: str,
        row: int,
        field: str,
        code: str,
        alasan: str,
        reason: str,
    ) -> None:
        self.table = table
        self.record_id = shown(record_id)
        self.row = row
        self.field = field
        self.code = code
        self.alasan = mask_text(alasan)
        self.reason = mask_text(reason)
        super().__init__(
            f"Record ditolak (mode ketat): tabel {table}, id {self.record_id} (baris {row + 1}), "
            f"kolom {field}: {self.alasan} / Record rejected (strict mode): table {table}, "
            f"record {self.record_id} (data row {row + 1}), field {field}: {self.reason}"
        )
