"""The generated page "Validasi / Validation": the microsimulation against official figures.

It reads the committed table ``official/validation.json`` (written by ``bansos validation
--json``; see tests/official/regenerate_validation.py) so that building the site never reruns
eight microsimulations; a test keeps the file equal to a fresh run of one year.
"""

from __future__ import annotations

from pathlib import Path

from openfisca_indonesia_sosial.docs_gen._markdown import bi, cell
from openfisca_indonesia_sosial.official.counterparts import VALIDATION_PATH, load_validation

PAGE = "validation.md"
DATA = VALIDATION_PATH

STATUS = {
    "calibration": ("kalibrasi", "calibration"),
    "population target": ("target populasi", "population target"),
    "out-of-sample": ("uji di luar sampel", "out-of-sample"),
    "known gap": ("celah diketahui", "known gap"),
    "informational": ("informasi", "informational"),
}
#: Chart panels: title, program, measures in order of preference, unit.
PANELS = (
    ("PKH KPM", "pkh", ("kpm", "kpm_target"), "m"),
    ("Sembako KPM", "sembako", ("kpm", "kpm_target"), "m"),
    ("PBI-JK jiwa / persons", "pbi_jk", ("persons", "persons_target"), "m"),
    ("PKH Rp T", "pkh", ("realisation_idr", "budget_idr"), "T"),
    ("Sembako Rp T", "sembako", ("realisation_idr", "budget_idr"), "T"),
    ("PBI-JK Rp T", "pbi_jk", ("realisation_idr", "budget_idr"), "T"),
)


def load(path: Path = DATA) -> dict:
    return load_validation(path)


def number(value: float, unit: str) -> str:
    if unit == "IDR":
        return f"Rp {value / 1e12:,.2f} T"
    if unit == "fraction":
        return f"{100 * value:.2f} %"
    if unit == "ratio":
        return f"{value:.3f}"
    return f"{value / 1e6:,.2f} m" if value >= 1e6 else f"{value:,.0f}"


def comparison(row: dict) -> str:
    if row["measure"] in ("headcount_rate", "gini"):
        scale, suffix = (100, " pp") if row["measure"] == "headcount_rate" else (1, "")
        return f"{scale * row['difference']:+.3f}{suffix}"
    return f"{row['ratio']:.3f}"


def band(row: dict) -> str:
    tolerance = row.get("tolerance")
    if not tolerance:
        return "—"
    if tolerance["kind"] == "ratio":
        return f"{tolerance['low']:.2f}–{tolerance['high']:.2f}"
    scale = 100 if row["measure"] == "headcount_rate" else 1
    return (
        f"±{scale * tolerance['high']:.3g}"
        if -tolerance["low"] == tolerance["high"]
        else (f"{scale * tolerance['low']:+.3g}…{scale * tolerance['high']:+.3g}")
    )


def _series(rows: list[dict], program: str, measures: tuple[str, ...]) -> list[tuple]:
    """(year, simulated, official) per year: the first measure of the year found, whole-year
    figures before a month's."""
    points = []
    for year in sorted({row["year"] for row in rows}):
        found = [
            row
            for measure in measures
            for row in rows
            if row["year"] == year and row["program"] == program and row["measure"] == measure
        ]
        found.sort(key=lambda row: (measures.index(row["measure"]), len(row["period"])))
        if found:
            points.append((year, found[0]["simulated"], found[0]["official"]))
    return points


