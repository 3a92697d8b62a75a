"""The report's tables: the summary (baseline and each reform's changes), poverty and
inequality, winners and losers. Every count carries its unit; intervals when the run has them.
"""

from __future__ import annotations

from collections.abc import Mapping

from openfisca_indonesia_sosial.report import figures, labels
from openfisca_indonesia_sosial.report.markup import Html, bi, esc, link, table
from openfisca_indonesia_sosial.report.numbers import (
    MILLION,
    TRILLION,
    percent,
    with_interval,
)

POVERTY_ROWS = (
    ("headcount_rate", "P0 tingkat kemiskinan", "headcount ratio", 100, 2, " %"),
    ("poverty_gap_index", "P1 indeks kedalaman", "poverty gap index", 100, 3, " %"),
    ("poverty_severity_index", "P2 indeks keparahan", "poverty severity index", 100, 3, " %"),
    ("gini", "Rasio Gini", "Gini coefficient", 1, 4, ""),
)


def program_cell(key: str) -> Html:
    return Html(f"{esc(labels.label(key))}<br><span class='en'>{esc(labels.label_en(key))}</span>")


def _count(value: float | None, unit: str, ci95=None) -> str:
    if value is None:
        return "—"
    return with_interval(value, ci95, MILLION, suffix=f" jt {unit}")


def _cost(value: float, ci95=None) -> str:
    return with_interval(value, ci95, TRILLION)


def official_cell(official: Mapping | None, key: str) -> Html:
    """The official counterpart of a program's headline figure: a mapping value is a text,
    or a dict with ``text`` and ``url`` (a link), as ``bansos validation`` knows them."""
    entry = (official or {}).get(key)
    if entry is None:
        return Html("—")
    if isinstance(entry, str):
        return Html(esc(entry))
    return link(entry.get("text", ""), entry.get("url"))


def baseline_table(summary: dict, shown: list[str], official: Mapping | None = None) -> Html:
    base = summary["scenarios"][figures.BASELINE]
    monthly = figures.monthly_average_counts(summary)
    # the footnotes of labels.recipients_definition, in its order
    headers = [
        bi("Program", "program"),
        bi("Penerima", "recipients") + Html("<sup>1</sup>"),
    ]
    if monthly:
        headers.append(bi("Setahun", "in the year") + Html("<sup>2</sup>"))
    headers += [
        bi("Puncak bulanan", "peak month") + Html(f"<sup>{3 if monthly else 2}</sup>"),
        bi("Biaya, Rp T", "cost, Rp trillion"),
    ]
    if official is not None:
        headers.append(bi("Angka resmi", "official figure"))
    rows = []
    for key in shown:
        program = base["programs"][key]
        count = figures.count(program)
        row = [program_cell(key), _count(count.value, count.unit, count.ci95)]
        if monthly:
            row.append(_count(count.year, count.unit))
        row += [
            _count(count.peak, count.unit),
            _cost(program["cost_idr"], figures.interval(program, "cost_idr")),
        ]
        if official is not None:
            row.append(official_cell(official, key))
        rows.append(row)
    total = ["Total", *[""] * (len(headers) - 2 - (official is not None))]
    total.append(_cost(base["total_cost_idr"], figures.interval(base, "total_cost_idr")))
    if official is not None:
        total.append("")
    rows.append(total)
    return table(headers, rows)


