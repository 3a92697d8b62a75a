"""The columnar answer of /bulk: one table as Parquet or an Arrow IPC stream.

A client that sends ``Accept: application/vnd.apache.parquet`` or
``Accept: application/vnd.apache.arrow.stream`` gets one table instead of JSON: the families
(``table=keluarga``, the default: ``id_keluarga`` and the family variables) or the persons
(``table=individu``: ``id_individu``, ``id_keluarga``, the person variables and the family
variables of each person's family). Values keep their types: booleans, integer rupiah, dates,
Enum items as dictionary-encoded text. What the JSON answer says besides the tables (year,
month, reform, periods, counts, rejected records with their reasons, warnings, totals) is
the same JSON document, stored in the table's schema metadata under ``bansos``; the totals
are also the headers ``X-Bansos-Rejected-Total`` and ``X-Bansos-Warnings-Total``.
"""

from __future__ import annotations

import io

import numpy as np
from openfisca_core.indexed_enums import Enum

from openfisca_indonesia_sosial.api.bulk import BulkRequest, BulkResult, report_json
from openfisca_indonesia_sosial.api.bulk_limits import ID_COLUMNS
from openfisca_indonesia_sosial.api.bulk_read import ARROW_STREAM, PARQUET
from openfisca_indonesia_sosial.api.jsonsafe import dumps

JSON = "application/json"
#: Schema metadata key of the answer's report (periods, counts, rejects, warnings).
METADATA_KEY = b"bansos"


def answer_media(accept) -> str:
    """The answer's media type from an ``Accept`` header (werkzeug's ``MIMEAccept``): JSON
    unless the client prefers Parquet or an Arrow IPC stream."""
    if accept is None or not accept:
        return JSON
    return accept.best_match([JSON, PARQUET, ARROW_STREAM], default=JSON) or JSON


def prepare(request: BulkRequest, media: str) -> None:
    """A columnar answer holds one table: the families unless the client asks for persons."""
    if media != JSON and request.table is None:
        request.table = "keluarga"
    if media == JSON:
        request.table = None


def _arrow_values(variable, array, pa):
    if variable.value_type is Enum:
        names = [item.name for item in variable.possible_values]
        indices = pa.array(np.asarray(array).astype(np.int16))
        return pa.DictionaryArray.from_arrays(indices, pa.array(names, pa.string()))
    array = np.asarray(array)
    if array.dtype.kind == "S":
        return pa.array(np.char.decode(array, "utf-8"), pa.string())
    if array.dtype.kind == "M":
        return pa.array(array.astype("datetime64[D]"), pa.date32())
    if array.dtype.kind == "f":
        return pa.array(array, from_pandas=True)  # NaN becomes null, as in the JSON answer
    return pa.array(array)


def arrow_table(result: BulkResult, table: str, reform=None):
    """The answered table, with the report in its schema metadata."""
    import pyarrow as pa

    columns = {}
    for name in ID_COLUMNS[table]:
        columns[name] = pa.array(result.ids[table][name], pa.string(), from_pandas=True)
    for name, array in result.values[table].items():
        columns[name] = _arrow_values(result.variables[name], array, pa)
    if table == "individu":
        index = result.family_index
        for name, array in result.values["keluarga"].items():
            joined = array[index] if index is not None else array
            columns[name] = _arrow_values(result.variables[name], joined, pa)
    report = report_json(result, reform) | {"table": table}
    arrow = pa.table(columns)
    return arrow.replace_schema_metadata({METADATA_KEY: dumps(report).encode("utf-8")}), report


def serialize(arrow, media: str) -> bytes:
    import pyarrow as pa

    sink = io.BytesIO() if media == PARQUET else pa.BufferOutputStream()
    if media == PARQUET:
        import pyarrow.parquet as pq

        pq.write_table(arrow, sink, compression="snappy")
        return sink.getvalue()
    with pa.ipc.new_stream(sink, arrow.schema) as writer:
        writer.write_table(arrow)
    return sink.getvalue().to_pybytes()


def response(result: BulkResult, request: BulkRequest, media: str, reform=None):
    """The Flask response of a columnar answer."""
    from flask import Response

    arrow, report = arrow_table(result, request.table, reform)
    headers = {
        "X-Bansos-Rejected-Total": str(report["rejected_total"]),
        "X-Bansos-Warnings-Total": str(report["warnings_total"]),
        "X-Bansos-Table": request.table,
        "Vary": "Accept",
    }
    return Response(serialize(arrow, media), mimetype=media, headers=headers)