def chart(rows: list[dict], years: list[int]) -> str:
    """Small multiples as inline SVG: official figures as dots, the simulation as a line."""
    width, height, pad = 230, 140, 30
    panels = []
    for title, program, measures, unit in PANELS:
        points = _series(rows, program, measures)
        scale = 1e12 if unit == "T" else 1e6
        values = [v / scale for _, s, o in points for v in (s, o)] or [0, 1]
        low, high = min(values) * 0.9, max(values) * 1.1 or 1

        def x(year, first=years[0], last=years[-1]):
            return pad + (width - pad - 8) * (year - first) / max(last - first, 1)

        def y(value, low=low, high=high):
            return height - 20 - (height - 40) * (value - low) / (high - low or 1)

        line = " ".join(f"{x(year):.1f},{y(s / scale):.1f}" for year, s, _ in points)
        dots = "".join(
            f'<circle cx="{x(year):.1f}" cy="{y(o / scale):.1f}" r="3.5" fill="#d97706">'
            f"<title>{year}: resmi / official {o / scale:,.2f} {unit}, simulasi / simulated "
            f"{s / scale:,.2f} {unit}</title></circle>"
            for year, s, o in points
        )
        ticks = "".join(
            f'<text x="{x(year):.1f}" y="{height - 5}" font-size="9" text-anchor="middle">'
            f"{str(year)[2:]}</text>"
            for year in years
        )
        panels.append(
            f'<svg width="{width}" height="{height}" role="img" aria-label="{title}">'
            f'<text x="4" y="12" font-size="11" font-weight="bold">{title}</text>'
            f'<text x="4" y="{y(high / 1.1):.1f}" font-size="9">{high / 1.1:,.1f}</text>'
            f'<text x="4" y="{y(low / 0.9):.1f}" font-size="9">{low / 0.9:,.1f}</text>'
            f'<polyline points="{line}" fill="none" stroke="#0f766e" stroke-width="2"/>'
            f"{dots}{ticks}</svg>"
        )
    legend = (
        '<p><span style="color:#0f766e">━</span> simulasi / <em>simulated</em> · '
        '<span style="color:#d97706">●</span> resmi / <em>official</em> (KPM per round or '
        "target; realisation or budget)</p>"
    )
    return '<div class="validation-chart">\n' + "".join(panels) + "\n" + legend + "</div>"


def _year_section(year: int, rows: list[dict]) -> list[str]:
    lines = [
        f"### {year}",
        "",
        "| Program | Ukuran / *measure* | Periode | Simulasi | Resmi | Rasio | Toleransi "
        "| Status |",
        "|---|---|---|---:|---:|---:|---|---|",
    ]
    for row in rows:
        status = STATUS[row["status"]][0]
        if row.get("within") is False:
            status += " **(GAGAL / FAILS)**"
        lines.append(
            f"| {cell(row['program'])} | {cell(row['measure'])} | {row['period']} "
            f"| {number(row['simulated'], row['unit'])} | {number(row['official'], row['unit'])} "
            f"| {comparison(row)} | {band(row)} | {status} |"
        )
    lines += ["", '??? note "Definisi dan sumber / *Definitions and sources*"', ""]
    for row in rows:
        sources = ", ".join(f"[{cell(s['publisher'])}]({s['url']})" for s in row["sources"])
        lines.append(
            f"    - **{cell(row['program'])} {row['period']} {cell(row['measure'])}** — "
            f"simulasi / *simulated*: {cell(row['simulated_definition'])}; resmi / "
            f"*official*: {cell(row['official_definition'])} ({cell(row['confidence'])}; "
            f"{sources}). Toleransi / *tolerance*: {cell(row.get('why', '—'))}"
            + (f" **Sebab / cause:** {cell(row['cause'])}" if row.get("cause") else "")
        )
    return [*lines, ""]


