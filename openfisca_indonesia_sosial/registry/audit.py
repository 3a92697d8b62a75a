"""``run_audit``: the findings of a registry and what cleansing them is worth.

1. The registry is prepared as for a batch (``scale.source.prepare``):
   Parquet grouped by family, NIKs pseudonymised in any copy, in a work folder that the audit
   deletes when it ends.
2. The findings are counted by DuckDB over those files (:mod:`.findings`), bounded in memory.
3. The money: every row's entitlement is computed partition by partition on the run's
   scheduler (:mod:`.money`), then DuckDB sums what the rules pay to the rows a cleansing
   would remove.

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
from openfisca_indonesia_sosial.scale.duplicates import MEMORY_LIMIT, connect
from openfisca_indonesia_sosial.scale.runner import Runner
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
) -> dict:
    """Audit the registry folder ``registry`` for ``year`` (and ``month``; None: the year)."""
    table_files(registry)  # a missing folder or table is named before any work
    Runner(scheduler, workers)  # so is an unknown scheduler
    workdir = Path(tempfile.mkdtemp(prefix="bansos-audit-"))
    started = time.perf_counter()
    try:
        source, sizes = prepare(registry, workdir)
        sizes_path = workdir / "sizes.npy"
        np.save(sizes_path, np.asarray(sizes, dtype=np.int64))
        blocks = plan(source, sizes, partitions or auto_partitions(source.families, workers))
        con = connect(workdir / "spill", memory_limit)
        try:
            salt = secrets.token_hex(16)  # the NIK hash key, in memory only
            has = findings.build_views(
                con, source.individu, source.keluarga, salt, findings.cutoff(year, month)
            )
            result = findings.run_findings(con)
            mark = time.perf_counter()
            spec = money.MoneySpec(str(workdir), year, month, str(sizes_path))
            money._system(None)  # built before a process pool forks
            with Runner(scheduler, workers) as runner:
                runner.map(money.compute_money, [(spec, source, b) for b in blocks])
            findings.removed_rows(con)
            money.money_views(con, str(workdir))
            at_stake = money.money_at_stake(con)
            seconds_money = time.perf_counter() - mark
        finally:
            con.close()
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return {
        "findings": result,
        "money_at_stake_idr": at_stake,
        "period": f"{year}-{month:02d}" if month else str(year),
        "rows": {"individu": source.persons, "keluarga": source.families},
        "partitions": len(blocks),
        "deceased_column": has[findings.DECEASED],
        "seconds": {
            "total": round(time.perf_counter() - started, 2),
            "money": round(seconds_money, 2),
        },
    }


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
