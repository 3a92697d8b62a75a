"""The rules timeline: every dated value of every parameter, in date order."""

from __future__ import annotations

from openfisca_indonesia_sosial.docs_gen._markdown import bi, cell, format_value, link
from openfisca_indonesia_sosial.docs_gen.parameters import LeafInfo, reference_title

PAGE = "timeline.md"


def changes(leaves: dict[str, LeafInfo]) -> list[tuple[str, str, object, object, bool]]:
    """(date, parameter, old value, new value, is first value), sorted by date then name."""
    found = []
    for name, info in leaves.items():
        previous = None
        for index, (date, value) in enumerate(info.values()):
            found.append((date, name, previous, value, index == 0))
            previous = value
    return sorted(found, key=lambda c: (c[0], c[1]))


def render(leaves: dict[str, LeafInfo]) -> str:
    all_changes = changes(leaves)
    lines = [
        f"# {bi('Linimasa aturan', 'Rules timeline')}",
        "",
        "Setiap perubahan bertanggal pada semua parameter, urut tanggal: apa yang berubah, "
        "nilai lama → baru, sejak kapan, dan dengan instrumen apa. Dibuat dari pohon parameter "
        "saat situs dibangun.  ",
        "*Every dated change across all parameters in date order: what changed, old → new, "
        "from when, by which instrument. Generated from the parameter tree when the site is "
        "built.*",
        "",
        f"{len(all_changes)} {bi('nilai bertanggal', 'dated values')}, "
        f"{len(leaves)} {bi('parameter', 'parameters')}. "
        + bi(
            "*awal* menandai nilai pertama sebuah parameter.",
            "'first' marks a parameter's first value.",
        ),
        "",
    ]
    year = None
    for date, name, old, new, first in all_changes:
        if date[:4] != year:
            year = date[:4]
            lines += [
                "",
                f"## {year}",
                "",
                f"| {bi('Tanggal', 'Date')} | Parameter | {bi('Perubahan', 'Change')} "
                f"| {bi('Dasar hukum', 'Instrument')} |",
                "|---|---|---|---|",
            ]
        info = leaves[name]
        new_text = format_value(new, info.unit)
        change = (
            f"{bi('awal', 'first')}: {new_text}"
            if first
            else f"{format_value(old, info.unit)} → {new_text}"
        )
        instruments = "<br>".join(reference_title(e) for e in info.references(date)) or "—"
        label = cell(info.description)
        lines.append(
            f"| {date} | {link(PAGE, info.page, name)}<br><small>{label}</small> "
            f"| {change} | {instruments} |"
        )
    lines.append("")
    return "\n".join(lines)
