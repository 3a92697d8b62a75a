"""Reading the tables of a /bulk request: JSON records, CSV, Parquet and Arrow IPC uploads.

Every reader bounds the table before it builds it (:mod:`.bulk_limits`): JSON records are
counted, a CSV file is read no further than the row limit allows, a Parquet file is measured
from its footer, an Arrow IPC stream or file from its schema and the header of each record
batch (compressed Arrow buffers are refused: their decoded size is unknown until decoded).

Columnar uploads become pandas frames whose text columns stay Arrow-backed (no Python string
per cell) and whose integer id columns are turned into their decimal text by Arrow: the data
layer reads both as it reads CSV text, without a per-row Python step.
"""

from __future__ import annotations

import csv
import io
import math
import struct

import pandas as pd

from openfisca_indonesia_sosial.api.bulk_limits import (
    ID_COLUMNS,
    MAX_CELL_CHARS,
    MAX_COLUMNS,
    MAX_NAME_CHARS,
    MAX_TABLE_CELLS,
    BulkLimits,
    check_cells,
    check_columns,
    check_decoded,
    check_rows,
    long_cell,
)
from openfisca_indonesia_sosial.data.privacy import shown
from openfisca_indonesia_sosial.situations.errors import ApiError

PARQUET = "application/vnd.apache.parquet"
ARROW_STREAM = "application/vnd.apache.arrow.stream"
ARROW_FILE = "application/vnd.apache.arrow.file"
#: The first bytes of an Arrow IPC stream (a continuation marker) and of an Arrow IPC file.
_ARROW_STREAM_MAGIC = b"\xff\xff\xff\xff"
_ARROW_FILE_MAGIC = b"ARROW1"


# --- JSON records -----------------------------------------------------------------------------


def _cell(value, table: str, column: str):
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    raise ApiError(f"{table}.{shown(column)}: cells are text, numbers, booleans or null")


_ABSENT = object()


def _default_cell(system, column: str):
    """Text of a variable's default value, for a key a JSON record leaves out."""
    from openfisca_core.indexed_enums import Enum

    variable = system.variables.get(column) if system is not None else None
    if variable is None:
        return None
    default = variable.default_value
    if isinstance(default, Enum):
        return default.name
    if isinstance(default, bool):
        return "true" if default else "false"
    if isinstance(default, int | float | str):
        return _cell(default, "", column)
    return None


def _column_cells(records: list, table: str, column: str, default) -> list:
    cells = []
    for row, record in enumerate(records, start=1):
        value = record.get(column, _ABSENT)
        cell = default if value is _ABSENT else _cell(value, table, column)
        if cell is not None and len(cell) > MAX_CELL_CHARS:
            raise long_cell(table, column, row, len(cell))
        cells.append(cell)
    return cells


def records_frame(
    records: object, table: str, system=None, limits: BulkLimits | None = None
) -> pd.DataFrame:
    """JSON records as a table of text cells (as if read from CSV): the data layer parses.

    Records may be sparse: a variable a record leaves out takes the variable's default value
    (``hamil`` false, ``jenjang_pendidikan`` tidak_sekolah...); an explicit ``null`` is a
    missing value, which the data layer rejects as in a CSV file. Rows, columns and cells are
    counted before the table is built: sparse records would otherwise be filled in full.
    """
    if not isinstance(records, list) or not records:
        raise ApiError(f"'{table}' must be a non-empty list of records (JSON objects)")
    check_rows(table, len(records), limits)
    columns: dict[str, None] = {}
    for record in records:
        if not isinstance(record, dict):
            raise ApiError(f"every '{table}' record must be a JSON object")
        columns.update(dict.fromkeys(record))
        if len(columns) > MAX_COLUMNS:
            check_columns(table, columns)
    check_columns(table, columns)
    check_cells(table, len(records), len(columns))
    data = {
        column: _column_cells(records, table, column, _default_cell(system, column))
        for column in columns
    }
    return pd.DataFrame(data, dtype="object")


# --- columnar uploads -------------------------------------------------------------------------


def _upload_error(table: str, kind: str, error: Exception) -> ApiError:
    # The reader's message may quote the file's bytes: name the error type only.
    return ApiError(f"'{table}' is not a readable {kind} file: {type(error).__name__}")


def _check_schema(table: str, schema) -> list[str]:
    """Columns named and flat; returns the text columns (measured before they are expanded)."""
    import pyarrow as pa

    check_columns(table, schema.names)
    text_columns = []
    for field in schema:
        kind = field.type.value_type if pa.types.is_dictionary(field.type) else field.type
        if pa.types.is_nested(kind):
            raise ApiError(f"'{table}' column '{shown(field.name)}' is nested; give flat columns")
        if pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_binary(kind):
            text_columns.append(field.name)
    return text_columns


