"""The targeting section: each program's target group, the yardstick its errors are
measured against, and the errors; a reform's rows only where they differ from the baseline."""

from __future__ import annotations

import math

from openfisca_indonesia_sosial.report import figures, labels
from openfisca_indonesia_sosial.report.markup import Html, bi, esc, paragraph, table
from openfisca_indonesia_sosial.report.numbers import with_interval
from openfisca_indonesia_sosial.report.sections import program_cell

ERRORS = ("inclusion_error", "exclusion_error")
#: Differences smaller than this (a share) are rounding, not a change.
SAME = 1e-9

METHOD = (
    "Pembanding setiap program adalah keluarga dalam desil pengeluaran per kapita 1 sampai "
    "batas desil DTSEN program itu (misalnya desil 1–4 = 40 % penduduk termiskin menurut "
    "pengeluaran, bukan menurut registri). Kesalahan inklusi = bagian keluarga penerima yang "
    "berada di luar kelompok itu. Kesalahan eksklusi = bagian keluarga dalam kelompok itu yang "
    "tidak dibayar program. Keduanya dihitung pada bulan-bulan pembayaran program (rata-rata), "
    "seperti jumlah penerima. Program yang sasarannya lebih sempit daripada 'semua keluarga "
    "miskin' (PKH, ATENSI) memang punya kesalahan eksklusi tinggi terhadap pembanding ini.",
    "Each program's yardstick is the families in expenditure-per-capita deciles 1 up to the "
    "program's DTSEN decile limit (e.g. deciles 1–4 = the poorest 40 % of people by "
    "expenditure, not by the registry). Inclusion error = share of recipient families outside "
    "that group. Exclusion error = share of families in that group the program does not pay. "
    "Both are measured over the program's payment months (averaged), like the recipient "
    "counts. Programs aimed at fewer people than 'all poor families' (PKH, ATENSI) have a high "
    "exclusion error against this yardstick by design.",
)


def _same(row: dict, other: dict | None) -> bool:
    if other is None:
        return False
    for column in ERRORS:
        a, b = row.get(column), other.get(column)
        if a is None or b is None or not math.isclose(a, b, rel_tol=0, abs_tol=SAME):
            return False
    return row.get("target_deciles") == other.get("target_deciles")


def _error(row: dict, column: str) -> str:
    if figures.too_few(row):
        return bi("sampel terlalu kecil", "too few sample families")
    return with_interval(row[column], figures.interval(row, column), 0.01, 1, suffix=" %")


def _row(row: dict, scenario: str | None) -> list:
    key = row["program"]
    band = row.get("target_deciles")
    group_id, group_en = labels.target_group(key, band)
    note = labels.YARDSTICK_NOTES.get(key)
    group = f"{esc(group_id)}<br><span class='en'>{esc(group_en)}</span>"
    if note:
        group += f"<br><small>{esc(note[0])}<br><span class='en'>{esc(note[1])}</span></small>"
    name = program_cell(key)
    if scenario is not None:
        name = Html(f"{name}<br><small>{bi('reformasi', 'reform')}: {esc(scenario)}</small>")
    return [
        name,
        Html(group),
        bi(f"desil 1–{band}", f"deciles 1–{band}") if band is not None else "—",
        _error(row, "inclusion_error"),
        _error(row, "exclusion_error"),
    ]


def section(summary: dict, shown: list[str]) -> Html:
    rows = [r for r in figures.rows(summary, "targeting") if r["program"] in shown]
    if not rows:
        return paragraph(
            "Ketepatan sasaran tidak dihitung untuk hasil ini.",
            "Targeting was not measured for this result.",
        )
    base = {r["program"]: r for r in rows if r["scenario"] == figures.BASELINE}
    table_rows = [_row(base[key], None) for key in shown if key in base]
    differing = []
    for name in figures.reforms(summary):
        for row in rows:
            if row["scenario"] == name and not _same(row, base.get(row["program"])):
                table_rows.append(_row(row, name))
                differing.append(name)
    headers = [
        bi("Program", "program"),
        bi("Sasaran program", "who the program is for"),
        bi("Pembanding", "yardstick"),
        bi("Kesalahan inklusi", "inclusion error"),
        bi("Kesalahan eksklusi", "exclusion error"),
    ]
    parts = [paragraph(*METHOD), table(headers, table_rows, numeric_from=3)]
    same = [name for name in figures.reforms(summary) if name not in differing]
    if same:
        names = ", ".join(same)
        parts.append(
            paragraph(
                f"Reformasi {names}: ketepatan sasaran sama dengan baseline untuk setiap "
                "program (baris tidak diulang).",
                f"Reform {names}: targeting is the same as the baseline's for every program "
                "(rows not repeated).",
                "muted",
            )
        )
    return Html("".join(parts))
