"""``run_audit``: the findings of a registry and what cleansing them is worth.

1. The registry is prepared as for a batch (``scale.source.prepare``):
   Parquet grouped by family, NIKs pseudonymised in any copy, in a work folder that the audit
   deletes when it ends.
2. The findings are counted by DuckDB over those files (:mod:`.findings`), bounded in memory.
3. The money: the entitlements of the families holding a record a cleansing would remove
   are computed, block by block on the run's scheduler (:mod:`.money`), then DuckDB sums
   what the rules pay to the removed rows.
4. On request, the per-record list (:mod:`.records`), streamed to a spreadsheet-safe CSV.

The answer is the contract's JSON: ``{"findings": {code: {"records", "families",
"by_province"}}, "money_at_stake_idr": {program: int, "total": int}}``, with ``period`` and
``rows`` for the reader. It holds counts and codes only: no NIK, no id.
"""

from __future__ import annotations

import secrets
import shutil
import tempfile
import time
from pathlib import Path

import numpy as np

from openfisca_indonesia_sosial.registry import findings, money
from openfisca_indonesia_sosial.registry.records import input_rows, write_records
from openfisca_indonesia_sosial.scale.duplicates import MEMORY_LIMIT, connect
from openfisca_indonesia_sosial.scale.limits import BLOCK_FAMILIES
from openfisca_indonesia_sosial.scale.runner import LOCAL, Runner
from openfisca_indonesia_sosial.scale.source import auto_partitions, plan, prepare, table_files
from openfisca_indonesia_sosial.scale.store import atomic_write_bytes


def run_audit(
    registry,
    *,
    year: int,
    month: int | None = None,
    partitions: int | None = None,
    scheduler: str = "synchronous",
    workers: int | None = None,
    memory_limit: str = MEMORY_LIMIT,
    records: Path | None = None,
) -> dict:
    """Audit the registry folder ``registry`` for ``year`` (and ``month``; None: the year);
    with ``records``, also write the per-record list there (:mod:`.records`)."""
    files = table_files(registry)  # a missing folder or table is named before any work
    Runner(scheduler, workers)  # so is an unknown scheduler
    workdir = Path(tempfile.mkdtemp(prefix="bansos-audit-"))
    started = time.perf_counter()
    seconds: dict[str, float] = {}
    try:
        source, sizes = prepare(registry, workdir)
        # 2 bytes a family: on disk, paged in when the money step reads it, rather than held
        # in memory while DuckDB works
        np.save(workdir / "sizes.npy", sizes)
        sizes = np.load(workdir / "sizes.npy", mmap_mode="r")
        seconds["prepare"] = time.perf_counter() - started
        con = connect(workdir / "spill", memory_limit)
        try:
            mark = time.perf_counter()
            salt = secrets.token_hex(16)  # the NIK hash key, in memory only
            has = findings.build_views(
                con, source.individu, source.keluarga, salt, findings.cutoff(year, month)
            )
            result = findings.run_findings(con)
            findings.removed_rows(con)
            seconds["findings"] = time.perf_counter() - mark
            mark = time.perf_counter()
            at_stake, computed, blocks = _money(
                con, source, sizes, workdir, year, month, partitions, scheduler, workers
            )
            seconds["money"] = time.perf_counter() - mark
            listed = None
            if records is not None:
                mark = time.perf_counter()
                input_rows(con, source.individu, files["individu"], files["keluarga"], workdir)
                listed = write_records(con, records)
                seconds["records"] = time.perf_counter() - mark
        finally:
            con.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    seconds["total"] = time.perf_counter() - started
    answer = {
        "findings": result,
        "money_at_stake_idr": at_stake,
        "period": f"{year}-{month:02d}" if month else str(year),
        "rows": {"individu": source.persons, "keluarga": source.families},
        "partitions": blocks,
        "families_computed": computed,
        "deceased_column": has[findings.DECEASED],
        "seconds": {key: round(value, 2) for key, value in seconds.items()},
    }
    if listed is not None:
        answer["records_listed"] = listed
    return answer


def _money(con, source, sizes, workdir, year, month, partitions, scheduler, workers):
    """The money at stake, computing only the families that hold a removed record
    (:mod:`.money`); returns it, the number of families computed and of blocks."""
    removed_persons = con.execute("SELECT r FROM removed_persons ORDER BY r").fetchnumpy()["r"]
    removed_families = con.execute("SELECT r FROM removed_families ORDER BY r").fetchnumpy()["r"]
    families = money.needed_families(sizes, source.families, removed_persons, removed_families)
    blocks = []
    if families.size:
        compact, compact_sizes = money.compact_source(source, sizes, families, workdir)
        sizes_path = workdir / "money" / "sizes.npy"
        np.save(sizes_path, compact_sizes)
        if partitions is None and scheduler in LOCAL and compact.families <= BLOCK_FAMILIES:
            # one block (the usual case: a registry's findings touch few families) needs no
            # pool: this process holds the rules already, workers would each load them again
            partitions, scheduler = 1, "synchronous"
        blocks = plan(
            compact, compact_sizes, partitions or auto_partitions(compact.families, workers)
        )
        spec = money.MoneySpec(str(workdir), year, month, str(sizes_path))
        money._system(None)  # built before a process pool forks
        with Runner(scheduler, workers) as runner:
            runner.map(money.compute_money, [(spec, compact, b) for b in blocks])
    money.money_views(con, str(workdir))
    return money.money_at_stake(con), int(families.size), len(blocks)


def write_json(result: dict, path: Path) -> None:
    import json

    text = json.dumps(result, indent=2, sort_keys=False, ensure_ascii=False) + "\n"
    atomic_write_bytes(Path(path), text.encode("utf-8"))


def write_html(result: dict, path: Path) -> None:
    """A self-contained page: one table of findings, one of the money at stake."""
    from html import escape

    rows = []
    for code, found in result["findings"].items():
        alasan, reason = findings.FINDINGS.get(code, (code, code))
        provinces = ", ".join(f"{p}: {n:,}" for p, n in found["by_province"].items())
        rows.append(
            f"<tr><td><code>{escape(code)}</code></td><td>{escape(alasan)}<br><i>"
            f"{escape(reason)}</i></td><td class=n>{found['records']:,}</td>"
            f"<td class=n>{found['families']:,}</td><td>{escape(provinces)}</td></tr>"
        )
    money_rows = "".join(
        f"<tr><td>{escape(program)}</td><td class=n>Rp {value:,}</td></tr>"
        for program, value in result["money_at_stake_idr"].items()
    )
    page = f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8">
<title>Audit registri / Registry audit {escape(result["period"])}</title>
<style>body{{font-family:sans-serif;margin:2em}}table{{border-collapse:collapse;margin:1em 0}}
td,th{{border:1px solid #999;padding:4px 8px;vertical-align:top}}.n{{text-align:right}}</style>
</head><body>
<h1>Audit registri / <i>Registry audit</i> — {escape(result["period"])}</h1>
<p>{result["rows"]["keluarga"]:,} keluarga / families, {result["rows"]["individu"]:,}
individu / persons.</p>
<h2>Temuan / <i>Findings</i></h2>
<table><tr><th>Kode / code</th><th>Temuan / finding</th><th>Record</th>
<th>Keluarga / families</th><th>Per provinsi / by province (record)</th></tr>
{"".join(rows)}</table>
<h2>Uang yang dipertaruhkan / <i>Money at stake</i></h2>
<table><tr><th>Program</th><th>Rupiah</th></tr>{money_rows}</table>
</body></html>
"""
    atomic_write_bytes(Path(path), page.encode("utf-8"))
