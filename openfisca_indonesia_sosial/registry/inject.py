"""A registry with injected findings of every kind, at known counts, for recall tests and
the audit benchmark.

:func:`inject` rewrites a generated population folder (``bansos population generate``:
Parquet, persons grouped by family) into a new folder, streaming the persons a row group at a
time, and returns the findings the audit must report, counted from the injection itself
(not by the audit's queries). The population is first made clean:

- every NIK's province code (Kemendagri) is set to one that agrees with its family's province
  (the generator draws some persons whose NIK is from elsewhere: ``nik_wilayah_berbeda``);
- a NIK that this leaves shared by two persons is emptied (no NIK: no NIK finding);
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
"""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from openfisca_indonesia_sosial.registry.findings import DECEASED, FINDINGS, region_pairs
from openfisca_indonesia_sosial.scale.grouping import family_sizes

KINDS = tuple(FINDINGS)
HEAD = "kepala_keluarga"


class _Plan:
    """The chosen rows, their new values and the expected findings."""

    def __init__(self, provinces: np.ndarray):
        self.provinces = provinces
        self.nik: dict[int, str] = {}
        self.idi: dict[int, str] = {}
        self.died: dict[int, datetime.date] = {}
        self.hits: dict[str, list[tuple[int, int]]] = defaultdict(list)  # (person row, family)

    def hit(self, codes: tuple[str, ...], rows: list[tuple[int, int]]) -> None:
        for code in codes:
            self.hits[code].extend(rows)

    def expected(self) -> dict[str, dict]:
        result = {}
        for code in KINDS:
            rows = self.hits.get(code, [])
            by_province = Counter(str(self.provinces[fam]) for _row, fam in rows)
            result[code] = {
                "records": len(rows),
                "families": len({fam for _row, fam in rows}),
                "by_province": dict(sorted(by_province.items())),
            }
        return result


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
    provinces = pq.read_table(keluarga, columns=["provinsi"]).column(0)
    provinces = np.asarray(provinces.to_pylist(), dtype=object)
    agreeing = _agreeing_codes()
    start = np.concatenate([[0], np.cumsum(sizes)])[:-1]
    peran = np.asarray(
        pq.read_table(individu, columns=["peran"]).column(0).to_pylist(), dtype=object
    )
    nik = pq.read_table(individu, columns=["nik", "id_individu"])
    clean = _clean_nik(nik.column("nik"), np.repeat(provinces, sizes), agreeing)
    rng = np.random.default_rng(seed)
    plan = _Plan(provinces)
    period = datetime.date(year, month or 1, 1)
    _choose(plan, rng, k, sizes, start, peran, provinces, clean, nik.column("id_individu"), period)
    out.mkdir(parents=True, exist_ok=True)
    pq.write_table(pq.read_table(keluarga), out / "keluarga.parquet", row_group_size=1 << 16)
    _write_persons(individu, out / "individu.parquet", clean, plan)
    expected = plan.expected()
    expected["rows"] = sorted((code, row) for code, rows in plan.hits.items() for row, _ in rows)
    return expected


def _agreeing_codes() -> dict[str, str]:
    """A Kemendagri code agreeing with each BPS province code."""
    result: dict[str, str] = {}
    for nik_prov, bps in region_pairs():
        result.setdefault(bps, nik_prov)
    return result


def _clean_nik(column: pa.ChunkedArray, person_province: np.ndarray, agreeing) -> list:
    """Each NIK with its family's province code; a NIK then shared is emptied."""
    fixed = []
    for value, province in zip(column.to_pylist(), person_province, strict=True):
        code = agreeing.get(province)
        well = isinstance(value, str) and len(value) == 16 and value.isdigit()
        fixed.append(code + value[2:] if well and code else value)
    counts = Counter(value for value in fixed if value is not None)
    return [None if value is not None and counts[value] > 1 else value for value in fixed]