def reform_table(summary: dict, name: str, shown: list[str]) -> Html:
    base = summary["scenarios"][figures.BASELINE]
    reform = summary["scenarios"][name]
    change = figures.difference(summary, name)
    headers = [
        bi("Program", "program"),
        bi("Penerima baseline", "recipients, baseline"),
        bi("Penerima reformasi", "recipients, reform"),
        bi("Selisih penerima", "change in recipients"),
        bi("Biaya baseline, Rp T", "cost, baseline"),
        bi("Biaya reformasi, Rp T", "cost, reform"),
        bi("Selisih biaya, Rp T", "change in cost"),
    ]
    rows = []
    for key in shown:
        before, after = base["programs"][key], reform["programs"][key]
        count_before, count_after = figures.count(before), figures.count(after)
        delta = change["programs"].get(key, {})
        counted = figures.count_key(after)
        delta_count = delta.get(counted, count_after.value - count_before.value)
        delta_cost = delta.get("cost_idr", after["cost_idr"] - before["cost_idr"])
        rows.append(
            [
                program_cell(key),
                _count(count_before.value, count_before.unit),
                _count(count_after.value, count_after.unit),
                with_interval(
                    delta_count,
                    figures.interval(delta, counted),
                    MILLION,
                    sign=True,
                    suffix=f" jt {count_after.unit}",
                ),
                _cost(before["cost_idr"]),
                _cost(after["cost_idr"]),
                with_interval(delta_cost, figures.interval(delta, "cost_idr"), TRILLION, sign=True),
            ]
        )
    total, total_ci = figures.total_difference(summary, name)
    rows.append(
        [
            "Total",
            "",
            "",
            "",
            _cost(base["total_cost_idr"]),
            _cost(reform["total_cost_idr"]),
            with_interval(total, total_ci, TRILLION, sign=True),
        ]
    )
    return table(headers, rows)


def poverty_table(summary: dict) -> Html:
    base = summary["scenarios"][figures.BASELINE]
    reforms = figures.reforms(summary)
    # reforms by number: their names and labels head their own tables above
    headers = [bi("Ukuran", "measure"), "Baseline"]
    for index, _ in enumerate(reforms, start=1):
        headers += [bi(f"Reformasi {index}", f"reform {index}"), bi(f"Selisih {index}", "change")]
    rows = []
    for key, name_id, name_en, scale, digits, unit in POVERTY_ROWS:
        if key not in base["poverty"]:
            continue
        row = [
            bi(name_id, name_en),
            with_interval(
                base["poverty"][key],
                figures.interval(base["poverty"], key),
                1 / scale,
                digits,
                suffix=unit,
            ),
        ]
        for name in reforms:
            reform = summary["scenarios"][name]["poverty"]
            delta = figures.difference(summary, name).get("poverty", {})
            value = delta.get(key, reform[key] - base["poverty"][key])
            row += [
                f"{reform[key] * scale:.{digits}f}{unit}",
                with_interval(
                    value,
                    figures.interval(delta, key),
                    1 / scale,
                    digits,
                    sign=True,
                    suffix=" pp" if unit else "",
                ),
            ]
        rows.append(row)
    cost_row = [
        bi("Biaya per 1 poin P1, Rp T", "cost per point of poverty gap, Rp trillion"),
        "",
    ]
    any_cost = False
    for name in reforms:
        per_point = (
            summary["scenarios"][name].get("change", {}).get("cost_per_poverty_gap_point_idr")
        )
        any_cost = any_cost or per_point is not None
        cost_row += ["", _cost(per_point) if per_point is not None else "—"]
    if any_cost:
        rows.append(cost_row)
    return table(headers, rows)


def winners_table(summary: dict) -> Html:
    rows = []
    reforms = figures.reforms(summary)
    number = {name: index for index, name in enumerate(reforms, start=1)}
    for row in figures.rows(summary, "winners_losers"):
        average = (
            bi("sampel terlalu kecil", "too few sample families")
            if figures.too_few(row)
            else with_interval(
                row["average_change_idr"],
                figures.interval(row, "average_change_idr"),
                1,
                0,
                sign=True,
            )
        )
        rows.append(
            [
                bi(f"Reformasi {number.get(row['scenario'], '?')}", row["scenario"]),
                Html(str(row["decile"])),
                percent(row["share_gaining"]),
                percent(row["share_losing"]),
                percent(row["share_unchanged"]),
                average,
            ]
        )
    headers = [
        bi("Reformasi", "reform"),
        bi("Desil pengeluaran", "expenditure decile"),
        bi("Untung", "gaining"),
        bi("Rugi", "losing"),
        bi("Tetap", "unchanged"),
        bi("Rata-rata, Rp per KK per tahun", "average, Rp per family per year"),
    ]
    if len(reforms) == 1:  # the reform is named in the section's chart and above
        headers, rows = headers[1:], [row[1:] for row in rows]
    return table(headers, rows, numeric_from=1 if len(reforms) == 1 else 2)