def render(data: dict | None = None) -> str:
    from openfisca_indonesia_sosial.official.checks import CALIBRATION, KNOWN_GAPS

    data = data or load()
    rows, years = data["rows"], data["years"]
    checked = [row for row in rows if "within" in row]
    failing = [row for row in checked if not row["within"]]
    counts = {key: sum(row["status"] == key for row in rows) for key in STATUS}
    lines = [
        f"# {bi('Validasi', 'Validation')}",
        "",
        "Halaman ini dibuat dari `openfisca_indonesia_sosial/official/validation.json`: setiap "
        "angka resmi bersumber (`official/figures.yaml`) dibandingkan dengan simulasi baseline "
        f"pada populasi bawaan tahun {years[0]}–{years[-1]}. Perbarui dengan "
        "`bansos validation --json openfisca_indonesia_sosial/official/validation.json`.  ",
        "*Each sourced official figure beside the baseline simulated on the default "
        "population of its year. Recipients are counted as the ministry reports KPM: the "
        "average over the payment months of the units paid that month. Budgets include "
        "administration and bank fees, the simulation counts transfers only.*",
        "",
        f"**{len(rows)}** baris / *rows*: "
        + ", ".join(f"{n} {STATUS[key][1]}" for key, n in counts.items() if n)
        + f"; **{len(checked) - len(failing)}/{len(checked)}** dalam toleransi / *within "
        "tolerance*.",
        "",
        f"## {bi('Cara membaca', 'How to read it')}",
        "",
        "- **kalibrasi / *calibration***: angka ini menetapkan parameter penyaluran "
        "(`penyaluran.tingkat_penyerapan`); kecocokannya disengaja. *The figure set a "
        "delivery parameter; agreement is by construction.*",
        "- **target populasi / *population target***: populasi sintetis dikalibrasi ke angka "
        "ini. *The synthetic population was calibrated to it.*",
        "- **uji di luar sampel / *out-of-sample***: tidak ada yang disesuaikan ke angka ini. "
        "*Nothing was fitted to it: the real test.*",
        "- **celah diketahui / *known gap***: di luar toleransi definisi, sebabnya ditemukan "
        "dan dijaga dalam pita yang dinyatakan. *Outside the band the definitions explain, "
        "for a stated cause, guarded within a stated band.*",
        "- **informasi / *informational***: definisinya berbeda; tidak diuji. *Different "
        "definitions; shown, not checked.*",
        "",
        f"## {bi('Kalibrasi dan uji di luar sampel', 'Calibration and out-of-sample')}",
        "",
        "| Angka resmi / *official figure* | Parameter |",
        "|---|---|",
        *(
            f"| {p} {period} {m} | {cell(parameter)} |"
            for (p, period, m), parameter in (CALIBRATION.items())
        ),
        "",
        "Semua baris lain yang diuji adalah uji di luar sampel.  ",
        "*Every other checked row is an out-of-sample check: e.g. PKH KPM 2022-2024 against "
        "the 2019 rate, Sembako 2020, 2022, 2024-2025, PBI-JK November 2021, 2024 and June "
        "2025, every realisation in rupiah.*",
        "",
        f"## {bi('Grafik', 'Chart')}",
        "",
        chart(rows, years),
        "",
        f"## {bi('Celah dan sebabnya', 'Gaps and their causes')}",
        "",
    ]
    for gap in KNOWN_GAPS:
        periods = ", ".join(gap.periods)
        lines.append(
            f"- **{gap.program} {'/'.join(gap.measures)}** ({periods}; "
            f"{gap.low:g}–{gap.high:g}): {cell(gap.cause)}."
        )
    lines += ["", f"## {bi('Komposisi keluarga PKH', 'PKH family composition')}", ""]
    lines += ["| Tahun | Jiwa per KPM / *persons per family* | Biaya per KPM / *cost per family* |"]
    lines += ["|---|---:|---:|"]
    for year, values in sorted(data.get("diagnostics", {}).items()):
        if values:
            lines.append(
                f"| {year} | {values['pkh_persons_per_family']:.2f} "
                f"| Rp {values['pkh_cost_per_family_idr'] / 1e6:.2f} m |"
            )
    lines += [
        "",
        "*Reported for 2021: 33.7 m persons in 10 m KPM (3.37) and Rp 30.4 T for 10 m KPM "
        "(Rp 3.04 m including administration).*",
        "",
        f"## {bi('Tabel per tahun', 'Table by year')}",
        "",
    ]
    for year in years:
        lines += _year_section(year, [row for row in rows if row["year"] == year])
    lines += [f"## {bi('Tidak dibandingkan', 'Not compared')}", ""]
    for row in data.get("not_compared", []):
        lines.append(
            f"- {row['program']} {row['period']} {row['measure']} "
            f"({number(row['official'], 'IDR' if row['measure'].endswith('_idr') else '')}): "
            f"{cell(row['reason'])}"
        )
    return "\n".join(lines) + "\n"
