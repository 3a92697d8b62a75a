"""The findings of a registry audit, as queries over the registry's Parquet files.

Every finding is one SQL query run by DuckDB over the prepared files of the registry
(:mod:`openfisca_indonesia_sosial.scale.source`), within a memory limit beyond which DuckDB
spills to the audit's work folder. Persons are compared by a keyed hash of their NIK
(:func:`openfisca_indonesia_sosial.scale.duplicates.key_view`), so no clear NIK is ever
written by the query; only the NIK's first two digits (its province code) are read as such.

Each finding yields rows ``(tbl, r, fam)``: the table (``individu`` or ``keluarga``), the row
number in the prepared file and the family id (``id_keluarga``: the card; as it is when both
files hold integer ids, else as text). The rules
are those of docs/data/registry-audit.md.
"""

from __future__ import annotations

import datetime

import pyarrow.parquet as pq

from openfisca_indonesia_sosial.data.schema import DECEASED
from openfisca_indonesia_sosial.law.wilayah import PROVINSI_BPS, PROVINSI_KEMENDAGRI
from openfisca_indonesia_sosial.scale.duplicates import key_sql, native, quoted

#: Finding codes, in report order, with their Indonesian and English titles.
FINDINGS: dict[str, tuple[str, str]] = {
    "nik_ganda": ("NIK ganda di seluruh registri", "NIK shared by several records"),
    "id_ganda": ("id ganda di seluruh registri", "id shared by several records"),
    "meninggal": ("meninggal sebelum periode audit", "died before the audited period"),
    "nik_wilayah_berbeda": (
        "kode wilayah NIK berbeda dengan provinsi keluarga (peringatan: orang pindah)",
        "NIK region code differs from the family's province (a warning: people move)",
    ),
    "nik_kartu_ganda": ("NIK yang sama di dua kartu keluarga", "same NIK on two family cards"),
    "keluarga_tercakup": (
        "keluarga yang semua anggotanya juga ada di kartu lain",
        "family every member of which also appears on other cards",
    ),
    "kepala_ganda": ("dua kartu dengan kepala keluarga yang sama", "two cards with the same head"),
}
#: Kemendagri codes of the Papua provinces before the 2022 split: a NIK issued then keeps
#: its code, so a person now in a newer province carries the old one (law/wilayah.py).
_SPLIT = {"91": ("Papua", "Papua Selatan", "Papua Tengah", "Papua Pegunungan")}
_SPLIT["92"] = ("Papua Barat", "Papua Barat Daya")


def region_pairs() -> list[tuple[str, str]]:
    """``(Kemendagri code, BPS code)`` pairs that agree: same province name, or a NIK of a
    province that was split before the person's province was made."""
    bps_by_name = {name: code for code, name in PROVINSI_BPS.items()}
    pairs = set()
    for code, name in PROVINSI_KEMENDAGRI.items():
        for province in _SPLIT.get(code, (name,)):
            pairs.add((code, bps_by_name[province]))
    return sorted(pairs)


def cutoff(year: int, month: int | None) -> datetime.date:
    """First day of the audited period: a death before it is a finding."""
    return datetime.date(year, month or 1, 1)


def _column(path: str, column: str):
    schema = pq.ParquetFile(path).schema_arrow
    index = schema.get_field_index(column)
    return None if index < 0 else schema.field(index).type


def _parquet(path: str) -> str:
    return "read_parquet('" + path.replace("'", "''") + "', file_row_number=true)"


