"""`bansos validation`: the microsimulation against the published official figures."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from openfisca_indonesia_sosial.cli.exit_codes import EXIT_BAD_INPUT, EXIT_OK, EXIT_REJECTED

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

STATUS_SHORT = {
    "calibration": "kalib",
    "population target": "popul",
    "out-of-sample": "uji",
    "known gap": "celah",
    "informational": "info",
}
MEASURE_SHORT = {
    "kpm": "KPM",
    "kpm_target": "KPM target",
    "persons": "jiwa",
    "persons_target": "jiwa target",
    "persons_in_families": "jiwa di KPM",
    "poor_persons": "jiwa miskin",
    "budget_idr": "anggaran",
    "realisation_idr": "realisasi",
    "headcount_rate": "P0",
    "poverty_gap_index": "P1",
    "poverty_severity_index": "P2",
    "gini": "Gini",
}
PROGRAM_SHORT = {
    "pkh": "PKH",
    "pkh_lanjut_usia": "PKH lansia",
    "pkh_disabilitas_berat": "PKH disabilitas",
    "sembako": "Sembako",
    "pbi_jk": "PBI-JK",
    "sembako_ppkm_2021": "Sembako PPKM",
    "blt_bbm_2022": "BLT BBM",
    "blt_el_nino_2023": "BLT El Nino",
    "blt_mitigasi_risiko_pangan_2024": "BLT Mitigasi",
    "penebalan_sembako_2025": "Penebalan",
    "blts_kesra_2025": "BLTS Kesra",
    "atensi": "ATENSI",
    "atensi_yapi": "YAPI",
    "kemensos_bansos": "Kemensos",
}
LEGEND = (
    "status: kalib = calibrated a delivery parameter; popul = the synthetic population was "
    "calibrated to it; uji = out-of-sample check; celah = known gap (cause in --details and "
    "the JSON); info = different definitions, not checked. ok = within the stated tolerance."
)


def amount(value: float, unit: str) -> str:
    """A value short enough for an 80-column table (m = million, T = trillion rupiah)."""
    if unit == "IDR":
        return f"Rp {value / 1e12:,.2f} T"
    if unit in ("fraction",):
        return f"{100 * value:.2f} %"
    if unit == "ratio":
        return f"{value:.3f}"
    if value >= 1e6:
        return f"{value / 1e6:,.2f} m"
    return f"{value:,.0f}"


def comparison(row: dict) -> str:
    """The ratio, or the difference for shares (percentage points) and the Gini."""
    if row["unit"] == "fraction" and row["measure"] == "headcount_rate":
        return f"{100 * row['difference']:+.2f}pp"
    if row["measure"] == "gini":
        return f"{row['difference']:+.3f}"
    return f"{row['ratio']:.3f}"


def label(row: dict) -> str:
    measure = MEASURE_SHORT.get(row["measure"], row["measure"])
    program = PROGRAM_SHORT.get(row["program"], row["program"])
    text = measure if row["program"] == "poverty" else f"{program} · {measure}"
    if len(row["period"]) == 7:
        text += f" ({MONTH_NAMES[int(row['period'][5:]) - 1]})"
    return text


def verdict(row: dict) -> str:
    if "within" not in row:
        return ""
    return "ok" if row["within"] else "[red]GAGAL[/red]"


def table_for(year: int, rows: list[dict]) -> Table:
    table = Table(title=f"Validasi / validation {year}", width=80, show_edge=False, pad_edge=False)
    table.add_column("program · ukuran / measure", ratio=5, overflow="fold")
    table.add_column("simulasi", justify="right", ratio=3, no_wrap=True)
    table.add_column("resmi", justify="right", ratio=3, no_wrap=True)
    table.add_column("rasio", justify="right", ratio=2, no_wrap=True)
    table.add_column("status", ratio=2, no_wrap=True)
    for row in rows:
        table.add_row(
            escape(label(row)),
            amount(row["simulated"], row["unit"]),
            amount(row["official"], row["unit"]),
            comparison(row),
            f"{STATUS_SHORT[row['status']]} {verdict(row)}".strip(),
        )
    return table


def details(console: Console, rows: list[dict]) -> None:
    for row in rows:
        console.print(
            f"[bold]{escape(row['program'])} {row['period']} {row['measure']}[/bold]\n"
            f"  simulasi / simulated: {escape(row['simulated_definition'])}\n"
            f"  resmi / official: {escape(row['official_definition'])}\n"
            f"  toleransi / tolerance: {escape(row.get('why', ''))}"
            + (f"\n  sebab / cause: {escape(row['cause'])}" if row.get("cause") else "")
            + "".join(f"\n  sumber / source: {escape(s['url'])}" for s in row["sources"]),
            soft_wrap=False,
        )


def validation(
    year: int | None = typer.Option(
        None, "--year", help="One year only (default: every year 2019-2026, about 8 s each)."
    ),
    json_out: str | None = typer.Option(
        None, "--json", help="Write the table as JSON to this file ('-' for standard output)."
    ),
    show_details: bool = typer.Option(
        False, "--details", help="Also print both definitions, the tolerance and the sources."
    ),
) -> None:
    """Compare the simulated baseline with the published official figures, year by year."""
    from openfisca_indonesia_sosial.official.figures import FIRST_YEAR, LAST_YEAR
    from openfisca_indonesia_sosial.situations.years import year_problem

    console, errors = Console(), Console(stderr=True)
    if year is not None:
        problem = year_problem(
            year,
            (FIRST_YEAR, LAST_YEAR),
            "populasi bawaan dan angka resmi / default population and official figures",
        )
        if problem is not None:
            errors.print(
                f"[red]Tahun tidak didukung / unsupported year:[/red] {problem}", soft_wrap=True
            )
            raise typer.Exit(EXIT_BAD_INPUT)
    if json_out not in (None, "-") and not Path(json_out).parent.is_dir():
        errors.print(
            f"[red]--json {escape(json_out)}:[/red] folder tidak ada / the folder does not exist",
            soft_wrap=True,
        )
        raise typer.Exit(EXIT_BAD_INPUT)
    from openfisca_indonesia_sosial.official.compare import YEARS, validation_table

    started = time.perf_counter()

    def progress(current: int) -> None:
        errors.print(
            f"menghitung / computing {current} ({time.perf_counter() - started:.0f} s)",
            highlight=False,
        )

    table = validation_table([year] if year is not None else YEARS, progress=progress)
    if json_out == "-":
        typer.echo(json.dumps(table, indent=1, ensure_ascii=False))
    else:
        for current in table["years"]:
            rows = [row for row in table["rows"] if row["year"] == current]
            console.print(table_for(current, rows))
            if show_details:
                details(console, rows)
        console.print(LEGEND, highlight=False)
        if json_out is not None:
            Path(json_out).write_text(
                json.dumps(table, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            errors.print(f"JSON: {escape(json_out)}", highlight=False)
    failed = [row for row in table["rows"] if row.get("within") is False]
    raise typer.Exit(EXIT_REJECTED if failed else EXIT_OK)


def register(app: typer.Typer) -> None:
    """Add the ``validation`` command to the ``bansos`` application."""
    app.command("validation")(validation)
