"""A registry with injected findings of every kind, at known counts, for recall tests and
the audit benchmark.

:func:`inject` rewrites a generated population folder (``bansos population generate``:
Parquet, persons grouped by family) into a new folder and returns the findings the audit
must report, counted from the injection itself (not by the audit's queries). The population
is first made clean:

- every NIK's province code (Kemendagri) is set to one that agrees with its family's province
  (the generator draws some persons whose NIK is from elsewhere: ``nik_wilayah_berbeda``);
- a NIK that this leaves shared by two persons is emptied (no NIK: no NIK finding), and the
  families of those persons receive no injection;
- a column ``tanggal_meninggal`` is added, empty but for the injected deaths and for a few
  deaths during or after the audited period (which are not findings).

Then, for each kind, ``k`` injections into families not touched by any other injection, the
first family of each pair drawn from the first half of the registry and the second from the
second half (so they fall in different partitions):

=====================  ===============================================  ===================
kind                   injection                                        findings
=====================  ===============================================  ===================
``nik_ganda``          a member gets the NIK of another member of his   nik_ganda 2
                       own card
``id_ganda``           a person gets the ``id_individu`` of a person    id_ganda 2
                       of another family
``meninggal``          a death date before the audited period           meninggal 1
``nik_wilayah_berbeda``  a NIK province code not the family's           nik_wilayah_berbeda 1
``nik_kartu_ganda``    a non-head member gets the NIK of a non-head     nik_ganda 2,
                       member of a card of the same province            nik_kartu_ganda 2
``keluarga_tercakup``  the head of a one-person card gets the NIK of a  nik_ganda 2,
                       non-head member of a card of the same province   nik_kartu_ganda 2,
                                                                        keluarga_tercakup 1
``kepala_ganda``       a head gets the NIK of the head of a card of     nik_ganda 2,
                       the same province (both cards of two or more)    nik_kartu_ganda 2,
                                                                        kepala_ganda 2
=====================  ===============================================  ===================

Memory stays bounded whatever the size (about 10 bytes per family and one batch of persons):
the persons are streamed three times, a batch of ``BATCH_ROWS`` at a time, with Arrow and
numpy (no Python object per person):

1. a survey: each family's size, province and the positions of its head and last member
   with a NIK; the clean NIKs, as integers with their rows, go to bucket files on disk (one
   bucket per ``BUCKET_ROWS`` persons), each then sorted on its own to find the shared ones;
2. the families are drawn (:mod:`.inject_plan`), and the few values the injections copy are
   read from the row groups that hold them;
3. the persons are rewritten, each batch cleaned again the same way, with the injected
   values replaced by row number; the families are copied a batch at a time.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.data.reading import streamed_parquet
from openfisca_indonesia_sosial.registry.findings import DECEASED, FINDINGS, region_pairs
from openfisca_indonesia_sosial.registry.inject_plan import Families, Plan, choose
from openfisca_indonesia_sosial.scale.grouping import family_sizes
from openfisca_indonesia_sosial.scale.source import families_of, persons_before

KINDS = tuple(FINDINGS)
HEAD = "kepala_keluarga"
#: Persons read, cleaned and written at a time.
BATCH_ROWS = 1 << 18
#: Rows of each written row group (those of ``bansos population generate``): the audit then
#: reads the files as they are, without a copy.
ROW_GROUP_ROWS = 1 << 16
#: Clean NIKs per bucket file when looking for the shared ones (16 bytes each on disk, and
#: in memory while its bucket is sorted).
BUCKET_ROWS = 1 << 23


def inject(
    population: str | Path,
    out: str | Path,
    *,
    k: int,
    year: int,
    month: int | None = None,
    seed: int = 0,
) -> dict[str, dict]:
    """Write ``out`` (``individu.parquet``, ``keluarga.parquet``) from ``population`` with
    ``k`` injections of each kind; returns ``{code: {"records", "families",
    "by_province"}}`` as the audit of ``year`` (``month``) must find it, and under
    ``"rows"`` the expected ``(code, person row)`` pairs."""
    population, out = Path(population), Path(out)
    individu, keluarga = population / "individu.parquet", population / "keluarga.parquet"
    sizes = family_sizes(individu, keluarga)
    if sizes is None:
        raise ValueError(f"{population}: persons not grouped by family")
    if pq.ParquetFile(individu).schema_arrow.get_field_index("nik") < 0:
        raise ValueError(f"{population}: no nik column")
    if sizes.max() > np.iinfo(np.int16).max:
        raise ValueError(f"{population}: a family of more than 32,767 members")
    sizes = sizes.astype(np.uint16, copy=False)  # 2 bytes per family (signed offsets fit)
    names, provinces = _provinces(keluarga)
    agreeing = _agreeing_codes()
    codes = pa.array([agreeing.get(name) for name in names], type=pa.string())
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".inject-", dir=out) as tmp:
        families, buckets = _survey(individu, sizes, provinces, codes, Path(tmp))
        families.taken[families_of(sizes, buckets.shared_rows())] = True
        plan = Plan(names, provinces)
        period = datetime.date(year, month or 1, 1)
        choose(plan, np.random.default_rng(seed), k, families, period, persons_before)
        values = _gather(individu, plan.sources(), provinces, codes)
        plan.resolve(values, buckets.existing, region_pairs())
        _write_persons(individu, out / "individu.parquet", sizes, provinces, codes, buckets, plan)
    _copy(keluarga, out / "keluarga.parquet")
    expected = plan.expected(KINDS)
    expected["rows"] = plan.rows()
    return expected


def _agreeing_codes() -> dict[str, str]:
    """A Kemendagri code agreeing with each BPS province code."""
    result: dict[str, str] = {}
    for nik_prov, bps in region_pairs():
        result.setdefault(bps, nik_prov)
    return result


def _provinces(keluarga: Path) -> tuple[list[str], np.ndarray]:
    """The province names met (``??`` for none, as the audit reports them) and each family's
    index in that list (one byte per family)."""
    names: list[str] = []
    index: dict[str, int] = {}
    file = streamed_parquet(keluarga)
    result = np.empty(file.metadata.num_rows, dtype=np.uint8)
    done = 0
    for batch in file.iter_batches(columns=["provinsi"], batch_size=BATCH_ROWS):
        encoded = pc.dictionary_encode(batch.column(0).cast(pa.string()))
        local = []
        for name in [*encoded.dictionary.to_pylist(), "??"]:
            if name not in index:
                index[name] = len(names)
                names.append(name)
            local.append(index[name])
        if len(names) > 255:
            raise ValueError(f"{keluarga}: more than 255 provinces")
        position = pc.fill_null(encoded.indices, len(local) - 1).to_numpy()
        result[done : done + batch.num_rows] = np.asarray(local, dtype=np.uint8)[position]
        done += batch.num_rows
    return names, result


def clean_nik(nik: pa.Array, code: pa.Array) -> pa.Array:
    """Each NIK of 16 digits with ``code`` (when there is one) as its first two digits."""
    nik = nik.cast(pa.string())
    well = pc.and_(pc.equal(pc.utf8_length(nik), 16), pc.ascii_is_decimal(nik))
    well = pc.and_(pc.fill_null(well, False), pc.is_valid(code))
    joined = pc.binary_join_element_wise(code, pc.utf8_slice_codeunits(nik, 2), "")
    return pc.if_else(well, joined, nik)


class _Walk:
    """Each person's family and position in it, batch after batch (persons grouped by
    family, every family with a member)."""

    def __init__(self, sizes: np.ndarray):
        self.sizes = sizes
        self.family = 0
        self.seen = 0  # members of ``family`` in the batches before

    def next(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        sizes = self.sizes[self.family : self.family + n + 1].astype(np.int64)
        ends = np.cumsum(sizes) - self.seen
        rows = np.arange(n, dtype=np.int64)
        local = np.searchsorted(ends, rows, side="right")
        starts = np.concatenate([[-self.seen], ends[:-1]])
        position = rows - starts[local]
        family = self.family + local
        if n:
            last = int(local[-1])
            self.family += last
            self.seen = int(position[-1]) + 1
            if self.seen == sizes[last]:
                self.family, self.seen = self.family + 1, 0
        return family, position


class _Buckets:
    """The clean NIKs of 16 digits (as integers) and their rows, split by value into bucket
    files; other NIK texts (none in a generated population) are kept in memory."""

    def __init__(self, folder: Path, persons: int):
        self.count = max(1, -(-persons // BUCKET_ROWS))
        self.folder = folder
        self.handles = [
            (open(folder / f"n{b}.i8", "wb"), open(folder / f"r{b}.i8", "wb"))  # noqa: SIM115
            for b in range(self.count)
        ]
        self.other: dict[str, list[int]] = {}

    def add(self, nik: pa.Array, rows: np.ndarray) -> None:
        well = pc.fill_null(
            pc.and_(pc.equal(pc.utf8_length(nik), 16), pc.ascii_is_decimal(nik)), False
        ).to_numpy(zero_copy_only=False)
        values = pc.cast(nik.filter(pa.array(well)), pa.int64()).to_numpy()
        at = rows[well]
        bucket = values % self.count
        order = np.argsort(bucket, kind="stable")
        cuts = np.searchsorted(bucket[order], np.arange(self.count + 1))
        for b, (numbers, places) in enumerate(self.handles):
            chosen = order[cuts[b] : cuts[b + 1]]
            values[chosen].tofile(numbers)
            at[chosen].tofile(places)
        odd = ~well & nik.is_valid().to_numpy(zero_copy_only=False)
        for value, row in zip(nik.filter(pa.array(odd)).to_pylist(), rows[odd], strict=True):
            self.other.setdefault(value, []).append(int(row))

    def close(self) -> None:
        for numbers, places in self.handles:
            numbers.close()
            places.close()

    def _bucket(self, b: int, rows: bool = False) -> np.ndarray:
        return np.fromfile(self.folder / f"{'r' if rows else 'n'}{b}.i8", dtype=np.int64)

    def shared_rows(self) -> np.ndarray:
        """Sorted rows whose clean NIK another row also has (memoised)."""
        if not hasattr(self, "_shared"):
            found = [np.asarray(r, dtype=np.int64) for r in self.other.values() if len(r) > 1]
            for b in range(self.count):
                values = self._bucket(b)
                order = np.argsort(values, kind="stable")
                ordered = values[order]
                del values
                same = ordered[1:] == ordered[:-1]
                mark = np.zeros(ordered.size, dtype=bool)
                mark[1:] |= same
                mark[:-1] |= same
                if mark.any():
                    found.append(self._bucket(b, rows=True)[order[mark]])
            self._shared = np.sort(np.concatenate(found)) if found else np.empty(0, np.int64)
        return self._shared

    def existing(self, candidates: np.ndarray) -> np.ndarray:
        """Whether each candidate NIK (an integer) is a clean NIK of the registry."""
        candidates = np.asarray(candidates, dtype=np.int64)
        result = np.zeros(candidates.size, dtype=bool)
        for b in range(self.count):
            mine = candidates % self.count == b
            if mine.any():
                result[mine] = np.isin(candidates[mine], self._bucket(b))
        return result


def _survey(individu: Path, sizes, provinces, codes, folder: Path):
    """Pass 1: what the drawing needs of each family, and the clean NIKs in buckets."""
    file = streamed_parquet(individu)
    n = sizes.size
    families = Families(sizes, provinces)
    buckets = _Buckets(folder, file.metadata.num_rows)
    has_role = file.schema_arrow.get_field_index("peran") >= 0
    walk = _Walk(sizes)
    first = 0
    try:
        columns = ["nik", "peran"] if has_role else ["nik"]
        for batch in file.iter_batches(columns=columns, batch_size=BATCH_ROWS):
            family, position = walk.next(batch.num_rows)
            nik = clean_nik(batch.column(0), codes.take(pa.array(provinces[family])))
            rows = np.arange(first, first + batch.num_rows, dtype=np.int64)
            buckets.add(nik, rows)
            has = nik.is_valid().to_numpy(zero_copy_only=False)
            head = np.zeros(batch.num_rows, dtype=bool)
            if has_role:
                role = pc.equal(batch.column(1).cast(pa.string()), HEAD)
                head = pc.fill_null(role, False).to_numpy(zero_copy_only=False)
            families.add(family, position, has, head)
            first += batch.num_rows
    finally:
        buckets.close()
    assert walk.family == n
    return families, buckets


def _gather(individu: Path, sources: dict[int, int], provinces, codes) -> dict[int, tuple]:
    """``{row: (clean NIK, id_individu)}`` of the rows the injections copy, read from the
    row groups that hold them; ``sources`` maps each row to its family."""
    file = streamed_parquet(individu)
    rows = np.array(sorted(sources), dtype=np.int64)
    result: dict[int, tuple] = {}
    start = 0
    for group in range(file.num_row_groups):
        stop = start + file.metadata.row_group(group).num_rows
        inside = rows[np.searchsorted(rows, start) : np.searchsorted(rows, stop)]
        if inside.size:
            table = file.read_row_group(group, columns=["nik", "id_individu"])
            table = table.take(pa.array(inside - start))
            fams = np.array([sources[int(r)] for r in inside], dtype=np.int64)
            nik = clean_nik(table.column(0).combine_chunks(), codes.take(pa.array(provinces[fams])))
            ids = table.column(1).to_pylist()
            for row, value, ident in zip(inside, nik.to_pylist(), ids, strict=True):
                result[int(row)] = (value, ident)
        start = stop
    return result


def _write_persons(path: Path, out: Path, sizes, provinces, codes, buckets, plan: Plan) -> None:
    """Pass 3: the persons, clean, with the injected values."""
    file = streamed_parquet(path)
    schema = file.schema_arrow
    nik_at = schema.get_field_index("nik")
    id_at = schema.get_field_index("id_individu")
    schema = schema.set(nik_at, pa.field("nik", pa.string()))
    schema = schema.append(pa.field(DECEASED, pa.date32()))
    emptied = buckets.shared_rows()
    changes = plan.changes()  # {column: (sorted rows, values)}
    walk = _Walk(sizes)
    first = 0
    partial = out.with_name(f".{out.name}.partial")
    with pq.ParquetWriter(partial, schema, compression="zstd") as writer:
        for batch in file.iter_batches(batch_size=BATCH_ROWS):
            n = batch.num_rows
            family, _position = walk.next(n)
            nik = clean_nik(batch.column(nik_at), codes.take(pa.array(provinces[family])))
            gone = np.zeros(n, dtype=bool)
            gone[_inside(emptied, first, n) - first] = True
            nik = pc.if_else(pa.array(gone), pa.scalar(None, pa.string()), nik)
            arrays = list(batch.columns)
            arrays[nik_at] = _replace(nik, changes["nik"], first)
            arrays[id_at] = _replace(batch.column(id_at), changes["id_individu"], first)
            died = pa.nulls(n, pa.date32())
            arrays.append(_replace(died, changes[DECEASED], first))
            table = pa.Table.from_batches([pa.RecordBatch.from_arrays(arrays, schema=schema)])
            writer.write_table(table, row_group_size=ROW_GROUP_ROWS)
            first += n
    partial.replace(out)


def _inside(rows: np.ndarray, first: int, n: int) -> np.ndarray:
    return rows[np.searchsorted(rows, first) : np.searchsorted(rows, first + n)]


def _replace(array: pa.Array, change: tuple[np.ndarray, list], first: int) -> pa.Array:
    rows, values = change
    low, high = np.searchsorted(rows, first), np.searchsorted(rows, first + len(array))
    if low == high:
        return array
    mask = np.zeros(len(array), dtype=bool)
    mask[rows[low:high] - first] = True
    return pc.replace_with_mask(array, pa.array(mask), pa.array(values[low:high], array.type))


def _copy(path: Path, out: Path) -> None:
    """The families as they are, a batch at a time."""
    file = streamed_parquet(path)
    partial = out.with_name(f".{out.name}.partial")
    with pq.ParquetWriter(partial, file.schema_arrow, compression="zstd") as writer:
        for batch in file.iter_batches(batch_size=BATCH_ROWS):
            writer.write_table(pa.Table.from_batches([batch]), row_group_size=ROW_GROUP_ROWS)
    partial.replace(out)