def build_views(con, individu: str, keluarga: str, salt: str, period_start) -> dict:
    """Views ``p`` (persons) and ``f`` (families) over the prepared files; returns which
    optional columns the registry has."""
    has = {name: _column(individu, name) is not None for name in ("nik", "peran", DECEASED)}
    nik = key_sql("nik", _column(individu, "nik")) if has["nik"] else "NULL"
    person_fam, family_fam = _column(individu, "id_keluarga"), _column(keluarga, "id_keluarga")
    native_fam = native(person_fam, family_fam)
    fam = quoted("id_keluarga") if native_fam else key_sql("id_keluarga", person_fam)
    kfam = quoted("id_keluarga") if native_fam else key_sql("id_keluarga", family_fam)
    id_type = _column(individu, "id_individu")
    idi = key_sql("id_individu", id_type)
    peran = quoted("peran") if has["peran"] else "NULL"
    dead = f"TRY_CAST({quoted(DECEASED)} AS DATE)" if has[DECEASED] else "NULL::DATE"
    con.execute(
        "CREATE OR REPLACE TEMP VIEW p0 AS SELECT file_row_number AS r, "
        f"{nik} AS nik, {fam} AS fam, {idi} AS idi, {quoted('id_individu')} AS idn, "
        f"{peran} AS peran, {dead} AS died FROM {_parquet(individu)}"
    )
    con.execute("SET VARIABLE period_start = ?::DATE", [period_start])
    # integer ids are grouped as they are; other ids, and every NIK, by a keyed hash
    ih = "idn" if native(id_type) else f"md5_number('{salt}' || idi)"
    # materialised once, as narrow as the findings allow (DuckDB spills it beyond its memory
    # limit): every finding reads it, and decoding the files and hashing each NIK once
    # instead of once per query is most of the audit's time
    con.execute(
        "CREATE OR REPLACE TEMP TABLE p AS SELECT r, fam, "
        "coalesce(peran = 'kepala_keluarga', false) AS head, "
        "coalesce(died < getvariable('period_start'), false) AS dead, "
        f"CASE WHEN nik IS NOT NULL THEN md5_number('{salt}' || nik) END AS kh, "
        f"CASE WHEN idi IS NOT NULL THEN {ih} END AS ih, "
        "CASE WHEN regexp_full_match(nik, '[0-9]{16}') THEN substr(nik, 1, 2) END AS nik_prov "
        "FROM p0"
    )
    # the rows whose NIK is shared, and those whose id is: few, and all the NIK and id
    # findings need only them
    con.execute(
        "CREATE OR REPLACE TEMP TABLE pdup AS WITH dk AS (SELECT kh FROM p WHERE kh IS NOT NULL "
        "GROUP BY kh HAVING count(*) > 1) SELECT p.* FROM p SEMI JOIN dk ON p.kh = dk.kh"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE idup AS WITH di AS (SELECT ih FROM p WHERE ih IS NOT NULL "
        "GROUP BY ih HAVING count(*) > 1) SELECT r, fam, ih FROM p SEMI JOIN di ON p.ih = di.ih"
    )
    prov_type = _column(keluarga, "provinsi")
    prov = key_sql("provinsi", prov_type) if prov_type is not None else "NULL"
    con.execute(
        "CREATE OR REPLACE TEMP VIEW f AS SELECT file_row_number AS r, "
        f"{kfam} AS fam, {prov} AS prov FROM {_parquet(keluarga)}"
    )
    con.execute(
        "CREATE OR REPLACE TEMP TABLE fdup AS WITH dk AS (SELECT fam FROM f "
        "WHERE fam IS NOT NULL GROUP BY fam HAVING count(*) > 1) "
        "SELECT r, fam, prov FROM f SEMI JOIN dk ON f.fam = dk.fam"
    )
    # the province of a card: that of the first keluarga row with its id (only a repeated
    # id needs looking for its first row)
    con.execute(
        "CREATE OR REPLACE TEMP TABLE fp AS "
        "SELECT fam, prov FROM f WHERE fam IS NOT NULL AND fam NOT IN (SELECT fam FROM fdup) "
        "UNION ALL SELECT fam, arg_min(prov, r) FROM fdup GROUP BY fam"
    )
    con.execute("CREATE OR REPLACE TEMP TABLE region(nik_prov VARCHAR, prov VARCHAR)")
    con.executemany("INSERT INTO region VALUES (?, ?)", region_pairs())
    return has


#: One query per finding: rows (tbl, r, fam).
QUERIES: dict[str, str] = {
    "nik_ganda": """SELECT 'individu' AS tbl, r, fam FROM pdup""",
    "id_ganda": """
        SELECT 'individu' AS tbl, r, fam FROM idup
        UNION ALL SELECT 'keluarga', r, fam FROM fdup""",
    "meninggal": """SELECT 'individu' AS tbl, r, fam FROM p WHERE dead""",
    "nik_wilayah_berbeda": """
        SELECT 'individu' AS tbl, p.r, p.fam FROM p JOIN fp ON p.fam = fp.fam
        WHERE p.nik_prov IS NOT NULL AND fp.prov IS NOT NULL
          AND p.nik_prov IN (SELECT nik_prov FROM region)
          AND NOT EXISTS (SELECT 1 FROM region g
                          WHERE g.nik_prov = p.nik_prov AND g.prov = fp.prov)""",
    "nik_kartu_ganda": """
        WITH d AS (SELECT kh FROM pdup WHERE fam IS NOT NULL
                   GROUP BY kh HAVING count(DISTINCT fam) > 1)
        SELECT 'individu' AS tbl, r, fam FROM pdup SEMI JOIN d ON pdup.kh = d.kh""",
    "keluarga_tercakup": """
        WITH cards AS (SELECT kh FROM pdup WHERE fam IS NOT NULL
                       GROUP BY kh HAVING count(DISTINCT fam) > 1),
             candidates AS (SELECT DISTINCT fam FROM pdup SEMI JOIN cards
                            ON pdup.kh = cards.kh),
             members AS (SELECT p.fam, p.kh FROM p SEMI JOIN candidates
                         ON p.fam = candidates.fam),
             covered AS (SELECT m.fam FROM members m LEFT JOIN cards c ON m.kh = c.kh
                         GROUP BY m.fam HAVING bool_and(c.kh IS NOT NULL))
        SELECT 'individu' AS tbl, r, fam FROM p SEMI JOIN covered ON p.fam = covered.fam""",
    "kepala_ganda": """
        WITH heads AS (SELECT r, fam, kh FROM pdup WHERE head AND fam IS NOT NULL),
             d AS (SELECT kh FROM heads GROUP BY kh HAVING count(DISTINCT fam) > 1)
        SELECT 'individu' AS tbl, r, fam FROM heads SEMI JOIN d ON heads.kh = d.kh""",
}

#: What a cleansing removes (docs/data/registry-audit.md, "Uang yang dipertaruhkan"):
#: person rows (duplicates after the first in file order, the deceased), then family rows
#: (a repeated family id after its first row, a card all of whose members are removed: only
#: a card holding a removed person can be).
REMOVED_PERSONS = """
    WITH by_nik AS (SELECT r, row_number() OVER (PARTITION BY kh ORDER BY r) AS k FROM pdup),
         by_id AS (SELECT r, row_number() OVER (PARTITION BY ih ORDER BY r) AS k FROM idup)
    SELECT r FROM by_nik WHERE k > 1
    UNION SELECT r FROM by_id WHERE k > 1
    UNION SELECT r FROM p WHERE dead"""
REMOVED_FAMILIES = """
    WITH later AS (SELECT r, row_number() OVER (PARTITION BY fam ORDER BY r) AS k FROM fdup),
         touched AS (SELECT DISTINCT p.fam FROM p SEMI JOIN removed_persons x ON p.r = x.r
                     WHERE p.fam IS NOT NULL),
         emptied AS (SELECT p.fam FROM p SEMI JOIN touched t ON p.fam = t.fam
                     LEFT JOIN removed_persons x ON p.r = x.r
                     GROUP BY p.fam HAVING bool_and(x.r IS NOT NULL))
    SELECT r FROM later WHERE k > 1
    UNION SELECT f.r FROM f SEMI JOIN emptied ON f.fam = emptied.fam"""


def run_findings(con) -> dict[str, dict]:
    """``{code: {"records", "families", "by_province"}}`` of every finding; the rows found
    are kept in the table ``hits(code, tbl, r, fam, prov)`` (the card's id as text, and its
    province)."""
    result = {}
    # every finding's rows are kept (table ``hits``) for the per-record list
    con.execute(
        "CREATE OR REPLACE TEMP TABLE hits(code VARCHAR, tbl VARCHAR, r BIGINT, fam VARCHAR, "
        "prov VARCHAR)"
    )
    for code, query in QUERIES.items():
        con.execute(
            "CREATE OR REPLACE TEMP TABLE hit AS SELECT q.tbl, q.r, q.fam, fp.prov "
            f"FROM ({query}) q LEFT JOIN fp ON q.fam = fp.fam"
        )
        con.execute(
            "INSERT INTO hits SELECT ?, tbl, r, CAST(fam AS VARCHAR), prov FROM hit", [code]
        )
        records, families = con.execute("SELECT count(*), count(DISTINCT fam) FROM hit").fetchone()
        rows = con.execute(
            "SELECT coalesce(prov, '??') AS prov, count(*) FROM hit GROUP BY 1 ORDER BY 1"
        ).fetchall()
        result[code] = {
            "records": int(records),
            "families": int(families),
            "by_province": {str(prov): int(n) for prov, n in rows},
        }
    con.execute("DROP TABLE IF EXISTS hit")
    return result


def removed_rows(con) -> None:
    """Tables ``removed_persons(r)`` and ``removed_families(r)`` (see the constants)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE removed_persons AS {REMOVED_PERSONS}")
    con.execute(f"CREATE OR REPLACE TEMP TABLE removed_families AS {REMOVED_FAMILIES}")
