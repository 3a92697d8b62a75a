"""Whether a population's persons are grouped by family in ``keluarga`` order, and the members
of each family, from the two ``id_keluarga`` columns alone.

The persons' ids are cut into runs of equal ids (Arrow's run-end encoding, in C++), and the
run values must be the ``keluarga`` ids, in order, one run per family. Both files are streamed
batch by batch in step, so memory holds two batches and the answer (one count per family);
a run that crosses a batch boundary is held back until the next batch shows where it ends.
Ids compare as they are when both columns share an integer or text type, else as text (their
``cast`` to string); a missing id matches only a missing id.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.data.reading import streamed_parquet

ID_KELUARGA = "id_keluarga"
_BATCH = 1 << 20


class _NotGroupedError(Exception):
    pass


def _common_type(*files: pq.ParquetFile) -> pa.DataType | None:
    """The type both id columns are read as: None to keep them as they are."""
    types = {file.schema_arrow.field(ID_KELUARGA).type for file in files}
    if len(types) == 1:
        (kind,) = types
        if pa.types.is_integer(kind) or pa.types.is_string(kind) or pa.types.is_large_string(kind):
            return None
    # Mixed or other types (floats, dates, dictionaries...) compare by their text, so that
    # 1 (int32) and 1 (int64) or "1" are one family, while NaN never equals NaN natively.
    return pa.string()


def _ids(file: pq.ParquetFile, kind: pa.DataType | None) -> Iterator[pa.Array]:
    for batch in file.iter_batches(columns=[ID_KELUARGA], batch_size=_BATCH):
        if batch.num_rows:
            column = batch.column(0)
            yield column if kind is None else column.cast(kind)


def _all_equal(a: pa.Array, b: pa.Array) -> bool:
    equal = pc.equal(a, b)
    if equal.null_count:
        equal = pc.or_(pc.fill_null(equal, False), pc.and_(pc.is_null(a), pc.is_null(b)))
    return bool(pc.all(equal).as_py())


def _runs(ids: Iterator[pa.Array]) -> Iterator[tuple[pa.Array, np.ndarray]]:
    """``(values, lengths)`` of the maximal runs of equal ids, batch by batch."""
    pending = None  # the last run seen: it may go on in the next batch
    for array in ids:
        encoded = pc.run_end_encode(array)
        values = encoded.values
        ends = encoded.run_ends.to_numpy().astype(np.int64)
        lengths = np.diff(ends, prepend=0)
        if pending is not None:
            value, length = pending
            if _all_equal(values.slice(0, 1), value):
                lengths[0] += length
            else:
                yield value, np.array([length], dtype=np.int64)
        pending = values.slice(len(values) - 1), int(lengths[-1])
        if len(values) > 1:
            yield values.slice(0, len(values) - 1), lengths[:-1]
    if pending is not None:
        yield pending[0], np.array([pending[1]], dtype=np.int64)


class _Cursor:
    """The ``keluarga`` ids, taken in slices of any length across batch boundaries."""

    def __init__(self, ids: Iterator[pa.Array]):
        self._ids = ids
        self._array = pa.array([], type=pa.null())
        self._offset = 0

    def take(self, n: int) -> pa.Array:
        pieces = []
        while n:
            if self._offset == len(self._array):
                self._array = next(self._ids, None)
                self._offset = 0
                if self._array is None:
                    raise _NotGroupedError  # more runs of persons than families
            piece = self._array.slice(self._offset, n)
            self._offset += len(piece)
            n -= len(piece)
            pieces.append(piece)
        return pieces[0] if len(pieces) == 1 else pa.concat_arrays(pieces)

    def exhausted(self) -> bool:
        return self._offset == len(self._array) and next(self._ids, None) is None


def family_sizes(individu: Path, keluarga: Path) -> np.ndarray | None:
    """Members of each family when ``individu`` is grouped by family in ``keluarga`` order
    (every family with at least one member, every member's family listed), else None.
    Unsigned integers of the smallest width that holds the largest family (sum them with
    ``dtype=np.int64``)."""
    persons, families = streamed_parquet(individu), streamed_parquet(keluarga)
    n_families = families.metadata.num_rows
    if persons.metadata.num_rows == 0 or n_families == 0:
        return None
    if any(file.schema_arrow.get_field_index(ID_KELUARGA) < 0 for file in (persons, families)):
        return None  # e.g. a name with a byte-order mark: the regrouping reader cleans it
    kind = _common_type(persons, families)
    cursor = _Cursor(_ids(families, kind))
    # two bytes a family (a national registry: 190 MB, not 760), four once a family has
    # more members than two bytes count (and so on: no count wraps)
    sizes = np.empty(n_families, dtype=np.uint16)
    done = 0
    try:
        for values, lengths in _runs(_ids(persons, kind)):
            if not _all_equal(values, cursor.take(len(values))):
                return None
            wider = np.promote_types(sizes.dtype, np.min_scalar_type(int(lengths.max())))
            if wider != sizes.dtype:
                sizes = sizes.astype(wider)
            sizes[done : done + len(values)] = lengths
            done += len(values)
    except _NotGroupedError:
        return None
    if done != n_families or not cursor.exhausted():
        return None
    return sizes