def _string_bytes(chunk) -> tuple[int, int]:
    """(decoded bytes, longest cell) of one text column chunk read as a dictionary."""
    import pyarrow.compute as pc

    lengths = pc.binary_length(chunk.dictionary)
    if len(lengths) == 0:
        return 0, 0
    return int(pc.sum(pc.take(lengths, chunk.indices)).as_py() or 0), int(pc.max(lengths).as_py())


def _measure_text(table: str, arrow, text_columns: list[str]) -> None:
    """Cell length and decoded size of dictionary-encoded text, before it is expanded."""
    import pyarrow as pa

    decoded = 0
    for name in text_columns:
        column = arrow.column(name)
        if not pa.types.is_dictionary(column.type):
            column = column.dictionary_encode()
        for chunk in column.chunks:
            size, longest = _string_bytes(chunk)
            decoded += size
            if longest > MAX_CELL_CHARS:
                raise ApiError(
                    f"{table} column '{shown(name)}': a cell of {longest:,} bytes; cells hold "
                    f"at most {MAX_CELL_CHARS}"
                )
    check_decoded(table, decoded, "text expands to")


def arrow_frame(arrow, table: str) -> pd.DataFrame:
    """A pandas frame of an Arrow table: text stays Arrow-backed, integer ids become text."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for index, field in enumerate(arrow.schema):
        kind = field.type
        if pa.types.is_dictionary(kind):
            arrow = arrow.set_column(index, field.name, arrow.column(index).cast(kind.value_type))
            kind = kind.value_type
        if field.name in ID_COLUMNS[table] and pa.types.is_integer(kind):
            arrow = arrow.set_column(index, field.name, pc.cast(arrow.column(index), pa.string()))
        elif pa.types.is_large_string(kind):
            arrow = arrow.set_column(index, field.name, arrow.column(index).cast(pa.string()))
    text = pd.StringDtype("pyarrow")
    return arrow.to_pandas(types_mapper={pa.string(): text}.get, self_destruct=True)


def read_parquet(content: bytes, table: str, limits: BulkLimits | None = None) -> pd.DataFrame:
    """A Parquet upload, refused from its footer when it holds too many rows or bytes.

    Text columns are read as dictionaries first, so a short file repeating one huge value
    is measured before it is expanded row by row.
    """
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(io.BytesIO(content))
        meta = parquet.metadata
        schema = parquet.schema_arrow
    except Exception as error:  # any footer problem is a bad upload
        raise _upload_error(table, "Parquet", error) from error
    check_rows(table, meta.num_rows, limits)
    check_columns(table, schema.names)
    check_cells(table, meta.num_rows, len(schema.names))
    stored = sum(meta.row_group(i).total_byte_size for i in range(meta.num_row_groups))
    check_decoded(table, stored)
    text_columns = _check_schema(table, schema)
    try:
        parquet = pq.ParquetFile(io.BytesIO(content), read_dictionary=text_columns)
        arrow = parquet.read()
    except Exception as error:
        raise _upload_error(table, "Parquet", error) from error
    _measure_text(table, arrow, text_columns)
    try:
        return arrow_frame(arrow, table)
    except Exception as error:
        raise _upload_error(table, "Parquet", error) from error


# Arrow IPC messages are flatbuffers (format/Message.fbs). Two facts are read from a record
# batch's header before its body is decoded: its row count, and whether its buffers are
# compressed (then the decoded size is unknown until decoded, and a small upload can expand
# without bound).
_RECORD_BATCH, _DICTIONARY_BATCH = 3, 2


def _field(buffer: bytes, table: int, slot: int) -> int | None:
    """Position of field ``slot`` of the flatbuffer table at ``table`` (None: absent)."""
    vtable = table - struct.unpack_from("<i", buffer, table)[0]
    size = struct.unpack_from("<H", buffer, vtable)[0]
    if 4 + 2 * slot + 2 > size:
        return None
    offset = struct.unpack_from("<H", buffer, vtable + 4 + 2 * slot)[0]
    return table + offset if offset else None


def _child(buffer: bytes, table: int, slot: int) -> int | None:
    position = _field(buffer, table, slot)
    return None if position is None else position + struct.unpack_from("<I", buffer, position)[0]


def batch_header(metadata: bytes) -> tuple[int, bool] | None:
    """``(rows, compressed)`` of a record or dictionary batch message; None for others."""
    root = struct.unpack_from("<I", metadata, 0)[0]
    kind = _field(metadata, root, 1)
    kind = metadata[kind] if kind is not None else 0
    header = _child(metadata, root, 2)
    if kind not in (_RECORD_BATCH, _DICTIONARY_BATCH) or header is None:
        return None
    if kind == _DICTIONARY_BATCH:
        header = _child(metadata, header, 1)
        if header is None:
            return 0, False
    rows = _field(metadata, header, 0)
    rows = struct.unpack_from("<q", metadata, rows)[0] if rows is not None else 0
    return rows, _field(metadata, header, 3) is not None


def _ipc_messages(content: bytes):
    """The messages of an Arrow IPC stream, or of the stream inside an Arrow IPC file."""
    import pyarrow as pa

    if content[:6] == _ARROW_FILE_MAGIC:
        content = content[8:]  # the file's magic and padding; the footer follows the stream
    return pa.ipc.MessageReader.open_stream(pa.py_buffer(content))


def read_arrow(content: bytes, table: str, limits: BulkLimits | None = None) -> pd.DataFrame:
    """An Arrow IPC stream or file, bounded from its schema and batch headers before decoding."""
    import pyarrow as pa

    kind = "Arrow IPC"
    memo = pa.DictionaryMemo()
    try:
        messages = _ipc_messages(content)
        schema = pa.ipc.read_schema(messages.read_next_message(), memo)
    except Exception as error:
        raise _upload_error(table, kind, error) from error
    text_columns = _check_schema(table, schema)
    check_cells(table, 0, len(schema.names))
    rows, batches = 0, []
    try:
        for message in messages:
            header = batch_header(message.metadata.to_pybytes())
            if header is None:
                continue
            if message.type != "record batch":
                raise ApiError(
                    f"'{table}' has dictionary-encoded Arrow columns; send plain columns"
                )
            count, compressed = header
            if compressed:
                raise ApiError(
                    f"'{table}' holds compressed Arrow buffers; send them uncompressed (the "
                    "request's size then bounds what is read)",
                    status=413,
                )
            rows += count
            check_rows(table, rows, limits, more=True)
            check_cells(table, rows, len(schema.names))
            batch = pa.ipc.read_record_batch(message, schema, memo)
            # offsets, lengths and UTF-8 checked: a header may claim what its buffers lack
            batch.validate(full=True)
            batches.append(batch)
        arrow = pa.Table.from_batches(batches, schema=schema)
    except ApiError:
        raise
    except Exception as error:
        raise _upload_error(table, kind, error) from error
    check_rows(table, arrow.num_rows, limits)
    check_decoded(table, arrow.nbytes)
    _measure_text(table, arrow, text_columns)
    try:
        return arrow_frame(arrow, table)
    except Exception as error:
        raise _upload_error(table, kind, error) from error


# --- CSV --------------------------------------------------------------------------------------


def read_csv(content: bytes, table: str, limits: BulkLimits | None = None) -> pd.DataFrame:
    """A CSV upload (UTF-8, header row), read no further than the row limit allows."""
    end = content.find(b"\n")
    header = content if end < 0 else content[:end]
    if len(header) > MAX_COLUMNS * (MAX_NAME_CHARS + 3):
        raise ApiError(f"'{table}' has a header row of {len(header):,} bytes", status=413)
    try:
        names = next(csv.reader([header.decode("utf-8-sig").rstrip("\r")]), [])
    except (UnicodeDecodeError, csv.Error) as error:
        raise _upload_error(table, "CSV", error) from error
    check_columns(table, names)
    limit = limits.rows(table) if limits is not None else None
    rows = MAX_TABLE_CELLS // max(1, len(names))
    rows = min(rows, limit) if limit is not None else rows
    try:
        frame = pd.read_csv(
            io.BytesIO(content),
            dtype="str",
            keep_default_na=False,
            na_values=[""],
            encoding="utf-8",
            nrows=rows + 1,
        )
    except Exception as error:  # any reader failure is a bad upload
        raise _upload_error(table, "CSV", error) from error
    check_rows(table, len(frame), limits, more=True)
    check_columns(table, frame.columns)
    check_cells(table, len(frame), len(frame.columns))
    for column in frame.columns:
        lengths = frame[column].str.len()
        if len(lengths) and lengths.max() > MAX_CELL_CHARS:
            row = int(lengths.to_numpy().argmax()) + 1
            raise long_cell(table, column, row, int(lengths.max()))
    return frame


def upload_kind(content: bytes, filename: str, mimetype: str | None) -> str:
    """``parquet``, ``arrow`` or ``csv``: from the part's first bytes, type, then file name."""
    name = filename.lower()
    if content[:4] == b"PAR1" or mimetype == PARQUET or name.endswith(".parquet"):
        return "parquet"
    arrow_magic = content[:4] == _ARROW_STREAM_MAGIC or content[:6] == _ARROW_FILE_MAGIC
    if (
        arrow_magic
        or mimetype in (ARROW_STREAM, ARROW_FILE)
        or name.endswith((".arrow", ".arrows"))
    ):
        return "arrow"
    return "csv"


def read_upload(
    content: bytes,
    filename: str,
    table: str,
    limits: BulkLimits | None = None,
    mimetype: str | None = None,
) -> pd.DataFrame:
    """An uploaded CSV (UTF-8, header row), Parquet or Arrow IPC file, bounded as above."""
    kind = upload_kind(content, filename, mimetype)
    if kind == "parquet":
        return read_parquet(content, table, limits)
    if kind == "arrow":
        return read_arrow(content, table, limits)
    return read_csv(content, table, limits)
