"""A self-contained HTML report (one file, opens offline): charts embedded as PNG data."""

from __future__ import annotations

import base64
import datetime
import html
from pathlib import Path

from openfisca_indonesia_sosial import __version__
from openfisca_indonesia_sosial.programs import BY_KEY
from openfisca_indonesia_sosial.report import charts

STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:1000px;color:#222;
line-height:1.45;padding:0 1rem}
h1{color:#1b6ca8;margin-bottom:.2rem}
h2{border-bottom:2px solid #1b6ca8;padding-bottom:.2rem;margin-top:2.2rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.92rem}
th,td{border:1px solid #ccc;padding:.3rem .6rem}
th{background:#eef4fa;text-align:left}
td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1rem 0}img{max-width:100%;border:1px solid #ddd}.muted{color:#666;font-size:.9rem}
"""


def _img(png: bytes, alt: str) -> str:
    data = base64.b64encode(png).decode("ascii")
    return f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}"></figure>'


def _table(headers: list[str], rows: list[list[str]], numeric_from: int = 1) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="{"num" if i >= numeric_from else ""}">{html.escape(str(c))}</td>'
            for i, c in enumerate(row)
        )
        + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _summary_table(summary: dict) -> str:
    scenarios = summary["scenarios"]
    headers = ["Program"]
    for name in scenarios:
        headers += [f"{name}: penerima (juta)", f"{name}: biaya (Rp triliun)"]
    rows = []
    first = next(iter(scenarios.values()))
    for key in first["programs"]:
        row = [BY_KEY[key].label]
        for figures in scenarios.values():
            program = figures["programs"][key]
            count = program.get("recipient_families", program.get("recipient_persons"))
            row += [f"{count / 1e6:,.2f}", f"{program['cost_idr'] / 1e12:,.2f}"]
        rows.append(row)
    total = ["Total"]
    for figures in scenarios.values():
        total += ["", f"{figures['total_cost_idr'] / 1e12:,.2f}"]
    rows.append(total)
    return _table(headers, rows)


def _poverty_table(summary: dict) -> str:
    scenarios = summary["scenarios"]
    rows = []
    for key, label, scale in (
        ("headcount_rate", "P0 tingkat kemiskinan / headcount (%)", 100),
        ("poverty_gap_index", "P1 kedalaman / poverty gap (%)", 100),
        ("poverty_severity_index", "P2 keparahan / severity (%)", 100),
        ("gini", "Gini", 1),
    ):
        rows.append([label, *(f"{f['poverty'][key] * scale:.3f}" for f in scenarios.values())])
    for name, figures in scenarios.items():
        change = figures.get("change")
        if change and change["cost_per_poverty_gap_point_idr"] is not None:
            rows.append(
                [
                    f"{name}: biaya per poin P1 (Rp miliar) / cost per gap point",
                    *["" for _ in scenarios],
                ]
            )
            rows[-1][list(scenarios).index(name) + 1] = (
                f"{change['cost_per_poverty_gap_point_idr'] / 1e9:,.1f}"
            )
    return _table(["Ukuran / measure", *scenarios], rows)


def _assumptions(summary: dict, assumptions: list[str]) -> str:
    items = "".join(f"<li>{html.escape(a)}</li>" for a in assumptions)
    return f"<ul>{items}</ul>"


def render(result, assumptions: list[str]) -> str:
    summary = result.summary()
    tables = result.tables()
    population = summary["population"]
    parts = [
        "<!doctype html><html lang='id'><head><meta charset='utf-8'>",
        f"<title>Laporan simulasi bansos {summary['year']}</title>",
        f"<style>{STYLE}</style></head><body>",
        f"<h1>Simulasi bantuan sosial {summary['year']}</h1>",
        "<p class='muted'>Social-assistance microsimulation report — "
        f"openfisca-indonesia-sosial {__version__}, "
        f"{datetime.date.today().isoformat()}. Populasi: {population['families'] / 1e6:,.2f} juta "
        f"keluarga, {population['persons'] / 1e6:,.2f} juta jiwa (sampel "
        f"{population['sample_families']:,} keluarga). Mode: {summary['mode']}.</p>",
        "<h2>Ringkasan / summary</h2>",
        _summary_table(summary),
        _img(charts.cost_by_program(tables["programs"]), "cost by program"),
        "<h2>Kemiskinan dan ketimpangan / poverty and inequality</h2>",
        _poverty_table(summary),
        _img(
            charts.poverty_change_by_province(tables["poverty_by_province"]),
            "poverty change by province",
        ),
        "<h2>Siapa untung, siapa rugi / winners and losers</h2>",
        _img(charts.gain_by_decile(tables["winners_losers"]), "average gain by decile"),
        _table(
            ["scenario", "desil", "untung %", "rugi %", "tetap %", "rata-rata Rp/tahun"],
            [
                [
                    r.scenario,
                    r.decile,
                    f"{r.share_gaining * 100:.1f}",
                    f"{r.share_losing * 100:.1f}",
                    f"{r.share_unchanged * 100:.1f}",
                    f"{r.average_change_idr:,.0f}",
                ]
                for r in tables["winners_losers"].itertuples()
            ],
        ),
        "<h2>Ketepatan sasaran / targeting</h2>",
        _img(charts.targeting_errors(tables["targeting"]), "targeting errors"),
        _table(
            ["scenario", "program", "desil sasaran", "inclusion error %", "exclusion error %"],
            [
                [
                    r.scenario,
                    r.program,
                    r.target_deciles,
                    f"{r.inclusion_error * 100:.1f}",
                    f"{r.exclusion_error * 100:.1f}",
                ]
                for r in tables["targeting"].itertuples()
            ],
            numeric_from=2,
        ),
        "<h2>Asumsi / assumptions</h2>",
        _assumptions(summary, assumptions),
        "</body></html>",
    ]
    return "\n".join(parts)


def write_report(result, path: Path, assumptions: list[str]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(result, assumptions), encoding="utf-8")
    return path