def _choose(plan, rng, k, sizes, start, peran, provinces, nik, ids, period) -> None:
    n = len(sizes)
    used: set[int] = set()
    taken = {value for value in nik if value is not None}
    half = n // 2

    def family(low: int, high: int, ok) -> int:
        for _ in range(100_000):
            fam = int(rng.integers(low, high))
            if fam not in used and ok(fam):
                used.add(fam)
                return fam
        raise ValueError("population too small for the injections")

    def head(fam: int) -> int | None:
        rows = range(start[fam], start[fam] + sizes[fam])
        heads = [r for r in rows if peran[r] == HEAD and nik[r] is not None]
        return heads[0] if len(heads) == 1 else None

    def non_head(fam: int) -> int | None:
        rows = [r for r in range(start[fam], start[fam] + sizes[fam]) if peran[r] != HEAD]
        rows = [r for r in rows if nik[r] is not None]
        return rows[-1] if rows else None

    def with_nik(fam):
        rows = range(start[fam], start[fam] + sizes[fam])
        return all(nik[r] is not None for r in rows)

    # the second-half families of each province, grouped once
    codes, inverse = np.unique(provinces[half:].astype(str), return_inverse=True)
    order = np.argsort(inverse, kind="stable")
    cuts = np.searchsorted(inverse[order], np.arange(len(codes) + 1))
    second_half = {c: order[cuts[i] : cuts[i + 1]] + half for i, c in enumerate(codes)}

    def pair(first_ok, second_ok):
        """A family of the first half and one of the same province in the second half."""
        for _ in range(1000):
            a = family(0, half, first_ok)
            same = second_half.get(provinces[a], np.empty(0, dtype=np.int64))
            for b in rng.permutation(same):
                if int(b) not in used and second_ok(int(b)):
                    used.add(int(b))
                    return a, int(b)
        raise ValueError("population too small for the injections")

    def big(f: int) -> bool:
        return bool(sizes[f] >= 2) and None not in (head(f), non_head(f)) and with_nik(f)

    def alone(f: int) -> bool:
        return bool(sizes[f] == 1) and head(f) is not None

    for _ in range(k):
        # nik_ganda: two members of one card
        a = family(0, n, big)
        plan.nik[non_head(a)] = nik[head(a)]
        plan.hit(("nik_ganda",), [(head(a), a), (non_head(a), a)])
        # id_ganda: a person of the second half takes the id of one of the first
        a = family(0, half, lambda f: True)
        b = family(half, n, lambda f: True)
        plan.idi[int(start[b])] = ids[int(start[a])].as_py()
        plan.hit(("id_ganda",), [(int(start[a]), a), (int(start[b]), b)])
        # meninggal: died the day before the period; another died on its first day
        a = family(0, n, lambda f: True)
        plan.died[int(start[a])] = period - datetime.timedelta(days=1)
        plan.hit(("meninggal",), [(int(start[a]), a)])
        b = family(0, n, lambda f: True)
        plan.died[int(start[b])] = period
        # nik_wilayah_berbeda: a code of another province
        a = family(0, n, lambda f: nik[start[f]] is not None)
        row = int(start[a])
        plan.nik[row] = _moved(nik[row], provinces[a], taken)
        plan.hit(("nik_wilayah_berbeda",), [(row, a)])
        # nik_kartu_ganda
        a, b = pair(big, big)
        plan.nik[non_head(b)] = nik[non_head(a)]
        rows = [(non_head(a), a), (non_head(b), b)]
        plan.hit(("nik_ganda", "nik_kartu_ganda"), rows)
        # keluarga_tercakup: a one-person card whose head is a member of another card
        a, b = pair(big, alone)
        plan.nik[head(b)] = nik[non_head(a)]
        plan.hit(("nik_ganda", "nik_kartu_ganda"), [(non_head(a), a), (head(b), b)])
        plan.hit(("keluarga_tercakup",), [(head(b), b)])
        # kepala_ganda
        a, b = pair(big, big)
        plan.nik[head(b)] = nik[head(a)]
        rows = [(head(a), a), (head(b), b)]
        plan.hit(("nik_ganda", "nik_kartu_ganda", "kepala_ganda"), rows)


def _moved(value: str, bps: str, taken: set) -> str:
    """``value`` with the code of a province other than ``bps``, and not the NIK of anyone
    else (the same other digits are common across provinces)."""
    agreeing = {nik for nik, prov in region_pairs() if prov == bps}
    for code in sorted({nik for nik, _ in region_pairs()} - agreeing):
        moved = code + value[2:]
        if moved not in taken:
            taken.add(moved)
            return moved
    raise ValueError("no free NIK for a moved person")


def _write_persons(path: Path, out: Path, clean: np.ndarray, plan: _Plan) -> None:
    file = pq.ParquetFile(path)
    schema = file.schema_arrow
    nik_at = schema.get_field_index("nik")
    id_at = schema.get_field_index("id_individu")
    schema = schema.set(nik_at, pa.field("nik", pa.string()))
    schema = schema.append(pa.field(DECEASED, pa.date32()))
    first = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in file.iter_batches(batch_size=1 << 16):
            rows = range(first, first + batch.num_rows)
            niks = [plan.nik.get(r, clean[r]) for r in rows]
            ids = batch.column(id_at).to_pylist()
            for r in plan.idi.keys() & set(rows):
                ids[r - first] = plan.idi[r]
            died = [plan.died.get(r) for r in rows]
            arrays = list(batch.columns)
            arrays[nik_at] = pa.array(niks, type=pa.string())
            arrays[id_at] = pa.array(ids, type=schema.field(id_at).type)
            arrays.append(pa.array(died, type=pa.date32()))
            writer.write_batch(pa.RecordBatch.from_arrays(arrays, schema=schema))
            first += batch.num_rows
