"""The per-record list of an audit: one CSV row per flagged record, safe for spreadsheets.

Columns (docs/data/registry-audit.md): ``code`` (the finding), ``table`` (``individu`` or
``keluarga``), ``row`` (the record's row in the input file, counted from 0 without the
header, as in a batch's rejects file), ``id`` (``id_individu`` or ``id_keluarga``), ``nik``
(masked: ``32**********07``), ``id_keluarga``, ``provinsi`` (of the family), ``collides_with``
(the other records sharing the key: ``table:row`` of each, at most ``SHOWN_OTHERS``; for
``keluarga_tercakup``, the other cards of the members' NIK), ``removed`` (whether the money at
stake counts the record as removed by a cleansing).

The list is built by DuckDB from the ``hits`` table of :func:`.findings.run_findings` (rare
rows) joined to the registry files, and streamed to the CSV a batch at a time: no frame ever
holds the whole registry or the whole list. NIKs are masked before anything is written, and
every cell goes through the package's formula-safe CSV writing (``data.csv_output``).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa

from openfisca_indonesia_sosial.data.csv_output import neutralise
from openfisca_indonesia_sosial.data.privacy import mask_nik_series

#: Other records listed per flagged record; more are counted (``+N``).
SHOWN_OTHERS = 10
#: Rows of the list in memory at a time.
BATCH_ROWS = 100_000
COLUMNS = [
    "code",
    "table",
    "row",
    "id",
    "nik",
    "id_keluarga",
    "provinsi",
    "collides_with",
    "removed",
]
_NIK_KEYED = ("nik_ganda", "nik_kartu_ganda", "kepala_ganda")


def input_rows(
    con, source_individu: str, original_individu: Path, original_keluarga: Path, workdir
):
    """Table ``rowmap(r, row)`` from prepared person rows to input rows when the audit
    regrouped the registry (CSV, or persons not grouped by family); otherwise a person's row
    in the prepared file is its input row and the table stays empty. Family rows are never
    reordered."""
    con.execute("CREATE OR REPLACE TEMP TABLE rowmap(r BIGINT, row BIGINT)")
    if Path(source_individu) == Path(original_individu):
        return
    if original_individu.suffix == ".parquet" and original_keluarga.suffix == ".parquet":
        from openfisca_indonesia_sosial.scale.grouping import family_sizes

        if family_sizes(original_individu, original_keluarga) is not None:
            return  # a copy with smaller row groups: same order
    order = regroup_order(original_individu, original_keluarga)
    mapping = pa.table({"r": np.arange(order.size, dtype=np.int64), "row": order})
    con.register("rowmap_arrow", mapping)
    con.execute("INSERT INTO rowmap SELECT * FROM rowmap_arrow")
    con.unregister("rowmap_arrow")


def regroup_order(individu: Path, keluarga: Path) -> np.ndarray:
    """Input row of each person row of the regrouped copy: the stable order of
    ``scale.source`` (keluarga order; file order within a family; persons without a listed
    family last). Read the way that copy was read (the whole table, as the regrouping did)."""
    import pandas as pd

    from openfisca_indonesia_sosial.data.reading import read_table
    from openfisca_indonesia_sosial.scale.grouping import ID_KELUARGA

    persons, families = read_table(individu), read_table(keluarga)
    keys = families[ID_KELUARGA].astype(str)
    first = ~keys.duplicated().to_numpy()
    found = pd.Index(keys[first]).get_indexer(persons[ID_KELUARGA].astype(str))
    position = np.where(found < 0, len(families), np.flatnonzero(first)[found.clip(0)])
    return np.argsort(position, kind="stable").astype(np.int64)


#: The list, one row per (finding, record), ordered by finding, table and row.
_LIST = """
WITH hp AS (
    SELECT h.code, h.tbl, h.r, h.fam, h.prov, p0.nik, p0.idi AS id, p.kh, p.ih
    FROM hits h JOIN p0 ON h.tbl = 'individu' AND h.r = p0.r JOIN p ON p.r = h.r),
hk AS (
    SELECT code, tbl, r, fam, prov, nik, id,
           CASE WHEN code IN ('nik_ganda', 'nik_kartu_ganda', 'kepala_ganda')
                THEN CAST(kh AS VARCHAR)
                WHEN code = 'id_ganda' THEN CAST(ih AS VARCHAR) END AS g,
           kh AS g2
    FROM hp
    UNION ALL
    SELECT h.code, h.tbl, h.r, h.fam, h.prov, NULL, h.fam, h.fam, NULL
    FROM hits h WHERE h.tbl = 'keluarga'),
shown AS (
    SELECT code, tbl, r, fam, prov, nik, id, g, g2,
           coalesce((SELECT m.row FROM rowmap m WHERE m.r = hk.r AND hk.tbl = 'individu'), r)
               AS row
    FROM hk),
pairs AS (
    SELECT a.code, a.tbl, a.r, list(b.tbl || ':' || b.row ORDER BY b.row) AS others
    FROM shown a JOIN shown b
      ON a.code = b.code AND a.tbl = b.tbl AND a.g = b.g AND a.r <> b.r
    GROUP BY ALL),
covered AS (
    SELECT h.r, list(DISTINCT CAST(p.fam AS VARCHAR) ORDER BY CAST(p.fam AS VARCHAR))
               AS others
    FROM shown h JOIN p ON p.kh = h.g2 AND CAST(p.fam AS VARCHAR) <> h.fam
    WHERE h.code = 'keluarga_tercakup'
    GROUP BY h.r)
SELECT s.code, s.tbl AS "table", s.row, s.id, s.nik, s.fam AS id_keluarga,
       s.prov AS provinsi,
       CASE WHEN s.code = 'keluarga_tercakup' THEN c.others ELSE x.others END AS others,
       CASE WHEN s.tbl = 'individu' THEN s.r IN (SELECT r FROM removed_persons)
            ELSE s.r IN (SELECT r FROM removed_families) END AS removed
FROM shown s
LEFT JOIN pairs x ON x.code = s.code AND x.tbl = s.tbl AND x.r = s.r
LEFT JOIN covered c ON s.code = 'keluarga_tercakup' AND c.r = s.r
ORDER BY s.code, s.tbl, s.row
"""


def _others(values) -> list[str]:
    out = []
    for items in values:
        if items is None or len(items) == 0:
            out.append("")
            continue
        items = [str(item) for item in items]
        text = " ".join(items[:SHOWN_OTHERS])
        if len(items) > SHOWN_OTHERS:
            text += f" +{len(items) - SHOWN_OTHERS}"
        out.append(text)
    return out


def write_records(con, path: Path) -> int:
    """Write the per-record list to ``path`` (atomically); returns its number of rows."""
    path = Path(path)
    partial = path.with_name(f".{path.name}.partial")
    rows = 0
    reader = con.sql(_LIST).to_arrow_reader(BATCH_ROWS)
    with partial.open("w", encoding="utf-8", newline="") as handle:
        header = True
        for batch in reader:
            frame = batch.to_pandas()
            frame["nik"] = mask_nik_series(frame["nik"].astype(object))
            frame["collides_with"] = _others(frame.pop("others"))
            frame["row"] = frame["row"].astype("int64")
            frame = frame[COLUMNS]
            neutralise(frame).to_csv(handle, header=header, index=False)
            header = False
            rows += len(frame)
        if header:
            neutralise(_empty()).to_csv(handle, index=False)
    partial.replace(path)
    return rows


def _empty():
    import pandas as pd

    return pd.DataFrame(columns=COLUMNS)
