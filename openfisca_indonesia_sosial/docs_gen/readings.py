"""The page "Pembacaan hukum yang terbuka / Open legal readings": the registry priced for 2025.

The prices come from ``readings_2025.json`` beside this module, the output of ``bansos readings
--year 2025 --json``, committed so that building the site never runs the microsimulation
(tests/readings checks it is complete and agrees with a fresh computation of cheap readings).
Regenerate it when the law, a reading or the population changes:

    bansos readings --year 2025 --json openfisca_indonesia_sosial/docs_gen/readings_2025.json
"""

from __future__ import annotations

import json
from pathlib import Path

from openfisca_indonesia_sosial.docs_gen._markdown import bi, cell, link
from openfisca_indonesia_sosial.reform.readings import active_in, readings

PAGE = "readings.md"
YEAR = 2025
DATA_PATH = Path(__file__).with_name(f"readings_{YEAR}.json")
CATALOGUE_PAGE = "reforms/catalogue.md"
SOURCES_PAGE = "sources.md"
PROGRAM_NAMES = {
    "pkh": "PKH",
    "sembako": "Sembako",
    "bantuan_tambahan": "Bantuan tambahan",
    "program_baru": "Program baru",
    "pbi_jk": "PBI-JK",
    "atensi": "ATENSI",
}


def load_rows(path: Path = DATA_PATH) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _rupiah(value: int) -> str:
    if not value:
        return "0"
    sign = "+" if value > 0 else "−"
    return f"{sign}Rp\u202f{abs(value) / 1e12:.2f}\u202fT"


def _count(value: float) -> str:
    if not round(value):
        return "0"
    sign = "+" if value > 0 else "−"
    return f"{sign}{abs(round(value)):,}".replace(",", "\u202f")


def _change(row: dict, active: bool) -> tuple[str, str]:
    costs = row["cost_change_idr"]
    if not active:
        note = bi(f"0 (tidak berlaku pada {YEAR})", f"0 (not in force in {YEAR})")
        return note, note
    cost_parts = [f"**{_rupiah(costs['total'])}**"]
    count_parts = []
    for program, value in costs.items():
        if program == "total":
            continue
        name = PROGRAM_NAMES.get(program, program)
        if value:
            cost_parts.append(f"{name} {_rupiah(value)}")
        count = row["recipient_change"].get(program, 0.0)
        if round(count):
            count_parts.append(f"{name} {_count(count)}")
    return "<br>".join(cost_parts), "<br>".join(count_parts) or "0"


def render(leaves: dict, rows: list[dict] | None = None) -> str:
    """The page; ``leaves``: parameter name -> info with its ``page`` (docs_gen.parameters)."""
    rows = load_rows() if rows is None else rows
    by_name = {row["name"]: row for row in rows}
    lines = [
        f"# {bi('Pembacaan hukum yang terbuka', 'Open legal readings')}",
        "",
        "Di mana sumber tidak jelas, paket memilih satu pembacaan sebagai dasar (alasannya ada "
        "di dokumentasi parameter yang memuat pilihan itu) dan menyediakan pembacaan lain "
        "sebagai reformasi yang dapat dijalankan. Tabel ini memberi harga peralihan ke "
        f"pembacaan alternatif: perubahan nasional biaya dan penerima pada populasi bawaan "
        f"{YEAR}, setelah kuota dan tingkat penyerapan.  ",
        "*Where the sources are unclear, the package chooses one reading as its baseline (the "
        "reason is in the documentation of the parameter holding the choice) and ships the "
        "other as a runnable reform. This table prices switching to the alternative: the "
        f"national change in cost and recipients on the default population of {YEAR}, after "
        "quotas and take-up.*",
        "",
        "Jalankan / *run*: `bansos readings --year Y [--json OUT]`, satu alternatif / *one "
        "alternative*: `bansos simulate --year Y --reform NAMA`. "
        + link(PAGE, CATALOGUE_PAGE, bi("Katalog reformasi", "Reform catalogue"))
        + ".",
        "",
        "Penerima: keluarga (PKH, Sembako, bantuan tambahan) atau jiwa (PBI-JK, ATENSI). "
        "Populasi bawaan tidak memuat data kepatuhan, P2K2, korban HAM atau bayi yang belum "
        "tercatat, jadi pembacaan tentang hal itu bernilai 0 di sini; di data sebenarnya "
        "tidak.  ",
        "*Recipients: families (PKH, Sembako, add-ons) or persons (PBI-JK, ATENSI). The "
        "default population carries no compliance, P2K2, human-rights or unlisted-newborn "
        "data, so readings about those show 0 here; on real data they do not.*",
        "",
        "| "
        + " | ".join(
            [
                bi("Pembacaan", "Reading"),
                bi("Pertanyaan", "Question"),
                bi("Dasar paket", "Package's default"),
                bi("Alternatif (reformasi)", "Alternative (reform)"),
                "Parameter",
                bi(f"Perubahan biaya {YEAR}", f"Cost change {YEAR}"),
                bi("Perubahan penerima", "Recipient change"),
            ]
        )
        + " |",
        "|---|---|---|---|---|---|---|",
    ]
    for reading in readings():
        row = by_name.get(reading.name)
        if row is None:
            cost, count = bi("belum dihitung", "not priced yet"), ""
        else:
            cost, count = _change(row, active_in(reading, YEAR))
        parameters = "<br>".join(
            link(PAGE, leaves[path].page, f"`{path}`") if path in leaves else f"`{path}`"
            for path in reading.parameters
        )
        sources = ", ".join(
            link(PAGE, SOURCES_PAGE, source, anchor=source.lower()) for source in reading.sources
        )
        reform = link(PAGE, CATALOGUE_PAGE, f"`{reading.reform}`", anchor=reading.reform)
        lines.append(
            "| "
            + " | ".join(
                [
                    f"**{reading.name}**<br>{sources}",
                    cell(reading.text("question")),
                    cell(reading.text("default")),
                    f"{cell(reading.text('alternative'))}<br>{reform}",
                    parameters,
                    cost,
                    count,
                ]
            )
            + " |"
        )
    lines.append("")
    return "\n".join(lines)
